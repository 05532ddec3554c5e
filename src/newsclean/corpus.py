"""Corpus input and output for ``newsclean clean``: reading pages and JSONL, writing JSONL that can be resumed.

Inputs are page text files (one page each), folders of them, JSONL files (one JSON
object per line, plain, ``.gz`` or ``.zst``), Parquet files (one record a row, the
``parquet`` extra) and standard input.  :func:`walk` finds
them, :class:`Reader` turns them into :class:`Item` records, each with a source id
(``"pages/a.txt"``, ``"corpus.jsonl:17"``), and :func:`clean_items` cleans the items
with :func:`newsclean.clean_many` and pairs each with its :class:`~newsclean.Result`.
A record that cannot be read (not UTF-8, not JSON, too large) is an item with an
error: it still gives exactly one result, so records in = records out.

Output is JSONL, one record per input record (:func:`output_record`).  :func:`run`
writes it to ``FILE.part`` and renames that to ``FILE`` only when the whole run is
done, so a file under the final name is always complete.  Every
:data:`CHECKPOINT_RECORDS` records (or :data:`CHECKPOINT_SECONDS`) the part files are
synced and ``FILE.checkpoint`` records how many records they hold, with their length
and SHA-256; ``resume=True`` checks that the inputs and options are the same and that
the part files still begin with those bytes, cuts whatever was written after the
checkpoint, skips that many records and goes on.
"""

from __future__ import annotations

import contextlib
import functools
import gzip
import hashlib
import importlib
import io
import json
import os
import signal
import stat
import sys
import threading
import time
import zlib
from collections import Counter, deque
from collections.abc import Callable, Collection, Generator, Iterable, Iterator, Mapping
from dataclasses import dataclass, field, replace
from operator import attrgetter
from pathlib import Path
from types import FrameType, ModuleType
from typing import IO, TYPE_CHECKING, Any, BinaryIO, Protocol, TextIO

from . import __version__
from .batch import MAX_CHARS, Result, clean_many, dropped_lines, parse_record
from .core import TIMEOUT
from .normalize import DEFAULT, Normalization
from .record import KEPT

if TYPE_CHECKING:
    from _typeshed import WriteableBuffer

STDIN = "-"
PAGE = "page"
JSONL = "jsonl"
PARQUET = "parquet"
#: Compressions of JSONL files, by suffix.
JSONL_SUFFIXES = {".jsonl": "", ".jsonl.gz": "gz", ".jsonl.zst": "zst"}
#: Parquet files (the ``parquet`` extra), one record a row; their compression is inside.
PARQUET_SUFFIX = ".parquet"
#: The files a folder stands for.
FOLDER_SUFFIXES = (".txt", *JSONL_SUFFIXES, PARQUET_SUFFIX)
#: Rows of a Parquet file read at a time.
PARQUET_BATCH = 256
#: The outlet counted for articles cleaned with the generic rule set.
NO_OUTLET = "(none)"
#: A checkpoint is written after this many records ...
CHECKPOINT_RECORDS = 1000
#: ... or this many seconds, whichever comes first.
CHECKPOINT_SECONDS = 30.0
_CHECKPOINT_FORMAT = 1
_BOM = b"\xef\xbb\xbf"
_ZSTD_CHUNK = 1 << 15
_HASH_CHUNK = 1 << 20


class _LineSource(Protocol):
    def readline(self, size: int = ..., /) -> bytes: ...


class InputError(Exception):
    """An input that cannot be read: the message names it."""


class InputsError(Exception):
    """Inputs found missing or unreadable before the run started: ``problems`` holds one message each."""

    def __init__(self, problems: Iterable[str]) -> None:
        self.problems = tuple(problems)
        super().__init__("; ".join(self.problems))


class OutputError(Exception):
    """An output file that cannot be written, or a partial output that cannot be resumed."""


class Terminated(KeyboardInterrupt):
    """A run stopped by SIGTERM (``timeout``, systemd, docker, SLURM, Kubernetes), handled as Ctrl-C is."""


# ---------------------------------------------------------------------------
# finding the inputs


@dataclass(frozen=True, slots=True)
class Input:
    """A file to read: a page or JSONL records, its compression, and its size and time (None for stdin)."""

    path: str
    kind: str
    compression: str = ""
    size: int | None = None
    mtime_ns: int = 0


def classify(name: str) -> tuple[str, str]:
    """``(kind, compression)`` of a file by its name: JSONL for ``.jsonl`` (``.gz``, ``.zst``), Parquet for
    ``.parquet``, else a page."""
    lowered = name.lower()
    for suffix, compression in JSONL_SUFFIXES.items():
        if lowered.endswith(suffix):
            return JSONL, compression
    if lowered.endswith(PARQUET_SUFFIX):
        return PARQUET, ""
    return PAGE, ""


def is_corpus_input(name: str) -> bool:
    """Whether ``name`` is a folder, a JSONL or a Parquet file (what only the JSONL output format reads)."""
    return name != STDIN and (os.path.isdir(name) or classify(name)[0] in (JSONL, PARQUET))


