"""Generate realistic Astro workspaces: N slugs in ko/ja/en/zh with every YAML style real files use.

Deterministic for a seed. Styles vary per post: plain, single- and double-quoted titles;
folded `>-` and one-line descriptions; quoted and bare dates; block and flow tag lists;
relatedPosts with nested reasons; comments; CRLF newlines and UTF-8 BOMs on some files.
"""

from __future__ import annotations

import random
from pathlib import Path

LANGS = ("ko", "ja", "en", "zh")
WORDS = {
    "ko": [
        "빌드",
        "배포",
        "검사",
        "데이터",
        "모델",
        "성능",
        "인덱스",
        "브랜치",
        "커뮤니티",
        "오픈",
        "추론",
        "파이프라인",
    ],
    "ja": [
        "ビルド",
        "デプロイ",
        "検査",
        "データ",
        "モデル",
        "性能",
        "インデックス",
        "ブランチ",
        "推論",
        "パイプライン",
    ],
    "en": [
        "build",
        "deploy",
        "check",
        "data",
        "model",
        "speed",
        "index",
        "branch",
        "review",
        "pipeline",
        "cache",
        "query",
    ],
    "zh": [
        "构建",
        "部署",
        "检查",
        "数据",
        "模型",
        "性能",
        "索引",
        "分支",
        "推理",
        "流水线",
        "缓存",
        "查询",
    ],
}
CONFIG = """import { defineCollection, reference, z } from 'astro:content';
import { glob } from 'astro/loaders';

const reason = z.object({ ko: z.string(), ja: z.string(), en: z.string(), zh: z.string() });

const blog = defineCollection({
  loader: glob({ base: './src/content/blog', pattern: '**/*.{md,mdx}' }),
  schema: ({ image }) => z.object({
    title: z.string(),
    description: z.string(),
    pubDate: z.coerce.date(),
    updatedDate: z.coerce.date().optional(),
    heroImage: image().optional(),
    tags: z.array(z.string()).default([]),
    draft: z.boolean().optional(),
    relatedPosts: z
      .array(z.object({ slug: z.string(), score: z.number().min(0).max(1), reason }))
      .optional(),
  }),
});

export const collections = { blog };
"""


def _sentence(rng: random.Random, lang: str, words: int) -> str:
    sep = " " if lang in ("ko", "en") else ""
    return sep.join(rng.choice(WORDS[lang]) for _ in range(words))


def frontmatter(
    rng: random.Random, lang: str, slug: str, slugs: list[str], extra_lines: int = 0
) -> str:
    """One post's frontmatter block (with fences), in a randomly chosen mix of styles."""
    title = _sentence(rng, lang, 6)
    style = rng.random()
    if style < 0.6:
        title_line = f"title: {title}"
    elif style < 0.8:
        title_line = f"title: '{title}: 입문'" if lang == "ko" else f"title: '{title}: guide'"
    else:
        title_line = f'title: "{title} — {slug}"'
    lines = ["---", title_line]
    if rng.random() < 0.7:
        lines += [
            "description: >-",
            f"  {_sentence(rng, lang, 12)}",
            f"  {_sentence(rng, lang, 10)}",
        ]
    else:
        lines.append(f"description: {_sentence(rng, lang, 10)}")
    month, day = rng.randint(1, 12), rng.randint(1, 28)
    date = f"2026-{month:02d}-{day:02d}"
    lines.append(f"pubDate: '{date}'" if rng.random() < 0.85 else f"pubDate: {date}")
    if rng.random() < 0.3:
        lines.append("# updated after review")
        lines.append(f"updatedDate: '2026-{month:02d}-{min(day + 1, 28):02d}'")
    lines.append(f"heroImage: ../../../assets/blog/{slug}-hero.png")
    tags = rng.sample(["ai", "llm", "astro", "rust", "go", "sql", "git", "ci", "web", "data"], 3)
    if rng.random() < 0.75:
        lines.append("tags:")
        lines += [f"  - {t}" for t in tags]
    else:
        lines.append(f"tags: [{', '.join(tags)}]")
    if rng.random() < 0.1:
        lines.append("draft: true")
    related = rng.sample(slugs, min(len(slugs), rng.randint(1, 3)))
    lines.append("relatedPosts:")
    for other in related:
        lines += [f"  - slug: {other}", f"    score: {rng.randint(40, 99) / 100}", "    reason:"]
        for lng in LANGS:
            lines.append(f"      {lng}: {_sentence(rng, lng, 5)}")
    for i in range(extra_lines):
        lines.append(f"note{i}: {_sentence(rng, lang, 4)}")
    lines.append("---")
    return "\n".join(lines) + "\n"


def body(rng: random.Random, lang: str, paragraphs: int) -> str:
    """A Markdown body with headings, a table, code and prose."""
    parts = []
    for i in range(paragraphs):
        if i % 4 == 0:
            parts.append(f"## {_sentence(rng, lang, 3)}")
        parts.append(f"{_sentence(rng, lang, 25)} <strong>{_sentence(rng, lang, 2)}</strong>.")
        if i % 7 == 3:
            parts.append("| a | b |\n|---|---|\n| 1 | 2 |")
        if i % 9 == 5:
            parts.append("```python\nprint('hello')\n```")
    return "\n\n".join(parts) + "\n"


def generate_site(root: Path, slug_count: int, seed: int = 7, paragraphs: int = 6) -> list[Path]:
    """Write an Astro site with slug_count slugs in four languages; returns the post paths."""
    rng = random.Random(seed)
    (root / "src").mkdir(parents=True, exist_ok=True)
    (root / "src" / "content.config.ts").write_text(CONFIG, encoding="utf-8")
    (root / "astro.config.mjs").write_text("export default {};\n", encoding="utf-8")
    slugs = [f"post-{i:05d}" for i in range(slug_count)]
    paths = []
    for lang in LANGS:
        folder = root / "src" / "content" / "blog" / lang
        folder.mkdir(parents=True, exist_ok=True)
        for slug in slugs:
            text = frontmatter(rng, lang, slug, slugs) + "\n" + body(rng, lang, paragraphs)
            data = text.encode("utf-8")
            roll = rng.random()
            if roll < 0.05:
                data = text.replace("\n", "\r\n").encode("utf-8")
            elif roll < 0.08:
                data = b"\xef\xbb\xbf" + data
            path = folder / f"{slug}.md"
            path.write_bytes(data)
            paths.append(path)
    return paths
