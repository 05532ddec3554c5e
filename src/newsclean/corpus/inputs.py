"""Finding a corpus run's inputs: the files named and the files in the folders named, each with its kind."""

from __future__ import annotations

import hashlib
import importlib
import os
import stat
import sys
from collections.abc import Callable, Collection, Iterable, Iterator
from dataclasses import dataclass
from types import ModuleType

from .errors import InputError

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

_BOM = b"\xef\xbb\xbf"

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



def _encode(text: str) -> bytes:
    return text.encode("utf-8", "surrogateescape")


