"""How many MB and pages a second does newsclean clean, JSONL in to JSONL out, beside its peers?

    .venv/bin/python benchmarks/throughput.py                       # quick: a 5 MB corpus made in a temp dir
    .venv/bin/python benchmarks/make_corpus.py /tmp/news100.jsonl  # then the full run on 100 MB:
    .venv/bin/python benchmarks/throughput.py --corpus /tmp/news100.jsonl --json /tmp/throughput.json

Everything is measured in one process and one run.  Each job reads a raw JSONL line, parses it,
does its work and writes a JSONL line to a null sink (``os.devnull``), so every row is a whole
JSONL-in, JSONL-out job:

* floor: parse and ``str.split("\\n")``, nothing written: the least any line cleaner does;
* C4 lines: the C4 line filter in pure Python (``peers.py``, as in ``quality.py``);
* newsclean: ``clean(text, url=url, language=False)``, then the record's JSON line as ``newsclean clean``
  writes it (``Result.to_line()``: ``Result.to_dict()`` as JSON, byte for byte); the same with the table of
  short lines seen before turned off (this corpus is made from a hundred pages, so its menus and widget lines
  repeat more than a real crawl's: this row is the speed when no line repeats at all); both again on the
  pure-Python path (the native core switched off, ``native.use(False)``: the ratio of the two paths is printed); and
  the same with ``language=True`` (langdetect) and, when the ``cld2`` extra is installed,
  ``language="cld2"``;
* jusText and trafilatura, as in ``quality.py`` (HTML building timed with them), on the first
  ``--peer-mb`` MB of the corpus only: they run at about 1 MB/s, and their MB/s is from that sample;
* the pool with ``workers=1`` and then ``workers=2`` over the whole corpus (wall time, reading the
  file included), for the 1 -> 2 worker speed-up, as ``newsclean clean`` runs it: the corpus reader's
  lines handed on as read, each chunk parsed, cleaned and made into its output lines and counts in
  the worker (``pool.clean_chunks`` with ``corpus.block.finish_block``); the parent reads, hands
  out, and writes a chunk's block at a time;
* with ``--stand-in``, the same two rows with a stand-in for ``clean()`` that only splits the page
  into lines (and a record of its long lines as the body): the work made nearly free, so the rows
  show what the parent and the pipes cost, and the parent's ceiling in records a second (its CPU
  time per record, ``parent us/rec``, is printed for every pool row).  The stand-in reaches the
  workers by ``fork`` (Linux).  ``--pool-only`` runs the pool rows alone (for repeated runs).

The single-core systems take turns batch by batch (``--batch-mb`` of records each), so whatever
else the machine does slows them alike; each runs a few untimed records first (rule sets compile,
stop lists and language profiles load).  The corpus's lines are read from disk before each batch's
turns, untimed.  MB are 10^6 bytes of the JSONL input; a document is a record.  ``x newsclean`` is
a row's MB/s over that of ``clean(language=False)``.

Two columns tell whether the machine was quiet.  ``CPU/wall`` is the process's CPU time over wall
time (for two workers, the parent's and the workers'): a single-core row well under 1 had to share
its core.  ``others`` is the CPU time the rest of the machine used meanwhile (``/proc/stat`` less
this process and its workers) per second of the row, "-" where the turns are too short for the
kernel's 10 ms ticks: on a 2-core machine a pool row with ``others`` well above 0 lost cores to
other work, and its speed-up is understated.

Peak RSS is the process's resident-set high-water mark (``VmHWM``, the number ``getrusage`` reports
as ``ru_maxrss``), reset before each turn through ``/proc/self/clear_refs``, so each row shows the
peak of the whole process while that system ran: interpreter, every library loaded, the batch.  In
brackets, how far it rose over the RSS at the start of the turn: what the system needed on top.
Where the reset is refused the column is the process's lifetime peak and says so.  For the pool the
parent's peak is shown with the workers' (``getrusage(RUSAGE_CHILDREN)``, once they have exited).
Both ``clean_many`` runs also print the RSS of the parent and of each worker at 25, 50, 75 and 100%
of the records: flat memory means those stay put.  tracemalloc is not used: it slows Python code
several times over, and would skew the times it shares a run with.
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import importlib.util
import json
import multiprocessing
import os
import platform
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import IO, Any

import make_corpus
import newsclean
from newsclean import batch as pool
from newsclean import native, rules
from newsclean.corpus import Reader, Rendered, rendering, walk
from newsclean.corpus import job as corpus_job
from newsclean.corpus.block import finish_block
from newsclean.settings import Settings
from peers import Peer, c4_lines, html_peers
from tables import render

MB = 1e6
WARM_UP = 20  # records each system cleans untimed before the clock starts
CHECKPOINTS = (0.25, 0.5, 0.75, 1.0)

Job = Callable[[bytes], None]


# Memory


def status_kb(pid: int | str, key: str) -> int | None:
    """A ``VmRSS``/``VmHWM``-style field of /proc/PID/status in kB, or None (gone, or not Linux)."""
    try:
        with open(f"/proc/{pid}/status", encoding="ascii") as status:
            for line in status:
                if line.startswith(key + ":"):
                    return int(line.split()[1])
    except (OSError, ValueError):
        return None
    return None


def reset_peak() -> bool:
    """Reset this process's RSS high-water mark; False where the kernel refuses."""
    try:
        with open("/proc/self/clear_refs", "w", encoding="ascii") as refs:
            refs.write("5")
    except OSError:
        return False
    return True