def walk(
    names: Iterable[str],
    *,
    report: Callable[[str], None],
    stdin_format: str = PAGE,
    exclude: Collection[str] = (),
) -> Iterator[Input]:
    """The inputs named, each folder standing for its page and JSONL files, subfolders included.

    Folders are read in name order and their hidden entries (``.name``) left out, as
    are the files in ``exclude`` (real paths: the run's own output).  A name that
    cannot be read, or a folder without such files, is reported and left out.
    """
    for name in names:
        if name == STDIN:
            yield Input(STDIN, stdin_format)
            continue
        try:
            info = os.stat(name)
        except OSError as exc:
            report(f"{name}: cannot read: {exc.strerror or exc}")
            continue
        if not stat.S_ISDIR(info.st_mode):
            yield _input(name, info)
            continue
        found = False
        for inp in _folder(name, exclude, report):
            found = True
            yield inp
        if not found:
            report(f"{name}: no .txt, .jsonl or .parquet files in this folder")


def _folder(folder: str, exclude: Collection[str], report: Callable[[str], None]) -> Iterator[Input]:
    # one directory listed at a time: memory follows the largest folder, not the corpus
    try:
        with os.scandir(folder) as listing:
            entries = sorted(listing, key=lambda e: e.name)
    except OSError as exc:
        report(f"{folder}: cannot read: {exc.strerror or exc}")
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        path = os.path.join(folder, entry.name)
        try:
            if entry.is_dir(follow_symlinks=False):
                yield from _folder(path, exclude, report)
            elif (entry.name.lower().endswith(FOLDER_SUFFIXES) and entry.is_file()
                  and os.path.realpath(path) not in exclude):
                yield _input(path, entry.stat())
        except OSError as exc:
            report(f"{path}: cannot read: {exc.strerror or exc}")


def _input(path: str, info: os.stat_result) -> Input:
    kind, compression = classify(path)
    # a FIFO, a device or a process substitution has no size to trust, and cannot be read twice (--resume)
    size = info.st_size if stat.S_ISREG(info.st_mode) else None
    return Input(path, kind, compression, size, info.st_mtime_ns)


def page_limit(max_chars: int) -> int:
    """The most bytes a page of ``max_chars`` characters can take: four a character (UTF-8), and a byte-order mark."""
    return 4 * max_chars + len(_BOM)


def read_page(path: str, limit: int) -> bytes | None:
    """The bytes of page file ``path`` (``"-"``: standard input), or None when it holds more than ``limit``.

    Never more than ``limit + 1`` bytes are read, whatever the file is (a FIFO, ``/dev/zero``, a process
    substitution): the size guard applies while reading, not after.  Raises ``OSError``.
    """
    if path == STDIN:
        data = sys.stdin.buffer.read(limit + 1)
    else:
        with open(path, "rb") as handle:
            data = handle.read(limit + 1)
    return data if len(data) <= limit else None


@dataclass(frozen=True, slots=True)
class Scan:
    """What a first pass over the inputs found: how many, their digest (for resuming), problems."""

    inputs: int
    digest: str
    total: int | None
    resumable: bool
    problems: tuple[str, ...]


def scan(names: Iterable[str], *, stdin_format: str = PAGE, exclude: Collection[str] = ()) -> Scan:
    """Walk the inputs once without reading them: their number, a digest of their names, sizes and times,
    their total size (None when standard input or a compressed file makes it unknown), and the problems."""
    problems: list[str] = []
    digest = hashlib.sha256()
    count = 0
    total: int | None = 0
    resumable = True
    for inp in walk(names, report=problems.append, stdin_format=stdin_format, exclude=exclude):
        count += 1
        digest.update(_encode(f"{inp.path}\0{inp.kind}\0{inp.size}\0{inp.mtime_ns}\n"))
        if inp.size is None:
            resumable = False
        total = None if total is None or inp.size is None or inp.compression else total + inp.size
        try:
            if inp.compression == "zst":
                _zstandard()
            if inp.kind == PARQUET:
                _parquet()
        except InputError as exc:
            problems.append(f"{inp.path}: {exc}")
    return Scan(count, digest.hexdigest(), total, resumable, tuple(problems))


# ---------------------------------------------------------------------------
# reading records


@dataclass(frozen=True, slots=True)
class Fields:
    """The JSONL fields that hold a record's text, id, URL and outlet."""

    text: str = "text"
    id: str = "id"
    url: str = "url"
    outlet: str = "outlet"


@dataclass(frozen=True, slots=True)
class Item:
    """A record read from the corpus: where it came from, its size in bytes, and the record for
    :func:`~newsclean.clean_many` or why it could not be read (then ``id`` names it when known)."""

    source: str
    size: int
    record: Mapping[str, object] | None = None
    error: str | None = None
    id: str | None = None


