"""Reading a corpus run's records: one reader per input format, each giving :class:`Item` records.

Every JSON record goes through :func:`newsclean.batch.parse_record`, whatever file it comes from.
"""

from __future__ import annotations

import contextlib
import gzip
import importlib
import io
import sys
import zlib
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from types import ModuleType
from typing import IO, TYPE_CHECKING, BinaryIO, Protocol

from ..batch import parse_record
from ..settings import DEFAULTS, Settings
from .errors import InputError, OutputError
from .inputs import _BOM, PAGE, PARQUET, PARQUET_BATCH, STDIN, Input, _parquet, _zstandard, page_limit, read_page

if TYPE_CHECKING:
    from _typeshed import WriteableBuffer

_ZSTD_CHUNK = 1 << 15
_HASH_CHUNK = 1 << 20


class _LineSource(Protocol):
    def readline(self, size: int = ..., /) -> bytes: ...



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

    A page file gives one item; a JSONL file one per non-blank line; a Parquet file one per row.  The
    ``settings`` name the fields a record is read from.  An input that cannot be
    read (or stops being readable half-way) is reported and counted in ``unreadable``;
    a page file that cannot be read still gives an item, with the error.
    """

    def __init__(
        self,
        settings: Settings = DEFAULTS,
        *,
        report: Callable[[str], None],
    ) -> None:
        self.settings = settings
        self.max_chars = settings.max_chars
        # a JSON string may spell a character in six bytes (\u00e9); the rest of the line is room
        # for the other fields, so no line that could hold an acceptable text is refused unread
        self.max_line = 6 * self.max_chars + (1 << 20)
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
        """A Parquet file's rows as records (every column: the ones newsclean does not read pass through), a batch of
        rows at a time.

        A row's size is its text's in UTF-8; the progress moves through the file's bytes
        by the share of its rows read.
        """
        shown = _shown(inp.path)
        number = 0
        text_field = self.settings.text_field
        try:
            parquet = _parquet()
            with parquet.ParquetFile(inp.path) as table:
                names = set(table.schema_arrow.names)
                if text_field not in names:
                    self.report_unreadable(f"{shown}: no column {text_field!r} (the text field); "
                                           f"columns: {', '.join(sorted(names)) or 'none'}")
                    return
                rows = table.metadata.num_rows
                start = self.position
                for batch in table.iter_batches(batch_size=PARQUET_BATCH):
                    for record in batch.to_pylist():
                        number += 1
                        self.position = start + (inp.size or 0) * number // max(rows, 1)
                        text = record.get(text_field)
                        size = (len(text.encode("utf-8", "surrogatepass")) if isinstance(text, str)
                                else len(text) if isinstance(text, bytes) else 0)
                        yield f"{shown}:{number}", size, record
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
        return Item(source, len(data), {self.settings.text_field: text, self.settings.id_field: source})

    def _json(self, source: str, size: int, line: bytes) -> Item:
        value, reason = parse_record(line)
        if value is None:
            return Item(source, size, error=reason)
        # only the fields clean_many reads travel to the workers (a record may carry its HTML too)
        # the whole record travels: the fields newsclean does not read pass through to the output record
        return Item(source, size, value)

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