def peak_mb() -> float:
    """This process's RSS high-water mark (since the last reset) in MB."""
    kb = status_kb("self", "VmHWM")
    if kb is None:  # ru_maxrss is in kB on Linux
        kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return kb * 1024 / MB


def rss_mb(pid: int | str = "self") -> float:
    kb = status_kb(pid, "VmRSS")
    return 0.0 if kb is None else kb * 1024 / MB


def machine_busy() -> float:
    """CPU seconds every core of the machine has spent busy since boot, stolen time included (0 if unknown)."""
    try:
        with open("/proc/stat", encoding="ascii") as stat:
            fields = stat.readline().split()[1:9]
    except OSError:
        return 0.0
    user, nice, system, _idle, _iowait, irq, softirq, steal = map(int, fields)
    return (user + nice + system + irq + softirq + steal) / os.sysconf("SC_CLK_TCK")


def children() -> list[int]:
    """The ids of this process's child processes (the pool's workers)."""
    found = []
    for task in Path("/proc/self/task").glob("*"):
        try:
            found += [int(pid) for pid in (task / "children").read_text().split()]
        except OSError:
            continue
    return sorted(found)


# Rows


@dataclass
class Row:
    """One system's totals over the records it ran on."""

    system: str
    setting: str
    cores: int = 1
    bytes: int = 0
    docs: int = 0
    seconds: float = 0.0
    cpu_seconds: float = 0.0
    workers_cpu_seconds: float = 0.0
    others_cpu_seconds: float = 0.0
    turns: int = 0
    peak_mb: float = 0.0
    rise_mb: float = 0.0
    workers_peak_mb: float | None = None
    sample: bool = False

    @property
    def mb(self) -> float:
        return self.bytes / MB

    @property
    def mb_per_s(self) -> float:
        return self.mb / self.seconds if self.seconds else 0.0

    @property
    def docs_per_s(self) -> float:
        return self.docs / self.seconds if self.seconds else 0.0


@dataclass
class Checkpoint:
    """Memory at one point of a ``clean_many`` run."""

    share: float
    records: int
    seconds: float
    parent_mb: float
    workers_mb: list[float] = field(default_factory=list)


# Jobs: one raw JSONL line in, one JSONL line out


def write_line(sink: IO[str], record: dict[str, Any]) -> None:
    sink.write(json.dumps(record, ensure_ascii=False) + "\n")


def floor_job(line: bytes) -> None:
    json.loads(line)["text"].split("\n")


def c4_job(sink: IO[str]) -> Job:
    def run(line: bytes) -> None:
        record = json.loads(line)
        write_line(sink, {"id": record["id"], "text": "\n".join(c4_lines(record["text"]))})

    return run