class Reader:
    """Reads the records of inputs as :class:`Item` objects, one input after the other.

    A page file gives one item; a JSONL file one per non-blank line.  ``outlet`` and
    ``url`` apply to records that name none of their own.  An input that cannot be
    read (or stops being readable half-way) is reported and counted in ``unreadable``;
    a page file that cannot be read still gives an item, with the error.
    """

    def __init__(
        self,
        fields: Fields = Fields(),
        *,
        report: Callable[[str], None],
        max_chars: int = MAX_CHARS,
        outlet: str | None = None,
        url: str | None = None,
    ) -> None:
        self.fields = fields
        self.max_chars = max_chars
        # a JSON string may spell a character in six bytes (\u00e9); the rest of the line is room
        # for the other fields, so no line that could hold an acceptable text is refused unread
        self.max_line = 6 * max_chars + (1 << 20)
        self.outlet = outlet
        self.url = url
        self.unreadable = 0
        #: bytes of input consumed so far, skipped and blank lines included (for progress)
        self.position = 0
        self._report = report

    def items(self, inputs: Iterable[Input], *, skip: int = 0) -> Iterator[Item]:
        """Every record of ``inputs`` in order, less the first ``skip`` (counted, not read or parsed).

        Raises :class:`OutputError` when the inputs hold fewer than ``skip`` records.
        """
        for source, size, payload in self._units(inputs):
            if skip:
                skip -= 1
                continue
            yield self._item(source, size, payload)
        if skip:
            raise OutputError(f"the inputs now hold {skip} records fewer than the checkpoint counted")

    def _units(self, inputs: Iterable[Input]) -> Iterator[tuple[str, int, Input | bytes | dict[str, object] | None]]:
        # (source, size, payload): a page's Input, a JSONL line, a Parquet row's record, or None for a line too
        # long to keep
        for inp in inputs:
            if inp.kind == PAGE:
                size = inp.size or 0
                self.position += size
                yield _shown(inp.path), size, inp
                continue
            if inp.kind == PARQUET:
                yield from self._rows(inp)
                continue
            shown = _shown(inp.path)
            number = 0
            try:
                with _open(inp) as stream:
                    for number, line, size in _lines(stream, self.max_line):
                        self.position += size
                        if number == 1 and line is not None and line.startswith(_BOM):
                            line = line[len(_BOM):]
                        if line is None or line.strip():
                            yield f"{shown}:{number}", size, line
            except _read_errors() as exc:
                where = f" after line {number}" if number else ""
                self.report_unreadable(f"{shown}: cannot read{where}: {_reason(exc)}")

    def _rows(self, inp: Input) -> Iterator[tuple[str, int, dict[str, object]]]:
        """A Parquet file's rows as records of the fields clean_many reads, a batch of rows at a time.

        A row's size is its text's in UTF-8; the progress moves through the file's bytes
        by the share of its rows read.
        """
        shown = _shown(inp.path)
        number = 0
        wanted = (self.fields.text, self.fields.id, self.fields.url, self.fields.outlet)
        try:
            parquet = _parquet()
            with parquet.ParquetFile(inp.path) as table:
                names = set(table.schema_arrow.names)
                if self.fields.text not in names:
                    self.report_unreadable(f"{shown}: no column {self.fields.text!r} (the text field); "
                                           f"columns: {', '.join(sorted(names)) or 'none'}")
                    return
                rows = table.metadata.num_rows
                start = self.position
                for batch in table.iter_batches(batch_size=PARQUET_BATCH, columns=[f for f in wanted if f in names]):
                    for record in batch.to_pylist():
                        number += 1
                        self.position = start + (inp.size or 0) * number // max(rows, 1)
                        text = record.get(self.fields.text)
                        size = (len(text.encode("utf-8", "surrogatepass")) if isinstance(text, str)
                                else len(text) if isinstance(text, bytes) else 0)
                        yield f"{shown}:{number}", size, self._defaults(record)
        except _read_errors() as exc:
            where = f" after row {number}" if number else ""
            self.report_unreadable(f"{shown}: cannot read{where}: {_reason(exc)}")

    def _item(self, source: str, size: int, payload: Input | bytes | dict[str, object] | None) -> Item:
        if isinstance(payload, Input):
            return self._page(source, payload)
        if isinstance(payload, dict):
            return Item(source, size, payload)
        if payload is None:
            return Item(source, size, error=f"too large: a line of {size} bytes, limit {self.max_line}")
        return self._json(source, size, payload)

    def _page(self, source: str, inp: Input) -> Item:
        size = inp.size or 0
        # a UTF-8 character takes at most four bytes: a longer file is refused unread
        limit = page_limit(self.max_chars)
        if size > limit:
            return Item(source, size, error=f"too large: {size} bytes, limit {self.max_chars} characters",
                        id=source)
        try:
            read = read_page(inp.path, limit)
            if read is None:
                if inp.path == STDIN:  # read to its end, to count it (and not to leave its writer blocked)
                    size = limit + 1 + _drain(sys.stdin.buffer)
                    return Item(source, size, error=f"too large: {size} bytes, limit {self.max_chars} characters",
                                id=source)
                return Item(source, limit + 1, error=f"too large: more than {limit} bytes, limit {self.max_chars} "
                            "characters", id=source)
            data = read
        except OSError as exc:
            self.report_unreadable(f"{source}: cannot read: {exc.strerror or exc}")
            return Item(source, size, error=f"cannot read: {exc.strerror or exc}", id=source)
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            return Item(source, len(data), error=f"not UTF-8: {exc.reason} at byte {exc.start}", id=source)
        return Item(source, len(data), self._defaults({self.fields.text: text, self.fields.id: source}))

    def _json(self, source: str, size: int, line: bytes) -> Item:
        value, reason = parse_record(line)
        if value is None:
            return Item(source, size, error=reason)
        # only the fields clean_many reads travel to the workers (a record may carry its HTML too)
        wanted = (self.fields.text, self.fields.id, self.fields.url, self.fields.outlet)
        return Item(source, size, self._defaults({key: value[key] for key in wanted if key in value}))

    def _defaults(self, record: dict[str, object]) -> dict[str, object]:
        for key, default in ((self.fields.outlet, self.outlet), (self.fields.url, self.url)):
            if default is not None and record.get(key) is None:
                record[key] = default
        return record

    def report_unreadable(self, message: str) -> None:
        """Report an input that cannot be read, and count it."""
        self.unreadable += 1
        self._report(message)


def _shown(path: str) -> str:
    return "<stdin>" if path == STDIN else path


