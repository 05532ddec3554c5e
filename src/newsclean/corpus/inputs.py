"""Finding a corpus run's inputs: the files named and the files in the folders named, each with its kind."""

from __future__ import annotations

import hashlib
import importlib
import os
import stat
from collections.abc import Callable, Collection, Iterable, Iterator
from dataclasses import dataclass
from types import ModuleType

from .compression import STDIN as STDIN
from .compression import SUFFIXES, by_content, by_name, open_input, zstandard
from .compression import errors as compression_errors
from .errors import InputError

PAGE = "page"
JSONL = "jsonl"
PARQUET = "parquet"
HTML = "html"
#: The kinds of input, for ``--input-format``: a page of text, JSON Lines records, Parquet rows, an HTML page.
KINDS = (PAGE, JSONL, PARQUET, HTML)
#: Kinds by file name suffix (after a compression suffix: ``.jsonl.gz``, ``.html.zst``).  A ``.txt`` file or
#: one of any other name is told by its first bytes (:func:`sniff`).
KIND_SUFFIXES = {".jsonl": JSONL, ".ndjson": JSONL, ".json": JSONL, ".parquet": PARQUET, ".html": HTML,
                 ".htm": HTML}
#: Parquet files (the ``parquet`` extra), one record a row; their compression is inside.
PARQUET_SUFFIX = ".parquet"
#: The files a folder stands for: not ``.json`` ones, which beside pages are often something else (the gold
#: files of test pages, settings); named on their own, they are read as JSON Lines.
FOLDER_SUFFIXES = tuple(kind + compression for kind in (".txt", *KIND_SUFFIXES) if kind != ".json"
                        for compression in ("", *SUFFIXES) if not (kind == PARQUET_SUFFIX and compression))
#: Rows of a Parquet file read at a time.
PARQUET_BATCH = 256
#: Bytes read from the start of a file to tell its compression and kind.
SNIFF_BYTES = 4096

_BOM = b"\xef\xbb\xbf"
_HTML_STARTS = (b"<!doctype html", b"<html", b"<head", b"<!--")

# ---------------------------------------------------------------------------
# finding the inputs


@dataclass(frozen=True, slots=True)
class Input:
    """A file to read: its kind (a page, JSONL records, Parquet rows, an HTML page), its compression, and its size and
    time (None for standard input)."""

    path: str
    kind: str
    compression: str = ""
    size: int | None = None
    mtime_ns: int = 0


def classify(name: str) -> tuple[str | None, str]:
    """``(kind, compression)`` of a file by its name; the kind is None when the name does not tell it."""
    stem, compression = by_name(name)
    lowered = stem.lower()
    kind = next((k for suffix, k in KIND_SUFFIXES.items() if lowered.endswith(suffix)), None)
    return kind, "" if kind == PARQUET else compression


def sniff(head: bytes) -> str:
    """The kind of a file by its first bytes (decompressed): JSON Lines when the first non-blank byte is ``{``,
    HTML when it opens as an HTML document does, else a page."""
    start = head.removeprefix(_BOM).lstrip()
    if start.startswith(b"{"):
        return JSONL
    if start[:16].lower().startswith(_HTML_STARTS):
        return HTML
    return PAGE


def detect(path: str, given: str | None = None) -> tuple[str, str]:
    """``(kind, compression)`` of the file ``path``: ``given`` (``--input-format``), else by its name, else by its
    first bytes; its compression by its name, else by its first bytes.  A file that cannot be read is a page (the
    reader reports it)."""
    kind, compression = classify(path)
    kind = given or kind
    if kind == PARQUET or (kind is not None and compression):
        return kind, compression
    try:
        with open(path, "rb") as handle:
            head = handle.read(SNIFF_BYTES)
        compression = compression or by_content(head)
        if kind is None and compression:
            with open_input(path, compression) as stream:
                head = stream.read(SNIFF_BYTES)
    except _unreadable():  # read here, not before: open_input imports zstandard
        return kind or PAGE, compression
    return kind or sniff(head), compression


def _unreadable() -> tuple[type[BaseException], ...]:
    return (ValueError, *compression_errors())


def is_corpus_input(name: str, given: str | None = None) -> bool:
    """Whether ``name`` is a folder or a file of records, JSONL or Parquet (what only the JSONL output reads)."""
    if name == STDIN:
        return given in (JSONL, PARQUET)
    if os.path.isdir(name):
        return True
    # a FIFO or a device is not opened to be told apart: it could be read only once
    kind = detect(name, given)[0] if os.path.isfile(name) else given or classify(name)[0]
    return kind in (JSONL, PARQUET)


