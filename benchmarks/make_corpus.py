"""Write a large, realistic JSONL corpus of news pages, made by recombining the project's gold pages.

    .venv/bin/python benchmarks/make_corpus.py OUT.jsonl [--mb 100] [--seed 1] [DIR ...]

Each line of OUT is a record ``{"id", "url", "text"}``; the file grows until it holds ``--mb``
megabytes (10^6 bytes) and is written as it is made, record by record.  The same seed and size
give the same file, byte for byte.

The pages come from every ``NAME.txt`` with a ``NAME.gold.json`` beside it under each ``DIR``
(default: ``seeds``, ``tests/devset``, ``tests/variants``, ``tests/heldout``, ``tests/heldout2``,
``tests/heldout3``).  The gold labels cut each page in three: the header (the lines before the first
body line), the body (the first body line to the last, with the captions and "Baca juga" links
between) and the footer.  Each record takes a page drawn at random and varies it:

* its widget blocks (a run of nav, related, ad, promo or ui lines, a new block at each heading)
  change places with the other widget blocks between the same two content lines;
* a nav line is sometimes dropped, sometimes repeated (as often one as the other);
* the footer is sometimes that of another page of the same outlet, and the body sometimes goes on
  with another same-outlet page's paragraphs or stops early;
* blank lines are kept, doubled, removed, or follow each content line (not the widgets');
* now and then the lines end in CRLF, spaces become NBSPs, or a line is mojibake.

Parts only ever meet parts of the same outlet (the gold's ``outlet``), so every record keeps one
outlet's template, and pages are drawn evenly, so the outlet and widget mix is that of the gold
pages: the script prints both, line labels of the sources beside those of the corpus.
"""

from __future__ import annotations

import argparse
import collections
import json
import random
import sys
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DIRS = tuple(ROOT / d for d in ("seeds", "tests/devset", "tests/variants", "tests/heldout",
                                         "tests/heldout2", "tests/heldout3"))

WIDGETS = frozenset({"nav", "related", "ad", "promo", "ui"})
# Hosts for the records' URLs: each outlet's real one, so a URL picks the rule set it would in a crawl.
HOSTS = {
    "suara": "www.suara.com", "suarajogja": "jogja.suara.com", "kompastv": "www.kompas.tv",
    "republika": "news.republika.co.id", "pikiran-rakyat": "www.pikiran-rakyat.com",
    "okezone": "news.okezone.com", "antaranews": "www.antaranews.com", "detik": "news.detik.com",
    "kapanlagi": "www.kapanlagi.com", "kompas-com": "regional.kompas.com", "liputan6": "news.liputan6.com",
    "tempo": "nasional.tempo.co", "viva": "www.viva.co.id",
}

# How often each variation happens, per record (per line for nav lines and NBSPs).
SHUFFLE_WIDGETS = 0.5
NAV_DROP = NAV_REPEAT = 0.04
SWAP_FOOTER = 0.4
LONGER_BODY = 0.2
SHORTER_BODY = 0.15
BLANKS = {"as is": 0.6, "doubled": 0.15, "none": 0.1, "after content": 0.15}
CRLF = 0.03
NBSP_PAGE, NBSP_SPACE = 0.05, 0.1
MOJIBAKE = 0.01

Line = tuple[str, str]  # (gold label, text)


@dataclass(frozen=True)
class Template:
    """A gold page cut around its body: header, body and footer lines, each with its gold label."""

    name: str
    outlet: str
    header: tuple[Line, ...]
    body: tuple[Line, ...]
    footer: tuple[Line, ...]


# Reading the gold pages


def read_template(txt: Path, gold_path: Path) -> Template:
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    # Sources are text; a stray invalid byte would make the record unwritable as UTF-8 JSON.
    text = txt.read_text(encoding="utf-8", errors="replace")
    lines = list(zip(gold["labels"], text.split("\n"), strict=True))
    body_at = [i for i, (label, _) in enumerate(lines) if label == "body"]
    first, last = (body_at[0], body_at[-1] + 1) if body_at else (len(lines), len(lines))
    name = str(txt.relative_to(ROOT) if txt.is_relative_to(ROOT) else txt)
    return Template(name, str(gold["outlet"]), tuple(lines[:first]), tuple(lines[first:last]), tuple(lines[last:]))


def find_templates(directories: Sequence[Path]) -> list[Template]:
    """Every NAME.txt with a NAME.gold.json beside it, under each directory, in path order."""
    found = []
    for directory in directories:
        for gold in sorted(directory.rglob("*.gold.json")):
            txt = gold.with_name(gold.name.removesuffix(".gold.json") + ".txt")
            if txt.is_file():
                found.append(read_template(txt, gold))
    return found


