// Postdesk preview page. Python sends rendered blocks through window.postdesk.render();
// this script patches the DOM block by block (unchanged blocks keep their nodes, so the
// scroll position and rendered diagrams survive typing) and turns Mermaid fences into SVG.
// It reports back to Python on the console with the "postdesk:" prefix.
"use strict";

(function () {
  const contentEl = document.getElementById("content");
  const headerEl = document.getElementById("header");
  const svgCache = new Map(); // Mermaid source -> {svg} or {error}
  let mermaidQueue = Promise.resolve();
  let mermaidReady = false;
  let mermaidHint = "Mermaid is not installed: run `npm ci --prefix resources` in Postdesk's folder, then reopen the post.";
  let currentPost = null;
  let currentHeader = null;
  let diagramCounter = 0;

  function report(event, data) {
    console.info("postdesk:" + JSON.stringify(Object.assign({ event: event }, data || {})));
  }

  if (window.mermaid) {
    try {
      window.mermaid.initialize({
        startOnLoad: false,
        // 'strict' encodes HTML in labels and disables click handlers.
        securityLevel: "strict",
        theme: "default",
        fontFamily: getComputedStyle(document.body).fontFamily,
      });
      mermaidReady = true;
    } catch (err) {
      mermaidHint = "Mermaid failed to start: " + err;
    }
  }

  function fragment(html) {
    const template = document.createElement("template");
    template.innerHTML = html;
    return template.content;
  }

  function errorBox(title, message) {
    const box = document.createElement("div");
    box.className = "mermaid-error";
    const strong = document.createElement("strong");
    strong.textContent = title;
    const pre = document.createElement("pre");
    pre.textContent = message;
    box.append(strong, pre);
    return box;
  }

  function showDiagram(block, result) {
    block.querySelectorAll(":scope > svg, :scope > .mermaid-error").forEach((n) => n.remove());
    if (result.svg !== undefined) {
      block.insertAdjacentHTML("beforeend", result.svg);
      block.classList.add("rendered");
      block.classList.remove("failed");
    } else {
      block.classList.remove("rendered");
      block.classList.add("failed");
      block.append(errorBox(result.title, result.error));
    }
  }

  async function renderOne(source) {
    const id = "pd-mermaid-" + ++diagramCounter;
    try {
      const out = await window.mermaid.render(id, source);
      return { svg: out.svg };
    } catch (err) {
      return { title: "Mermaid error", error: String((err && err.message) || err) };
    } finally {
      // Mermaid leaves its scratch element behind when a diagram fails.
      document.getElementById("d" + id)?.remove();
      document.getElementById(id)?.remove();
    }
  }

  function renderDiagrams(root) {
    const blocks = Array.from(root.querySelectorAll(".mermaid-block:not([data-done])"));
    for (const block of blocks) {
      block.setAttribute("data-done", "");
      const source = block.getAttribute("data-source") || "";
      if (!mermaidReady) {
        showDiagram(block, { title: "Diagram not rendered", error: mermaidHint });
        continue;
      }
      const cached = svgCache.get(source);
      if (cached) {
        showDiagram(block, cached);
        continue;
      }
      mermaidQueue = mermaidQueue.then(async () => {
        let result = svgCache.get(source);
        if (!result) {
          result = await renderOne(source);
          svgCache.set(source, result);
          report("mermaid", { ok: result.svg !== undefined });
        }
        showDiagram(block, result);
      });
    }
    return mermaidQueue;
  }

  // Replace only the run of blocks between the unchanged prefix and suffix.
  function patchBlocks(blocks) {
    const oldNodes = Array.from(contentEl.children);
    const oldKeys = oldNodes.map((n) => n.dataset.key);
    const newKeys = blocks.map((b) => b.key);
    let prefix = 0;
    while (prefix < oldKeys.length && prefix < newKeys.length && oldKeys[prefix] === newKeys[prefix]) prefix++;
    let suffix = 0;
    while (
      suffix < oldKeys.length - prefix &&
      suffix < newKeys.length - prefix &&
      oldKeys[oldKeys.length - 1 - suffix] === newKeys[newKeys.length - 1 - suffix]
    ) suffix++;
    const anchor = suffix > 0 ? oldNodes[oldNodes.length - suffix] : null;
    for (let i = prefix; i < oldNodes.length - suffix; i++) oldNodes[i].remove();
    const inserted = document.createDocumentFragment();
    for (let i = prefix; i < blocks.length - suffix; i++) {
      const node = fragment(blocks[i].html).firstElementChild;
      if (!node) continue;
      node.dataset.key = blocks[i].key;
      inserted.append(node);
    }
    contentEl.insertBefore(inserted, anchor);
    // Blocks keep their data-line from the first render; refresh them for scroll sync.
    const nodes = contentEl.children;
    for (let i = 0; i < blocks.length && i < nodes.length; i++) {
      nodes[i].dataset.line = blocks[i].line;
    }
    return blocks.length - prefix - suffix;
  }

  window.postdesk = {
    configure(options) {
      if (options.pygmentsCss !== undefined) {
        document.getElementById("pygments-css").textContent = options.pygmentsCss;
      }
      if (options.mermaidHint && !window.mermaid) mermaidHint = options.mermaidHint;
    },

    render(payload) {
      const newPost = payload.postId !== currentPost;
      if (newPost) {
        contentEl.replaceChildren();
        currentHeader = null;
        currentPost = payload.postId;
      }
      document.body.classList.toggle("has-post", payload.postId !== null);
      if (payload.header !== currentHeader) {
        headerEl.replaceChildren(fragment(payload.header));
        currentHeader = payload.header;
      }
      const replaced = patchBlocks(payload.blocks);
      if (newPost) window.scrollTo(0, 0);
      renderDiagrams(contentEl).then(() => {
        report("rendered", { seq: payload.seq, replaced: replaced, blocks: payload.blocks.length });
      });
    },
  };

  report("ready", { mermaid: mermaidReady });
})();