def newsclean_job(sink: IO[str], language: bool | str) -> Job:
    def run(line: bytes) -> None:
        record = json.loads(line)
        article = newsclean.clean(record["text"], url=record.get("url"), language=language)
        sink.write(newsclean.Result(0, record["id"], article=article).to_line())

    return run


def uncached_job(sink: IO[str]) -> Job:
    """newsclean as on a corpus where no line repeats: every line is looked up, none found in the rule set's
    table of short lines seen before (which this corpus, recombined from a hundred pages, fills easily)."""
    inner = newsclean_job(sink, False)

    def run(line: bytes) -> None:
        kept = rules._CACHED_LINE
        rules._CACHED_LINE = -1  # every line counts as too long to remember
        try:
            inner(line)
        finally:
            rules._CACHED_LINE = kept

    return run


def python_job(inner: Job) -> Job:
    """``inner`` on newsclean's pure-Python path: the native core's scans switched off (``native.use``)."""

    def run(line: bytes) -> None:
        kept = native.use(False)
        try:
            inner(line)
        finally:
            native.use(kept)

    return run


def peer_job(sink: IO[str], peer: Peer) -> Job:
    def run(line: bytes) -> None:
        record = json.loads(line)
        write_line(sink, {"id": record["id"], "text": "\n".join(peer.run(record["text"]))})

    return run


@dataclass
class Contender:
    """A single-core system in the turns: its job, its row, and how many bytes it may see."""

    job: Job
    row: Row
    cap: float = float("inf")


def contenders(sink: IO[str], peer_mb: float, trafilatura: str) -> tuple[list[Contender], list[str]]:
    found = [
        Contender(floor_job, Row("floor: parse + split", 'json.loads, str.split("\\n")')),
        Contender(c4_job(sink), Row("C4 line filter", "pure Python, as in quality.py")),
        Contender(newsclean_job(sink, False), Row("newsclean", "clean(language=False) -> Result.to_line()")),
        Contender(python_job(newsclean_job(sink, False)),
                  Row("newsclean, pure Python", "the same, the native core switched off")),
        Contender(uncached_job(sink), Row("newsclean, no line repeats", "clean(language=False), short-line table off")),
        Contender(python_job(uncached_job(sink)),
                  Row("newsclean, pure Python, no line repeats", "the same, the native core switched off")),
        Contender(newsclean_job(sink, True), Row("newsclean + langdetect", "clean(language=True) -> Result.to_line()")),
    ]
    if importlib.util.find_spec("pycld2") is not None:
        found.append(Contender(newsclean_job(sink, "cld2"),
                               Row("newsclean + cld2", 'clean(language="cld2") -> Result.to_line()')))
    peers, missing = html_peers(trafilatura)
    found += [Contender(peer_job(sink, p), Row(p.name, f"{p.version}: {p.setting}", sample=True), peer_mb * MB)
              for p in peers]
    return found, missing


# Reading the corpus


def batches(corpus: Path, batch_mb: float) -> Iterator[list[bytes]]:
    """The corpus's lines, about ``batch_mb`` at a time."""
    batch: list[bytes] = []
    size = 0
    with corpus.open("rb") as source:
        for line in source:
            batch.append(line)
            size += len(line)
            if size >= batch_mb * MB:
                yield batch
                batch, size = [], 0
    if batch:
        yield batch


def first_lines(corpus: Path, n: int) -> list[bytes]:
    with corpus.open("rb") as source:
        return [line for _, line in zip(range(n), source, strict=False)]


def count_lines(corpus: Path) -> int:
    with corpus.open("rb") as source:
        return sum(1 for _ in source)


# Measuring