def _lines(stream: _LineSource, limit: int) -> Iterator[tuple[int, bytes | None, int]]:
    """``(line number from 1, line, size in bytes)``; the line is None when longer than ``limit`` bytes,
    and then it is read past in pieces, never held whole."""
    number = 0
    while True:
        line = stream.readline(limit + 1)
        if not line:
            return
        number += 1
        if len(line) <= limit or line.endswith(b"\n"):
            yield number, line, len(line)
            continue
        size = len(line)
        while not line.endswith(b"\n"):
            line = stream.readline(_HASH_CHUNK)
            if not line:
                break
            size += len(line)
        yield number, None, size


def _drain(stream: BinaryIO) -> int:
    size = 0
    while chunk := stream.read(_HASH_CHUNK):
        size += len(chunk)
    return size


def _open(inp: Input) -> contextlib.AbstractContextManager[_LineSource]:
    if inp.path == STDIN:
        return contextlib.nullcontext(sys.stdin.buffer)
    if inp.compression == "gz":
        return gzip.open(inp.path, "rb")
    if inp.compression == "zst":
        return io.BufferedReader(_ZstdReader(open(inp.path, "rb"), _zstandard()))
    return open(inp.path, "rb")


def _zstandard() -> ModuleType:
    try:
        return importlib.import_module("zstandard")
    except ImportError:
        raise InputError("reading .zst files needs the zstandard package: pip install 'newsclean[zst]'") from None


def _parquet() -> ModuleType:
    try:
        return importlib.import_module("pyarrow.parquet")
    except ImportError:
        raise InputError("reading .parquet files needs pyarrow: pip install 'newsclean[parquet]'") from None


def _read_errors() -> tuple[type[BaseException], ...]:
    errors: tuple[type[BaseException], ...] = (OSError, EOFError, zlib.error, InputError)
    with contextlib.suppress(InputError):
        errors += (_zstandard().ZstdError,)
    with contextlib.suppress(ImportError):
        # a file that is not Parquet, or is cut short: pyarrow's own errors (ArrowInvalid and the rest)
        errors += (importlib.import_module("pyarrow").ArrowException,)
    return errors


def _reason(exc: BaseException) -> str:
    return (exc.strerror if isinstance(exc, OSError) else None) or str(exc) or type(exc).__name__


class _ZstdReader(io.RawIOBase):
    """A zstd file's decompressed bytes, frame after frame; raises EOFError when the file ends inside a frame.

    (``zstandard``'s own stream reader ends quietly at the cut of a truncated file.)
    """

    def __init__(self, raw: IO[bytes], zstandard: ModuleType) -> None:
        super().__init__()
        self._raw = raw
        self._context = zstandard.ZstdDecompressor()
        self._frame = self._context.decompressobj()
        self._in_frame = False
        self._pending = b""
        self._out = b""
        self._at = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: WriteableBuffer) -> int:
        if self._at >= len(self._out):
            self._out, self._at = self._decompressed(), 0
        view = memoryview(buffer).cast("B")
        n = min(len(view), len(self._out) - self._at)
        view[:n] = self._out[self._at : self._at + n]
        self._at += n
        return n

    def _decompressed(self) -> bytes:
        while True:
            data = self._pending or self._raw.read(_ZSTD_CHUNK)
            self._pending = b""
            if not data:
                if self._in_frame:
                    raise EOFError("the file ends inside a zstd frame: it was cut short")
                return b""
            out: bytes = self._frame.decompress(data)
            self._in_frame = not self._frame.eof
            if self._frame.eof:
                self._pending = self._frame.unused_data
                self._frame = self._context.decompressobj()
            if out:
                return out

    def close(self) -> None:
        self._raw.close()
        super().close()


# ---------------------------------------------------------------------------
# cleaning


def clean_items(
    items: Iterable[Item],
    *,
    start: int = 0,
    fields: Fields = Fields(),
    workers: int | None = None,
    chunksize: int | None = None,
    max_chars: int = MAX_CHARS,
    language: bool | str = True,
    normalization: Normalization = DEFAULT,
    render: Callable[[Result], object] | None = None,
    timeout: float | None = TIMEOUT,
) -> Generator[tuple[Item, Result], None, None]:
    """Clean the items with :func:`~newsclean.clean_many` and yield each with its result, in order.

    An item that could not be read gets an error result with its reason.  Result
    indexes count from ``start`` (the records skipped on resuming).  ``render`` is
    passed on to ``clean_many`` (see :func:`rendering`).
    """
    waiting: deque[Item] = deque()

    def records() -> Iterator[object]:
        for item in items:
            waiting.append(item)
            # an item without a record still takes its place in the stream; its own error replaces
            # the one clean_many gives the empty record
            yield item.record if item.error is None else {}

    results = clean_many(records(), workers=workers, chunksize=chunksize, text_field=fields.text,
                         id_field=fields.id, url_field=fields.url, outlet_field=fields.outlet, max_chars=max_chars,
                         language=language, normalization=normalization, render=render, timeout=timeout)
    try:
        for result in results:
            item = waiting.popleft()
            index = start + result.index
            if item.error is not None:
                yield item, Result(index, item.id, error=item.error)
            else:
                yield item, replace(result, index=index)
    finally:
        # a run stopped early shuts the worker pool down now, not whenever the generator is collected
        if isinstance(results, Generator):
            results.close()


