"""``clean_many()``: clean a stream of pages in order, in worker processes, with an error record per bad page.

Every input record gives exactly one :class:`Result`, in input order: the cleaned
article, or the reason it could not be cleaned.  Records in = results out, always.
Memory stays bounded whatever the stream's length: at most ``workers * 2`` chunks
are in flight at a time.
"""

from __future__ import annotations

import contextlib
import ctypes
import json
import os
import pickle
import signal
import sys
import time
from collections import deque
from collections.abc import Callable, Generator, Iterable, Iterator, Mapping
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures import wait as wait_for
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field, fields, replace
from itertools import islice
from multiprocessing import connection
from multiprocessing.process import BaseProcess
from operator import attrgetter
from typing import Any, NamedTuple, TypeVar

from . import registry
from .model import Article, Line
from .record import KEPT, Counts, article_fields, joined, json_text, record_fields, record_json
from .rules import RuleSet
from .settings import DEFAULTS, MAX_CHARS, Settings, clean_with, settings_of

__all__ = ["CHUNKSIZE", "CHUNK_BYTES", "MAX_CHARS", "JsonLine", "Result", "Settings", "clean_chunks", "clean_many",
           "dropped_lines", "page_text", "parse_record"]

_PR_SET_PDEATHSIG = 1  # linux/prctl.h
#: Records handed to a worker at a time by default with more than one worker (with one, ``clean_many`` and
#: ``clean_chunks`` take one at a time, so that each result is given as soon as its record is cleaned).  A chunk's
#: trip to its worker and back costs the parent ~0.6 ms of CPU whatever its size (~9 µs a record in chunks of 64).
CHUNKSIZE = 256
#: ... and fewer once the records of a chunk hold this many bytes (characters of a page given as ``str``), however
#: many that is: with pages of a few hundred kB a chunk stays a few MB, and so does what is in flight.
CHUNK_BYTES = 4 << 20
# The parent never waits on its workers unbounded: it waits this long at a time for a chunk, and between waits looks
# whether the pool can still give it back (seconds).
_LOOK_SECONDS = 0.5
# How long the workers of a finished run have to leave once told to, before they are killed (seconds).
_LEAVE_SECONDS = 10.0
# How long a worker may take over a chunk before it counts as stuck (a deadlock, not a slow page: pages have their
# time limit): the page time limit for each record, plus these seconds for each record (the work the limit does not
# time: reading, HTML, language) and for the chunk (a new worker loads its rule sets).  A stuck worker's pool is
# killed and its chunks redone record by record, so that only the record that sticks again becomes an error record.
_RECORD_SECONDS = 30.0
_CHUNK_SECONDS = 60.0
DIED = "worker process died while cleaning this record"
STUCK = "worker process did not finish this record in time (stuck)"

_T = TypeVar("_T")
_B = TypeVar("_B")


def pickled_as_fields(cls: type[_T]) -> type[_T]:
    """``cls``, a dataclass, pickled as its fields' values in order and loaded by calling it: for what crosses
    between the parent and the workers once per record.  (A slots dataclass's own pickling looks its fields up
    again for every object loaded, which made loading a worker's results twice as slow for the parent.)"""
    names = tuple(f.name for f in fields(cls))  # type: ignore[arg-type]
    values = attrgetter(*names)

    def reduce(self: _T) -> tuple[type[_T], tuple[object, ...]]:
        return cls, (values(self) if len(names) > 1 else (values(self),))

    setattr(cls, "__reduce__", reduce)  # noqa: B010 -- mypy refuses a method assigned to a class
    return cls


@dataclass(frozen=True, slots=True)
class _Work:
    """What every worker needs to clean a record: the settings, and the optional ``render`` function; and for
    :func:`clean_chunks`, the ``finish`` function that makes a chunk's results one value."""

    settings: Settings
    render: Callable[[Result], object] | None = None
    finish: Callable[[list[tuple[Any, Result]]], object] | None = None


@dataclass(frozen=True, slots=True)
class JsonLine:
    """A record still as its JSON Lines line, for :func:`clean_many`: parsed (by :func:`parse_record`) where it is
    cleaned, in the worker, so that the record crosses to the worker once, as the bytes read, and the process that
    reads the corpus does not parse it.  A line that is no record gives an error result with the reason."""

    line: bytes | str


