"""The post header mirrors the site's blog template, escaped, with a visible broken hero."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from editor.core.render import AssetResolver, MarkdownRenderer


@pytest.fixture(scope="module")
def renderer() -> MarkdownRenderer:
    """One renderer for the module."""
    return MarkdownRenderer()


@pytest.fixture
def assets(tmp_path: Path) -> AssetResolver:
    """A site with a post and its hero image."""
    post = tmp_path / "site/src/content/blog/ko/post.md"
    post.parent.mkdir(parents=True)
    hero = tmp_path / "site/src/assets/blog/post-hero.png"
    hero.parent.mkdir(parents=True)
    hero.write_bytes(b"png")
    return AssetResolver(tmp_path / "site", post)


def header(renderer: MarkdownRenderer, data: dict, assets: AssetResolver | None = None) -> str:
    """The header HTML for `data` over an empty body."""
    return renderer.render("", data=data, assets=assets).header_html


def test_full_header_in_template_order(renderer: MarkdownRenderer, assets: AssetResolver) -> None:
    """Hero, then date, then title, then description, inside <header class="post-header">."""
    html = header(
        renderer,
        {
            "title": "Title",
            "description": "About it.",
            "pubDate": "2026-02-18",
            "heroImage": "../../../assets/blog/post-hero.png",
        },
        assets,
    )
    assert html == (
        '<header class="post-header">\n'
        '<img class="hero-image" src="postdesk://workspace/src/assets/blog/post-hero.png" alt="">\n'
        '<p class="post-date"><time datetime="2026-02-18">2026-02-18</time></p>\n'
        '<h1 class="post-title">Title</h1>\n'
        '<p class="post-description">About it.</p>\n'
        "</header>\n"
    )


def test_missing_hero_is_shown_with_its_path(
    renderer: MarkdownRenderer, assets: AssetResolver
) -> None:
    """A hero that does not resolve is a visible message naming the path."""
    html = header(renderer, {"title": "T", "heroImage": "../../../assets/blog/typo.png"}, assets)
    assert (
        '<div class="hero-missing">Hero image not found: ../../../assets/blog/typo.png</div>'
        in html
    )
    assert "<img" not in html


def test_hero_outside_the_site_is_not_loaded(
    renderer: MarkdownRenderer, assets: AssetResolver
) -> None:
    """A hero path escaping the site is reported, never turned into a URL."""
    html = header(renderer, {"heroImage": "../../../../../../etc/passwd"}, assets)
    assert "hero-missing" in html


def test_updated_date_and_date_objects(renderer: MarkdownRenderer) -> None:
    """Date objects print as ISO dates; updatedDate adds "Updated ..."."""
    html = header(
        renderer,
        {"pubDate": dt.date(2026, 2, 18), "updatedDate": dt.datetime(2026, 3, 1, 9, 30)},
    )
    assert '<time datetime="2026-02-18">2026-02-18</time>' in html
    assert 'Updated <time datetime="2026-03-01">2026-03-01</time>' in html


def test_dates_written_as_strings_are_shown_as_written(renderer: MarkdownRenderer) -> None:
    """A non-ISO date string is not reinterpreted."""
    assert "Feb 18, 2026</time>" in header(renderer, {"pubDate": "Feb 18, 2026"})


def test_script_in_title_is_escaped(renderer: MarkdownRenderer) -> None:
    """Frontmatter text never becomes markup."""
    html = header(
        renderer,
        {
            "title": "<script>alert(1)</script>",
            "description": 'a "quoted" & <b>bold</b>',
            "pubDate": "<i>",
            "heroImage": 'https://x.example/"><script>',
        },
    )
    assert "<script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;</h1>" in html
    assert "a &quot;quoted&quot; &amp; &lt;b&gt;bold&lt;/b&gt;" in html
    assert "<i>" not in html


def test_no_data_means_no_header(renderer: MarkdownRenderer) -> None:
    """Without frontmatter data (None, empty, or not a mapping) the header is ""."""
    assert renderer.render("x\n").header_html == ""
    assert renderer.render("x\n", data={}).header_html == ""
    assert renderer.render("x\n", data=["a", "list"]).header_html == ""  # type: ignore[arg-type]


def test_odd_frontmatter_values_never_raise(
    renderer: MarkdownRenderer, assets: AssetResolver
) -> None:
    """Lists, numbers and mappings where strings are expected still give a header."""
    html = header(
        renderer,
        {"title": ["a", "b"], "pubDate": 20260218, "heroImage": {"src": "x"}, "description": None},
        assets,
    )
    assert '<h1 class="post-title">[&#x27;a&#x27;, &#x27;b&#x27;]</h1>' in html
    assert "hero-missing" in html
    assert "post-description" not in html


@pytest.mark.parametrize(
    ("data", "date", "updated", "hero"),
    [
        # The Astro blog starter.
        ({"pubDate": "2024-01-02", "heroImage": "../../../assets/blog/post-hero.png"},
         "2024-01-02", None, "post-hero.png"),
        # AstroWind: publishDate, updateDate... and a plain `image`.
        ({"publishDate": dt.date(2024, 1, 2), "image": "../../../assets/blog/post-hero.png"},
         "2024-01-02", None, "post-hero.png"),
        # astro-theme-cactus: an image object.
        ({"publishDate": "2024-01-02", "updatedDate": "2024-02-03",
          "coverImage": {"src": "../../../assets/blog/post-hero.png", "alt": "A hero"}},
         "2024-01-02", "2024-02-03", "post-hero.png"),
        # Hugo: date, lastmod, a list of images; PaperMod's cover.image.
        ({"date": dt.datetime(2024, 1, 2, 9, tzinfo=dt.UTC), "lastmod": "2024-02-03",
          "images": ["../../../assets/blog/post-hero.png"]},
         "2024-01-02", "2024-02-03", "post-hero.png"),
        ({"date": "2024-01-02", "cover": {"image": "../../../assets/blog/post-hero.png"}},
         "2024-01-02", None, "post-hero.png"),
        # Nothing that names a date or an image: no date line, no image.
        ({"title": "Only a title", "image": {"alt": "no path"}}, None, None, None),
    ],
)  # fmt: skip
def test_the_header_finds_the_date_and_hero_under_the_names_sites_use(
    renderer: MarkdownRenderer, assets: AssetResolver, data, date, updated, hero
) -> None:
    html = header(renderer, data, assets)
    assert (f'<time datetime="{date}">' in html) if date else ("post-date" not in html)
    assert (f'Updated <time datetime="{updated}">' in html) == bool(updated)
    assert (f'{hero}"' in html and "hero-image" in html) if hero else ("<img" not in html)


def test_a_site_names_its_own_date_and_hero_fields_in_postdesk_json(tmp_path: Path) -> None:
    """`fieldRoles` in .postdesk.json is tried first; the usual names still follow."""
    from editor.core.render.document import render_document

    site = tmp_path / "site"
    post = site / "src/content/blog/post.md"
    post.parent.mkdir(parents=True)
    (site / "src/assets").mkdir(parents=True)
    (site / "src/assets/banner.png").write_bytes(b"png")
    text = (
        "---\ntitle: T\npubDate: 2024-01-01\nmeta:\n  published: 2023-05-06\n"
        "banner:\n  src: ../../assets/banner.png\nheroImage: ../../assets/missing.png\n---\n"
    )
    renderer = MarkdownRenderer()
    before = render_document(renderer, text, post, site).header_html
    assert '<time datetime="2024-01-01">' in before and "missing.png" in before
    roles = {"date": "meta.published", "image": "banner.src"}
    (site / ".postdesk.json").write_text(json.dumps({"fieldRoles": roles}), encoding="utf-8")
    after = render_document(renderer, text, post, site).header_html
    assert '<time datetime="2023-05-06">' in after
    assert "banner.png" in after and "missing.png" not in after
    (site / ".postdesk.json").write_text('{"fieldRoles": {"date": 5, "colour": "x"}}', "utf-8")
    ignored = render_document(renderer, text, post, site).header_html
    assert '<time datetime="2024-01-01">' in ignored, "values that are not field names: ignored"
