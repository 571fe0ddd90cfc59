"""The post index on disk: one file per site in the user's cache folder, read at open."""

from __future__ import annotations

import hashlib
import logging
import marshal
import os
import sys
from pathlib import Path
from typing import Any

__all__ = ["CACHE_FORMAT", "IndexCache", "user_cache_dir"]

log = logging.getLogger(__name__)

# Bump the number whenever what the index reads from a post changes: a cache written by an
# older version is then ignored and rebuilt, never misread.
CACHE_FORMAT = ("postdesk-index", 3)

# One post's record: (mtime_ns, size, *fields of its PostEntry as plain values). marshal is
# the fastest of pickle/marshal/json for such tuples and, unlike pickle, runs no code.
Record = tuple[Any, ...]
# Records are stored in marshalled chunks of this many: marshal holds the GIL for a whole
# call (0.1 s for 20,000 records), so one call per chunk keeps the window answering while
# a worker reads or writes the cache.
CHUNK = 500


def user_cache_dir() -> Path:
    """Postdesk's cache folder: $POSTDESK_CACHE_DIR, else the platform's user cache folder."""
    override = os.environ.get("POSTDESK_CACHE_DIR")
    if override:
        return Path(override)
    home = Path.home()
    if sys.platform == "darwin":
        return home / "Library" / "Caches" / "postdesk"
    if sys.platform == "win32":
        local = os.environ.get("LOCALAPPDATA")
        base = Path(local) if local else home / "AppData" / "Local"
        return base / "postdesk" / "Cache"
    xdg = os.environ.get("XDG_CACHE_HOME")
    base = Path(xdg) if xdg and os.path.isabs(xdg) else home / ".cache"
    return base / "postdesk"


class IndexCache:
    """Records of a site's posts keyed by absolute path, checked against mtime and size."""

    def __init__(self, site_root: Path, directory: Path | None = None) -> None:
        self.site_root = os.path.abspath(site_root)
        folder = directory if directory is not None else user_cache_dir()
        name = hashlib.blake2b(self.site_root.encode("utf-8", "surrogatepass"), digest_size=10)
        self.path = folder / f"index-{name.hexdigest()}.bin"

    def load(self) -> dict[str, Record]:
        """The stored records; empty when there is no cache, or an old or corrupt one."""
        try:
            with open(self.path, "rb") as handle:
                payload = marshal.loads(handle.read())  # ten times faster than marshal.load
        except FileNotFoundError:
            return {}
        except (OSError, EOFError, ValueError, TypeError) as exc:
            log.info("Ignoring the index cache %s: %s", self.path, exc)
            return {}
        if (
            not isinstance(payload, tuple)
            or len(payload) != 3
            or payload[0] != CACHE_FORMAT
            or payload[1] != self.site_root
            or not isinstance(payload[2], list)
        ):
            return {}
        records: dict[str, Record] = {}
        try:
            for chunk in payload[2]:
                records.update(marshal.loads(chunk))
        except (EOFError, ValueError, TypeError) as exc:
            log.info("Ignoring the index cache %s: %s", self.path, exc)
            return {}
        return records

    def save(self, records: dict[str, Record]) -> None:
        """Write the records atomically (temp file, then rename); failures only log."""
        import tempfile

        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            fd, temp = tempfile.mkstemp(prefix=".index-", suffix=".tmp", dir=self.path.parent)
            try:
                items = list(records.items())
                chunks = [
                    marshal.dumps(dict(items[i : i + CHUNK])) for i in range(0, len(items), CHUNK)
                ]
                with open(fd, "wb") as handle:
                    marshal.dump((CACHE_FORMAT, self.site_root, chunks), handle)
                os.replace(temp, self.path)
            except BaseException:
                os.unlink(temp)
                raise
        except (OSError, ValueError) as exc:
            # A read-only or full cache folder costs speed at the next open, nothing else.
            log.warning("Could not write the index cache %s: %s", self.path, exc)