@pickled_as_fields
@dataclass(frozen=True, slots=True)
class Result:
    """One input record's outcome: ``article`` when it was cleaned, else ``error`` says why not.

    ``item`` is the input item as given to ``clean_many`` (a record's fields that newsclean does not consume
    pass through to its output record); for a :class:`JsonLine`, the record parsed from it when it comes back from
    the worker: with an error, or without ``render`` (a rendered record stays in the worker, as its article does).
    ``from_html`` says the page was read from HTML.  With
    ``clean_many(render=f)``, a cleaned record carries ``rendered=f(result)`` in place of its article.
    """

    index: int
    id: str | None
    article: Article | None = None
    error: str | None = None
    rendered: object = None
    item: object = None
    from_html: bool = False

    @property
    def ok(self) -> bool:
        """Whether the record was cleaned."""
        return self.error is None

    def to_dict(self, settings: Settings = DEFAULTS, *, source: str | None = None) -> dict[str, Any]:
        """The output record: ``index``, ``id`` (and ``source`` when given), the input record's fields that
        newsclean does not consume, then newsclean's fields as ``settings.layout`` says (metadata, body, language,
        characters kept and dropped, dropped lines per label...) or the ``error``.  See
        :func:`newsclean.record.record_fields` for an input field named as one of newsclean's.

        Raises ``ValueError`` on a result rendered in the worker, which has no article.
        """
        return {**self.head(source), **self.fields(settings)}

    def fields(self, settings: Settings = DEFAULTS, *, counts: Counts | None = None) -> dict[str, Any]:
        """:meth:`to_dict` without its head (``index``, ``id``, ``source``); ``counts`` is the article's
        :func:`newsclean.record.count_lines`, when the caller has it already."""
        if self.error is not None:
            own: dict[str, Any] = {"error": self.error}
        elif self.article is None:
            raise ValueError("this result was rendered in its worker: its record is Result.rendered")
        else:
            own = article_fields(self.article, settings.layout, from_html=self.from_html, counts=counts)
        return record_fields(self.id, self.item, settings.consumed, own)

    def fields_json(self, settings: Settings = DEFAULTS) -> tuple[str, Counts | None]:
        """:meth:`fields` as the JSON object :func:`newsclean.record.to_line` writes, without its line end (written
        natively where the native core is on), and the article's :func:`newsclean.record.count_lines` (None for
        an error)."""
        if self.error is not None:
            return json_text(self.fields(settings)), None
        if self.article is None:
            raise ValueError("this result was rendered in its worker: its record is Result.rendered")
        return record_json(self.id, self.item, settings.consumed, self.article, settings.layout,
                           from_html=self.from_html)

    def to_line(self, settings: Settings = DEFAULTS, *, source: str | None = None) -> str:
        """:meth:`to_dict` as its JSON line, as every entry point writes a record (``newsclean clean``, the engines,
        the benchmarks): :func:`newsclean.record.to_line` of it, byte for byte, at a fraction of the cost."""
        return joined(json_text(self.head(source)), self.fields_json(settings)[0]) + "\n"

    def head(self, source: str | None = None) -> dict[str, Any]:
        """The fields a record opens with: ``index``, ``id`` and (when given) ``source``."""
        head: dict[str, Any] = {"index": self.index, "id": self.id}
        if source is not None:
            head["source"] = source
        return head


def dropped_lines(article: Article) -> Iterator[Line]:
    """The non-blank lines left out of the body."""
    return (line for line in article.lines if line.label not in KEPT)


class _Record(NamedTuple):
    """A record as read, on its way to be cleaned (a named tuple: made once a record in the parent, quickly)."""

    index: int  # type: ignore[assignment]  # the record's place in the stream (tuple.index is not used)
    id: str | None
    text: str | None = None
    url: str | None = None
    outlet: str | None = None
    error: str | None = None
    item: object = None
    html: str | bytes | None = None
    line: bytes | str | None = None  # a JsonLine's, parsed where the record is cleaned
    tag: object = None  # clean_chunks: what the caller gave with the item, handed to ``finish`` with its result


