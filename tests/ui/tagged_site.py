"""The sample site with its tags translated per language, as the reference user's site has them."""

from __future__ import annotations

import re
from pathlib import Path

# Each English tag in the sample site, as the ko / ja / zh posts write it (same positions).
TRANSLATED = {
    "ai": {"ko": "인공지능", "ja": "人工知能", "zh": "人工智能"},
    "llm": {"ko": "LLM", "ja": "LLM", "zh": "LLM"},
    "database": {"ko": "데이터베이스", "ja": "データベース", "zh": "数据库"},
    "performance": {"ko": "성능", "ja": "パフォーマンス", "zh": "性能"},
    "static-site": {"ko": "정적사이트", "ja": "静的サイト", "zh": "静态网站"},
    "workflow": {"ko": "워크플로", "ja": "ワークフロー", "zh": "工作流"},
    "team": {"ko": "팀", "ja": "チーム", "zh": "团队"},
    "local-llm": {"ko": "로컬LLM", "ja": "ローカルLLM", "zh": "本地LLM"},
}


def translate_tags(site: Path) -> None:
    """Rewrite the ko, ja and zh posts' tags of a copy of the sample site in their language."""
    for lang in ("ko", "ja", "zh"):
        for post in (site / "src/content/blog" / lang).glob("*.md"):
            text = post.read_text("utf-8")
            for tag, names in TRANSLATED.items():
                name = names[lang]
                text = re.sub(rf"(?m)^(  - ){re.escape(tag)}$", rf"\g<1>{name}", text)
                text = re.sub(rf"(?m)^(tags: \[.*?)\b{re.escape(tag)}\b", rf"\g<1>{name}", text)
            post.write_text(text, "utf-8")