def take_turn(contender: Contender, batch: list[bytes], resettable: bool) -> None:
    """Run one system over one batch (or the part of it under its cap) and add to its row."""
    row = contender.row
    todo, size = [], 0
    for line in batch:
        if row.bytes + size + len(line) > contender.cap and row.bytes + size > 0:
            break
        todo.append(line)
        size += len(line)
    if not todo:
        return
    if resettable:
        reset_peak()
    resident = rss_mb()
    start, cpu, busy = time.perf_counter(), time.process_time(), machine_busy()
    for line in todo:
        contender.job(line)
    row.seconds += time.perf_counter() - start
    mine = time.process_time() - cpu
    row.cpu_seconds += mine
    row.others_cpu_seconds += max(0.0, machine_busy() - busy - mine)
    row.turns += 1
    row.bytes += size
    row.docs += len(todo)
    peak = peak_mb()
    row.peak_mb = max(row.peak_mb, peak)
    row.rise_mb = max(row.rise_mb, peak - resident)


def single_core(chosen: Sequence[Contender], corpus: Path, batch_mb: float, resettable: bool) -> None:
    for contender in chosen:
        for line in first_lines(corpus, WARM_UP):
            contender.job(line)
    for batch in batches(corpus, batch_mb):
        for contender in chosen:
            take_turn(contender, batch, resettable)


def stand_in_clean(text: str, settings: object, *, outlet: str | None = None, url: str | None = None) -> Any:
    """The stand-in for ``clean()`` (``--stand-in``): the page's lines, nothing more."""
    return text.split("\n")


def stand_in_render(result: newsclean.Result) -> Rendered:
    """The stand-in's record: its lines of more than 40 characters as the body, the others counted as dropped under
    a rule per length (as many as a page's rules), about the size and shape of a newsclean record."""
    lines: list[str] = result.article  # type: ignore[assignment]  # what stand_in_clean returned
    body = [line for line in lines if len(line) > 40]
    dropped: dict[str, int] = {}
    for line in lines:
        if len(line) <= 40:
            rule = f"stand-in.length{len(line) // 4}"
            dropped[rule] = dropped.get(rule, 0) + 1
    kept = sum(map(len, body))
    fields = {"title": lines[0][:100], "body": "\n\n".join(body), "kept_chars": kept, "dropped": dropped}
    return Rendered(json.dumps(fields, ensure_ascii=False), None,
                    tuple(("nav", rule, n) for rule, n in dropped.items()), None, kept, 0)


@contextlib.contextmanager
def stand_in() -> Iterator[None]:
    """``clean_many`` with :func:`stand_in_clean` in place of ``clean()``, in the workers too (forked after it)."""
    kept = getattr(pool, "clean_with")  # noqa: B009 -- not exported, on purpose
    setattr(pool, "clean_with", stand_in_clean)  # noqa: B010 -- a function of another type, on purpose
    try:
        yield
    finally:
        setattr(pool, "clean_with", kept)  # noqa: B010


def pool_run(corpus: Path, workers: int, language: bool, total: int, sink: IO[bytes],
             resettable: bool, stand_in_work: bool = False) -> tuple[Row, list[Checkpoint]]:
    """``clean_many`` over the whole corpus, JSONL in to JSONL out; wall time and memory at checkpoints."""
    row = Row(f"clean_many, {workers} worker{'s' * (workers > 1)}{', stand-in' * stand_in_work}",
              f"clean_chunks(workers={workers}, chunksize={pool.CHUNKSIZE}, language={language}) -> Block",
              cores=workers)
    # as ``newsclean clean`` runs it: each worker hands back its chunk's lines as one block, and their counts
    settings = Settings(language=language)
    render = stand_in_render if stand_in_work else rendering(settings)
    finish = functools.partial(finish_block, settings=settings)
    marks = sorted((max(1, round(share * total)), share) for share in CHECKPOINTS)
    checkpoints: list[Checkpoint] = []
    if resettable:
        reset_peak()
    resident = rss_mb()
    start, cpu, before, busy = time.perf_counter(), time.process_time(), os.times(), machine_busy()
    with stand_in() if stand_in_work else contextlib.nullcontext():
        # as ``newsclean clean`` reads them: each line as read, parsed in its worker
        reader = Reader(settings, report=print, parse=False)
        tagged = corpus_job._tagged(reader.items(walk([str(corpus)], report=print)))
        # in chunks, as it reads files with any number of workers
        for block in pool.clean_chunks(tagged, finish, settings, workers=workers, chunksize=pool.CHUNKSIZE,
                                       render=render):
            sink.write(block.output)
            row.docs += block.summary.records
            while marks and row.docs >= marks[0][0]:
                checkpoints.append(Checkpoint(marks.pop(0)[1], row.docs, time.perf_counter() - start, rss_mb(),
                                              [rss_mb(pid) for pid in children()]))
    row.seconds = time.perf_counter() - start
    row.cpu_seconds = time.process_time() - cpu
    # the workers have exited (clean_many joins them): their CPU time is now counted
    after = os.times()
    row.workers_cpu_seconds = (after.children_user + after.children_system
                               - before.children_user - before.children_system)
    row.others_cpu_seconds = max(0.0, machine_busy() - busy - row.cpu_seconds - row.workers_cpu_seconds)
    row.turns = 1
    row.bytes = corpus.stat().st_size
    row.peak_mb = peak_mb()
    row.rise_mb = row.peak_mb - resident
    if workers > 1:
        row.workers_peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * 1024 / MB
    return row, checkpoints


