"""Clean a corpus of JSONL files with Dask, on a ``distributed`` cluster or Dask's local scheduler.

Needs the ``dask`` extra: ``pip install 'newsclean[dask]'``.  How to run it on a
cluster: docs/dask.md.  For example::

    from distributed import Client
    from newsclean.engines.dask import clean_jsonl

    client = Client("tcp://scheduler:8786")
    summary = clean_jsonl("/shared/pages/*.jsonl", "/shared/clean", client=client)
    print(summary.records, summary.errors)
"""

from __future__ import annotations

import os
import posixpath
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from .. import registry
from ..rules import RuleSet
from ..settings import Settings, settings_of
from . import Summary, clean_lines, count_lines, jsonl_lines, to_jsonl

try:
    import dask
    import fsspec
    from dask.bytes import read_bytes
    from dask.delayed import delayed
except ImportError as exc:  # pragma: no cover - depends on the environment
    raise ImportError(f"newsclean.engines.dask needs Dask: pip install 'newsclean[dask]' ({exc})") from exc

__all__ = ["DEFAULT_BLOCKSIZE", "PART_PATTERN", "Summary", "clean_jsonl"]

#: Bytes of input per partition: at the 1-4 MB/s that one core cleans (with langdetect, without), some 4-16
#: seconds of work.
DEFAULT_BLOCKSIZE = "16 MiB"
#: Names of the part files in the output directory (``part-00000.jsonl``, ...), in input order.
PART_PATTERN = "part-*.jsonl"


@dataclass(frozen=True, slots=True)
class _Where:
    """Where a partition lies: its file, whether it opens it, its first record's index and first line's number."""

    file: str
    file_start: bool
    index: int
    line: int
    records: int


def clean_jsonl(
    paths_or_glob: str | os.PathLike[str] | Sequence[str | os.PathLike[str]],
    output_dir: str | os.PathLike[str],
    settings: Settings | None = None,
    *,
    blocksize: int | str | None = DEFAULT_BLOCKSIZE,
    client: Any = None,
    storage_options: dict[str, Any] | None = None,
    **options: Any,
) -> Summary:
    """Clean every record of the JSONL files into part files ``output_dir/part-NNNNN.jsonl``; return the tallies.

    ``paths_or_glob`` is a path, a glob (its files in sorted order) or a list of paths,
    local or any fsspec URL (``s3://...``), and must be readable from every worker.
    Each file is cut into partitions of about ``blocksize`` bytes at line ends
    (``None``: one partition per file, as gzip and other compressed files need);
    each partition that holds records gives one part file, with one line per record: ``Result.to_dict()``
    as JSON with the record's ``source`` (``FILE:LINE``) after its ``id``, the fields
    of ``newsclean clean``'s JSONL (see :mod:`newsclean.engines` for the records'
    indexes and the error records of bad lines).  The part files read in name order
    hold the records in input order.

    ``settings`` (:class:`~newsclean.settings.Settings`) and the keyword ``options`` (its fields: ``text_field``,
    ``language``, ``max_chars``, ``normalization``, ``timeout``, ...) work as in :func:`newsclean.clean_many`.
    ``client`` is a ``distributed.Client``; without one the computation runs on
    Dask's current scheduler (the default client, if one exists).  Rule sets
    registered in this process with :func:`newsclean.register` are sent to the
    workers.  Refuses (``FileExistsError``) an ``output_dir`` that already holds part
    files, so parts of two runs never mix.  A run reads the input twice: first to
    count each partition's records and lines (which numbers them), then to clean them.
    """
    work = settings_of(settings, options)
    storage = dict(storage_options or {})
    urlpath = os.fspath(paths_or_glob) if isinstance(paths_or_glob, str | os.PathLike) else [
        os.fspath(p) for p in paths_or_glob
    ]
    in_fs, _, paths = fsspec.core.get_fs_token_paths(urlpath, mode="rb", storage_options=storage)
    if not paths:
        raise FileNotFoundError(f"no input files: {urlpath}")
    files = [_url(in_fs, path) for path in paths]
    _, blocks = read_bytes(files, delimiter=b"\n", blocksize=blocksize, sample=False, compression="infer",
                           **storage)
    # one partition per block: (its file's number, its file's first block?, the block)
    partitions = [(f, k == 0, block) for f, file_blocks in enumerate(blocks) for k, block in enumerate(file_blocks)]

    out_fs, out_root = fsspec.core.url_to_fs(os.fspath(output_dir), **storage)
    stale = out_fs.glob(posixpath.join(out_root, PART_PATTERN))
    if stale:
        raise FileExistsError(f"{output_dir} already holds {len(stale)} part files; remove them or write elsewhere")
    out_fs.makedirs(out_root, exist_ok=True)

    counts: list[tuple[int, int]] = _compute(client, [delayed(_count)(block, first) for _, first, block in partitions])

    # handed over once as data, not once per task
    rulesets = delayed(registry.added(), pure=True)
    plan: list[tuple[bytes, _Where]] = []
    per_file = [0] * len(files)
    start = 0
    line = 1
    for (f, first, block), (records, lines) in zip(partitions, counts, strict=True):
        line = 1 if first else line
        # a block of blank lines only, or none (a block boundary inside a long line): no task, no part file
        if records:
            plan.append((block, _Where(files[f], first, start, line, records)))
        per_file[f] += records
        start += records
        line += lines
    width = max(5, len(str(len(plan) - 1)))
    parts = [fsspec.core.OpenFile(out_fs, posixpath.join(out_root, f"part-{k:0{width}d}.jsonl"), mode="wb")
             for k in range(len(plan))]
    tasks = [delayed(_clean_partition)(block, where, part, rulesets, work)
             for (block, where), part in zip(plan, parts, strict=True)]
    tallies: list[tuple[int, int]] = _compute(client, tasks)

    errors = sum(e for _, e in tallies)
    return Summary(
        files=tuple(zip(files, per_file, strict=True)),
        parts=tuple(_url(out_fs, part.path) for part in parts),
        records=start,
        cleaned=start - errors,
        errors=errors,
    )


def _url(fs: Any, path: str) -> str:
    # local files by their plain path; any other filesystem's with its protocol, so the name can be opened again
    protocols = (fs.protocol,) if isinstance(fs.protocol, str) else tuple(fs.protocol)
    return path if "file" in protocols else str(fs.unstrip_protocol(path))


def _compute(client: Any, tasks: list[Any]) -> list[Any]:
    if not tasks:
        return []
    if client is not None:
        return list(client.gather(client.compute(tasks)))
    return list(dask.compute(*tasks))


def _count(block: bytes, first: bool) -> tuple[int, int]:
    return len(jsonl_lines(block, file_start=first)), count_lines(block)


def _clean_partition(block: bytes, where: _Where, part: Any, rulesets: Sequence[RuleSet],
                     settings: Settings) -> tuple[int, int]:
    """Clean one partition's records into its part file; return how many records and how many errors."""
    lines = jsonl_lines(block, file_start=where.file_start)
    if len(lines) != where.records:
        raise RuntimeError(f"{where.file}: the input changed during the run "
                           f"(a block of {where.records} records now has {len(lines)})")
    results = clean_lines((line for _, line in lines), settings, start=where.index, rulesets=rulesets)
    records = errors = 0
    with part as out:
        for (n, _), result in zip(lines, results, strict=True):
            out.write(to_jsonl(result, f"{where.file}:{where.line + n}", settings).encode("utf-8") + b"\n")
            records += 1
            errors += not result.ok
    return records, errors
