"""Opening a corpus file whatever its compression: gzip, bzip2 and xz (Python's own modules) and zstd (the
``zst`` extra), told by the file's name or, failing that, by its first bytes."""

from __future__ import annotations

import bz2
import contextlib
import gzip
import importlib
import io
import lzma
import sys
import zlib
from types import ModuleType
from typing import IO, TYPE_CHECKING, Protocol

from .errors import InputError

if TYPE_CHECKING:
    from _typeshed import WriteableBuffer

STDIN = "-"
#: Compressions by file name suffix.
SUFFIXES = {".gz": "gz", ".bz2": "bz2", ".xz": "xz", ".zst": "zst"}
#: Compressions by the bytes a file opens with.
MAGIC = {b"\x1f\x8b": "gz", b"BZh": "bz2", b"\xfd7zXZ\x00": "xz", b"\x28\xb5\x2f\xfd": "zst"}
_ZSTD_CHUNK = 1 << 15


class LineSource(Protocol):
    """A binary stream read a line at a time."""

    def readline(self, size: int = ..., /) -> bytes: ...

    def read(self, size: int = ..., /) -> bytes: ...


def by_name(name: str) -> tuple[str, str]:
    """``(name without its compression suffix, compression)``; ``""`` for none."""
    lowered = name.lower()
    for suffix, compression in SUFFIXES.items():
        if lowered.endswith(suffix):
            return name[: -len(suffix)], compression
    return name, ""


def by_content(head: bytes) -> str:
    """The compression a file's first bytes show, ``""`` for none."""
    return next((compression for magic, compression in MAGIC.items() if head.startswith(magic)), "")


def open_input(path: str, compression: str) -> contextlib.AbstractContextManager[LineSource]:
    """The decompressed bytes of ``path`` (``"-"``: standard input, read as it is).  Raises ``OSError``, and
    :class:`InputError` when zstd is needed and not installed."""
    if path == STDIN:
        return contextlib.nullcontext(sys.stdin.buffer)
    if compression == "gz":
        return gzip.open(path, "rb")
    if compression == "bz2":
        return bz2.open(path, "rb")
    if compression == "xz":
        return lzma.open(path, "rb")
    if compression == "zst":
        return io.BufferedReader(_ZstdReader(open(path, "rb"), zstandard()))
    return open(path, "rb")


def zstandard() -> ModuleType:
    """The ``zstandard`` module, or :class:`InputError` saying how to install it."""
    try:
        return importlib.import_module("zstandard")
    except ImportError:
        raise InputError("reading .zst files needs the zstandard package: pip install 'newsclean[zst]'") from None


def errors() -> tuple[type[BaseException], ...]:
    """What reading a damaged or cut compressed file raises."""
    return (OSError, EOFError, zlib.error, lzma.LZMAError, InputError, *loaded_errors("zstandard", "ZstdError"))


def loaded_errors(module: str, name: str) -> tuple[type[BaseException], ...]:
    """``module.name`` if ``module`` is already imported, else nothing.

    For ``except`` clauses: a library not yet imported cannot have raised its error, and an import made while an
    exception is being matched (a second for pyarrow) is a window where a second Ctrl-C breaks it with a traceback.
    """
    error = getattr(sys.modules.get(module), name, None)
    return (error,) if isinstance(error, type) and issubclass(error, BaseException) else ()


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



