"""Corpus runs behind ``newsclean clean``: reading pages, JSONL and Parquet, writing JSONL that can be resumed.

One module per role, each importable from here:

* :mod:`.inputs` -- finding the inputs (:func:`walk`, :func:`scan`) and the kind of each (:func:`classify`);
* :mod:`.readers` -- one reader per input format, turning inputs into :class:`Item` records with a source id
  (``"pages/a.txt"``, ``"corpus.jsonl:17"``); every JSON record goes through :func:`newsclean.batch.parse_record`;
* :mod:`.output` -- each result's JSONL line (:func:`output_line`, rendered in the worker by :func:`rendering`)
  and files written as ``FILE.part`` and renamed to ``FILE`` when complete (:class:`PartFile`);
* :mod:`.block` -- a chunk's output lines and counts, made in the worker that cleaned it (:func:`finish_block`),
  which the parent writes and adds up a chunk at a time;
* :mod:`.summary` -- the progress line and the summary's counts;
* :mod:`.checkpoint` -- ``FILE.checkpoint``: how far the part files go, so ``resume=True`` goes on from there;
* :mod:`.job` -- a run (:class:`Job`, :func:`run`): the inputs cleaned by :func:`newsclean.clean_many` with the
  job's :class:`~newsclean.settings.Settings`, one output record per input record, in order.

A record that cannot be read (not UTF-8, not JSON, too large) is an item with an error: it still gives exactly one
result, so records in = records out.  Every :data:`CHECKPOINT_RECORDS` records (or :data:`CHECKPOINT_SECONDS`)
the part files are synced and the checkpoint records how many records they hold, with their length and SHA-256;
``resume=True`` checks that the inputs and options are the same and that the part files still begin with those
bytes, cuts whatever was written after the checkpoint, skips that many records and goes on.
"""



from .block import Block, finish_block
from .checkpoint import Checkpoint
from .errors import InputError, InputsError, OutputError, Terminated
from .inputs import (
    FOLDER_SUFFIXES,
    HTML,
    JSONL,
    KINDS,
    PAGE,
    PARQUET,
    PARQUET_BATCH,
    PARQUET_SUFFIX,
    STDIN,
    Input,
    Scan,
    classify,
    detect,
    is_corpus_input,
    page_limit,
    read_page,
    scan,
    sniff,
    walk,
)
from .job import CHECKPOINT_RECORDS, CHECKPOINT_SECONDS, Job, Outcome, clean_items, run
from .output import (
    Mark,
    PartFile,
    Rendered,
    output_line,
    output_record,
    render_result,
    rendering,
    to_line,
    write_atomically,
)
from .readers import Item, Reader
from .summary import NO_OUTLET, Progress, Summary, error_kind, format_summary

__all__ = [
    "CHECKPOINT_RECORDS",
    "CHECKPOINT_SECONDS",
    "FOLDER_SUFFIXES",
    "HTML",
    "JSONL",
    "KINDS",
    "NO_OUTLET",
    "PAGE",
    "PARQUET",
    "PARQUET_BATCH",
    "PARQUET_SUFFIX",
    "STDIN",
    "Block",
    "Checkpoint",
    "Input",
    "InputError",
    "InputsError",
    "Item",
    "Job",
    "Mark",
    "Outcome",
    "OutputError",
    "PartFile",
    "Progress",
    "Reader",
    "Rendered",
    "Scan",
    "Summary",
    "Terminated",
    "classify",
    "clean_items",
    "detect",
    "error_kind",
    "finish_block",
    "format_summary",
    "is_corpus_input",
    "output_line",
    "output_record",
    "page_limit",
    "read_page",
    "render_result",
    "rendering",
    "run",
    "scan",
    "sniff",
    "to_line",
    "walk",
    "write_atomically",
]
