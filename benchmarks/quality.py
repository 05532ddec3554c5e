"""How close do newsclean and other cleaners come to the gold annotations?  Prints tables, measured in one run.

    .venv/bin/python benchmarks/quality.py [DIR ...] [--json OUT.json] [--plot OUT.png]

Every ``NAME.txt`` with a ``NAME.gold.json`` beside it under each ``DIR`` (default: ``seeds``,
``tests/devset``, ``tests/variants`` and ``tests/heldout``) is cleaned by each system, on the same text:

* newsclean: ``newsclean.clean(text)``, the outlet detected from the text (no hint, no URL);
* the peers of ``peers.py`` (shared with ``throughput.py``): C4 lines, the C4 corpus's line and page
  rules (Raffel et al. 2020, section 2.2): citation markers cut, the lines that end in terminal
  punctuation, have at least 5 words and hold neither "javascript" nor a policy notice, and nothing
  from a page with "lorem ipsum", a curly bracket or fewer than 3 sentences (C4's corpus-wide steps,
  bad words, deduplication and langdetect, left out); jusText, an HTML page with one ``<p>``
  per line, its Indonesian stop list, the paragraphs it does not call boilerplate (needs the ``bench``
  extra); trafilatura, the same HTML page, ``extract()`` without comments, its text split into lines
  (needs the ``bench`` extra); keep all, every non-blank line, the floor.

The scores are those of the project's judge (``../shared/score.py``), after the normalisation of
``LABELS.md`` (NFKC, curly quotes and dashes folded to ASCII, runs of white space collapsed):

* para P/R/F1: multiset precision, recall and F1 of the body's paragraphs, matched exactly;
* tok F1: the same over the body's lower-cased words;
* exact: share of pages whose paragraphs are the gold ones, in order;
* outlet: share of pages whose detected outlet is right (a site without a rule set is right
  unless taken for an outlet that has one);
* meta: share of the gold metadata fields that match (title, published, authors, editors,
  sources, dateline; only fields the gold sets).

P, R, F1, tok F1 and exact are means over pages; meta is pooled over fields.  Peers give no outlet or
metadata: "-".  Rows: each site (the folder a page is in; the gold outlet for pages directly in
a DIR), each DIR, pages of outlets with a newsclean rule set, pages of other sites, and all pages.
``seconds`` is each system's time over all its pages, each page's the median of ``--rounds`` passes
(HTML building included for the peers, one untimed warm-up page first; the systems take turns);
``x newsclean`` is that time over newsclean's.  ``--forgive-dateline`` shows what the gold's cut
dateline prefix costs the peers, which keep or drop whole lines.
"""

from __future__ import annotations

import argparse
import collections
import datetime as dt
import json
import re
import statistics
import sys
import time
import traceback
import unicodedata
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import newsclean
from peers import TRAFILATURA_MODES, Peer, c4_peer, html_peers, keep_all_peer
from tables import markdown, render

ROOT = Path(__file__).resolve().parent.parent
DEVSET = ROOT / "tests" / "devset"
DEFAULT_DIRS = (ROOT / "seeds", DEVSET, ROOT / "tests" / "variants", ROOT / "tests" / "heldout")

# The judge's outlet names (../shared/score.py): a prediction in the gold outlet's set is right.
ALIASES: dict[str, set[str]] = {
    "suarajogja": {"suarajogja", "suara", "suara.com", "suarajogja.id"},
    "suara": {"suarajogja", "suara", "suara.com"},
    "kompastv": {"kompastv", "kompas-tv", "kompas.tv", "kompas_tv"},
    "republika": {"republika", "republika.co.id"},
    "pikiran-rakyat": {"pikiran-rakyat", "pikiranrakyat", "prdepok", "pr-depok", "pikiran_rakyat",
                       "pikiran-rakyat.com"},
    "okezone": {"okezone", "okezone.com"},
}
QUOTES = str.maketrans({"“": '"', "”": '"', "„": '"', "‘": "'", "’": "'", "–": "-", "—": "-"})
META_FIELDS = ("title", "published", "authors", "editors", "sources", "dateline")

NEWSCLEAN = "newsclean"
# Longer than any dateline prefix ("REPUBLIKA.CO.ID, JAKARTA -- "), shorter than a sentence.
MAX_PREFIX = 60


# The judge's normalisation and metrics