# Output


def ratio(value: float) -> str:
    return f"{value:.3g}" if value < 100 else f"{value:.0f}"


def cpu_share(row: Row) -> str:
    """CPU time over wall time: about 1 for a single-core row that had its core to itself."""
    if not row.seconds:
        return "-"
    if row.cores == 1:
        return f"{row.cpu_seconds / row.seconds:.2f}"
    return f"{row.cpu_seconds / row.seconds:.2f} + {row.workers_cpu_seconds / row.seconds:.2f}"


def others_share(row: Row) -> str:
    """The other processes' cores during the row; "-" when its turns are too short for /proc/stat's ticks."""
    tick = 1 / os.sysconf("SC_CLK_TCK")
    if not row.seconds or row.seconds / max(1, row.turns) < 20 * tick:
        return "-"
    return f"{row.others_cpu_seconds / row.seconds:.2f}"


def table(rows: Sequence[Row], base: Row) -> str:
    head = ("system", "cores", "MB", "docs", "seconds", "MB/s", "docs/s", "MB/s/core", "docs/s/core",
            "x newsclean", "CPU/wall", "others", "peak RSS MB")
    body = []
    for r in rows:
        memory = (f"{r.peak_mb:.0f} (+{r.rise_mb:.1f})"
                  + (f" + {r.cores}x{r.workers_peak_mb:.0f}" if r.workers_peak_mb else ""))
        body.append((r.system + (" *" if r.sample else ""), str(r.cores), f"{r.mb:.1f}", f"{r.docs:,}",
                     f"{r.seconds:.1f}", f"{r.mb_per_s:.2f}", f"{r.docs_per_s:,.0f}", f"{r.mb_per_s / r.cores:.2f}",
                     f"{r.docs_per_s / r.cores:,.0f}", ratio(r.mb_per_s / base.mb_per_s) if base.mb_per_s else "-",
                     cpu_share(r), others_share(r), memory))
    return render(head, body)


def memory_table(runs: Sequence[tuple[Row, list[Checkpoint]]]) -> str:
    head = ("run", "records", "done", "seconds", "parent RSS MB", "workers' RSS MB")
    body = [(row.system, f"{c.records:,}", f"{c.share:.0%}", f"{c.seconds:.1f}", f"{c.parent_mb:.0f}",
             ", ".join(f"{w:.0f}" for w in c.workers_mb) or "-")
            for row, checkpoints in runs for c in checkpoints]
    return render(head, body)


def growth(checkpoints: Sequence[Checkpoint]) -> float:
    """How much the parent's and workers' RSS grew from the 25% checkpoint to the end, in MB."""
    if len(checkpoints) < 2:
        return 0.0
    first, last = checkpoints[0], checkpoints[-1]
    return last.parent_mb + sum(last.workers_mb) - first.parent_mb - sum(first.workers_mb)


