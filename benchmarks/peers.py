"""The other ways of cleaning a page that the benchmarks compare newsclean with, each as one function.

Shared by ``quality.py`` (how good) and ``throughput.py`` (how fast), so that both measure the
same thing.  Every peer takes the page text and gives the lines or paragraphs it keeps:

* C4 lines: the C4 corpus's line and page rules (Raffel et al. 2020, section 2.2), in pure Python:
  citation markers cut; a line is kept when it ends in terminal punctuation, has at least 5 words
  and holds neither "javascript" nor a policy notice; a page is dropped (nothing kept) when it holds
  "lorem ipsum" or a curly bracket, or when its kept lines hold fewer than 3 sentences.  C4's corpus-wide
  steps (the bad-words list, three-sentence deduplication, langdetect) are not line filters and are left out;
* keep all: every non-blank line, the floor;
* jusText: an HTML page with one ``<p>`` per line, its Indonesian stop list, the paragraphs it
  does not call boilerplate (needs the ``bench`` extra);
* trafilatura: the same HTML page, ``extract()`` without comments, its text split into lines
  (needs the ``bench`` extra).

The HTML extractors get the text as HTML because that is all the structure the text still has;
building that HTML is part of their work, and is timed with them.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from dataclasses import dataclass
from importlib import metadata as importlib_metadata

# C4's rules, as the paper gives them: a kept line ends in one of these and has at least this many words;
# a page keeps nothing unless its kept lines hold this many sentences.
C4_END = (".", "!", "?", '"')
C4_MIN_WORDS = 5
C4_MIN_SENTENCES = 3
C4_POLICY = ("terms of use", "privacy policy", "cookie policy", "uses cookies", "use of cookies", "use cookies")
_C4_CITATION = re.compile(r"\[\d*\]|\[edit\]|\[citation needed\]", re.IGNORECASE)
# the paper counts sentences with a tokenizer; a terminal mark followed by space or the line's end stands for one
_C4_SENTENCE_END = re.compile(r"[.!?]+[\"')\]]*(?:\s|$)")

TRAFILATURA_MODES = ("default", "precision", "recall")


@dataclass(frozen=True)
class Peer:
    """A cleaner other than newsclean: what it is, how it is set, and the function that runs it."""

    name: str
    version: str
    setting: str
    run: Callable[[str], list[str]]


def version(distribution: str) -> str:
    """The installed version of a distribution, or "?"."""
    try:
        return importlib_metadata.version(distribution)
    except importlib_metadata.PackageNotFoundError:
        return "?"


def non_blank(text: str) -> list[str]:
    return [line for line in text.split("\n") if line.strip()]


def as_html(text: str) -> str:
    """The page as HTML, one <p> per non-blank line: all the structure the text still has."""
    body = "".join(f"<p>{html.escape(line)}</p>\n" for line in non_blank(text))
    return f'<!DOCTYPE html>\n<html><head><meta charset="utf-8"></head><body>\n{body}</body></html>'


def keep_all(text: str) -> list[str]:
    return non_blank(text)


def c4_lines(text: str) -> list[str]:
    """The lines C4's line and page rules keep (none when a page rule drops the page)."""
    kept, sentences = [], 0
    for raw in text.split("\n"):
        line = _C4_CITATION.sub("", raw.strip())
        if not line.endswith(C4_END) or len(line.split()) < C4_MIN_WORDS:
            continue
        lower = line.lower()
        if "lorem ipsum" in lower or "{" in line:
            return []
        if "javascript" in lower or any(notice in lower for notice in C4_POLICY):
            continue
        sentences += max(1, len(_C4_SENTENCE_END.findall(line)))
        kept.append(line)
    return kept if sentences >= C4_MIN_SENTENCES else []


def c4_peer() -> Peer:
    return Peer("C4 lines", "-", f"C4's line and page rules (lines end in {''.join(C4_END)}, >= {C4_MIN_WORDS} words; "
                f"pages with >= {C4_MIN_SENTENCES} sentences, no curly bracket or lorem ipsum)", c4_lines)


def keep_all_peer() -> Peer:
    return Peer("keep all", "-", "every non-blank line", keep_all)


def justext_peer() -> Peer | None:
    """jusText with its Indonesian stop list, or None when it is not installed."""
    try:
        import justext
    except ImportError:
        return None
    stoplist = justext.get_stoplist("Indonesian")

    def run(text: str) -> list[str]:
        return [p.text for p in justext.justext(as_html(text), stoplist) if not p.is_boilerplate]

    return Peer("jusText", version("jusText"), "Indonesian stop list, default lengths and densities", run)


def trafilatura_peer(mode: str = "default") -> Peer | None:
    """trafilatura's ``extract()`` in one of ``TRAFILATURA_MODES``, or None when it is not installed."""
    try:
        import trafilatura
    except ImportError:
        return None
    precision, recall = mode == "precision", mode == "recall"

    def run(text: str) -> list[str]:
        extracted = trafilatura.extract(as_html(text), include_comments=False, include_tables=True,
                                        deduplicate=False, favor_precision=precision, favor_recall=recall)
        return non_blank(extracted or "")

    setting = (f"extract(include_comments=False, include_tables=True, deduplicate=False, "
               f"favor_precision={precision}, favor_recall={recall}), fallbacks on")
    return Peer("trafilatura", version("trafilatura"), setting, run)


def html_peers(trafilatura_mode: str = "default") -> tuple[list[Peer], list[str]]:
    """The installed HTML extractors, and the names of those that are not installed."""
    found, missing = [], []
    for name, peer in (("jusText", justext_peer()), ("trafilatura", trafilatura_peer(trafilatura_mode))):
        if peer is None:
            missing.append(name)
        else:
            found.append(peer)
    return found, missing
