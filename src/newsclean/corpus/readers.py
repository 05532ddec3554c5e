"""Reading a corpus run's records: one reader per input format, each giving :class:`Item` records.

Every JSON record goes through :func:`newsclean.batch.parse_record`, whatever file it comes from: here, or (a reader
made with ``parse=False``, as a corpus run's is) where it is cleaned, in the worker.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import BinaryIO

from ..batch import JsonLine, parse_record
from ..settings import DEFAULTS, Settings
from .compression import LineSource, loaded_errors, open_input
from .compression import errors as compression_errors
from .errors import OutputError
from .inputs import _BOM, HTML, PAGE, PARQUET, PARQUET_BATCH, STDIN, Input, _parquet, page_limit, read_page

_READ_CHUNK = 1 << 20  # bytes read at a time from what is skipped: the rest of a too-long line, a drained stdin


@dataclass(frozen=True, slots=True)
class Item:
    """A record read from the corpus: where it came from, its size in bytes, and the record for
    :func:`~newsclean.clean_many` (a mapping, or a :class:`~newsclean.batch.JsonLine` to be parsed where it is
    cleaned) or why it could not be read (then ``id`` names it when known)."""

    source: str
    size: int
    record: Mapping[str, object] | JsonLine | None = None
    error: str | None = None
    id: str | None = None


class Reader:
    """Reads the records of inputs as :class:`Item` objects, one input after the other.

    A page file gives one item; a JSONL file one per non-blank line; a Parquet file one per row.  The
    ``settings`` name the fields a record is read from.  With ``parse=False`` a JSONL line's item holds the line
    (:class:`~newsclean.batch.JsonLine`), for :func:`~newsclean.clean_many` to parse in the worker that cleans it.
    An input that cannot be read (or stops being readable half-way) is reported and counted in ``unreadable``;
    a page file that cannot be read still gives an item, with the error.
    """

    def __init__(
        self,
        settings: Settings = DEFAULTS,
        *,
        report: Callable[[str], None],
        parse: bool = True,
    ) -> None:
        self.settings = settings
        self.parse = parse
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

    def item_at(self, inputs: Iterable[Input], source: str) -> Item | None:
        """The record of ``inputs`` whose source is ``source`` (``FILE:LINE``, ``FILE:ROW``), None when there is
        none (a blank line, a line or row past the end); the records before it are passed over, not parsed."""
        for at, size, payload in self._units(inputs):
            if at == source:
                return self._item(at, size, payload)
        return None

    def _units(self, inputs: Iterable[Input]) -> Iterator[tuple[str, int, Input | bytes | dict[str, object] | None]]:
        # (source, size, payload): a page's Input, a JSONL line, a Parquet row's record, or None for a line too
        # long to keep
        for inp in inputs:
            if inp.kind in (PAGE, HTML):
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
                with open_input(inp.path, inp.compression) as stream:
                    for number, line, size in _lines(stream, self.max_line):
                        self.position += size
                        if number == 1 and line is not None and line.startswith(_BOM):
                            line = line[len(_BOM):]
                        if line is None or (line and not line.isspace()):  # not strip(): no copy of the line
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
            read = read_page(inp.path, limit, inp.compression)
            if read is None:
                if inp.path == STDIN:  # read to its end, to count it (and not to leave its writer blocked)
                    size = limit + 1 + _drain(sys.stdin.buffer)
                    return Item(source, size, error=f"too large: {size} bytes, limit {self.max_chars} characters",
                                id=source)
                return Item(source, limit + 1, error=f"too large: more than {limit} bytes, limit {self.max_chars} "
                            "characters", id=source)
            data = read
        except compression_errors() as exc:
            self.report_unreadable(f"{source}: cannot read: {_reason(exc)}")
            return Item(source, size, error=f"cannot read: {_reason(exc)}", id=source)
        if inp.kind == HTML:  # decoded by its charset and converted to text in the worker
            return Item(source, len(data), {self.settings.html_field: data, self.settings.id_field: source})
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            return Item(source, len(data), error=f"not UTF-8: {exc.reason} at byte {exc.start}", id=source)
        return Item(source, len(data), {self.settings.text_field: text, self.settings.id_field: source})

    def _json(self, source: str, size: int, line: bytes) -> Item:
        if not self.parse:
            return Item(source, size, JsonLine(line))
        value, reason = parse_record(line)
        if value is None:
            return Item(source, size, error=reason)
        # the whole record travels: the fields newsclean does not read pass through to the output record
        return Item(source, size, value)

    def report_unreadable(self, message: str) -> None:
        """Report an input that cannot be read, and count it."""
        self.unreadable += 1
        self._report(message)


def _shown(path: str) -> str:
    return "<stdin>" if path == STDIN else path


def _lines(stream: LineSource, limit: int) -> Iterator[tuple[int, bytes | None, int]]:
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
            line = stream.readline(_READ_CHUNK)
            if not line:
                break
            size += len(line)
        yield number, None, size


def _drain(stream: BinaryIO) -> int:
    size = 0
    while chunk := stream.read(_READ_CHUNK):
        size += len(chunk)
    return size


def _read_errors() -> tuple[type[BaseException], ...]:
    # a file that is not Parquet, or is cut short: pyarrow's own errors (ArrowInvalid and the rest)
    return (*compression_errors(), *loaded_errors("pyarrow", "ArrowException"))


def _reason(exc: BaseException) -> str:
    return (exc.strerror if isinstance(exc, OSError) else None) or str(exc) or type(exc).__name__