@dataclass(frozen=True, slots=True)
class _Lines:
    """A chunk of JSON lines as it crosses to a worker: its records' indexes, lines and tags as three lists, which
    pickle without a Python call per record (a list of records pickles each through its ``__reduce__``)."""

    indexes: list[int]
    lines: list[bytes | str]
    tags: list[object]

    @classmethod
    def of(cls, chunk: list[_Record]) -> list[_Record] | _Lines:
        """``chunk`` as it is sent: as lines when it holds nothing else (what a corpus run sends), else itself."""
        if not all(record.line is not None and record.error is None for record in chunk):
            return chunk
        return cls([r.index for r in chunk], [r.line for r in chunk], [r.tag for r in chunk])  # type: ignore[misc]

    def records(self) -> list[_Record]:
        return [_Record(index, None, line=line, tag=tag)
                for index, line, tag in zip(self.indexes, self.lines, self.tags, strict=True)]


@dataclass(slots=True)
class _Pool:
    """A process pool that can be replaced when a worker dies."""

    workers: int
    extra: tuple[RuleSet, ...]
    executor: ProcessPoolExecutor | None = field(default=None)

    def get(self) -> ProcessPoolExecutor:
        if self.executor is None:
            self.executor = ProcessPoolExecutor(self.workers, initializer=_init_worker,
                                                initargs=(self.extra, os.getpid()))
        return self.executor

    def lost(self) -> bool:
        """Whether the chunks given to the pool may never come back: the executor knows it is broken, or one of
        its workers (or the thread that reads their results) has ended, which the executor can miss: a worker
        killed halfway through sending its results leaves that thread waiting for the rest, for ever."""
        executor = self.executor
        if executor is None or getattr(executor, "_broken", False):
            return True
        manager = getattr(executor, "_executor_manager_thread", None)
        if manager is not None and not manager.is_alive():
            return True
        sentinels = []
        for process in _processes(executor):
            with contextlib.suppress(ValueError):  # a process object closed: its worker was joined
                sentinels.append(process.sentinel)
        return bool(sentinels) and bool(connection.wait(sentinels, timeout=0))

    def kill(self) -> None:
        """End the workers now, whatever they are doing (a run stopped early, a second Ctrl-C, a pool whose
        workers died): their work is dropped, and nothing waits for a chunk to finish, at exit either."""
        executor, self.executor = self.executor, None
        if executor is None:
            return
        processes, results = _processes(executor), getattr(executor, "_result_queue", None)
        executor.shutdown(wait=False, cancel_futures=True)
        _end(processes, results)

    def close(self) -> None:
        """Shut the pool down cleanly, its work all done: the workers are told to leave, and those that have not
        left after ``_LEAVE_SECONDS`` (one that died as it left can keep the executor waiting) are killed."""
        executor, self.executor = self.executor, None
        if executor is None:
            return
        manager = getattr(executor, "_executor_manager_thread", None)
        processes, results = _processes(executor), getattr(executor, "_result_queue", None)
        executor.shutdown(wait=False, cancel_futures=True)
        if manager is not None:
            manager.join(_LEAVE_SECONDS)
        if manager is not None and manager.is_alive():
            _end(processes, results)
        elif results is not None:
            results.close()  # what shutdown(wait=True) does once the workers have left


def _processes(executor: ProcessPoolExecutor) -> list[BaseProcess]:
    """The executor's worker processes (its own table: ``concurrent.futures`` has no public one)."""
    return list((getattr(executor, "_processes", None) or {}).values())


def _end(processes: list[BaseProcess], results: object) -> None:
    """Kill a pool's ``processes`` and wait for them (a while), then close this process's end for writing of the
    pool's ``results`` queue: the executor's thread that reads the workers' results may be waiting for the rest of
    one whose worker was killed as it sent it; with every end for writing closed it reads the end of the pipe and
    ends, rather than wait for ever and keep this process from exiting.  (It must be closed before the next pool's
    workers are forked, or they hold it open.)"""
    # a second signal arriving meanwhile is handled once every worker is gone
    blocked = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT, signal.SIGTERM})
    try:
        for process in processes:
            with contextlib.suppress(OSError, ValueError):
                process.kill()
        for process in processes:
            with contextlib.suppress(OSError, ValueError, AssertionError):
                process.join(5)
        writer = getattr(results, "_writer", None)
        if writer is not None:
            with contextlib.suppress(OSError):
                writer.close()
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, blocked)


