"""Engine adapters: clean a corpus of JSONL files on a parallel engine, with the same records as ``clean_many``.

This package holds what every engine needs and knows nothing of any engine; an
adapter (:mod:`newsclean.engines.dask`) only plans partitions, schedules them and
writes their part files.  Each partition is a run of whole lines of one input file;
the engine-neutral steps are:

1. :func:`jsonl_lines` and :func:`count_lines` -- a partition's bytes to its records
   (non-blank lines) and its lines; counted for every partition first, they give each
   partition the index of its first record and the line number of its first line;
2. :func:`ensure_registered` -- the rule sets registered at run time in the driver
   (:func:`newsclean.registry.added`), handed over as data;
3. :func:`clean_lines` -- one :class:`~newsclean.Result` per record, in order, with
   the record's index in the whole corpus (``clean_many`` with ``workers=1``: the
   engine provides the parallelism);
4. :func:`to_jsonl` -- the output line of a result, with its source (``FILE:LINE``).

A corpus is one JSON object per line, UTF-8.  Blank lines are not records.  A line
that is not UTF-8, not JSON, or not a JSON object gives an error record, like a
record ``clean_many`` cannot clean.  The records' indexes count records across all
input files in order, as one run over the files one after the other numbers them;
with ``source`` added, an output record has the fields of ``newsclean clean``'s JSONL.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from typing import Any

from .. import registry
from ..batch import Result, clean_many, parse_record
from ..rules import RuleSet, RuleSetError
from ..settings import DEFAULTS, Settings, settings_of

__all__ = ["Summary", "clean_lines", "count_lines", "ensure_registered", "jsonl_lines", "to_jsonl"]

_BOM = b"\xef\xbb\xbf"


@dataclass(frozen=True, slots=True)
class Summary:
    """What a corpus run did: the inputs with their record counts, the part files written, and the tallies.

    ``records == cleaned + errors`` always.  ``files`` lists each input file with its
    number of records, in index order: the records of the first file have indexes
    ``0 .. n0 - 1``, those of the second ``n0 ..``, and so on.
    """

    files: tuple[tuple[str, int], ...]
    parts: tuple[str, ...]
    records: int
    cleaned: int
    errors: int


def jsonl_lines(block: bytes, *, file_start: bool = False) -> list[tuple[int, bytes]]:
    """The records of a block of whole JSONL lines: its non-blank lines, each with its number in the block (from 0).

    ``file_start`` says the block opens its file, where a UTF-8 byte-order mark is dropped.
    Lines are split at ``\\n`` only: JSON text may hold other line separators (U+2028) unescaped.
    """
    if file_start and block.startswith(_BOM):
        block = block[len(_BOM):]
    return [(n, line) for n, line in enumerate(block.split(b"\n")) if line.strip()]


def count_lines(block: bytes) -> int:
    """How many lines a block of whole lines holds, blank ones included (the last may lack its line end)."""
    return block.count(b"\n") + (0 if block.endswith(b"\n") or not block else 1)


def ensure_registered(rulesets: Iterable[RuleSet]) -> None:
    """Register in this process each rule set that is missing here or differs from the one registered."""
    for ruleset in rulesets:
        try:
            current: RuleSet | None = registry.get(ruleset.name)
        except (LookupError, RuleSetError):
            current = None
        # registering again drops every compiled rule set: only when this process lacks this one
        if current != ruleset:
            registry.register(ruleset, replace=True)


def clean_lines(
    lines: Iterable[bytes | str],
    settings: Settings | None = None,
    *,
    start: int = 0,
    rulesets: Iterable[RuleSet] = (),
    **options: Any,
) -> Iterator[Result]:
    """Clean JSONL records in this process and yield one :class:`~newsclean.Result` per line, in order.

    The ``i``-th line's result has index ``start + i``.  ``rulesets`` are registered
    first where missing (see :func:`ensure_registered`).  A line that is not UTF-8, not
    JSON or not a JSON object gives an error result; ``settings`` and the keyword ``options`` (its fields) work as
    in :func:`newsclean.clean_many`.  Lines are read as they are cleaned, so an iterator of
    lines is never held in memory whole.
    """
    work = settings_of(settings, options)
    ensure_registered(rulesets)
    refused: dict[int, str] = {}

    def items() -> Iterator[object]:
        for i, line in enumerate(lines):
            record, reason = parse_record(line)
            if reason is not None:
                refused[i] = reason
                # a mapping without the text field: clean_many answers it with an error result in its
                # place, and the reason found here replaces clean_many's
                yield {}
            else:
                yield record

    results = clean_many(items(), work, workers=1)
    for result in results:
        reason = refused.pop(result.index, None)
        if reason is not None:
            yield Result(start + result.index, None, error=reason)
        else:
            yield replace(result, index=start + result.index)


def to_jsonl(result: Result, source: str | None = None, settings: Settings = DEFAULTS) -> str:
    """The output line of ``result``, without its line end: ``Result.to_dict(settings)`` as JSON, non-ASCII kept
    (a lone surrogate as its ``\\u`` escape), written by :func:`newsclean.corpus.to_line` as ``newsclean clean`` writes.

    ``source`` (``"FILE:LINE"``, the line counted from 1) follows ``id``, as in ``newsclean clean``'s JSONL.
    """
    return result.to_line(settings, source=source)[:-1]
