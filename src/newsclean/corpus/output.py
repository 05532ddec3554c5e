"""Writing a corpus run's output: each result's JSONL line, and files that are complete under their final name."""

from __future__ import annotations

import contextlib
import functools
import hashlib
import os
from collections.abc import Callable
from dataclasses import dataclass
from typing import IO, Any, TextIO

from .. import native
from ..batch import Result, pickled_as_fields
from ..record import count_lines, joined, json_text
from ..record import to_line as to_line  # newsclean.corpus.to_line
from ..settings import DEFAULTS, Settings
from .errors import OutputError
from .readers import Item

_HASH_CHUNK = 1 << 20


def output_record(item: Item, result: Result, settings: Settings = DEFAULTS) -> dict[str, Any]:
    """The JSONL record of a result: ``Result.to_dict()`` with the item's ``source`` after ``id``."""
    return result.to_dict(settings, source=item.source)


@pickled_as_fields
@dataclass(frozen=True, slots=True)
class Rendered:
    """A cleaned record as a worker hands it back: its output fields as JSON, and what the summary counts.

    ``fields`` is the JSON object of ``Result.fields()`` (the record without ``index``, ``id`` and ``source``,
    which the parent knows); ``dropped`` counts the dropped lines per (label, rule); ``kept`` and ``removed`` are
    the characters kept in the body and left out (:func:`newsclean.record.count_lines`).
    """

    fields: str
    outlet: str | None
    dropped: tuple[tuple[str, str, int], ...]
    language: str | None = None
    kept: int = 0
    removed: int = 0


# a Rendered made by setting its slots in C (see native.record): one a record, without 6 object.__setattr__ calls
_rendered = native.record(Rendered)


def render_result(result: Result, settings: Settings = DEFAULTS) -> Rendered:
    """What a worker hands back for a cleaned ``result`` (see :func:`rendering`)."""
    article = result.article
    if article is None:
        raise ValueError(f"record {result.index} has no article to render")
    fields, counts = result.fields_json(settings)
    if counts is None:  # an error result that carries its article all the same: its lines are counted
        counts = count_lines(article)
    return _rendered(fields, article.outlet,
                    tuple([(label._value_, rule, n) for (label, rule), n in counts.dropped.items()]),
                    article.language, counts.kept_chars, counts.dropped_chars)


def rendering(settings: Settings = DEFAULTS) -> Callable[[Result], Rendered]:
    """The ``render`` function for ``clean_many`` that makes the records :func:`output_line` writes."""
    return functools.partial(render_result, settings=settings)


def output_line(item: Item, result: Result, settings: Settings = DEFAULTS) -> str:
    """The JSONL line of a result: :func:`output_record` as JSON, spliced from its :class:`Rendered` when it has one."""
    return source_line(item.source, result, settings)


def source_line(source: str, result: Result, settings: Settings = DEFAULTS) -> str:
    """:func:`output_line` of the item read from ``source``."""
    if not isinstance(result.rendered, Rendered):
        return result.to_line(settings, source=source)
    return joined(json_text(result.head(source)), result.rendered.fields) + "\n"


# ---------------------------------------------------------------------------
# writing


@dataclass(frozen=True, slots=True)
class Mark:
    """How much of a part file a checkpoint covers: its length and the SHA-256 of those bytes."""

    size: int
    sha256: str


class PartFile:
    """A file written as ``PATH.part`` and renamed to ``PATH`` by :meth:`commit`, counting and hashing its bytes.

    ``at`` reopens the part file of an interrupted run: its first ``at.size`` bytes
    must hash to ``at.sha256`` (else :class:`OutputError`); what follows is cut.
    """

    def __init__(self, path: str, *, at: Mark | None = None) -> None:
        self.path = path
        self.part = path + ".part"
        self._hash = hashlib.sha256()
        self._file: IO[bytes]
        try:
            if at is None:
                self._file = open(self.part, "wb")  # noqa: SIM115 -- kept open across the run, closed by commit()
                self.size = 0
            else:
                self._file = self._reopen(at)
                self.size = at.size
        except OSError as exc:
            raise OutputError(f"{self.part}: cannot write: {exc.strerror or exc}") from None

    def _reopen(self, at: Mark) -> IO[bytes]:
        if not os.path.exists(self.part) and os.path.exists(self.path):
            # the run was stopped between renaming this file and the next: it is still part of the run
            os.replace(self.path, self.part)
        if not os.path.exists(self.part):
            raise OutputError(f"cannot resume: {self.part} is missing")
        handle = open(self.part, "r+b")  # noqa: SIM115 -- kept open across the run, closed by commit()
        left = at.size
        while left:
            chunk = handle.read(min(left, _HASH_CHUNK))
            if not chunk:
                break
            self._hash.update(chunk)
            left -= len(chunk)
        if left or self._hash.hexdigest() != at.sha256:
            handle.close()
            raise OutputError(f"cannot resume: {self.part} does not begin with the {at.size:,} bytes its checkpoint "
                              "recorded (changed since?); rerun without --resume")
        # whatever was written after the checkpoint is written again
        handle.truncate(at.size)
        handle.seek(at.size)
        return handle

    def write(self, text: str) -> None:
        """Append ``text`` (UTF-8)."""
        self.write_bytes(text.encode("utf-8"))

    def write_bytes(self, data: bytes) -> None:
        """Append ``data``."""
        try:
            self._file.write(data)
        except OSError as exc:
            raise OutputError(f"{self.part}: cannot write: {exc.strerror or exc}") from None
        self._hash.update(data)
        self.size += len(data)

    def mark(self) -> Mark:
        """Sync what was written to disk and return its length and hash."""
        try:
            self._file.flush()
            os.fsync(self._file.fileno())
        except OSError as exc:
            raise OutputError(f"{self.part}: cannot write: {exc.strerror or exc}") from None
        return Mark(self.size, self._hash.hexdigest())

    def commit(self) -> None:
        """Sync and close the part file, and give it its final name."""
        self.mark()
        self._file.close()
        try:
            os.replace(self.part, self.path)
        except OSError as exc:
            raise OutputError(f"{self.path}: cannot write: {exc.strerror or exc}") from None
        _sync_folder(self.path)

    def close(self) -> None:
        """Close the part file, leaving it for a later ``--resume``."""
        with contextlib.suppress(OSError):
            self._file.close()


class _Stream:
    """Records written to a stream (standard output): nothing to commit, nothing to resume."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream

    def write(self, text: str) -> None:
        self.stream.write(text)

    def write_bytes(self, data: bytes) -> None:
        self.stream.write(data.decode("utf-8"))

    def commit(self) -> None:
        self.stream.flush()

    def close(self) -> None:
        pass


def _sync_folder(path: str) -> None:
    # the rename itself must reach the disk for the final name to survive a crash
    with contextlib.suppress(OSError):
        fd = os.open(os.path.dirname(os.path.abspath(path)), os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def write_atomically(path: str, text: str) -> None:
    """Write ``text`` to ``path`` through a temporary file renamed over it: readers see the old or the new."""
    temporary = f"{path}.tmp{os.getpid()}"
    try:
        with open(temporary, "w", encoding="utf-8") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, path)
    except OSError as exc:
        with contextlib.suppress(OSError):
            os.remove(temporary)
        raise OutputError(f"{path}: cannot write: {exc.strerror or exc}") from None
    _sync_folder(path)



