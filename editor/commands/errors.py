"""The one error type the sub-commands raise for bad input (exit status 2)."""

from __future__ import annotations


class CommandError(Exception):
    """Bad input: the message is one line a user can act on; nothing was changed."""