# Varying a page


def blocks(lines: Sequence[Line]) -> list[list[Line]]:
    """Consecutive lines cut into blocks: a blank line or a content line alone, a widget block together.

    A widget block starts after a blank or a content line, and at a nav line that follows another
    widget line: that nav line is the next widget's heading ("Berita Terkait", "Terpopuler").
    """
    found: list[list[Line]] = []
    for line in lines:
        label = line[0]
        previous = found[-1][-1][0] if found else "blank"
        joins = label in WIDGETS and previous in WIDGETS and not (label == "nav" and previous != "nav")
        if joins:
            found[-1].append(line)
        else:
            found.append([line])
    return found


def shuffle_widgets(lines: Sequence[Line], rng: random.Random) -> list[Line]:
    """The widget blocks between two content lines change places; blanks and content lines stay put."""
    parts = blocks(lines)
    out: list[Line] = []
    run: list[list[Line]] = []

    def flush() -> None:
        widgets = [b for b in run if b[0][0] in WIDGETS]
        rng.shuffle(widgets)
        order = iter(widgets)
        for b in run:
            out.extend(next(order) if b[0][0] in WIDGETS else b)
        run.clear()

    for block in parts:
        if block[0][0] in WIDGETS or block[0][0] == "blank":
            run.append(block)
        else:
            flush()
            out.extend(block)
    flush()
    return out


def vary_nav(lines: Sequence[Line], rng: random.Random) -> list[Line]:
    """Drop a nav line now and then, repeat one as often."""
    out: list[Line] = []
    for line in lines:
        if line[0] != "nav":
            out.append(line)
            continue
        draw = rng.random()
        if draw >= NAV_DROP:
            out.append(line)
        if draw >= 1 - NAV_REPEAT:
            out.append(line)
    return out


def vary_body(page: Template, same_outlet: Sequence[Template], rng: random.Random) -> list[Line]:
    """The page's body, sometimes cut after a random body line, sometimes going on with another page's."""
    body = list(page.body)
    draw = rng.random()
    others = [t for t in same_outlet if t is not page and t.body]
    if draw < LONGER_BODY and others:
        more = list(rng.choice(others).body)
        # the other page's lead has its own dateline: the body goes on after it
        at = next((i for i, (label, _) in enumerate(more) if label == "body"), 0)
        body += [("blank", ""), *more[at + 1:]] if any(label == "blank" for label, _ in body) else more[at + 1:]
    elif draw < LONGER_BODY + SHORTER_BODY:
        ends = [i for i, (label, _) in enumerate(body) if label == "body"]
        if len(ends) > 2:
            body = body[:rng.choice(ends[1:-1]) + 1]
    return body


def vary_blanks(lines: Sequence[Line], style: str) -> list[Line]:
    if style == "doubled":
        return [x for line in lines for x in ([line, line] if line[0] == "blank" else [line])]
    if style == "none":
        return [line for line in lines if line[0] != "blank"]
    if style == "after content":
        # as converters that end every <p> with an empty line, but not every menu item
        solid = [line for line in lines if line[0] != "blank"]
        return [x for line in solid for x in ([line] if line[0] in WIDGETS else [line, ("blank", "")])]
    return list(lines)


def with_nbsp(text: str, rng: random.Random) -> str:
    return "".join("\u00a0" if c == " " and rng.random() < NBSP_SPACE else c for c in text)


def mojibake(text: str) -> str:
    """UTF-8 read as Windows-1252, the commonest mojibake ("â€œ" for a curly quote)."""
    return text.encode("utf-8").decode("cp1252", errors="replace")


def finish(lines: list[Line], rng: random.Random) -> tuple[list[Line], str]:
    """The character-level variations; returns the lines and the line ending."""
    if rng.random() < NBSP_PAGE:
        lines = [(label, with_nbsp(text, rng)) for label, text in lines]
    if rng.random() < MOJIBAKE:
        at = rng.randrange(len(lines)) if lines else 0
        lines[at:at + 1] = [(label, mojibake(text)) for label, text in lines[at:at + 1]]
    return lines, "\r\n" if rng.random() < CRLF else "\n"


def make_page(page: Template, same_outlet: Sequence[Template], rng: random.Random) -> list[Line]:
    header, footer = list(page.header), list(page.footer)
    others = [t for t in same_outlet if t is not page]
    if others and rng.random() < SWAP_FOOTER:
        footer = list(rng.choice(others).footer)
    if rng.random() < SHUFFLE_WIDGETS:
        header, footer = shuffle_widgets(header, rng), shuffle_widgets(footer, rng)
    lines = [*vary_nav(header, rng), *vary_body(page, same_outlet, rng), *vary_nav(footer, rng)]
    style = rng.choices(list(BLANKS), weights=list(BLANKS.values()))[0]
    return vary_blanks(lines, style)


