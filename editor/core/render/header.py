"""The post header the site's blog template shows above the body, built from frontmatter."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from html import escape
from typing import Any

from editor.core.field_roles import DEFAULT_ROLES, FieldRoles, first_present, hero_image
from editor.core.render.assets import AssetResolver, is_remote


def format_date(value: Any) -> str:
    """A frontmatter date as the writer wrote it; date and datetime objects as ISO dates."""
    # datetime is a subclass of date, so it must be tested first.
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value).strip()


def _present(data: Mapping[str, Any], key: str) -> bool:
    value = data.get(key)
    return value is not None and str(value).strip() != ""


def _hero_html(ref: Any, assets: AssetResolver | None) -> str:
    text = str(ref).strip()
    if not isinstance(ref, str):
        url = None
    elif is_remote(text) or assets is None:
        # Remote heroes stay as written (the page's CSP decides); without a resolver there is
        # nothing to resolve against, so the reference is rendered as written.
        url = text
    else:
        url = assets.url_for(text)
    if url is None:
        return f'<div class="hero-missing">Hero image not found: {escape(text)}</div>\n'
    return f'<img class="hero-image" src="{escape(url)}" alt="">\n'


def _date_html(data: Mapping[str, Any], roles: FieldRoles) -> str:
    parts = []
    published, updated = first_present(data, roles.date), first_present(data, roles.updated)
    if published is not None:
        text = escape(format_date(published))
        parts.append(f'<time datetime="{text}">{text}</time>')
    if updated is not None:
        text = escape(format_date(updated))
        parts.append(
            f'<span class="post-updated">Updated <time datetime="{text}">{text}</time></span>'
        )
    if not parts:
        return ""
    return f'<p class="post-date">{" ".join(parts)}</p>\n'


def render_post_header(
    data: Mapping[str, Any] | None,
    assets: AssetResolver | None,
    roles: FieldRoles = DEFAULT_ROLES,
) -> str:
    """`<header class="post-header">` as the Astro blog template shows it; "" without data.
    roles says which fields are the dates and the hero image."""
    # A YAML document can be a list or a scalar; only a mapping has post fields.
    if not isinstance(data, Mapping) or not data:
        return ""
    html = ['<header class="post-header">\n']
    hero = hero_image(data, roles.image)
    if hero is not None:
        html.append(_hero_html(hero, assets))
    html.append(_date_html(data, roles))
    if _present(data, "title"):
        html.append(f'<h1 class="post-title">{escape(str(data["title"]))}</h1>\n')
    if _present(data, "description"):
        html.append(f'<p class="post-description">{escape(str(data["description"]))}</p>\n')
    html.append("</header>\n")
    return "".join(html)