class _Stuck(BrokenProcessPool):
    """A chunk its worker did not finish within its allowance (:func:`_allowance`): the pool is dropped as broken."""


def _allowance(records: int, settings: Settings) -> float | None:
    """How many seconds a worker may take over a chunk of ``records`` records before it counts as stuck; None when
    the pages have no time limit (``timeout=None``: nothing is bounded, as the caller asked)."""
    if settings.timeout is None:
        return None
    return _CHUNK_SECONDS + records * (settings.timeout + _RECORD_SECONDS)


def _outcome(future: Future[object], pool: _Pool, allowance: float | None) -> object:
    """``future.result()``, waited for ``_LOOK_SECONDS`` at a time: between waits, a pool that lost its workers
    raises ``BrokenProcessPool``, as the executor does when it notices; past ``allowance`` seconds (None: no limit),
    :class:`_Stuck`.  The chunk waited for is the oldest in the pool, so it is in a worker's hands by then."""
    deadline = None if allowance is None else time.monotonic() + allowance
    while not wait_for([future], timeout=_LOOK_SECONDS).done:
        if pool.lost() and not future.done():
            raise BrokenProcessPool("a worker process ended, and the pool did not notice")
        if deadline is not None and time.monotonic() > deadline and not future.done():
            raise _Stuck(f"a worker did not finish a chunk in {allowance:.0f} s")
    return future.result()


def clean_many(
    items: Iterable[object],
    settings: Settings | None = None,
    *,
    workers: int | None = None,
    chunksize: int | None = None,
    render: Callable[[Result], object] | None = None,
    **options: Any,
) -> Iterator[Result]:
    """Clean every item of ``items`` and yield one :class:`Result` per item, in input order.

    An item is the page text (``str``, or UTF-8 ``bytes``), a record (a mapping with
    the text under ``settings.text_field`` and optional id, url and outlet fields), or a record as its JSONL line
    (:class:`JsonLine`, parsed in the worker: what a corpus run sends).  A bad item
    (no text, undecodable bytes, more than ``max_chars`` characters, a rule set that
    raises, a worker that dies) gives an error result with its reason; the run goes on.
    ``settings`` (:class:`~newsclean.settings.Settings`) say how records are read and cleaned; keyword
    ``options`` are its fields, applied over it (``clean_many(items, language=False)``).
    ``workers`` processes clean the pages (default: one per core); ``workers=1`` cleans
    in this process.  ``chunksize`` records go to a worker at a time, fewer once they hold :data:`CHUNK_BYTES`.

    ``timeout`` is as in :func:`~newsclean.clean`: a page that runs past it gives an
    error record (``MatchTimeout: ...``); a bad limit (NaN, negative) raises ``ValueError`` before any record is read.
    ``language`` is as in :func:`~newsclean.clean`; an unknown identifier raises
    ``ValueError`` and a missing one ``ImportError`` before any record is read.

    ``render``, a picklable function of a cleaned :class:`Result`, runs in the
    worker; its value comes back as ``Result.rendered`` and the article stays in the
    worker.  Handing back what will be written (a JSON line, a few counts) instead of
    the whole article with its labelled lines spares the parent most of its work,
    which is what lets a corpus run scale with the workers.  A ``render`` that raises
    gives an error result; one that cannot be pickled, with ``workers`` above 1, raises
    ``TypeError`` at once.

    When ``items`` raises, the results of every item before it are yielded, then its exception is raised.
    The options are checked when ``clean_many`` is called, before any item is read: an unknown or
    missing identifier, a bad ``workers``, ``chunksize`` or ``timeout``, a ``render`` that cannot reach a worker.
    """
    n, size = _sizes(workers, chunksize)
    work = _checked(_Work(settings_of(settings, options), render), n, "render" if render is not None else None)
    return _results(_Chunks((_read(i, item, work.settings) for i, item in enumerate(items)), size), work, n)