def measured_commit() -> str:
    """The commit of the newsclean source imported, and whether its src/ differs from it."""
    source = Path(newsclean.__file__).resolve().parent

    def git(*args: str) -> str:
        done = subprocess.run(["git", "-C", str(source), *args], capture_output=True, text=True, check=False)
        return done.stdout.strip()

    commit = git("rev-parse", "--short", "HEAD") or "?"
    dirty = git("status", "--porcelain", "--", ".")
    return f"{commit}{' + uncommitted changes in src' if dirty else ''} ({source})"


def load() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def machine() -> str:
    model = "?"
    try:
        with open("/proc/cpuinfo", encoding="ascii", errors="replace") as info:
            model = next((line.split(":", 1)[1].strip() for line in info if line.startswith("model name")), "?")
    except OSError:
        pass
    return f"{os.cpu_count()} cores ({model}), Python {platform.python_version()}, {platform.system()}"


def build_corpus(directory: Path, megabytes: float, seed: int) -> Path:
    path = directory / f"corpus-{megabytes:g}mb-seed{seed}.jsonl"
    templates = make_corpus.find_templates([d for d in make_corpus.DEFAULT_DIRS if d.is_dir()])
    tally = make_corpus.write_corpus(path, megabytes, templates, seed)
    print(f"made {path}: {tally.records:,} records, {tally.bytes / MB:.1f} MB (make_corpus.py --mb {megabytes:g} "
          f"--seed {seed})")
    return path