def norm(text: str | None) -> str:
    """NFKC, curly quotes and dashes to ASCII, white space collapsed (LABELS.md)."""
    folded = unicodedata.normalize("NFKC", text or "").translate(QUOTES)
    return re.sub(r"\s+", " ", folded).strip()


def words(text: str) -> list[str]:
    """The lower-cased words of a normalised text."""
    return re.findall(r"\w+", norm(text).lower())


def f1(precision: float, recall: float) -> float:
    return 0.0 if precision + recall == 0 else 2 * precision * recall / (precision + recall)


def prf(predicted: Iterable[str], gold: Iterable[str]) -> tuple[float, float, float]:
    """Multiset precision, recall and F1; nothing predicted for nothing expected is perfect."""
    pc, gc = collections.Counter(predicted), collections.Counter(gold)
    hit = sum((pc & gc).values())
    precision = hit / pc.total() if pc else (1.0 if not gc else 0.0)
    recall = hit / gc.total() if gc else 1.0
    return precision, recall, f1(precision, recall)


def as_list(value: object) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        return [value]
    assert isinstance(value, Iterable)
    return [str(v) for v in value]


def as_time(value: object) -> dt.date | None:
    """A date or datetime from what a system gave (an ISO string is parsed); None if it is neither."""
    if isinstance(value, dt.date):
        return value
    if not isinstance(value, str):
        return None
    try:
        return dt.datetime.fromisoformat(value) if "T" in value or " " in value else dt.date.fromisoformat(value)
    except ValueError:
        return None


def same_time(predicted: object, gold: str) -> bool:
    """A gold date only checks the day; a gold time must match to the minute, with zone when one is given."""
    found = as_time(predicted)
    if found is None:
        return False
    if "T" not in gold:
        day = found.date() if isinstance(found, dt.datetime) else found
        return day == dt.date.fromisoformat(gold)
    if not isinstance(found, dt.datetime):
        return False
    expected = dt.datetime.fromisoformat(gold)
    if found.tzinfo is None:
        return found.replace(tzinfo=None) == expected.replace(tzinfo=None)
    return found == expected


def field_matches(name: str, predicted: object, gold: object) -> bool:
    if name == "published":
        return same_time(predicted, str(gold))
    if isinstance(gold, list):
        return sorted(norm(x).lower() for x in as_list(predicted)) == sorted(norm(x).lower() for x in gold)
    return norm(str(predicted or "")).lower() == norm(str(gold)).lower()


def meta_score(article: newsclean.Article, gold: Mapping[str, Any]) -> tuple[int, int, list[str]]:
    """Hits and total over the metadata fields the gold sets, and the misses."""
    hits = total = 0
    misses = []
    for name in META_FIELDS:
        expected = gold.get(name)
        if expected in (None, []):
            continue
        total += 1
        predicted = getattr(article, name, None)
        if field_matches(name, predicted, expected):
            hits += 1
        else:
            misses.append(f"{name}: {predicted!r} != {expected!r}")
    return hits, total, misses


def outlet_right(predicted: str | None, gold: str) -> bool:
    """The judge's rule: an alias of the gold outlet, or for another site, none of the rule-set outlets."""
    name = (predicted or "").lower()
    if gold in ALIASES:
        return name in ALIASES[gold]
    return not any(name in names for names in ALIASES.values())


# Pages


@dataclass(frozen=True)
class Page:
    """One gold case: the raw text and its annotation, and where it sits."""

    path: Path
    collection: str
    site: str
    text: str
    gold: Mapping[str, Any]
    size: int

    @property
    def group(self) -> str:
        return f"{self.collection}/{self.site}"

    @property
    def gold_paragraphs(self) -> list[str]:
        return [n for n in map(norm, self.gold["body"]) if n]


def read_page(txt: Path, directory: Path) -> Page:
    gold = json.loads(txt.with_name(txt.name.removesuffix(".txt") + ".gold.json").read_text(encoding="utf-8"))
    inner = txt.relative_to(directory).parts
    # Pages directly in a folder (the seeds) are grouped by outlet, the others by their sub-folder.
    site = inner[0] if len(inner) > 1 else str(gold["outlet"])
    text = txt.read_text(encoding="utf-8", errors="surrogateescape")  # as the judge reads it
    return Page(txt, directory.name, site, text, gold, txt.stat().st_size)