def output_record(item: Item, result: Result, *, lines: bool = False) -> dict[str, Any]:
    """The JSONL record of a result: ``index``, ``id``, ``source``, then ``Result.to_dict()``'s fields."""
    data = result.to_dict(lines=lines)
    return {"index": data.pop("index"), "id": data.pop("id"), "source": item.source, **data}


@dataclass(frozen=True, slots=True)
class Rendered:
    """A cleaned record as a worker hands it back: its output fields as JSON, and what the summary counts.

    ``fields`` is the JSON object of ``Result.to_dict()`` without ``index`` and ``id``
    (which the parent knows); ``dropped`` counts the dropped lines per (label, rule).
    """

    fields: str
    outlet: str | None
    dropped: tuple[tuple[str, str, int], ...]


_LABEL_AND_RULE = attrgetter("label", "rule")


def render_result(result: Result, *, lines: bool = False) -> Rendered:
    """What a worker hands back for a cleaned ``result`` (see :func:`rendering`)."""
    article = result.article
    if article is None:
        raise ValueError(f"record {result.index} has no article to render")
    data = result.to_dict(lines=lines)
    del data["index"], data["id"]
    counts = Counter(map(_LABEL_AND_RULE, article.lines))
    return Rendered(to_line(data)[:-1], article.outlet,
                    tuple((label.value, rule, n) for (label, rule), n in counts.items() if label not in KEPT))


def rendering(*, lines: bool = False) -> Callable[[Result], Rendered]:
    """The ``render`` function for ``clean_many`` that makes the records :func:`output_line` writes."""
    return functools.partial(render_result, lines=lines)


def output_line(item: Item, result: Result, *, lines: bool = False) -> str:
    """The JSONL line of a result: :func:`output_record` as JSON, spliced from its :class:`Rendered` when it has one."""
    if not isinstance(result.rendered, Rendered):
        return to_line(output_record(item, result, lines=lines))
    head = to_line({"index": result.index, "id": result.id, "source": item.source})
    # '{"index": .., "source": ..}\n' + '{"body": ..}' -> one object, as json.dumps writes the merged dict
    return head[:-2] + ", " + result.rendered.fields[1:] + "\n"


def to_line(record: Mapping[str, Any]) -> str:
    """One JSON line; a lone surrogate (from a file name that is not UTF-8) is written as its ``\\u`` escape."""
    text = json.dumps(record, ensure_ascii=False) + "\n"
    return text.encode("utf-8", "backslashreplace").decode("utf-8")


# ---------------------------------------------------------------------------
# counting


