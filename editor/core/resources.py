"""Where Postdesk's own files live: the preview page, the web dependencies, the sample site."""

from __future__ import annotations

import os
from pathlib import Path

# The checkout (or unpacked bundle) keeps resources/ beside the editor package; a packaged
# build may put it elsewhere and say so through this variable.
RESOURCES_ENV = "POSTDESK_RESOURCES"

MERMAID_BUNDLE = Path("node_modules/mermaid/dist/mermaid.min.js")
MERMAID_INSTALL_COMMAND = "npm ci --prefix resources"


def resources_dir() -> Path:
    """Return the folder that holds the preview page, web dependencies and sample site."""
    override = os.environ.get(RESOURCES_ENV)
    if override:
        return Path(override)
    return Path(__file__).resolve().parents[2] / "resources"


def preview_dir() -> Path:
    """Return the folder of the preview page (html, css, js)."""
    return resources_dir() / "preview"


def sample_site_dir() -> Path:
    """Return the bundled sample workspace that `postdesk` opens by default."""
    return resources_dir() / "sample-site"


def mermaid_bundle() -> Path | None:
    """Return the installed Mermaid bundle, or None when `npm ci` has not been run."""
    path = resources_dir() / MERMAID_BUNDLE
    return path if path.is_file() else None


def mermaid_install_hint() -> str:
    """Say exactly how to install the Mermaid bundle, for the preview to show."""
    return (
        f"Mermaid is not installed, so diagrams cannot be drawn. Run "
        f"`{MERMAID_INSTALL_COMMAND}` in {resources_dir().parent} (the Postdesk folder), "
        f"then reopen the post."
    )
