"""What does reading HTML cost?  The converter on the devset's 25 HTML pages, against the other candidates.

    .venv/bin/python benchmarks/html_speed.py [--rounds 7] [--hostile]

Rows (each a pass over the 25 pages of ``../shared/html``, held in memory as str, as bytes for the
byte rows; the best of ``--rounds`` passes, in µs a page and MB/s of HTML):

* ``newsclean.html_to_text``: selectolax/Lexbor and the tree walk, the converter newsclean uses;
* ``selectolax parse``: the parse alone, what the walk adds to;
* ``stdlib html.parser``: the same blocks with the standard library's parser (the floor: no extra, no
  HTML5 tree building), and how many pages give the same text as html_to_text;
* ``resiliparse parse`` and ``resiliparse extract_plain_text``: the other candidate (Lexbor too), when
  installed; its extractor writes its own text (no title, form fields in brackets), so only its speed
  is comparable; a walk over its tree from Python costs some 20 ms a page (its nodes are slow to reach);
* ``clean() of the text``: newsclean's cleaning of the converted text (language identification off),
  for scale.

``--hostile`` also times the hostile inputs of tests/test_html.py, bounded (html_to_text) and unbounded
(selectolax's parser straight on them, at a tenth of the size so that it ends).
"""

from __future__ import annotations

import argparse
import importlib
import re
import sys
import time
from collections.abc import Callable, Sequence
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

from selectolax.lexbor import LexborHTMLParser

import newsclean
from newsclean.html import BLOCKS, DROPPED, html_to_text

ROOT = Path(__file__).resolve().parent.parent
PAGES = ROOT.parent / "shared" / "html"
WHITE = re.compile(r"[ \t\n\r\f]+")


class _StdlibText(HTMLParser):
    """The same blocks and dropped elements on html.parser's events (no tree: implied end tags, foster
    parenting and the rest of HTML5's tree building are not done)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.lines: list[str] = []
        self.run: list[str] = []
        self.dropping = 0

    def end_line(self) -> None:
        line = WHITE.sub(" ", "".join(self.run)).strip()
        if line:
            self.lines.append(line)
        self.run.clear()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in DROPPED:
            self.dropping += 1
        elif tag in BLOCKS:
            self.end_line()

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in BLOCKS:
            self.end_line()

    def handle_endtag(self, tag: str) -> None:
        if tag in DROPPED:
            self.dropping = max(0, self.dropping - 1)
        elif tag in BLOCKS:
            self.end_line()

    def handle_data(self, data: str) -> None:
        if not self.dropping:
            self.run.append(data)


def stdlib_text(html: str) -> str:
    parser = _StdlibText()
    parser.feed(html)
    parser.close()
    parser.end_line()
    return "\n".join(parser.lines)


def best_pass(job: Callable[[Any], object], items: Sequence[Any], rounds: int) -> float:
    """Seconds of the fastest of ``rounds`` passes over ``items``."""
    best = float("inf")
    for _ in range(rounds):
        start = time.perf_counter()
        for item in items:
            job(item)
        best = min(best, time.perf_counter() - start)
    return best


def row(name: str, seconds: float, pages: int, size: int, note: str = "") -> str:
    return f"{name:34s} {seconds / pages * 1e6:9,.0f} {size / seconds / 1e6:8.1f}  {note}"


def hostile(rounds: int) -> None:
    cases: dict[str, Callable[[int], str]] = {
        "nested divs": lambda n: "<div>" * n + "x",
        "lists in lists": lambda n: "<ul><li>x" * n,
        "attributes": lambda n: "<p " + " ".join(f"a{i}=1" for i in range(n)) + ">x</p>",
    }
    print(f"\n{'hostile input':34s} {'n':>9s} {'bounded s':>10s} {'n/10':>9s} {'unbounded s':>12s}")
    for name, make in cases.items():
        big, small = make(100_000), make(10_000)
        bounded = best_pass(html_to_text, [big], rounds)
        unbounded = best_pass(LexborHTMLParser, [small], 1)
        print(f"{name:34s} {100_000:9,d} {bounded:10.3f} {10_000:9,d} {unbounded:12.3f}")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--hostile", action="store_true", help="also time the hostile inputs")
    args = parser.parse_args(argv)
    files = sorted(PAGES.glob("*/*.html"))
    if not files:
        print(f"no pages in {PAGES}", file=sys.stderr)
        return 1
    raw = [f.read_bytes() for f in files]
    texts = [r.decode("utf-8", errors="replace") for r in raw]
    size = sum(map(len, raw))
    n = len(files)
    ours = [html_to_text(t) for t in texts]
    print(f"{n} pages, {size / n / 1000:.0f} kB a page; best of {args.rounds} passes\n")
    print(f"{'converter':34s} {'µs/page':>9s} {'MB/s':>8s}")
    print(row("newsclean.html_to_text (str)", best_pass(html_to_text, texts, args.rounds), n, size))
    print(row("newsclean.html_to_text (bytes)", best_pass(html_to_text, raw, args.rounds), n, size))
    print(row("selectolax parse", best_pass(LexborHTMLParser, texts, args.rounds), n, size))
    same = sum(stdlib_text(t) == o for t, o in zip(texts, ours, strict=True))
    print(row("stdlib html.parser", best_pass(stdlib_text, texts, args.rounds), n, size,
              f"same text as html_to_text on {same}/{n} pages"))
    try:
        resiliparse_html = importlib.import_module("resiliparse.parse.html")
        html2text = importlib.import_module("resiliparse.extract.html2text")
    except ImportError:
        print("(resiliparse not installed: pip install resiliparse for its rows)")
    else:
        parse = resiliparse_html.HTMLTree.parse
        print(row("resiliparse parse", best_pass(parse, texts, args.rounds), n, size))

        def extract(html: str) -> str:
            return str(html2text.extract_plain_text(parse(html), preserve_formatting=True, main_content=False))

        print(row("resiliparse extract_plain_text", best_pass(extract, texts, args.rounds), n, size,
                  "its own text, not comparable line for line"))

    def clean_text(text: str) -> object:
        return newsclean.clean(text, language=False)

    print(row("clean() of the text (for scale)", best_pass(clean_text, ours, args.rounds), n, size))
    if args.hostile:
        hostile(max(1, args.rounds // 3))
    return 0


if __name__ == "__main__":
    sys.exit(main())
