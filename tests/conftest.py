"""Suite-wide settings."""

from __future__ import annotations

import os

from hypothesis import settings

# CI runs the property tests on a fixed set of examples, so a green main stays green;
# developers' runs explore new examples every time (and hypothesis keeps failures).
settings.register_profile("ci", derandomize=True, print_blob=True)
if os.environ.get("CI"):
    settings.load_profile("ci")
