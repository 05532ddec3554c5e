"""What newsclean keeps on disk between processes: files named by a digest of everything that decides them.

Two kinds of work are kept, each a pure function of what names its file: the engine's compiled databases
(:mod:`newsclean.native`) and the ReDoS check's verdicts on a rule set's patterns (:mod:`newsclean.safety`).
A file that cannot be read, or reads as nothing its user can take, is made again; a folder that cannot be
written keeps nothing.  Each kind keeps the files used last, up to its own count.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from collections.abc import Callable
from contextlib import suppress
from pathlib import Path

__all__ = ["folder", "key", "name", "read", "source_digest", "write"]


def folder() -> Path | None:
    """Where the files are kept: ``$NEWSCLEAN_CACHE_DIR``, else ``$XDG_CACHE_HOME/newsclean``, else
    ``~/.cache/newsclean``; None (nothing kept) when ``NEWSCLEAN_CACHE_DIR`` is set empty."""
    chosen = os.environ.get("NEWSCLEAN_CACHE_DIR")
    if chosen is not None:
        return Path(chosen) if chosen else None
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "newsclean"


def key(facts: object) -> str:
    """The name of the file that keeps what ``facts`` decide (JSON-ready data: a format, the code, the inputs)."""
    return hashlib.sha256(json.dumps(facts).encode()).hexdigest()


def name(facts: Callable[[], object]) -> str | None:
    """:func:`key` of ``facts()``, or None where no folder keeps files: ``facts`` is then not called (the facts
    hold a digest of the modules' source, which a process keeping nothing has no need to read)."""
    return None if folder() is None else key(facts())


def source_digest(*paths: str) -> str:
    """A digest of the files at ``paths`` (the modules whose code decides what is kept), or "" where one cannot be
    read."""
    digest = hashlib.sha256()
    try:
        for path in paths:
            digest.update(Path(path).read_bytes())
    except OSError:
        return ""
    return digest.hexdigest()


def read(name: str, suffix: str, *, limit: int) -> bytes | None:
    """The bytes of the kept file ``name + suffix``, None when there is none (or no folder, or more than ``limit``
    bytes: no file this library wrote); a file read is marked used, so it is kept longer than the others."""
    place = folder()
    if place is None:
        return None
    path = place / f"{name}{suffix}"
    with suppress(OSError):
        with path.open("rb") as handle:
            data = handle.read(limit + 1)
        if len(data) > limit:
            return None
        with suppress(OSError):
            path.touch()
        return data
    return None


def write(name: str, suffix: str, data: bytes, *, kept: int) -> None:
    """Keep ``data`` as the file ``name + suffix`` (written whole or not at all), and of the files ending in
    ``suffix`` the ``kept`` used last (up to a quarter more between two prunings)."""
    place = folder()
    if place is None:
        return
    path = place / f"{name}{suffix}"
    with suppress(OSError):  # a folder that cannot be written: made again next time
        place.mkdir(parents=True, exist_ok=True)
        fd, temporary = tempfile.mkstemp(dir=place, prefix=".", suffix=".part")
        try:
            with os.fdopen(fd, "wb") as out:
                out.write(data)
            os.replace(temporary, path)
        finally:
            Path(temporary).unlink(missing_ok=True)  # a write cut short (a full disk) leaves nothing behind
        _forget_oldest(place, suffix, kept)


def _forget_oldest(place: Path, suffix: str, kept: int) -> None:
    """Keep the ``kept`` files named ``*{suffix}`` used last in ``place`` (each rule set or code change makes new
    ones), once they are a quarter more: the dates of all are read a pruning, not a write (a process that loads
    hundreds of rule sets, as a test run or a fuzz run does, writes a file for each)."""
    found = [entry for entry in os.scandir(place) if entry.name.endswith(suffix)]
    if len(found) <= kept + kept // 4:
        return
    found.sort(key=lambda entry: entry.stat().st_mtime, reverse=True)
    for old in found[kept:]:
        Path(old.path).unlink(missing_ok=True)