def find_pages(directories: Sequence[Path]) -> list[Page]:
    """Every NAME.txt with a NAME.gold.json beside it, under each directory, in path order."""
    pages = []
    for directory in directories:
        for gold in sorted(directory.rglob("*.gold.json")):
            txt = gold.with_name(gold.name.removesuffix(".gold.json") + ".txt")
            if txt.is_file():
                pages.append(read_page(txt, directory))
    return pages


def has_ruleset(outlet: str) -> bool:
    """Whether newsclean has a rule set of its own (not the generic one) for this outlet."""
    try:
        return not newsclean.get(outlet).generic
    except newsclean.UnknownOutletError:
        return False


# Systems


@dataclass(frozen=True)
class Output:
    """What a system made of a page: paragraphs, and for newsclean the whole article."""

    paragraphs: Sequence[str]
    article: newsclean.Article | None = None


@dataclass(frozen=True)
class System:
    name: str
    version: str
    run: Callable[[str], Output]
    setting: str
    metadata: bool = False


def newsclean_system(language: bool) -> System:
    def run(text: str) -> Output:
        article = newsclean.clean(text, language=language)
        return Output(article.paragraphs, article)

    return System(NEWSCLEAN, newsclean.__version__, run, f"clean(text, language={language})", metadata=True)


def peer_system(peer: Peer) -> System:
    """A peer of ``peers.py`` as a system: its kept lines are its paragraphs."""
    def run(text: str) -> Output:
        return Output(peer.run(text))

    return System(peer.name, peer.version, run, peer.setting)


def systems(language: bool, trafilatura_mode: str) -> tuple[list[System], list[str]]:
    """The systems to run (newsclean first), and the names of the peers that are not installed."""
    found, missing = html_peers(trafilatura_mode)
    return [newsclean_system(language), *map(peer_system, [*found, c4_peer(), keep_all_peer()])], missing


# Scoring


@dataclass
class Score:
    """One system on one page."""

    para_p: float = 0.0
    para_r: float = 0.0
    para_f1: float = 0.0
    tok_p: float = 0.0
    tok_r: float = 0.0
    tok_f1: float = 0.0
    exact: bool = False
    outlet: bool | None = None
    predicted_outlet: str | None = None
    meta_hits: int = 0
    meta_total: int = 0
    meta_misses: list[str] = field(default_factory=list)
    extra: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    seconds: float = 0.0
    error: str | None = None


def forgive_dateline(predicted: list[str], gold: Sequence[str]) -> list[str]:
    """Take a kept line that is the gold lead behind its dateline prefix ("JAKARTA - ...") as the lead."""
    if not gold:
        return predicted
    lead = gold[0]
    return [lead if p != lead and p.endswith(lead) and len(p) - len(lead) <= MAX_PREFIX else p for p in predicted]


def score_output(output: Output, page: Page, forgive: bool) -> Score:
    predicted = [n for n in map(norm, output.paragraphs) if n]
    gold = page.gold_paragraphs
    if forgive:
        predicted = forgive_dateline(predicted, gold)
    para = prf(predicted, gold)
    tok = prf(words(" ".join(predicted)), words(" ".join(gold)))
    score = Score(*para, *tok, exact=predicted == gold,
                  extra=[p[:80] for p in predicted if p not in gold][:5],
                  missing=[p[:80] for p in gold if p not in predicted][:5])
    if output.article is not None:
        score.predicted_outlet = output.article.outlet
        score.outlet = outlet_right(output.article.outlet, str(page.gold["outlet"]))
        score.meta_hits, score.meta_total, score.meta_misses = meta_score(output.article, page.gold)
    return score


def timed(system: System, page: Page) -> tuple[Output | str, float]:
    """The output, or the error's one-line description, and the seconds it took."""
    start = time.perf_counter()
    try:
        output: Output | str = system.run(page.text)
    except Exception as exc:
        output = traceback.format_exception_only(exc)[-1].strip()
    return output, time.perf_counter() - start