def clean_chunks(
    tagged: Iterable[tuple[object, object]],
    finish: Callable[[list[tuple[Any, Result]]], _B],
    settings: Settings | None = None,
    *,
    workers: int | None = None,
    chunksize: int | None = None,
    render: Callable[[Result], object] | None = None,
    stop: Callable[[], bool] | None = None,
    **options: Any,
) -> Generator[_B, None, None]:
    """Clean the items of ``tagged``, ``(item, tag)`` pairs, a chunk at a time, and yield what ``finish`` makes of
    each chunk's ``(tag, result)`` pairs, in input order: :func:`clean_many` for a caller that wants a chunk's
    records as one value (the bytes to write, the counts to add), made in the worker.

    ``finish``, a picklable function, runs where the chunk was cleaned (in this process with ``workers=1``); a
    record whose worker died is finished here, alone, with its error result.  Its tag is what the caller needs to
    make the record's output (where it came from, its size...): it crosses to the worker with the item.  Every
    other argument, and every guarantee, is :func:`clean_many`'s: one result per item, in order, a bad item an
    error result, ``finish`` raising only for a bug of its own.

    ``stop``, with one worker, is asked before each record is cleaned: once it says True, the chunk in hand is
    finished with the records cleaned before it, and the generator ends there, its other records neither cleaned
    nor read further (a run stopping on a first Ctrl-C stops after the record in hand, whatever the chunk size).
    With more workers it is not asked: their chunks finish.
    """
    n, size = _sizes(workers, chunksize)
    work = _checked(_Work(settings_of(settings, options), render, finish), n, "render or finish")
    records = (_read_tagged(i, item, tag, work.settings) for i, (item, tag) in enumerate(tagged))
    chunks = _Chunks(records, size)
    if n == 1:
        for chunk in chunks:
            made, stopped = _finished_here(chunk, work, finish, stop)
            yield made
            if stopped:
                return
    else:
        running = _in_processes(chunks, work, n)
        try:
            for _, value in running:
                yield value  # type: ignore[misc]  # with work.finish: finish's value
        finally:
            running.close()  # stopped early: the workers end now, not when the generator is collected
    if chunks.error is not None:
        raise chunks.error


def _read_tagged(index: int, item: object, tag: object, settings: Settings) -> _Record:
    """:func:`_read` with the item's tag."""
    if isinstance(item, JsonLine):  # what a corpus run sends: made at once, as it is made for every record
        return _Record(index, None, line=item.line, tag=tag)
    record = _read(index, item, settings)
    return record if tag is None else record._replace(tag=tag)


def _tags(chunk: list[_Record], results: list[Result]) -> list[tuple[Any, Result]]:
    return [(record.tag, _with_item(record, result)) for record, result in zip(chunk, results, strict=True)]


def _sizes(workers: int | None, chunksize: int | None) -> tuple[int, int]:
    n = workers if workers is not None else (os.cpu_count() or 1)
    if n < 1:
        raise ValueError(f"workers must be at least 1, got {n}")
    size = chunksize if chunksize is not None else (CHUNKSIZE if n > 1 else 1)
    if size < 1:
        raise ValueError(f"chunksize must be at least 1, got {size}")
    return n, size


def _checked(work: _Work, n: int, what: str | None) -> _Work:
    """``work``, once it is known to reach the worker processes (with ``n`` workers, above 1)."""
    if n > 1:
        try:
            pickle.dumps(work)
        except Exception as exc:  # a lambda or a local function: the pool would wait for it forever
            raise TypeError(f"clean_many(workers={n}): {what or 'the settings'} cannot be sent to the worker "
                            f"processes, as it cannot be pickled ({exc}); use a function defined at module level, "
                            "or workers=1") from None
    return work


class _Chunks:
    """The records in lists of ``size``, or fewer once they hold :data:`CHUNK_BYTES`; when the input raises, the
    records read before it are the last chunk, and the exception waits in ``error`` for their results to be yielded."""

    def __init__(self, records: Iterator[_Record], size: int) -> None:
        self.records = records
        self.size = size
        self.error: Exception | None = None

    def __iter__(self) -> _Chunks:
        return self

    def __next__(self) -> list[_Record]:
        chunk: list[_Record] = []
        if self.error is None:
            held = 0
            try:
                for record in islice(self.records, self.size):
                    chunk.append(record)
                    held += _held(record)
                    if held >= CHUNK_BYTES:
                        break
            except Exception as exc:
                self.error = exc
        if not chunk:
            raise StopIteration
        return chunk