# The corpus


@dataclass
class Tally:
    """What was written: records, bytes and lines per label, per outlet."""

    records: int = 0
    bytes: int = 0
    labels: collections.Counter[str] = field(default_factory=collections.Counter)
    outlets: collections.Counter[str] = field(default_factory=collections.Counter)
    outlet_bytes: collections.Counter[str] = field(default_factory=collections.Counter)


def records(templates: Sequence[Template], seed: int) -> Iterator[tuple[dict[str, str], Template, list[Line]]]:
    """Endless records, each a varied page drawn evenly from the templates; with its source and lines."""
    rng = random.Random(seed)
    by_outlet: dict[str, list[Template]] = collections.defaultdict(list)
    for t in templates:
        by_outlet[t.outlet].append(t)
    n = 0
    while True:
        page = rng.choice(templates)
        lines, ending = finish(make_page(page, by_outlet[page.outlet], rng), rng)
        host = HOSTS.get(page.outlet, f"www.{page.outlet}.com")
        record = {"id": f"{n:08d}", "url": f"https://{host}/berita/{n:08d}",
                  "text": ending.join(text for _, text in lines)}
        yield record, page, lines
        n += 1


def write_corpus(out: Path, megabytes: float, templates: Sequence[Template], seed: int) -> Tally:
    """Write records to ``out`` until it holds ``megabytes``; one record in memory at a time."""
    tally = Tally()
    limit = megabytes * 1e6
    with out.open("wb") as sink:
        for record, page, lines in records(templates, seed):
            if tally.bytes >= limit:
                break
            data = (json.dumps(record, ensure_ascii=False) + "\n").encode("utf-8")
            sink.write(data)
            tally.records += 1
            tally.bytes += len(data)
            tally.labels.update(label for label, _ in lines)
            tally.outlets[page.outlet] += 1
            tally.outlet_bytes[page.outlet] += len(data)
    return tally


def shares(counts: collections.Counter[str]) -> dict[str, float]:
    total = counts.total() or 1
    return {k: v / total for k, v in counts.most_common()}


def summary(out: Path, tally: Tally, templates: Sequence[Template], seconds: float) -> str:
    source_labels = collections.Counter(label for t in templates for label, _ in (*t.header, *t.body, *t.footer))
    source_outlets = collections.Counter(t.outlet for t in templates)
    lines = [f"wrote {out}: {tally.records:,} records, {tally.bytes / 1e6:.1f} MB "
             f"({tally.bytes / max(1, tally.records) / 1e3:.1f} kB a record) in {seconds:.1f} s, "
             f"from {len(templates)} gold pages of {len(source_outlets)} outlets",
             "line labels, share of lines (gold pages -> corpus):"]
    corpus = shares(tally.labels)
    lines += [f"  {label:9} {share:6.1%} -> {corpus.get(label, 0.0):6.1%}"
              for label, share in shares(source_labels).items()]
    lines.append("outlets, share of pages (gold pages -> corpus records, corpus MB):")
    records_share = shares(tally.outlets)
    lines += [f"  {outlet:15} {share:6.1%} -> {records_share.get(outlet, 0.0):6.1%}, "
              f"{tally.outlet_bytes[outlet] / 1e6:7.2f} MB"
              for outlet, share in shares(source_outlets).items()]
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("out", type=Path, help="the JSONL file to write")
    parser.add_argument("dirs", nargs="*", type=Path, help="folders of NAME.txt + NAME.gold.json "
                        "(default: seeds, tests/devset, tests/variants, tests/heldout, heldout2, heldout3)")
    parser.add_argument("--mb", type=float, default=100.0, help="size to write, in MB of 10^6 bytes (default: 100)")
    parser.add_argument("--seed", type=int, default=1, help="random seed (default: 1)")
    args = parser.parse_args(argv)
    templates = find_templates(args.dirs or [d for d in DEFAULT_DIRS if d.is_dir()])
    if not templates:
        print("no NAME.txt + NAME.gold.json pairs found", file=sys.stderr)
        return 1
    start = time.perf_counter()
    tally = write_corpus(args.out, args.mb, templates, args.seed)
    print(summary(args.out, tally, templates, time.perf_counter() - start))
    return 0


if __name__ == "__main__":
    sys.exit(main())