def run_all(chosen: Sequence[System], pages: Sequence[Page], rounds: int, forgive: bool) -> dict[str, list[Score]]:
    """Score every system on every page; a page's time is its median over ``rounds`` passes.

    A crash scores zero and is reported, as the judge does.  The systems take turns within
    each round, so that whatever else the machine is doing slows them alike.
    """
    for system in chosen:
        # The first call pays for compiling rule sets and loading stop lists: not per-page work.
        timed(system, pages[0])
    outputs: dict[str, list[Output | str]] = {}
    seconds: dict[str, list[list[float]]] = {s.name: [[] for _ in pages] for s in chosen}
    for _ in range(rounds):
        for system in chosen:
            runs = [timed(system, page) for page in pages]
            outputs.setdefault(system.name, [out for out, _ in runs])
            for times, (_, elapsed) in zip(seconds[system.name], runs, strict=True):
                times.append(elapsed)
    results: dict[str, list[Score]] = {}
    for system in chosen:
        results[system.name] = []
        for page, output, times in zip(pages, outputs[system.name], seconds[system.name], strict=True):
            score = Score(error=output) if isinstance(output, str) else score_output(output, page, forgive)
            score.seconds = statistics.median(times)
            results[system.name].append(score)
    return results


@dataclass(frozen=True)
class Summary:
    """One system over a set of pages."""

    pages: int
    errors: int
    para_p: float
    para_r: float
    para_f1: float
    tok_f1: float
    exact: float
    outlet: float | None
    meta: float | None
    seconds: float
    megabytes: float

    @property
    def mb_per_s(self) -> float:
        return self.megabytes / self.seconds if self.seconds else 0.0


def summarise(scores: Sequence[Score], pages: Sequence[Page], metadata: bool) -> Summary:
    """Means over pages (errors count as zero); metadata pooled over the gold's fields."""
    def mean(values: Iterable[float]) -> float:
        return statistics.fmean(values) if scores else 0.0

    total_fields = sum(s.meta_total for s in scores)
    return Summary(
        pages=len(scores),
        errors=sum(s.error is not None for s in scores),
        para_p=mean(s.para_p for s in scores),
        para_r=mean(s.para_r for s in scores),
        para_f1=mean(s.para_f1 for s in scores),
        tok_f1=mean(s.tok_f1 for s in scores),
        exact=mean(float(s.exact) for s in scores),
        outlet=mean(float(bool(s.outlet)) for s in scores) if metadata else None,
        meta=sum(s.meta_hits for s in scores) / max(1, total_fields) if metadata else None,
        seconds=sum(s.seconds for s in scores),
        megabytes=sum(p.size for p in pages) / 1e6,
    )


def scopes(pages: Sequence[Page], real: frozenset[Path], held: frozenset[Path]) -> dict[str, list[int]]:
    """The summary rows, as indices into ``pages``: each collection, rule-set outlets, other sites, all; and
    for the ``real`` pages (the devset's 2009-2026 pages) both halves, all of them, then their ``held``-out
    fold and the rest (the in-sample fold)."""
    found: dict[str, list[int]] = collections.defaultdict(list)
    for i, page in enumerate(pages):
        found[page.collection].append(i)
    ruled = {i for i, p in enumerate(pages) if has_ruleset(str(p.gold["outlet"]))}
    found["outlets with rule sets"] = sorted(ruled)
    found["other sites"] = [i for i in range(len(pages)) if i not in ruled]
    found["all"] = list(range(len(pages)))
    folds = (("real pages 2009-2026", real), ("  held-out fold", real & held), ("  in-sample fold", real - held))
    for name, chosen in folds:
        for half, in_half in (("outlets with rule sets", True), ("other sites", False)):
            found[f"{name}: {half}"] = [i for i, p in enumerate(pages)
                                        if p.path.resolve() in chosen and (i in ruled) == in_half]
    return {name: indices for name, indices in found.items() if indices}


def listed_pages(listing: Path, pattern: str, section: str = "") -> frozenset[Path]:
    """The page files a listing names (paths relative to its folder), one per ``pattern`` match, after the
    ``section`` heading when one is given."""
    if not listing.is_file():
        return frozenset()
    text = listing.read_text(encoding="utf-8")
    if section:
        text = text.partition(section)[2]
    return frozenset((listing.parent / m).resolve() for m in re.findall(pattern, text, re.MULTILINE))


def groups(pages: Sequence[Page]) -> dict[str, list[int]]:
    """The per-site rows, in the order the pages were found."""
    found: dict[str, list[int]] = collections.defaultdict(list)
    for i, page in enumerate(pages):
        found[page.group].append(i)
    return found