def _held(record: _Record) -> int:
    """The size of what ``record`` holds: its line's bytes, its page's characters or its HTML's (0 for an error)."""
    held = record.line if record.line is not None else record.text if record.text is not None else record.html
    return 0 if held is None else len(held)


def _results(chunks: _Chunks, work: _Work, workers: int) -> Iterator[Result]:
    if workers == 1:
        for chunk in chunks:
            yield from _with_items(chunk, _clean_chunk(chunk, work))
    else:
        for chunk, results in _in_processes(chunks, work, workers):
            yield from _with_items(chunk, results)  # type: ignore[arg-type]  # without work.finish: the results
    if chunks.error is not None:
        raise chunks.error


def _in_processes(chunks: Iterator[list[_Record]], work: _Work,
                  workers: int) -> Generator[tuple[list[_Record], object], None, None]:
    """Each chunk with what :func:`_run_chunk` gives for it, in order: the chunk's results, or ``work.finish``'s
    value of them; a chunk whose worker died gives one such value per record, each alone."""
    pool = _Pool(workers, registry.added())
    pending: deque[tuple[list[_Record], Future[object]]] = deque()
    finished = False
    try:
        while True:
            while len(pending) < workers * 2:
                chunk = next(chunks, None)
                if chunk is None:
                    break
                pending.append((chunk, _submit(pool, chunk, work)))
            if not pending:
                finished = True
                return
            chunk, future = pending.popleft()
            try:
                value = _outcome(future, pool, _allowance(len(chunk), work.settings))
            except BrokenProcessPool:
                # a worker died (killed, out of memory) or is stuck: every chunk it may have held is redone alone,
                # record by record, so one poisonous page marks only itself
                pool.kill()
                redo = [(chunk, future), *pending]
                pending.clear()
                for c, f in redo:
                    if _finished(f):
                        yield c, f.result()
                        continue
                    for record in c:
                        yield [record], _isolated(record, work, pool)
                continue
            yield chunk, value
    finally:
        # stopped early (the caller closed the stream, an interrupt, an error): the workers are ended at once
        if finished:
            pool.close()
        else:
            pool.kill()


def _submit(pool: _Pool, chunk: list[_Record], work: _Work) -> Future[object]:
    try:
        return pool.get().submit(_run_chunk, _Lines.of(chunk), work)
    except BrokenProcessPool as exc:
        # the pool broke after its last chunk was handed out: this chunk fails as if it had been running
        failed: Future[object] = Future()
        failed.set_exception(exc)
        return failed


def _finished(future: Future[object]) -> bool:
    """Whether a live worker finished the chunk before the pool broke."""
    return future.done() and not future.cancelled() and future.exception() is None


def _isolated(record: _Record, work: _Work, pool: _Pool) -> object:
    try:
        return _outcome(_submit(pool, [record], work), pool, _allowance(1, work.settings))
    except BrokenProcessPool as exc:
        pool.kill()
        # a line is parsed here, for once: the error record names the record's id and keeps its fields
        read = _parsed(record, work.settings)
        died = Result(read.index, read.id, error=STUCK if isinstance(exc, _Stuck) else DIED,
                      item=read.item if record.line is not None else None)
        if work.finish is None:
            return [died]
        return work.finish(_tags([record], [died]))


def _init_worker(extra: tuple[RuleSet, ...], parent: int) -> None:
    # Ctrl-C reaches the whole process group: the parent stops the run and ends the pool, and a worker
    # that died of it instead would print a traceback and look like a poisonous record. (SIGTERM keeps its
    # default: it is how the pool ends the workers of a broken pool, which would otherwise wait forever.)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _end_with(parent)
    # rule sets registered at run time in the parent are data: hand them to each worker
    for ruleset in extra:
        registry.register(ruleset, replace=True)


def _end_with(parent: int) -> None:
    """Have the kernel kill this worker when its parent ends, however it ends (SIGKILL included; Linux).

    Only for a worker forked by ``parent`` itself (not by a fork server): the signal follows the process
    that forked the worker.
    """
    if not sys.platform.startswith("linux") or os.getppid() != parent:
        return
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    if os.getppid() != parent:  # the parent ended just before that was set
        os._exit(1)


