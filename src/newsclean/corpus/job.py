"""A corpus run: read the inputs, clean the records in worker processes, write the output with checkpoints."""

from __future__ import annotations

import contextlib
import functools
import hashlib
import json
import os
import signal
import threading
import time
from collections import deque
from collections.abc import Callable, Generator, Iterable, Iterator, Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from types import FrameType
from typing import Any, TextIO

from .. import __version__
from ..batch import CHUNKSIZE, Result, clean_chunks, clean_many
from ..settings import DEFAULTS, Settings
from .block import Block, Tag, finish_block
from .checkpoint import Checkpoint
from .errors import InputsError, OutputError, Terminated
from .inputs import STDIN, Scan, scan, walk
from .output import PartFile, _Stream, rendering, write_atomically
from .readers import Item, Reader
from .summary import Progress, Summary, format_summary

#: A checkpoint is written after this many records ...
CHECKPOINT_RECORDS = 1000
#: ... or this many seconds, whichever comes first.
CHECKPOINT_SECONDS = 30.0


# ---------------------------------------------------------------------------
# cleaning


def clean_items(
    items: Iterable[Item],
    settings: Settings = DEFAULTS,
    *,
    start: int = 0,
    workers: int | None = None,
    chunksize: int | None = None,
    render: Callable[[Result], object] | None = None,
) -> Generator[tuple[Item, Result], None, None]:
    """Clean the items with :func:`~newsclean.clean_many` and yield each with its result, in order.

    An item that could not be read gets an error result with its reason; an item that holds its record as the JSONL
    line read (a :class:`Reader` made with ``parse=False``) has it parsed in the worker that cleans it.  Result
    indexes count from ``start`` (the records skipped on resuming).  ``render`` is
    passed on to ``clean_many`` (see :func:`~newsclean.corpus.rendering`).
    """
    waiting: deque[Item] = deque()

    def records() -> Iterator[object]:
        for item in items:
            waiting.append(item)
            # an item without a record still takes its place in the stream; its own error replaces
            # the one clean_many gives the empty record
            yield item.record if item.error is None else {}

    results = clean_many(records(), settings, workers=workers, chunksize=chunksize, render=render)
    try:
        for result in results:
            item = waiting.popleft()
            if item.error is not None:
                yield item, Result(start + result.index, item.id, error=item.error)
            else:
                yield item, replace(result, index=start + result.index) if start else result
    finally:
        # a run stopped early shuts the worker pool down now, not whenever the generator is collected
        if isinstance(results, Generator):
            results.close()



def _tagged(items: Iterable[Item]) -> Iterator[tuple[object, Tag]]:
    """Each item's record for ``clean_chunks``, with what :func:`finish_block` needs to write it."""
    for item in items:
        # an item without a record still takes its place in the stream; its own error replaces
        # the one clean_chunks gives the empty record
        yield (item.record if item.error is None else {}), (item.source, item.size, item.error, item.id)


# ---------------------------------------------------------------------------
# a run


@dataclass(frozen=True, slots=True)
class Job:
    """What ``newsclean clean`` was asked to do with a corpus."""

    names: tuple[str, ...]
    settings: Settings = DEFAULTS
    output: str | None = None
    errors: str | None = None
    summary: str | None = None
    resume: bool = False
    input_format: str | None = None
    workers: int | None = None
    chunksize: int | None = None
    rulesets: tuple[str, ...] = ()

    def options(self) -> dict[str, Any]:
        """Everything but the inputs that the output depends on: a run is resumed only with the same."""
        return {
            "newsclean": __version__,
            **self.settings.to_dict(),
            "input_format": self.input_format,
            "errors": None if self.errors is None else os.path.abspath(self.errors),
            "rulesets": [_file_digest(path) for path in self.rulesets],
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
    found = scan(job.names, input_format=job.input_format, exclude=own)
    if found.problems:
        raise InputsError(found.problems)
    writer = _open_writer(job, found, stdout, report, clock)
    if writer is None:
        return Outcome(Summary(), already_complete=True)
    progress = Progress(stderr, total=found.total, clock=clock)

    def note(message: str) -> None:
        progress.clear()
        report(message)

    # the lines go to the workers as they were read: parsed there, not here and again there
    reader = Reader(job.settings, report=note, parse=False)
    inputs = walk(job.names, report=reader.report_unreadable, input_format=job.input_format, exclude=own)
    # each chunk's lines are made and counted in its worker: the parent writes and adds up a chunk at a time
    finish = functools.partial(finish_block, settings=job.settings, start=writer.skip,
                               errors_apart=job.errors is not None)
    interrupts = _Interrupts()
    # a first Ctrl-C stops the run after the record in hand: with one worker, asked between records within a chunk
    cleaned = clean_chunks(_tagged(reader.items(inputs, skip=writer.skip)), finish, job.settings,
                           workers=job.workers, chunksize=_chunksize(job), render=rendering(job.settings),
                           stop=lambda: interrupts.requested)
    started = clock()
    with interrupts:
        try:
            for block in cleaned:
                writer.add_block(block)
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


def _chunksize(job: Job) -> int | None:
    """The records cleaned at a time: ``--chunksize``, else :data:`~newsclean.batch.CHUNKSIZE` (one worker too: its
    records are then written and counted a chunk at a time, ~20 µs a record less), but for one worker reading standard
    input, which takes one at a time (None), so that each record is written as soon as it is cleaned."""
    if job.chunksize is not None:
        return job.chunksize
    return None if STDIN in job.names else CHUNKSIZE


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

    def add_block(self, block: Block) -> None:
        """Write and count a chunk's records; checkpoint when one is due."""
        self.busy = True
        if block.output:
            self.output.write_bytes(block.output)
        if block.errors and self.errors is not None:
            self.errors.write_bytes(block.errors)
        self.summary.merge(block.summary)
        self.busy = False
        self.session_records += block.summary.records
        self.session_bytes += block.summary.bytes
        self._due()

    def _due(self) -> None:
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



