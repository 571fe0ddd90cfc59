"""Suite-wide settings: the Hypothesis profiles."""

from __future__ import annotations

import os

import pytest
from hypothesis import settings

# The test command explores: every run gives each property fresh random examples (a bounded
# number, so the suite stays fast), and each failure it finds is then pinned as an explicit
# @example on the property. Pick another profile with HYPOTHESIS_PROFILE:
#   repro - derandomized: the same examples on every run (to reproduce a run, or for a CI
#           that wants a fixed set; the README's command, which CI runs, explores);
#   deep  - many more fresh examples, to hunt for failures before a release or after an
#           engine change (`HYPOTHESIS_PROFILE=deep pytest tests/core/frontmatter`).
# Properties set their own deadline and health checks, never max_examples, so that the
# profile decides how many examples they get.
settings.register_profile("explore", max_examples=150, print_blob=True)
settings.register_profile("repro", max_examples=150, derandomize=True, print_blob=True)
settings.register_profile("deep", max_examples=2000, print_blob=True)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "explore"))


@pytest.fixture(autouse=True)
def _cache_in_tmp(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch):
    """The post index's disk cache goes to a temp folder, never the user's cache."""
    monkeypatch.setenv("POSTDESK_CACHE_DIR", str(tmp_path_factory.mktemp("postdesk-cache")))