def walk(
    names: Iterable[str],
    *,
    report: Callable[[str], None],
    input_format: str | None = None,
    exclude: Collection[str] = (),
) -> Iterator[Input]:
    """The inputs named, each folder standing for its files of :data:`FOLDER_SUFFIXES`, subfolders included.

    Folders are read in name order and their hidden entries (``.name``) left out, as
    are the files in ``exclude`` (real paths: the run's own output).  A name that
    cannot be read, or a folder without such files, is reported and left out.  ``input_format`` is the kind of
    every input (standard input is a page unless it says otherwise).
    """
    for name in names:
        if name == STDIN:
            yield Input(STDIN, input_format or PAGE)
            continue
        try:
            info = os.stat(name)
        except OSError as exc:
            report(f"{name}: cannot read: {exc.strerror or exc}")
            continue
        if not stat.S_ISDIR(info.st_mode):
            yield _input(name, info, input_format)
            continue
        found = False
        for inp in _folder(name, exclude, report, input_format):
            found = True
            yield inp
        if not found:
            report(f"{name}: no .txt, .jsonl, .ndjson, .html or .parquet files in this folder")


def _folder(folder: str, exclude: Collection[str], report: Callable[[str], None],
            input_format: str | None) -> Iterator[Input]:
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
                yield from _folder(path, exclude, report, input_format)
            elif (entry.name.lower().endswith(FOLDER_SUFFIXES) and entry.is_file()
                  and os.path.realpath(path) not in exclude):
                yield _input(path, entry.stat(), input_format)
        except OSError as exc:
            report(f"{path}: cannot read: {exc.strerror or exc}")


def _input(path: str, info: os.stat_result, input_format: str | None) -> Input:
    # a FIFO or a device is not opened to be told apart: it could be read only once
    kind, compression = detect(path, input_format) if stat.S_ISREG(info.st_mode) else (
        input_format or classify(path)[0] or PAGE, classify(path)[1])
    # a FIFO, a device or a process substitution has no size to trust, and cannot be read twice (--resume)
    size = info.st_size if stat.S_ISREG(info.st_mode) else None
    return Input(path, kind, compression, size, info.st_mtime_ns)


def page_limit(max_chars: int) -> int:
    """The most bytes a page of ``max_chars`` characters can take: four a character (UTF-8), and a byte-order mark."""
    return 4 * max_chars + len(_BOM)


def read_page(path: str, limit: int, compression: str = "") -> bytes | None:
    """The bytes of page file ``path`` (``"-"``: standard input), decompressed, or None when it holds more than
    ``limit``.

    Never more than ``limit + 1`` bytes are read, whatever the file is (a FIFO, ``/dev/zero``, a process
    substitution, a compression bomb): the size guard applies while reading, not after.  Raises ``OSError`` (and
    the errors of a damaged compressed file).
    """
    with open_input(path, compression) as handle:
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


def scan(names: Iterable[str], *, input_format: str | None = None, exclude: Collection[str] = ()) -> Scan:
    """Walk the inputs once without reading them: their number, a digest of their names, sizes and times,
    their total size (None when standard input or a compressed file makes it unknown), and the problems."""
    problems: list[str] = []
    digest = hashlib.sha256()
    count = 0
    total: int | None = 0
    resumable = True
    for inp in walk(names, report=problems.append, input_format=input_format, exclude=exclude):
        count += 1
        digest.update(_encode(f"{inp.path}\0{inp.kind}\0{inp.size}\0{inp.mtime_ns}\n"))
        if inp.size is None:
            resumable = False
        total = None if total is None or inp.size is None or inp.compression else total + inp.size
        try:
            if inp.compression == "zst":
                zstandard()
            if inp.kind == PARQUET:
                _parquet()
        except InputError as exc:
            problems.append(f"{inp.path}: {exc}")
    return Scan(count, digest.hexdigest(), total, resumable, tuple(problems))



def _parquet() -> ModuleType:
    try:
        return importlib.import_module("pyarrow.parquet")
    except ImportError:
        raise InputError("reading .parquet files needs pyarrow: pip install 'newsclean[parquet]'") from None



def _encode(text: str) -> bytes:
    return text.encode("utf-8", "surrogateescape")


