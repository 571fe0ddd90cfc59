// Postdesk preview page. Python sends rendered blocks through window.postdesk.update();
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

  let darkTheme = false;

  function startMermaid() {
    if (!window.mermaid) return;
    try {
      window.mermaid.initialize({
        startOnLoad: false,
        // 'strict' encodes HTML in labels and disables click handlers; Mermaid keeps it
        // out of reach of a diagram's %%{init}%% directives.
        securityLevel: "strict",
        theme: darkTheme ? "dark" : "default",
        fontFamily: getComputedStyle(document.body).fontFamily,
      });
      mermaidReady = true;
    } catch (err) {
      mermaidReady = false;
      mermaidHint = "Mermaid failed to start: " + err;
    }
  }
  startMermaid();

  function setTheme(dark) {
    document.documentElement.setAttribute("data-theme", dark ? "dark" : "light");
    if (dark === darkTheme) return;
    darkTheme = dark;
    // Mermaid bakes its theme into each SVG: start it again and redraw every diagram.
    startMermaid();
    svgCache.clear();
    for (const block of contentEl.querySelectorAll(".mermaid-block")) {
      block.removeAttribute("data-done");
      block.classList.remove("rendered", "failed");
      block.querySelectorAll(":scope > svg, :scope > .mermaid-error").forEach((n) => n.remove());
    }
    renderDiagrams(contentEl);
  }

  function fragment(html) {
    const template = document.createElement("template");
    template.innerHTML = html;
    return template.content;
  }

  // -- the list of blocks --------------------------------------------------------------------
  // Blocks live in groups of about GROUP_SIZE under #content. Each group is laid out and
  // painted only when on screen (content-visibility in preview.css), so a change in one
  // block costs Blink a group and the list of groups, not 20,000 siblings (measured on a
  // 3 MB post: 35-50 ms per frame with one flat list, 1-2 ms with groups).
  const GROUP_SIZE = 64;

  function newGroup(before) {
    const group = document.createElement("div");
    group.className = "pd-group";
    contentEl.insertBefore(group, before);
    return group;
  }

  function firstBlock() {
    for (let group = contentEl.firstElementChild; group; group = group.nextElementSibling) {
      if (group.firstElementChild) return group.firstElementChild;
    }
    return null;
  }

  function nextBlock(node) {
    if (node.nextElementSibling) return node.nextElementSibling;
    for (let group = node.parentNode.nextElementSibling; group; group = group.nextElementSibling) {
      if (group.firstElementChild) return group.firstElementChild;
    }
    return null;
  }

  function* allBlocks() {
    for (let group = contentEl.firstElementChild; group; group = group.nextElementSibling) {
      yield* group.children;
    }
  }

  function blockAt(index) {
    for (let group = contentEl.firstElementChild; group; group = group.nextElementSibling) {
      if (index < group.childElementCount) return group.children[index];
      index -= group.childElementCount;
    }
    return null;
  }

  function blockCount() {
    let count = 0;
    for (let group = contentEl.firstElementChild; group; group = group.nextElementSibling) {
      count += group.childElementCount;
    }
    return count;
  }

  function removeBlock(node) {
    const group = node.parentNode;
    node.remove();
    if (group && group.parentNode === contentEl && !group.firstElementChild) group.remove();
  }

  // Put node before `before` (a block), or at the end; a group that grows to twice its
  // size is split, so groups stay small however the writer inserts.
  function insertBlock(node, before) {
    const from = node.parentNode;
    let group;
    if (before) {
      group = before.parentNode;
      group.insertBefore(node, before);
    } else {
      group = contentEl.lastElementChild;
      if (!group || group.childElementCount >= GROUP_SIZE) group = newGroup(null);
      group.append(node);
    }
    // A block moved out of another group may leave it empty (fresh nodes come from a fragment).
    if (from && from !== group && from.parentNode === contentEl && !from.firstElementChild) {
      from.remove();
    }
    if (group.childElementCount >= 2 * GROUP_SIZE) {
      const half = newGroup(group.nextElementSibling);
      while (group.childElementCount > GROUP_SIZE) half.prepend(group.lastElementChild);
    }
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

  // Replace a run of blocks by the payload's blocks and move the lines of the blocks after
  // it: the one way the page changes. A splice's run is what one edit changed, whatever the
  // post's length; a whole render's run is every block (p.remove === null).
  // In the run, the node of every key the page already has is reused (moved if needed,
  // never re-created), so diagrams, scroll position and selection survive edits; Python
  // leaves out the html of keys the page has a node for. Returns the count of new nodes,
  // or -1 when the page did not hold what Python thought (a key without html and without
  // a node, or another block count).
  // Keys of identical blocks share their first 16 characters (the content digest).
  function sameContent(a, b) {
    return a.slice(0, 16) === b.slice(0, 16);
  }

  function applyRun(p) {
    const first = p.remove === null ? firstBlock() : blockAt(p.start);
    const byKey = new Map();
    let end = first; // the first node after the run (null: the run reaches the end)
    for (let i = 0; end && (p.remove === null || i < p.remove); i++) {
      byKey.set(end.dataset.key, end);
      end = nextBlock(end);
    }
    const wanted = new Set(p.blocks.map((block) => block.key));
    let missing = 0;
    let created = 0;
    // Walk with a node pointer, not contentEl.children[i] (indexing a live collection while
    // moving nodes is quadratic), and drop nodes that left the post as the pointer meets
    // them, so the nodes after an edit stay where they are instead of all being moved.
    let cursor = first;
    const skipStale = () => {
      while (cursor !== end && !wanted.has(cursor.dataset.key)) {
        const next = nextBlock(cursor);
        removeBlock(cursor);
        cursor = next;
      }
    };
    for (const block of p.blocks) {
      skipStale();
      let node = byKey.get(block.key);
      if (node && cursor !== end && node !== cursor && sameContent(cursor.dataset.key, block.key)) {
        // Identical blocks trade keys instead of places: moving a node that holds a
        // Mermaid SVG (with its own <style>) restyles the whole page.
        const cursorKey = cursor.dataset.key;
        node.dataset.key = cursorKey;
        byKey.set(cursorKey, node);
        cursor.dataset.key = block.key;
        node = cursor;
      }
      byKey.delete(block.key);
      if (!node) {
        if (block.html === undefined) {
          missing++;
          continue;
        }
        node = fragment(block.html).firstElementChild;
        if (!node) continue;
        node.dataset.key = block.key;
        created++;
      }
      const line = String(block.line);
      const lineEnd = String(block.end);
      if (node.dataset.line !== line) node.dataset.line = line;
      if (node.dataset.lineEnd !== lineEnd) node.dataset.lineEnd = lineEnd;
      if (node === cursor) cursor = nextBlock(cursor);
      else if (cursor !== end && node === nextBlock(cursor)) {
        // The node at the pointer belongs further down (the block before it changed):
        // take it out, and put it back once, when its key comes, instead of moving every
        // node after it. (Detached nodes stay in byKey.)
        const displaced = cursor;
        cursor = nextBlock(node);
        removeBlock(displaced);
      } else insertBlock(node, cursor);
    }
    // Whatever is left of the run is no longer in the post.
    while (cursor !== end) {
      const next = nextBlock(cursor);
      removeBlock(cursor);
      cursor = next;
    }
    if (p.shift) {
      for (let node = end; node; node = nextBlock(node)) {
        node.dataset.line = Number(node.dataset.line) + p.shift;
        node.dataset.lineEnd = Number(node.dataset.lineEnd) + p.shift;
      }
    }
    return missing === 0 && blockCount() === p.total ? created : -1;
  }

  // -- scroll sync and clicks ---------------------------------------------------------------

  let programmaticY = null; // where scrollToLine sent the page: that scroll is not reported
  // The line scroll sync keeps at the top until the writer scrolls the page themselves.
  let syncLine = null;
  let scrollReportPending = false;

  function blockAtLine(line) {
    let found = null;
    for (let group = contentEl.firstElementChild; group; group = group.nextElementSibling) {
      const first = group.firstElementChild;
      if (!first || Number(first.dataset.line) > line) break;
      for (const node of group.children) {
        if (Number(node.dataset.line) <= line) found = node;
        else break;
      }
    }
    return found;
  }

  // A block's top in page coordinates (offsetTop counts from its group, which contains it).
  function pageTop(node) {
    return node.getBoundingClientRect().top + window.scrollY;
  }

  function lineAtTop() {
    const y = window.scrollY;
    let group = contentEl.firstElementChild;
    // Skip whole groups above the top (their blocks are not laid out while off screen).
    while (group && group.nextElementSibling && pageTop(group) + group.offsetHeight <= y) {
      group = group.nextElementSibling;
    }
    for (const node of group ? group.children : []) {
      const top = pageTop(node);
      const bottom = top + node.offsetHeight;
      if (bottom > y) {
        const start = Number(node.dataset.line);
        const end = Number(node.dataset.lineEnd || start + 1);
        const within = node.offsetHeight > 0 ? Math.max(0, (y - top) / node.offsetHeight) : 0;
        return Math.floor(start + within * (end - start));
      }
    }
    return null;
  }

  function alignToLine(line) {
    const node = blockAtLine(line);
    if (!node) return;
    const start = Number(node.dataset.line);
    const end = Number(node.dataset.lineEnd || start + 1);
    const within = end > start ? (line - start) / (end - start) : 0;
    const limit = document.scrollingElement.scrollHeight - window.innerHeight;
    const y = Math.round(Math.max(0, Math.min(limit, pageTop(node) + within * node.offsetHeight)));
    if (Math.abs(window.scrollY - y) < 2) return;
    programmaticY = y;
    window.scrollTo(0, y);
  }

  // Blocks off screen have estimated heights until they are first laid out, which happens
  // after a long jump has brought them near: when the content's height changes, the synced
  // line is put back at the top.
  new ResizeObserver(() => {
    if (syncLine !== null) alignToLine(syncLine);
  }).observe(contentEl);
  for (const type of ["wheel", "mousedown", "keydown", "touchstart"]) {
    window.addEventListener(type, () => (syncLine = null), { passive: true });
  }

  window.addEventListener("scroll", () => {
    if (programmaticY !== null && Math.abs(window.scrollY - programmaticY) < 2) {
      programmaticY = null;
      return;
    }
    programmaticY = null;
    if (scrollReportPending) return;
    scrollReportPending = true;
    requestAnimationFrame(() => {
      scrollReportPending = false;
      const line = lineAtTop();
      if (line !== null) report("scrolled", { line: line });
    });
  });

  function followLink(anchor) {
    const href = anchor.getAttribute("href") || "";
    if (href.startsWith("#")) {
      const target = document.getElementById(decodeURIComponent(href.slice(1)));
      if (target) target.scrollIntoView();
      return;
    }
    report("link", { href: href });
  }

  document.addEventListener("click", (event) => {
    const anchor = event.target.closest("a[href]");
    if (anchor) {
      // The page never navigates: Python opens posts in the editor, the web in a browser.
      event.preventDefault();
      followLink(anchor);
      return;
    }
    if (!window.getSelection().isCollapsed) return; // the writer is selecting text
    const block = event.target.closest("#content > .pd-group > .pd-block");
    if (block) report("clicked", { line: Number(block.dataset.line) });
  });

  function showHeader(payload) {
    document.body.classList.toggle("has-post", payload.postId !== null);
    if (payload.header !== currentHeader) {
      headerEl.replaceChildren(fragment(payload.header));
      currentHeader = payload.header;
    }
  }

  function afterPatch(seq, created, blocks) {
    renderDiagrams(contentEl).then(() => {
      report("rendered", { seq: seq, created: created, blocks: blocks });
    });
  }

  window.postdesk = {
    configure(options) {
      if (options.pygmentsCss !== undefined) {
        document.getElementById("pygments-css").textContent = options.pygmentsCss;
      }
      if (options.mermaidHint && !window.mermaid) mermaidHint = options.mermaidHint;
      if (options.theme !== undefined) setTheme(options.theme === "dark");
    },

    scrollToLine(line) {
      syncLine = line;
      alignToLine(line);
    },

    // Every change of the page's post: see applyRun.
    update(payload) {
      const newPost = payload.postId !== currentPost;
      if (newPost) {
        if (payload.remove !== null) {
          // A splice of a post the page does not show: ask for every block.
          report("missing", { count: payload.total });
          return;
        }
        contentEl.replaceChildren();
        currentHeader = null;
        currentPost = payload.postId;
      }
      showHeader(payload);
      const created = applyRun(payload);
      if (newPost) {
        syncLine = null;
        // A new post starts at its top; that jump is not the writer's scroll, so it is not
        // reported (it would move an editor just opened at a line back to the page's top).
        if (window.scrollY !== 0) {
          programmaticY = 0;
          window.scrollTo(0, 0);
        }
      }
      if (created < 0) {
        // The page did not hold what Python thought: ask for every block again.
        report("missing", { count: payload.total });
        return;
      }
      afterPatch(payload.seq, created, payload.total);
    },

    // The header and blocks as drawn (diagrams as SVG), as JSON: what an export writes.
    collect() {
      return JSON.stringify({
        header: headerEl.innerHTML,
        // The blocks without the page's grouping of them (an exported page is read whole).
        body: Array.from(allBlocks(), (node) => node.outerHTML).join(""),
      });
    },
  };

  report("ready", { mermaid: mermaidReady });
})();