def measure(corpus: Path, args: argparse.Namespace) -> dict[str, Any]:
    """Every row, in one process; prints as it goes and returns everything for --json."""
    resettable = reset_peak()
    total = count_lines(corpus)
    print(f"newsclean {newsclean.__version__} at {measured_commit()}")
    print(f"{machine()}; corpus {corpus}: {total:,} records, {corpus.stat().st_size / MB:.1f} MB")
    print(f"load average before: {load()}")
    print(f"native core: {'built (' + native._speedups.ENGINE + ')' if native.available() else 'NOT built'}"
          f"{'' if native.enabled() else ', switched off: every newsclean row runs the pure-Python path'}")
    with open(os.devnull, "w", encoding="utf-8") as sink, open(os.devnull, "wb") as blocks:
        chosen, missing = contenders(sink, args.peer_mb, args.trafilatura)
        if args.pool_only:
            chosen, missing = [], []
        for name in missing:
            print(f"{name} is not installed (pip install -e '.[bench]'): skipped")
        start = time.perf_counter()
        single_core(chosen, corpus, args.batch_mb, resettable)
        if chosen:
            print(f"single-core turns: {time.perf_counter() - start:.0f} s, load average after: {load()}")
        else:  # the rule sets compiled and the tables loaded before the first timed row, as the turns do
            list(newsclean.clean_many((pool.JsonLine(line) for line in first_lines(corpus, WARM_UP)), workers=1,
                                      language=args.pool_language))
        runs = []
        kinds = [False, True] if args.stand_in else [False]
        if args.stand_in and multiprocessing.get_start_method() != "fork":
            print("--stand-in: the stand-in reaches the workers by fork only, not here: skipped")
            kinds = [False]
        for stand_in_work in kinds:
            for n in (1, 2):
                runs.append(pool_run(corpus, n, args.pool_language, total, blocks, resettable, stand_in_work))
                print(f"{runs[-1][0].system}: {runs[-1][0].seconds:.1f} s, load average after: {load()}")
    rows = [c.row for c in chosen] + [row for row, _ in runs]
    base = chosen[2].row if chosen else runs[0][0]
    speedup = runs[1][0].mb_per_s / runs[0][0].mb_per_s if runs[0][0].mb_per_s else 0.0
    print()
    print(table(rows, base))
    if any(r.sample for r in rows):
        print(f"* on the first {args.peer_mb:g} MB of the corpus only")
    peak_note = "reset before each turn" if resettable else "NOT resettable here: the process's lifetime peak"
    print("CPU/wall: the process's CPU time over wall time (clean_many, 2 workers: parent + workers); "
          "well under 1 (or 2) means something else had the cores;\n"
          "others: CPU seconds the rest of the machine used (other processes, the hypervisor's steal) per second "
          "of the row: the cores it took from the row")
    print(f"peak RSS: the process's VmHWM ({peak_note}), (+ its rise over the RSS at the turn's start); "
          "clean_many, 2 workers: parent + each worker's peak")
    for native_row, python_row in ((chosen[2].row, chosen[3].row), (chosen[4].row, chosen[5].row)) if chosen else ():
        if python_row.mb_per_s:
            print(f"{native_row.system}: native core over pure Python {native_row.mb_per_s / python_row.mb_per_s:.2f}x")
    print(f"\nclean_many 1 -> 2 workers: {speedup:.2f}x ({runs[0][0].mb_per_s:.2f} -> {runs[1][0].mb_per_s:.2f} MB/s)")
    if len(runs) == 4:
        one, two = runs[2][0], runs[3][0]
        print(f"with the stand-in: 1 -> 2 workers {two.docs_per_s / one.docs_per_s:.2f}x "
              f"({one.docs_per_s:,.0f} -> {two.docs_per_s:,.0f} records/s)")
    for row, _ in runs:
        print(f"{row.system}: the parent's CPU {row.cpu_seconds / row.docs * 1e6:.0f} us/record, so at most "
              f"{row.docs / row.cpu_seconds:,.0f} records/s from the parent alone"
              + (f"; the workers' {row.workers_cpu_seconds / row.docs * 1e6:.0f} us/record" if row.cores > 1 else ""))
    print("\nmemory over the clean_many runs (RSS at 25/50/75/100% of the records):")
    print(memory_table(runs))
    for row, checkpoints in runs:
        print(f"{row.system}: RSS grew {growth(checkpoints):+.1f} MB from 25% to 100%")
    return {
        "command": " ".join(["benchmarks/throughput.py", *sys.argv[1:]]),
        "commit": measured_commit(),
        "machine": machine(),
        "load_after": load(),
        "corpus": {"path": str(corpus), "records": total, "bytes": corpus.stat().st_size},
        "peak_rss": "VmHWM reset per turn" if resettable else "lifetime VmHWM",
        "peer_mb": args.peer_mb,
        "missing": missing,
        "rows": [{**asdict(r), "mb_per_s": r.mb_per_s, "docs_per_s": r.docs_per_s,
                  "x_newsclean": r.mb_per_s / base.mb_per_s if base.mb_per_s else None} for r in rows],
        "speedup_1_to_2": speedup,
        "memory": {row.system: [asdict(c) for c in checkpoints] for row, checkpoints in runs},
    }


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--corpus", type=Path, help="a JSONL corpus (make_corpus.py); default: make one of --mb")
    parser.add_argument("--mb", type=float, default=5.0, help="size of the corpus made without --corpus (default: 5)")
    parser.add_argument("--seed", type=int, default=1, help="seed of the corpus made without --corpus (default: 1)")
    parser.add_argument("--peer-mb", type=float, default=5.0,
                        help="jusText and trafilatura run on the first this many MB only (default: 5)")
    parser.add_argument("--batch-mb", type=float, default=1.0, help="MB of records per turn (default: 1)")
    parser.add_argument("--pool-language", action="store_true",
                        help="clean_many with language identification (default: language=False, as the base row)")
    parser.add_argument("--pool-only", action="store_true", help="the clean_many rows alone")
    parser.add_argument("--stand-in", action="store_true",
                        help="clean_many rows with a stand-in for clean() too (it only splits lines): the parent's "
                        "ceiling")
    parser.add_argument("--trafilatura", choices=("default", "precision", "recall"), default="default")
    parser.add_argument("--json", type=Path, metavar="OUT", help="write every number to OUT")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="newsclean-throughput-") as tmp:
        corpus = args.corpus or build_corpus(Path(tmp), args.mb, args.seed)
        if not corpus.is_file():
            print(f"no corpus at {corpus}", file=sys.stderr)
            return 1
        numbers = measure(corpus, args)
    if args.json:
        args.json.write_text(json.dumps(numbers, ensure_ascii=False, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
