"""A chunk of a corpus run's records as a worker hands it back: the bytes to write, and their counts."""

from __future__ import annotations

from dataclasses import dataclass

from ..batch import Result, pickled_as_fields
from ..settings import DEFAULTS, Settings
from .output import source_line
from .summary import Summary

#: What a run sends with each record for :func:`finish_block`: where it was read, its size in bytes, and the error
#: and id of a record that could not be read (its error replaces the one of the empty record cleaned in its place).
Tag = tuple[str, int, "str | None", "str | None"]


@pickled_as_fields
@dataclass(frozen=True, slots=True)
class Block:
    """A chunk's records: the output's lines, the errors file's (empty without one), and their counts."""

    output: bytes
    errors: bytes
    summary: Summary


def finish_block(results: list[tuple[Tag, Result]], *, settings: Settings = DEFAULTS, start: int = 0,
                 errors_apart: bool = False) -> Block:
    """The :class:`Block` of a chunk's ``(tag, result)`` pairs, made where the chunk was cleaned (the ``finish`` of
    :func:`newsclean.batch.clean_chunks`): each record's line as :func:`~newsclean.corpus.output_line` writes it,
    its index counted from ``start`` (the records skipped on resuming); the error records in ``errors`` when
    ``errors_apart``, else in their place in ``output``."""
    output: list[str] = []
    errors = output if not errors_apart else []
    summary = Summary()
    for (source, size, error, ident), result in results:
        if error is not None:
            result = Result(start + result.index, ident, error=error)
        elif start:
            result = Result(start + result.index, result.id, result.article, result.error, result.rendered,
                            result.item, result.from_html)
        (output if result.error is None else errors).append(source_line(source, result, settings))
        summary.add(result, size)
    return Block("".join(output).encode("utf-8"), b"" if errors is output else "".join(errors).encode("utf-8"),
                 summary)