def summaries(chosen: Sequence[System], pages: Sequence[Page], results: Mapping[str, Sequence[Score]],
              rows: Mapping[str, Sequence[int]]) -> dict[str, dict[str, Summary]]:
    """``{row: {system: summary}}`` for the given rows of pages."""
    return {row: {s.name: summarise([results[s.name][i] for i in indices], [pages[i] for i in indices],
                                    s.metadata)
                  for s in chosen}
            for row, indices in rows.items()}


# Output


def share(value: float | None, digits: int = 2) -> str:
    return "-" if value is None else f"{value:.{digits}f}"


Table = Callable[[Sequence[str], Sequence[Sequence[str]]], str]


def summary_table(scope: str, by_system: Mapping[str, Summary], table: Table = render) -> str:
    """One scope: a row per system, every score, and time."""
    base = by_system[NEWSCLEAN].seconds
    head = ("system", "pages", "err", "para P", "para R", "para F1", "tok F1", "exact", "outlet", "meta",
            "seconds", "MB/s", "x newsclean")
    rows = [(name, str(s.pages), str(s.errors), f"{s.para_p:.3f}", f"{s.para_r:.3f}", f"{s.para_f1:.3f}",
             f"{s.tok_f1:.3f}", share(s.exact), share(s.outlet), share(s.meta), f"{s.seconds:.3f}",
             f"{s.mb_per_s:.2f}", f"{s.seconds / base:.3g}" if base else "-")
            for name, s in by_system.items()]
    return f"{scope} ({next(iter(by_system.values())).pages} pages)\n\n" + table(head, rows)


def site_table(metric: str, per_site: Mapping[str, Mapping[str, Summary]], table: Table = render) -> str:
    """One score, a row per site and a column per system."""
    names = list(next(iter(per_site.values())))
    rows = [(site, str(next(iter(by.values())).pages), *(f"{getattr(by[n], metric):.3f}" for n in names))
            for site, by in per_site.items()]
    return table(("site", "pages", *names), rows)


def report(chosen: Sequence[System], per_scope: Mapping[str, Mapping[str, Summary]],
           per_site: Mapping[str, Mapping[str, Summary]], table: Table = render) -> str:
    parts = ["systems:\n" + "\n".join(f"  {s.name} {s.version}: {s.setting}" for s in chosen)]
    parts += [summary_table(scope, by, table) for scope, by in per_scope.items()]
    parts.append("paragraph F1 per site\n\n" + site_table("para_f1", per_site, table))
    parts.append("token F1 per site\n\n" + site_table("tok_f1", per_site, table))
    parts.append("exact bodies per site\n\n" + site_table("exact", per_site, table))
    return "\n\n".join(parts)


def to_json(chosen: Sequence[System], pages: Sequence[Page], results: Mapping[str, Sequence[Score]],
            per_scope: Mapping[str, Mapping[str, Summary]], per_site: Mapping[str, Mapping[str, Summary]],
            argv: Sequence[str]) -> dict[str, Any]:
    def table(rows: Mapping[str, Mapping[str, Summary]]) -> dict[str, Any]:
        return {row: {name: {**asdict(s), "mb_per_s": s.mb_per_s} for name, s in by.items()}
                for row, by in rows.items()}

    return {
        "command": " ".join(["benchmarks/quality.py", *argv]),
        "python": sys.version.split()[0],
        "systems": [{"name": s.name, "version": s.version, "setting": s.setting} for s in chosen],
        "scopes": table(per_scope),
        "sites": table(per_site),
        "pages": [{"file": str(p.path.relative_to(ROOT) if p.path.is_relative_to(ROOT) else p.path),
                   "collection": p.collection, "site": p.site, "outlet": p.gold["outlet"], "bytes": p.size,
                   "scores": {s.name: asdict(results[s.name][i]) for s in chosen}}
                  for i, p in enumerate(pages)],
    }


