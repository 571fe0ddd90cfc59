"""A workspace's own Postdesk settings, kept in the site as `.postdesk.json` (shareable in git)."""

from __future__ import annotations

import functools
import json
from dataclasses import dataclass, field
from pathlib import Path

from editor.core.checks.lengths import LengthWindow, parse_windows
from editor.core.field_roles import DEFAULT_ROLES, ROLE_NAMES, FieldRoles

CONFIG_NAME = ".postdesk.json"


@dataclass(frozen=True)
class WorkspaceConfig:
    """Per-site settings; every field has a default, so a missing file is an empty config."""

    length_windows: dict[str, dict[str, LengthWindow]] = field(default_factory=dict)
    languages: tuple[str, ...] = ()  # the site's languages in order, the source language first
    # Fields equal across a post's language versions; None: learned from the site.
    shared_fields: tuple[str, ...] | None = None
    field_roles: FieldRoles = DEFAULT_ROLES  # which fields are the dates and the hero image
    problem: str | None = None  # why the file was ignored, for the status bar


def load_workspace_config(site_root: Path) -> WorkspaceConfig:
    """Read `<site>/.postdesk.json`, e.g. {"lengthWindows": {"title": {"ko": [25, 30]}}}.

    Also `"languages": ["ko", "ja", "en", "zh"]` (their order, the source first),
    `"sharedFields": ["pubDate", "heroImage"]` (replaces what is learned from the site) and
    `"fieldRoles": {"date": "publishedOn", "updated": "revised", "image": "banner.src"}`
    (tried before the usual names: the header's dates and hero image).
    """
    path = site_root / CONFIG_NAME
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return WorkspaceConfig()
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        return WorkspaceConfig(problem=f"{CONFIG_NAME} was ignored: {exc}")
    if not isinstance(raw, dict):
        return WorkspaceConfig(problem=f"{CONFIG_NAME} was ignored: it is not a JSON object")
    windows = raw.get("lengthWindows", {})
    shared = raw.get("sharedFields")
    roles = raw.get("fieldRoles")
    chosen = {
        role: value.strip()
        for role, value in (roles.items() if isinstance(roles, dict) else ())
        if role in ROLE_NAMES and isinstance(value, str) and value.strip()
    }
    return WorkspaceConfig(
        length_windows=parse_windows(windows if isinstance(windows, dict) else {}),
        languages=_strings(raw.get("languages")),
        shared_fields=_strings(shared) if isinstance(shared, list) else None,
        field_roles=FieldRoles.with_first(chosen) if chosen else DEFAULT_ROLES,
    )


def site_field_roles(site_root: Path | None) -> FieldRoles:
    """The site's field roles, read again only when its `.postdesk.json` changes (every
    render of the preview asks)."""
    if site_root is None:
        return DEFAULT_ROLES
    try:
        stat = (site_root / CONFIG_NAME).stat()
    except OSError:
        return DEFAULT_ROLES
    return _roles_of(site_root, stat.st_mtime_ns, stat.st_size)


@functools.lru_cache(maxsize=8)
def _roles_of(site_root: Path, _mtime: int, _size: int) -> FieldRoles:
    return load_workspace_config(site_root).field_roles


def _strings(value: object) -> tuple[str, ...]:
    """The non-empty strings of a JSON list, in order; () for anything else."""
    if not isinstance(value, list):
        return ()
    return tuple(item.strip() for item in value if isinstance(item, str) and item.strip())