def _run_chunk(chunk: list[_Record] | _Lines, work: _Work) -> object:
    """In the worker: the chunk's results as they cross back (:func:`_clean_chunk`), or ``work.finish``'s value of
    them, which only needs to cross back."""
    if isinstance(chunk, _Lines):
        chunk = chunk.records()
    if work.finish is None:
        return _clean_chunk(chunk, work)
    return work.finish([(record.tag, _clean_one(record, work)) for record in chunk])


def _finished_here(chunk: list[_Record], work: _Work, finish: Callable[[list[tuple[Any, Result]]], _B],
                   stop: Callable[[], bool] | None) -> tuple[_B, bool]:
    """In this process (one worker): ``finish``'s value of the chunk's records cleaned before ``stop`` said True (all
    of them when it did not), and whether it did."""
    cleaned: list[tuple[Any, Result]] = []
    for record in chunk:
        if stop is not None and stop():
            return finish(cleaned), True
        cleaned.append((record.tag, _clean_one(record, work)))
    return finish(cleaned), False


def _clean_chunk(chunk: list[_Record], work: _Work) -> list[Result]:
    # the input items stay in the parent, which hands them back to the results (_with_items): not sent twice;
    # a line's record was parsed here, and goes back only when the parent needs it (an error, no render)
    return [_sent_back(record, _clean_one(record, work)) for record in chunk]


def _sent_back(record: _Record, result: Result) -> Result:
    if result.item is None or (record.line is not None and result.rendered is None):
        return result
    return replace(result, item=None)


def _with_items(chunk: list[_Record], results: list[Result]) -> Iterator[Result]:
    for record, result in zip(chunk, results, strict=True):
        yield _with_item(record, result)


def _with_item(record: _Record, result: Result) -> Result:
    """``result`` with its input item, held by the parent (a line's record is the one the worker sent back)."""
    return result if record.line is not None or record.item is None else replace(result, item=record.item)


def _parsed(record: _Record, settings: Settings) -> _Record:
    """A line's record parsed and read (the record itself for any other)."""
    if record.line is None:
        return record
    value, reason = parse_record(record.line)
    if value is None:
        return _Record(record.index, None, error=reason)
    return _read(record.index, value, settings)


def _clean_one(record: _Record, work: _Work) -> Result:
    record = _parsed(record, work.settings)
    if record.error is not None or (record.text is None and record.html is None):
        return Result(record.index, record.id, error=record.error or "no text", item=record.item)
    settings = work.settings
    from_html = record.html is not None
    try:
        text = _text(record, settings)
    except ValueError as exc:  # HTML the converter refuses (too large once decoded): said as of a text page
        return Result(record.index, record.id, error=str(exc), item=record.item, from_html=from_html)
    except Exception as exc:  # the html extra missing, a converter that breaks: an error record, the run goes on
        return Result(record.index, record.id, error=f"{type(exc).__name__}: {exc}", item=record.item,
                      from_html=from_html)
    try:
        article = clean_with(text, settings, outlet=record.outlet, url=record.url)
    except Exception as exc:  # a rule set or a page that breaks cleaning: an error record, the run goes on
        return Result(record.index, record.id, error=f"{type(exc).__name__}: {exc}", item=record.item,
                      from_html=from_html)
    result = Result(record.index, record.id, article=article, item=record.item, from_html=from_html)
    if work.render is None:
        return result
    try:
        return Result(record.index, record.id, rendered=work.render(result), item=record.item, from_html=from_html)
    except Exception as exc:
        return Result(record.index, record.id, error=f"render failed: {type(exc).__name__}: {exc}", item=record.item)


def _text(record: _Record, settings: Settings) -> str:
    """The record's page text: its HTML converted (in the worker: the parent only reads records), else its text."""
    if record.html is not None:
        from .html import html_to_text  # here: newsclean.html reads MAX_CHARS from this module

        return html_to_text(record.html, max_chars=settings.max_chars)
    if record.text is None:
        raise ValueError("no text")
    return record.text


