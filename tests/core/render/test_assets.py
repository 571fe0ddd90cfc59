"""AssetResolver gives URLs only for files inside the site, so the preview reads nothing else."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from editor.core.render import AssetProblem, AssetResolver


@pytest.fixture
def site(tmp_path: Path) -> Path:
    """An Astro-like site: a Korean post, a hero in src/assets, a file in public/."""
    root = tmp_path / "site"
    (root / "src/content/blog/ko").mkdir(parents=True)
    (root / "src/assets/blog").mkdir(parents=True)
    (root / "public/images").mkdir(parents=True)
    (root / "src/content/blog/ko/post.md").write_text("# Post\n", encoding="utf-8")
    (root / "src/assets/blog/post-hero.png").write_bytes(b"png")
    (root / "public/images/logo.svg").write_text("<svg/>", encoding="utf-8")
    (root / "src/content/blog/ko/이미지 1.png").write_bytes(b"png")
    (root / "src/content/blog/ko/a#b.png").write_bytes(b"png")
    (tmp_path / "secret.png").write_bytes(b"outside")
    return root


@pytest.fixture
def resolver(site: Path) -> AssetResolver:
    """A resolver for the Korean post of the site."""
    return AssetResolver(site, site / "src/content/blog/ko/post.md")


def test_relative_ref_resolves_against_the_posts_folder(resolver: AssetResolver) -> None:
    """The fixture's heroImage form (three levels up into src/assets) gives a workspace URL."""
    url = resolver.url_for("../../../assets/blog/post-hero.png")
    assert url == "postdesk://workspace/src/assets/blog/post-hero.png"


def test_root_ref_resolves_into_public(resolver: AssetResolver) -> None:
    """A ref starting with "/" is served from public/, as Astro does."""
    assert resolver.url_for("/images/logo.svg") == "postdesk://workspace/public/images/logo.svg"


def test_korean_file_name_is_percent_encoded_per_segment(resolver: AssetResolver) -> None:
    """Non-ASCII and spaces become UTF-8 percent escapes; the slashes stay."""
    url = resolver.url_for("./이미지 1.png")
    assert url == ("postdesk://workspace/src/content/blog/ko/%EC%9D%B4%EB%AF%B8%EC%A7%80%201.png")


def test_percent_encoded_ref_is_decoded_before_lookup(resolver: AssetResolver) -> None:
    """markdown-it hands over encoded srcs; the same file is found either way."""
    encoded = "./%EC%9D%B4%EB%AF%B8%EC%A7%80%201.png"
    assert resolver.url_for(encoded) == resolver.url_for("./이미지 1.png")


def test_query_and_fragment_are_dropped_but_an_escaped_hash_is_kept(
    resolver: AssetResolver,
) -> None:
    """ "?v=1#x" is not part of the file name; "%23" is a "#" inside the name."""
    assert resolver.url_for("../../../assets/blog/post-hero.png?v=1#top") == (
        "postdesk://workspace/src/assets/blog/post-hero.png"
    )
    assert resolver.url_for("a%23b.png") == "postdesk://workspace/src/content/blog/ko/a%23b.png"


def test_dot_dot_traversal_out_of_the_site_is_refused(resolver: AssetResolver) -> None:
    """A file that exists outside site_root gives no URL, however it is reached."""
    assert resolver.url_for("../../../../../secret.png") is None
    assert resolver.lookup("../../../../../secret.png").problem is AssetProblem.OUTSIDE_SITE
    assert resolver.url_for("/../../secret.png") is None


def test_traversal_that_comes_back_inside_is_allowed(resolver: AssetResolver) -> None:
    """ ".." is fine as long as the resolved file is inside the site."""
    url = resolver.url_for("../../../../src/assets/blog/post-hero.png")
    assert url == "postdesk://workspace/src/assets/blog/post-hero.png"


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="needs symlinks")
def test_symlink_pointing_outside_the_site_is_refused(site: Path, resolver: AssetResolver) -> None:
    """Symlinks are resolved before the containment check."""
    link = site / "src/content/blog/ko/link.png"
    try:
        link.symlink_to(site.parent / "secret.png")
    except OSError:
        pytest.skip("symlinks not permitted here")
    assert resolver.url_for("link.png") is None


def test_missing_file_inside_the_site_has_no_url(resolver: AssetResolver) -> None:
    """A typo in a file name is reported as not found, so the preview can show it."""
    lookup = resolver.lookup("./no-such.png")
    assert lookup.url is None
    assert lookup.problem is AssetProblem.NOT_FOUND
    assert lookup.path is not None and lookup.path.name == "no-such.png"


def test_directory_is_not_an_asset(resolver: AssetResolver) -> None:
    """A ref naming a folder gives no URL."""
    assert resolver.url_for("../../../assets/blog") is None


@pytest.mark.parametrize(
    "ref",
    [
        "https://example.com/a.png",
        "http://example.com/a.png",
        "data:image/png;base64,iVBORw0KGgo=",
        "javascript:alert(1)",
        "file:///etc/passwd",
        "//example.com/a.png",
        "C:/Windows/win.ini",
    ],
)
def test_refs_with_a_scheme_get_no_url(resolver: AssetResolver, ref: str) -> None:
    """Anything with a scheme (or protocol-relative) is not a workspace file."""
    lookup = resolver.lookup(ref)
    assert lookup.url is None
    assert lookup.problem is AssetProblem.UNSUPPORTED


def test_without_site_root_or_post_path_nothing_resolves(site: Path) -> None:
    """A resolver missing either path gives no URLs."""
    post = site / "src/content/blog/ko/post.md"
    assert AssetResolver(None, post).url_for("./이미지 1.png") is None
    assert AssetResolver(site, None).url_for("./이미지 1.png") is None
    assert AssetResolver(None, None).lookup("x.png").problem is AssetProblem.NO_SITE


def test_custom_base_url_gets_a_trailing_slash(site: Path) -> None:
    """The base URL is joined with exactly one slash."""
    resolver = AssetResolver(site, site / "src/content/blog/ko/post.md", "app://files")
    assert resolver.url_for("/images/logo.svg") == "app://files/public/images/logo.svg"


@pytest.mark.parametrize("ref", ["", "   ", "#frag", "?q", "bad\x00name.png", "%00.png", "%ZZ"])
def test_odd_refs_never_raise(resolver: AssetResolver, ref: str) -> None:
    """Empty, NUL-carrying or badly escaped refs give None instead of an exception."""
    assert resolver.url_for(ref) is None