@dataclass(slots=True)
class Summary:
    """Counts over the records written: cleaned and errors, bytes, outlets, dropped lines per label and rule."""

    records: int = 0
    cleaned: int = 0
    errors: int = 0
    bytes: int = 0
    reasons: Counter[str] = field(default_factory=Counter)
    outlets: Counter[str] = field(default_factory=Counter)
    labels: Counter[str] = field(default_factory=Counter)
    rules: Counter[str] = field(default_factory=Counter)

    def add(self, result: Result, size: int) -> None:
        """Count one record of ``size`` input bytes."""
        self.records += 1
        self.bytes += size
        if result.error is not None:
            self.errors += 1
            self.reasons[error_kind(result.error)] += 1
            return
        self.cleaned += 1
        if isinstance(result.rendered, Rendered):
            self.outlets[result.rendered.outlet or NO_OUTLET] += 1
            for label, rule, n in result.rendered.dropped:
                self.labels[label] += n
                self.rules[rule] += n
            return
        article = result.article
        if article is None:
            raise ValueError(f"record {result.index} has neither an error, an article nor a rendering")
        self.outlets[article.outlet or NO_OUTLET] += 1
        for line in dropped_lines(article):
            self.labels[line.label.value] += 1
            self.rules[line.rule] += 1

    def to_dict(self) -> dict[str, Any]:
        """The counts as JSON-ready data, the largest first."""
        return {
            "records": self.records,
            "cleaned": self.cleaned,
            "errors": self.errors,
            "bytes": self.bytes,
            "errors_by_reason": dict(self.reasons.most_common()),
            "outlets": dict(self.outlets.most_common()),
            "dropped_by_label": dict(self.labels.most_common()),
            "dropped_by_rule": dict(self.rules.most_common()),
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Summary:
        """The counts :meth:`to_dict` gave."""
        return cls(data["records"], data["cleaned"], data["errors"], data["bytes"],
                   Counter(data["errors_by_reason"]), Counter(data["outlets"]), Counter(data["dropped_by_label"]),
                   Counter(data["dropped_by_rule"]))


def error_kind(error: str) -> str:
    """An error's kind, for counting: its text up to the first colon (``"not UTF-8"``, ``"too large"``)."""
    return error.split(":", 1)[0]


def format_summary(summary: Summary, *, seconds: float, records: int, size: int, unreadable: int = 0,
                   resumed: int = 0, top: int = 15) -> str:
    """The summary printed at the end of a run; ``records`` and ``size`` are this session's, for throughput."""
    rate = f"{records / seconds:,.1f} records/s, {size / 1e6 / seconds:.2f} MB/s" if seconds > 0 else "-"
    lines = [f"{summary.records:,} records: {summary.cleaned:,} cleaned, {summary.errors:,} errors; "
             f"{_megabytes(summary.bytes)} MB",
             f"this run: {records:,} records in {_clock(seconds)}, {rate}"
             + (f" (resumed after {resumed:,} records)" if resumed else "")]
    if unreadable:
        lines.append(f"inputs that could not be read: {unreadable} (reported above)")
    for title, counts in (("errors", summary.reasons), ("outlets", summary.outlets),
                          ("dropped lines by label", summary.labels), ("dropped lines by rule", summary.rules)):
        if counts:
            shown = ", ".join(f"{n:,} {key}" for key, n in counts.most_common(top))
            more = f", and {len(counts) - top} more" if len(counts) > top else ""
            lines.append(f"{title}: {shown}{more}")
    return "\n  ".join(lines) + "\n"


def _megabytes(size: int) -> str:
    return f"{size / 1e6:,.2f}" if size < 10**8 else f"{size / 1e6:,.0f}"


def _clock(seconds: float) -> str:
    whole = int(seconds)
    return f"{whole // 3600}:{whole // 60 % 60:02d}:{whole % 60:02d}"


# ---------------------------------------------------------------------------
# progress


class Progress:
    """One line on a terminal, redrawn at most every ``every`` seconds: records, MB, MB/s, errors, and the share
    of the input read when its size is known.  Draws nothing when the stream is not a terminal."""

    def __init__(self, stream: TextIO, *, total: int | None = None, every: float = 0.25,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.stream = stream
        self.enabled = stream.isatty()
        self.total = total
        self.every = every
        self.clock = clock
        self.start = clock()
        self._last: float | None = None
        self._shown = False

    def update(self, *, records: int, errors: int, size: int, position: int, force: bool = False) -> None:
        """Redraw if it is time (or ``force``): ``size`` bytes cleaned this session, ``position`` bytes read."""
        if not self.enabled:
            return
        now = self.clock()
        if not force and self._last is not None and now - self._last < self.every:
            return
        self._last = now
        elapsed = now - self.start
        rate = size / 1e6 / elapsed if elapsed > 0 else 0.0
        share = ""
        if self.total:
            done = min(position / self.total, 1.0)
            filled = int(done * 20)
            share = f"{done:4.0%} [{'=' * filled}{' ' * (20 - filled)}] "
        text = (f"{share}{records:,} records, {_megabytes(size)} MB, {rate:.2f} MB/s, {errors:,} errors, "
                f"{_clock(elapsed)}")
        width = _columns(self.stream)
        self.stream.write("\r\x1b[K" + text[: width - 1])
        self.stream.flush()
        self._shown = True

    def clear(self) -> None:
        """Remove the line (before other output, and at the end)."""
        if self._shown:
            self.stream.write("\r\x1b[K")
            self.stream.flush()
            self._shown = False


def _columns(stream: TextIO) -> int:
    try:
        return os.get_terminal_size(stream.fileno()).columns
    except (OSError, ValueError, io.UnsupportedOperation):
        return 80


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
        data = text.encode("utf-8")
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


@dataclass(frozen=True, slots=True)
class Checkpoint:
    """What ``FILE.checkpoint`` holds: the inputs' digest, the options, and how far the part files go."""

    inputs: str
    options: Mapping[str, Any]
    records: int
    output: Mark
    errors: Mark | None
    summary: Mapping[str, Any]

    def save(self, path: str) -> None:
        """Write the checkpoint (atomically)."""
        data = {
            "format": _CHECKPOINT_FORMAT,
            "inputs": self.inputs,
            "options": dict(self.options),
            "records": self.records,
            "output": [self.output.size, self.output.sha256],
            "errors": None if self.errors is None else [self.errors.size, self.errors.sha256],
            "summary": dict(self.summary),
        }
        write_atomically(path, json.dumps(data, ensure_ascii=False) + "\n")

    @classmethod
    def load(cls, path: str) -> Checkpoint | None:
        """The checkpoint in ``path``, None when there is none; :class:`OutputError` when it cannot be used."""
        try:
            text = Path(path).read_text(encoding="utf-8")
        except FileNotFoundError:
            return None
        except (OSError, UnicodeDecodeError) as exc:
            raise OutputError(f"cannot resume: {path}: cannot read: {exc}") from None
        try:
            data = json.loads(text)
            if data["format"] != _CHECKPOINT_FORMAT:
                raise ValueError(f"format {data['format']}")
            errors = None if data["errors"] is None else Mark(*data["errors"])
            return cls(data["inputs"], data["options"], data["records"], Mark(*data["output"]), errors,
                       data["summary"])
        except (ValueError, KeyError, TypeError) as exc:
            raise OutputError(f"cannot resume: {path} is damaged ({exc}); rerun without --resume") from None


# ---------------------------------------------------------------------------
# a run


@dataclass(frozen=True, slots=True)
class Job:
    """What ``newsclean clean`` was asked to do with a corpus."""

    names: tuple[str, ...]
    output: str | None = None
    errors: str | None = None
    summary: str | None = None
    resume: bool = False
    stdin_format: str = PAGE
    fields: Fields = Fields()
    outlet: str | None = None
    url: str | None = None
    workers: int | None = None
    chunksize: int | None = None
    max_chars: int = MAX_CHARS
    language: bool | str = True
    normalization: Normalization = DEFAULT
    lines: bool = False
    rulesets: tuple[str, ...] = ()
    timeout: float | None = TIMEOUT

    def options(self) -> dict[str, Any]:
        """Everything but the inputs that the output depends on: a run is resumed only with the same."""
        return {
            "newsclean": __version__,
            "fields": [self.fields.text, self.fields.id, self.fields.url, self.fields.outlet],
            "outlet": self.outlet,
            "url": self.url,
            "max_chars": self.max_chars,
            "language": self.language,
            "normalization": [self.normalization.mojibake, self.normalization.spaces],
            "lines": self.lines,
            "stdin_format": self.stdin_format,
            "errors": None if self.errors is None else os.path.abspath(self.errors),
            "rulesets": [_file_digest(path) for path in self.rulesets],
            "timeout": self.timeout,
        }


@dataclass(frozen=True, slots=True)
class Outcome:
    """How a run ended: the counts, inputs that could not be read, and whether the output was complete already."""

    summary: Summary
    unreadable: int = 0
    already_complete: bool = False


def run(
    job: Job,
    *,
    stdout: TextIO,
    stderr: TextIO,
    report: Callable[[str], None],
    clock: Callable[[], float] = time.monotonic,
) -> Outcome:
    """Clean the job's corpus into its output, with progress and summary on ``stderr``.

    ``report`` prints an error line.  Raises :class:`InputsError` (before anything is
    written) when inputs are missing, :class:`OutputError` when the output cannot be
    written or resumed; ``KeyboardInterrupt`` (:class:`Terminated` for SIGTERM) is re-raised
    after a last checkpoint.  A first Ctrl-C or SIGTERM stops the run after the record in hand,
    a second one at once; the worker processes end with the run either way (a SIGTERM sent to them too, as a
    service manager sends it to every process, kills them: their records are cleaned again, as after any
    worker's death, before the run stops).
    """
    own = {os.path.realpath(p) for p in _own_files(job)}
    found = scan(job.names, stdin_format=job.stdin_format, exclude=own)
    if found.problems:
        raise InputsError(found.problems)
    writer = _open_writer(job, found, stdout, report, clock)
    if writer is None:
        return Outcome(Summary(), already_complete=True)
    progress = Progress(stderr, total=found.total, clock=clock)

    def note(message: str) -> None:
        progress.clear()
        report(message)

    reader = Reader(job.fields, report=note, max_chars=job.max_chars, outlet=job.outlet, url=job.url)
    inputs = walk(job.names, report=reader.report_unreadable, stdin_format=job.stdin_format, exclude=own)
    cleaned = clean_items(reader.items(inputs, skip=writer.skip), start=writer.skip, fields=job.fields,
                          workers=job.workers, chunksize=job.chunksize, max_chars=job.max_chars,
                          language=job.language, normalization=job.normalization,
                          render=rendering(lines=job.lines), timeout=job.timeout)
    started = clock()
    with _Interrupts() as interrupts:
        try:
            for item, result in cleaned:
                writer.add(item, result, lines=job.lines)
                progress.update(records=writer.summary.records, errors=writer.summary.errors,
                                size=writer.session_bytes, position=reader.position)
                if interrupts.requested:
                    raise interrupts.exception()
        except BaseException as exc:
            cleaned.close()
            progress.clear()
            writer.stop(report, interrupted=isinstance(exc, KeyboardInterrupt))
            raise
        progress.update(records=writer.summary.records, errors=writer.summary.errors, size=writer.session_bytes,
                        position=reader.position, force=True)
        progress.clear()
        summary = writer.summary
        # the summary before the renames: a run that dies between them is unfinished (no final output name) and
        # --resume writes the summary again, where one that died after them had its output and no summary
        if job.summary is not None:
            write_atomically(job.summary, json.dumps({**summary.to_dict(), "unreadable_inputs": reader.unreadable},
                                                     ensure_ascii=False, indent=1) + "\n")
        writer.commit()
    stderr.write("newsclean: " + format_summary(summary, seconds=clock() - started, records=writer.session_records,
                                                size=writer.session_bytes, unreadable=reader.unreadable,
                                                resumed=writer.skip))
    return Outcome(summary, reader.unreadable)


class _Interrupts:
    """While in use (in the main thread), a first Ctrl-C or SIGTERM only sets ``requested``: the run stops between
    two records, where the checkpoint agrees with the files.  A second one interrupts at once.

    Each signal is handled only when it has the handler Python starts with (Ctrl-C's ``KeyboardInterrupt``,
    SIGTERM's default): a run started with SIGINT ignored (in the background) leaves it ignored.
    """

    _DEFAULTS = ((signal.SIGINT, signal.default_int_handler), (signal.SIGTERM, signal.SIG_DFL))

    def __init__(self) -> None:
        self.requested = False
        self.signum: int | None = None
        self._previous: dict[int, Any] = {}

    def __enter__(self) -> _Interrupts:
        if threading.current_thread() is threading.main_thread():
            for signum, default in self._DEFAULTS:
                if signal.getsignal(signum) is default:
                    self._previous[signum] = signal.signal(signum, self._handle)
        return self

    def __exit__(self, *exc: object) -> None:
        for signum, previous in self._previous.items():
            signal.signal(signum, previous)

    def exception(self) -> KeyboardInterrupt:
        """What stops the run: :class:`Terminated` for SIGTERM, else ``KeyboardInterrupt``."""
        return Terminated() if self.signum == signal.SIGTERM else KeyboardInterrupt()

    def _handle(self, signum: int, frame: FrameType | None) -> None:
        if self.signum is None:
            self.signum = signum
        if self.requested:
            raise self.exception()
        self.requested = True


class _Writer:
    """Writes each record to the output and each error record to the errors file, counts it, and checkpoints.

    ``skip`` records were written by the run this one resumes; ``summary`` counts them too.
    """

    def __init__(self, output: PartFile | _Stream, errors: PartFile | None, *, skip: int = 0,
                 summary: Summary | None = None, checkpoint: str | None = None, inputs: str = "",
                 options: Mapping[str, Any] | None = None, clock: Callable[[], float] = time.monotonic) -> None:
        self.output = output
        self.errors = errors
        self.skip = skip
        self.summary = summary or Summary()
        self.path = checkpoint if isinstance(output, PartFile) else None
        self.inputs = inputs
        self.options = dict(options or {})
        self.clock = clock
        self.session_records = 0
        self.session_bytes = 0
        # True while a record is written and counted: a checkpoint taken then would disagree with the files
        self.busy = False
        self._marked_records = skip
        self._marked_at = clock()

    def add(self, item: Item, result: Result, *, lines: bool = False) -> None:
        """Write and count one record; checkpoint when one is due."""
        self.busy = True
        line = output_line(item, result, lines=lines)
        self.output.write(line)
        if self.errors is not None and result.error is not None:
            self.errors.write(line)
        self.summary.add(result, item.size)
        self.busy = False
        self.session_records += 1
        self.session_bytes += item.size
        if (self.summary.records - self._marked_records >= CHECKPOINT_RECORDS
                or self.clock() - self._marked_at >= CHECKPOINT_SECONDS):
            self.checkpoint()

    def checkpoint(self) -> None:
        """Sync the part files and record how far they go (nothing when writing to a stream)."""
        if self.path is None or not isinstance(self.output, PartFile):
            return
        errors = None if self.errors is None else self.errors.mark()
        Checkpoint(self.inputs, self.options, self.summary.records, self.output.mark(), errors,
                   self.summary.to_dict()).save(self.path)
        self._marked_records, self._marked_at = self.summary.records, self.clock()

    def stop(self, report: Callable[[str], None], *, interrupted: bool) -> None:
        """Leave the part files resumable: a last checkpoint when they are between records, then close them."""
        try:
            if not self.busy:
                self.checkpoint()
        except OutputError as exc:
            report(str(exc))
        finally:
            self.output.close()
            if self.errors is not None:
                self.errors.close()
        if not interrupted or not isinstance(self.output, PartFile):
            return
        if self.path is not None and os.path.exists(self.path):
            report(f"interrupted: {self.output.part} is kept with its checkpoint; run the same command with "
                   "--resume to go on")
        else:
            report(f"interrupted before the first checkpoint: {self.output.part} cannot be resumed")

    def commit(self) -> None:
        """Give the files their final names, the errors file first, and drop the checkpoint."""
        # a run stopped between the two renames is still unfinished (the output has no final name yet),
        # and --resume takes the renamed errors file back
        if self.errors is not None:
            self.errors.commit()
        self.output.commit()
        if self.path is not None:
            with contextlib.suppress(FileNotFoundError):
                os.remove(self.path)


def _own_files(job: Job) -> list[str]:
    paths = [p for p in (job.output, job.errors, job.summary) if p is not None]
    return [*paths, *(p + ".part" for p in paths), *(p + ".checkpoint" for p in paths)]


def _open_writer(job: Job, found: Scan, stdout: TextIO, report: Callable[[str], None],
                 clock: Callable[[], float]) -> _Writer | None:
    """The writer, with fresh files or those the checkpoint left; None when the output is complete already."""
    if job.output is None:
        return _Writer(_Stream(stdout), _fresh(job.errors), clock=clock)
    path = job.output + ".checkpoint"
    options = job.options()
    saved = Checkpoint.load(path) if job.resume else None
    if saved is not None:
        _check_same(saved, found, job, options)
        reopened = None if job.errors is None or saved.errors is None else PartFile(job.errors, at=saved.errors)
        return _Writer(PartFile(job.output, at=saved.output), reopened, skip=saved.records,
                       summary=Summary.from_dict(saved.summary), checkpoint=path, inputs=found.digest,
                       options=options, clock=clock)
    if job.resume and os.path.exists(job.output) and not os.path.exists(job.output + ".part"):
        report(f"{job.output} is complete: nothing to resume (rerun without --resume to clean again)")
        return None
    if job.resume:
        report(f"{job.output}: no checkpoint to resume from; starting from the first record")
    elif os.path.exists(path):
        report(f"{job.output}: starting again; the partial output of an earlier run is dropped (--resume goes on "
               "with it)")
    with contextlib.suppress(FileNotFoundError):
        os.remove(path)
    return _Writer(PartFile(job.output), _fresh(job.errors), checkpoint=path if found.resumable else None,
                   inputs=found.digest, options=options, clock=clock)


def _fresh(path: str | None) -> PartFile | None:
    return None if path is None else PartFile(path)


def _check_same(saved: Checkpoint, found: Scan, job: Job, options: Mapping[str, Any]) -> None:
    if not found.resumable:
        raise OutputError("cannot resume: standard input cannot be read again")
    if saved.inputs != found.digest:
        raise OutputError(f"cannot resume {job.output}: the inputs changed since it was started (files added, "
                          "removed or modified); rerun without --resume")
    for key, value in options.items():
        if saved.options.get(key) != value:
            raise OutputError(f"cannot resume {job.output}: it was started with other options ({key}: "
                              f"{saved.options.get(key)!r} then, {value!r} now); rerun without --resume")


def _file_digest(path: str) -> str:
    try:
        return hashlib.sha256(Path(path).read_bytes()).hexdigest()
    except OSError:
        return ""


def _encode(text: str) -> bytes:
    return text.encode("utf-8", "surrogateescape")