def page_text(item: object, settings: Settings = DEFAULTS) -> tuple[str, bool]:
    """The page text of one item as ``clean_many`` reads it (a record's HTML converted), and whether it came from
    HTML; ``ValueError`` with the reason when the item has none (``ImportError`` without the ``html`` extra)."""
    record = _parsed(_read(0, item, settings), settings)
    if record.error is not None:
        raise ValueError(record.error)
    return _text(record, settings), record.html is not None


def _read(index: int, item: object, settings: Settings) -> _Record:
    """The record's text, id, url and outlet, or the reason it has none."""
    try:
        return _fields(index, item, settings)
    except Exception as exc:  # a mapping that raises, an id too large to print (str() of a 5,000-digit int)...
        return _Record(index, None, error=f"bad record: {type(exc).__name__}: {exc}")


def _fields(index: int, item: object, settings: Settings) -> _Record:
    if isinstance(item, JsonLine):
        return _Record(index, None, line=item.line)
    if isinstance(item, Mapping):
        ident = _optional_str(item.get(settings.id_field))
        url = _optional_str(item.get(settings.url_field))
        outlet = _optional_str(item.get(settings.outlet_field))
        text: object = item.get(settings.text_field)
        html = item.get(settings.html_field)
        if text is None and html is not None:
            # the HTML is converted in the worker; here only its type and size are checked
            # said as of a text page (the same kinds of error): html_to_text's words
            if not isinstance(html, str | bytes | bytearray):
                return _Record(index, ident, error=f"not text: got {type(html).__name__}", item=item)
            if isinstance(html, str) and len(html) > settings.max_chars:
                return _Record(index, ident, error=f"too large: {len(html)} characters, limit {settings.max_chars}",
                               item=item)
            if not isinstance(html, str) and len(html) > 4 * settings.max_chars:
                return _Record(index, ident, error=f"too large: {len(html)} bytes, limit {settings.max_chars} "
                               "characters", item=item)
            return _Record(index, ident, None, url, outlet, item=item, html=bytes(html) if isinstance(
                html, bytearray) else html)
        if settings.text_field not in item:
            return _Record(index, ident, error=f"no {settings.text_field!r} field", item=item)
    else:
        ident, url, outlet, text = None, None, None, item
    if isinstance(text, bytes | bytearray):
        try:
            text = bytes(text).decode("utf-8")
        except UnicodeDecodeError as exc:
            return _Record(index, ident, error=f"not UTF-8: {exc.reason} at byte {exc.start}", item=item)
    if not isinstance(text, str):
        return _Record(index, ident, error=f"not text: got {type(text).__name__}", item=item)
    if len(text) > settings.max_chars:
        return _Record(index, ident, error=f"too large: {len(text)} characters, limit {settings.max_chars}", item=item)
    return _Record(index, ident, text, url, outlet, item=item)


def _optional_str(value: object) -> str | None:
    return None if value is None else str(value)


_JSON_TYPES = {list: "an array", str: "a string", int: "a number", float: "a number", bool: "a boolean",
               type(None): "null"}


def parse_record(line: bytes | str) -> tuple[dict[str, object] | None, str | None]:
    """A JSONL line's record, as ``(record, None)``, or ``(None, why it is no record)``: not UTF-8, not JSON
    (nested too deeply, a number too long for Python to read), not a JSON object.

    The one parser of every reader of JSONL records (``newsclean clean``, its ``--resume``, the engines): whatever
    the line holds, it gives a record or a reason, never an exception.
    """
    if isinstance(line, bytes | bytearray):
        try:
            line = bytes(line).decode("utf-8")
        except UnicodeDecodeError as exc:
            return None, f"not UTF-8: {exc.reason} at byte {exc.start}"
    try:
        value = json.loads(line)
    except json.JSONDecodeError as exc:
        return None, f"not JSON: {exc.msg} at column {exc.colno}"
    except RecursionError:
        return None, "not JSON: nested too deeply"
    except ValueError as exc:  # an integer of more than sys.get_int_max_str_digits() digits (4,300)
        return None, f"not JSON: {str(exc).split(';', 1)[0]}"
    if not isinstance(value, dict):
        return None, f"not a JSON object: got {_JSON_TYPES.get(type(value), type(value).__name__)}"
    return value, None