def plot(per_site: Mapping[str, Mapping[str, Summary]], overall: Mapping[str, Summary], out: Path) -> None:
    """A grouped bar chart of paragraph F1: a group of bars per site (and one for all pages), a bar per system."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    rows = {**per_site, "all pages": overall}
    labels = list(rows)
    names = list(overall)
    width = 0.8 / len(names)
    fig, ax = plt.subplots(figsize=(max(10.0, 0.62 * len(rows)), 5.4))
    for k, name in enumerate(names):
        xs = [i + (k - (len(names) - 1) / 2) * width for i in range(len(rows))]
        ax.bar(xs, [by[name].para_f1 for by in rows.values()], width, label=name)
    ax.set_xticks(range(len(rows)), [f"{site} ({next(iter(by.values())).pages})" for site, by in rows.items()],
                  rotation=55, ha="right", rotation_mode="anchor", fontsize=8)
    # A line between collections (seeds | devset | ...), and before the overall group.
    for i in range(1, len(labels)):
        if labels[i].split("/")[0] != labels[i - 1].split("/")[0]:
            ax.axvline(i - 0.5, color="grey", linewidth=0.8)
    ax.set_ylabel("paragraph F1 (mean over pages)")
    ax.set_ylim(0, 1.05)
    ax.set_xlim(-0.6, len(rows) - 0.4)
    ax.grid(axis="y", linewidth=0.3)
    ax.set_axisbelow(True)
    ax.legend(ncol=len(names), loc="lower center", bbox_to_anchor=(0.5, 1.0), frameon=False, fontsize=9)
    fig.tight_layout()
    fig.savefig(out, dpi=120)
    plt.close(fig)


def main(argv: Sequence[str] | None = None) -> int:
    """Score every system on every gold page and print the tables (and write JSON and a plot if asked)."""
    args_list = list(sys.argv[1:] if argv is None else argv)
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("dirs", nargs="*", type=Path,
                        help="folders of NAME.txt + NAME.gold.json (default: seeds, tests/devset, tests/variants, "
                             "tests/heldout)")
    parser.add_argument("--json", type=Path, metavar="OUT", help="write every number, per page too, to OUT")
    parser.add_argument("--plot", type=Path, metavar="OUT.png", help="write a bar chart of paragraph F1 per site")
    parser.add_argument("--rounds", type=int, default=3, help="timed passes; each page's median is kept (default: 3)")
    parser.add_argument("--forgive-dateline", action="store_true",
                        help="count a kept line that is the gold lead behind its dateline prefix as the lead "
                             "(not the judge's rule: it shows what the prefix costs the line-keeping peers)")
    parser.add_argument("--held-out", type=Path, default=DEVSET / "HELDOUT.txt", metavar="LIST",
                        help="the devset pages kept back from rule writing, one path a line relative to the "
                             "list's folder (default: tests/devset/HELDOUT.txt); their rows are printed apart")
    parser.add_argument("--markdown", action="store_true", help="print the tables in Markdown (for the docs)")
    parser.add_argument("--no-language", action="store_true", help="run newsclean with language=False")
    parser.add_argument("--trafilatura", choices=TRAFILATURA_MODES, default="default",
                        help="trafilatura's favor_precision/favor_recall setting (default: neither)")
    args = parser.parse_args(args_list)
    directories = args.dirs or [d for d in DEFAULT_DIRS if d.is_dir()]
    pages = find_pages(directories)
    if not pages:
        print("no NAME.txt + NAME.gold.json pairs found in: " + ", ".join(map(str, directories)), file=sys.stderr)
        return 1
    chosen, missing = systems(not args.no_language, args.trafilatura)
    for name in missing:
        print(f"{name} is not installed (pip install -e '.[bench]'): skipped", file=sys.stderr)
    results = run_all(chosen, pages, max(1, args.rounds), args.forgive_dateline)
    # the devset's real pages of 2009-2026: the rows of SOURCES.md's section on them
    real = listed_pages(DEVSET / "SOURCES.md", r"^\| (\S+\.txt) \|", section="## Real pages")
    held = listed_pages(args.held_out, r"^([^#\s]\S*\.txt)$")
    per_scope = summaries(chosen, pages, results, scopes(pages, real, held))
    per_site = summaries(chosen, pages, results, groups(pages))
    print(f"Python {sys.version.split()[0]}; {len(pages)} pages, {sum(p.size for p in pages) / 1e6:.2f} MB\n")
    print(report(chosen, per_scope, per_site, markdown if args.markdown else render))
    if args.json:
        args.json.write_text(json.dumps(to_json(chosen, pages, results, per_scope, per_site, args_list),
                                        ensure_ascii=False, indent=1, default=str), encoding="utf-8")
    if args.plot:
        try:
            plot(per_site, per_scope["all"], args.plot)
        except ImportError:
            print("matplotlib is not installed (pip install -e '.[bench]'): no plot", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
