"""How fast is ``newsclean.clean()``?  Prints one table, measured in a single run.

    .venv/bin/python benchmarks/speed.py [--seconds 2] [--rounds 5]

Rows, for each corpus (the seed pages, and the devset when it is there):

* floor: read the file and split it into lines, nothing else;
* C4 line filter: the same, then C4's line and page rules (``peers.c4_lines``, in pure Python);
* clean(language=False) again on the pure-Python path (``native.use(False)``: the native core's scans off);
* clean(): read the file and run ``newsclean.clean()``, without and with language
  identification (langdetect on langdetect-rs where it is installed, and forced onto
  the pure-Python langdetect, its fallback).

Every row reads its files from disk (the page cache keeps them warm) so that the
ratios compare whole jobs.  Each row repeats passes over its corpus for about
``--seconds`` per round and reports the median round; ``x floor`` and ``x C4``
say how many times longer a row takes than those two.  Numbers depend on the
machine and on what else it is doing: compare rows of the same run.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import langdetect

import newsclean
from newsclean import language, native
from peers import c4_lines

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
DEVSETS = {"tests/devset": ROOT / "tests" / "devset", "../shared/devset": ROOT.parent / "shared" / "devset"}

Job = Callable[[Path], object]


@dataclass(frozen=True)
class Corpus:
    """A named set of page files."""

    name: str
    files: tuple[Path, ...]

    @property
    def size(self) -> int:
        """Bytes on disk."""
        return sum(f.stat().st_size for f in self.files)


@dataclass(frozen=True)
class Timing:
    """The median time of one pass over a corpus."""

    corpus: Corpus
    job: str
    seconds: float

    @property
    def mb_per_s(self) -> float:
        return self.corpus.size / 1e6 / self.seconds

    @property
    def docs_per_s(self) -> float:
        return len(self.corpus.files) / self.seconds


def read(path: Path) -> str:
    """The page text (as the CLI reads it)."""
    return path.read_bytes().decode("utf-8-sig")


def floor(path: Path) -> object:
    """Read and split into lines: the least any line cleaner must do."""
    return read(path).split("\n")


def c4_filter(path: Path) -> object:
    """C4's line and page rules (``peers.c4_lines``, as in ``quality.py`` and ``throughput.py``)."""
    return c4_lines(read(path))


def clean_plain(path: Path) -> object:
    """``newsclean.clean()`` without language identification."""
    return newsclean.clean(read(path), language=False)


def clean_plain_python(path: Path) -> object:
    """``newsclean.clean()`` without language identification on the pure-Python path (the native core off)."""
    kept = native.use(False)
    try:
        return newsclean.clean(read(path), language=False)
    finally:
        native.use(kept)


def clean_language(path: Path) -> object:
    """``newsclean.clean()`` with language identification (the default)."""
    return newsclean.clean(read(path))


def clean_language_python(path: Path) -> object:
    """``newsclean.clean()`` with langdetect's pure-Python detection, as where langdetect-rs is not installed."""
    chosen, language._chosen = language._chosen, langdetect
    try:
        return newsclean.clean(read(path))
    finally:
        language._chosen = chosen


JOBS: dict[str, Job] = {
    "floor: read + split lines": floor,
    "C4 line filter": c4_filter,
    "clean(language=False)": clean_plain,
    "clean(language=False), pure Python": clean_plain_python,
    "clean()": clean_language,
    "clean(), pure-Python langdetect": clean_language_python,
}


def corpora() -> list[Corpus]:
    """The seed pages, and the first devset found (``tests/devset`` or ``../shared/devset``)."""
    found = [Corpus("seeds", tuple(sorted(SEEDS.glob("*.txt"))))]
    for shown, devset in DEVSETS.items():
        files = tuple(sorted(devset.glob("*/*.txt")))
        if files:
            found.append(Corpus(f"devset ({shown})", files))
            break
    return [c for c in found if c.files]


def one_pass(job: Job, files: Sequence[Path]) -> None:
    """Run ``job`` on every file once."""
    for f in files:
        job(f)


def measure(job: Job, corpus: Corpus, seconds: float, rounds: int) -> float:
    """The median time of one pass, from ``rounds`` rounds of about ``seconds`` each."""
    one_pass(job, corpus.files)  # warm up: compiled rule sets, langdetect's profiles, the page cache
    start = time.perf_counter()
    one_pass(job, corpus.files)
    passes = max(1, round(seconds / max(time.perf_counter() - start, 1e-9)))
    per_pass = []
    for _ in range(rounds):
        start = time.perf_counter()
        for _ in range(passes):
            one_pass(job, corpus.files)
        per_pass.append((time.perf_counter() - start) / passes)
    return statistics.median(per_pass)


def table(timings: Sequence[Timing]) -> str:
    """The results as an aligned text table."""
    head = ("corpus", "job", "docs", "MB", "MB/s", "docs/s", "x floor", "x C4")
    rows = [head]
    for t in timings:
        same = {x.job: x.seconds for x in timings if x.corpus == t.corpus}
        rows.append((
            t.corpus.name,
            t.job,
            str(len(t.corpus.files)),
            f"{t.corpus.size / 1e6:.3f}",
            f"{t.mb_per_s:.2f}",
            f"{t.docs_per_s:,.0f}",
            f"{t.seconds / same['floor: read + split lines']:.1f}",
            f"{t.seconds / same['C4 line filter']:.1f}",
        ))
    widths = [max(len(r[i]) for r in rows) for i in range(len(head))]
    lines = []
    for n, r in enumerate(rows):
        cells = [c.ljust(w) if i < 2 else c.rjust(w) for i, (c, w) in enumerate(zip(r, widths, strict=True))]
        lines.append("  ".join(cells))
        if n == 0:
            lines.append("  ".join("-" * w for w in widths))
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    """Measure every job on every corpus and print the table."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--seconds", type=float, default=1.0, help="length of one timed round (default: 1)")
    parser.add_argument("--rounds", type=int, default=5, help="timed rounds per row; the median is kept (default: 5)")
    args = parser.parse_args(argv)
    found = corpora()
    if not found:
        print("no page files found under seeds/", file=sys.stderr)
        return 1
    timings = [Timing(corpus, name, measure(job, corpus, args.seconds, args.rounds))
               for corpus in found for name, job in JOBS.items()]
    print(f"newsclean {newsclean.__version__}, Python {sys.version.split()[0]}, "
          f"clean() identifies languages with {language.langdetect_backend()}; "
          f"native core {'on' if native.enabled() else 'off (not built)'}; "
          f"median of {args.rounds} rounds of ~{args.seconds:g} s per row")
    print(table(timings))
    return 0


if __name__ == "__main__":
    sys.exit(main())
