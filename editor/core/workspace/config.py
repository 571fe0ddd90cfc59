"""A workspace's own Postdesk settings, kept in the site as `.postdesk.json` (shareable in git)."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from editor.core.checks.lengths import LengthWindow, parse_windows

CONFIG_NAME = ".postdesk.json"


@dataclass(frozen=True)
class WorkspaceConfig:
    """Per-site settings; every field has a default, so a missing file is an empty config."""

    length_windows: dict[str, dict[str, LengthWindow]] = field(default_factory=dict)
    problem: str | None = None  # why the file was ignored, for the status bar


def load_workspace_config(site_root: Path) -> WorkspaceConfig:
    """Read `<site>/.postdesk.json`, e.g. {"lengthWindows": {"title": {"ko": [25, 30]}}}."""
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
    return WorkspaceConfig(
        length_windows=parse_windows(windows if isinstance(windows, dict) else {})
    )
