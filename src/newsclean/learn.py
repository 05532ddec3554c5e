"""Learn a draft rule set for one site from a sample of its pages, and flag a site's boilerplate lines.

Both uses rest on one statistic, :class:`LineStats`: in how many documents each
normalised line occurs (its document frequency), with the same count for line
prefixes ("Penulis :", "Baca Juga:", "Foto:"), for the shapes of byline-and-date
lines ("NAME , Jurnalis-DATE") and for the dateline prefixes that open the leads
("Liputan6.com, Jakarta - "), plus where those lines sit against
each page's body as the generic cleaner finds it (at its top, inside it, right
below it, or as the page's own headline, deck, date or byline).

* ``newsclean learn`` observes 20 to 200 pages of a site and :func:`draft_ruleset`
  turns the statistic into a TOML rule set a person reviews and edits.
* A batch run observes each document of a site as it cleans it, merges the
  statistics shard by shard (:func:`merge` is associative and commutative), and
  asks :func:`boilerplate_lines` which lines repeat across many of the site's
  documents.

Everything here is a pure function over frozen data, except that observing a page
cleans it with the registered generic rule set and that the draft leaves out what
the registered base rule set already knows.
"""

from __future__ import annotations

import math
import textwrap
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from functools import reduce
from types import MappingProxyType
from typing import TypeVar

import regex

from . import registry
from .core import clean
from .label import is_prose
from .model import Article, Label

#: A line or a prefix a position is counted for: ``("line", text)`` or ``("prefix", "baca juga:")``;
#: ``("lead", prefix)`` for the samples of dateline prefixes.
Item = tuple[str, str]
LINE, PREFIX, LEAD, SHAPE = "line", "prefix", "lead", "shape"

K = TypeVar("K")
V = TypeVar("V", int, str)
_EMPTY: Mapping[str, int] = MappingProxyType({})
_EMPTY_ITEMS: Mapping[Item, int] = MappingProxyType({})
_NO_SAMPLES: Mapping[Item, str] = MappingProxyType({})

# How many non-blank lines from the body's first line count as its top (a caption and its "Foto:" credit).
_TOP_LINES = 3
# How far into a lead a dateline prefix may reach, and how much of the lead a sample keeps after it.
_LEAD_REACH = 60
_SAMPLE_REST = 40
_MAX_DATELINES = 3

# "Penulis :", "Baca Juga:", "Foto:": one to three words, then a colon (not a time, not a URL scheme).
_PREFIX = regex.compile(r"(\p{L}[\p{L}\x27’.-]*(?:\s+\p{L}[\p{L}\x27’.-]*){0,2})\s*:(?!//)\s*")
_LEAD = regex.compile(rf"(?=\S)(.{{2,{_LEAD_REACH}}}?)\s*[-–—]{{1,2}}\s+(?=\S)")
# A city where a dateline names one: capitalised words, not part of a site name ("Liputan6.com", "TEMPO.CO").
_CITY_WORD = r"\p{Lu}[\p{L}\x27’-]*"
_CITY_RUN = regex.compile(rf"(?<![\p{{L}}\p{{N}}.])({_CITY_WORD}(?:\s+{_CITY_WORD}){{0,3}})(?![\p{{L}}\p{{N}}.])")
_CITY_GROUP = (
    r"(?P<city>\p{Lu}[\p{L}\x27’.-]*(?:\s+\p{Lu}[\p{L}\x27’.-]*){0,3}?)"
    r"(?:\s*,\s*\p{Lu}[\p{L}\x27’.-]*(?:\s+\p{Lu}[\p{L}\x27’.-]*){0,2})?"
)
_DATELINE_END = r"\s*[-–—]{1,2}\s+"

# The label guess for a recurring line (a draft: the reviewer corrects it).
# a call to act, not a network's name alone: a footer menu lists "Twitter Facebook RSS" too
_PROMO_WORDS = regex.compile(
    r"(?i)\b(?:ikuti|follow|subscribe|langganan|berlangganan|unduh|download|install|gabung|join|dapatkan|"
    r"newsletter)\b"
)
# a run of capitalised words with no small word or sentence punctuation: a menu printed on one line
_MENU_RUN = regex.compile(r"[\p{Lu}\p{N}@#][^\s,;:?!\"“”]*(?:\s+[\p{Lu}\p{N}@#&+|/-][^\s,;:?!\"“”]*)*")
_UI_WORDS = regex.compile(
    r"(?i)(?:share|bagikan|tweet|komentar|komentari|kirim|cari|search|login|masuk|daftar|logout|keluar|tutup|"
    r"close|suka|like|print|cetak|e-?mail|copy|salin|link|tautan|more|selengkapnya|kembali|back|zoom|"
    r"play|putar|a[+-]?)\b.*"
)
# Words of a prefix that says what the line holds; the rest of such a line is the field's value.
_PREFIX_LABELS: tuple[tuple[regex.Pattern[str], Label, str | None], ...] = (
    (regex.compile(r"(?i)penulis|reporter|pewarta|wartawan|oleh|kontributor|jurnalis|author|by|rep|"
                   r"laporan wartawan|ditulis oleh"), Label.META, "author"),
    (regex.compile(r"(?i)editor|red|redaktur|penyunting|editing|disunting( oleh)?"), Label.META, "editor"),
    (regex.compile(r"(?i)sumber|source"), Label.META, "source"),
    (regex.compile(r"(?i)diterbitkan|dipublikasikan|diposting|published|posted|tanggal|terbit|tayang"),
     Label.META, "published"),
    (regex.compile(r"(?i)(?:foto|photo|ilustrasi|gambar|image|video|grafis|infografis)(?: \p{L}+)?"),
     Label.CAPTION, None),
    (regex.compile(r"(?i)(?:baca|lihat|simak)(?: juga| pula)?|berita terkait|artikel terkait"), Label.RELATED, None),
    (regex.compile(r"(?i)tags?|topik|kata kunci|keywords?|kategori|rubrik|kanal"), Label.NAV, None),
)
# A byline or date line: a date (with its weekday, time and zone when printed), a writer's name before or after
# it, and a few words or marks between ("Rina Anggraeni , Jurnalis-Jum'at, 09 Februari 2024 |19:10 WIB").
_DATE = (
    r"(?:\p{L}[\p{L}\x27’]*\s*,?\s*)?(?:\d{1,2}\s+\p{L}{3,9}\.?,?\s+(?:19|20)\d\d|\d{1,2}/\d{1,2}/(?:19|20)\d\d)"
    r"(?:\s*[-–—|,·•]?\s*(?:pukul\s+)?\d{1,2}[:.]\d{2}(?::\d{2})?)?(?:\s*(?i:WIB|WITA|WIT)\b)?"
)
_DATE_SPAN = regex.compile(_DATE)
_NAME = r"\p{Lu}[\p{L}.\x27’-]*(?:\s+\p{Lu}[\p{L}.\x27’-]*){0,4}"
_LEADING_NAME = regex.compile(rf"({_NAME})(?=\s*[-–—|,·•:;/(])")
_TRAILING_NAME = regex.compile(rf"(?<=[-–—|,·•:;/)]\s*)({_NAME})$")
# Words around a byline's name that are not part of it.
_ROLES = regex.compile(r"(?i)\b(?:oleh|penulis|reporter|pewarta|wartawan|jurnalis|kontributor|editor|redaktur|"
                       r"penyunting|laporan|diterbitkan|diposting|dipublikasikan|update|diperbarui|wib|wita|wit)\b")
_MARKS = regex.compile(r"\s*[-–—|·•]+\s*")
_MAX_SHAPED = 150
_MAX_BETWEEN = 30
AUTHOR, PUBLISHED = "{author}", "{published}"

# Labels whose rules end the body by default (as in rules.py): an opener of the body must not be one.
_STOPPING = frozenset({Label.NAV, Label.META})


@dataclass(frozen=True)
class LineStats:
    """Document frequencies of lines, line prefixes and lead prefixes over a sample of one site's pages.

    ``lines``, ``prefixes`` and ``leads`` count in how many documents a normalised
    line, a prefix key (``"baca juga:"``, case-folded) or a lead's dateline prefix
    as printed occurs.  The position maps count documents per :data:`Item`:
    ``own`` where the generic cleaner took the line for the page's own headline,
    deck, date or byline; ``top`` right above or at the top of the body; ``inside``
    further inside the body; ``below`` right below it.  ``samples`` keeps one line
    printed with each prefix and lead prefix (the smallest, so merging is
    order-free), ``widths`` the longest text seen after each prefix.  ``shapes``
    counts byline and date lines by their shape, the date and the writer's name
    left out (``"{author},Jurnalis-{published}"``); their samples are keyed
    ``("shape", shape)``.
    """

    documents: int = 0
    lines: Mapping[str, int] = field(default_factory=lambda: _EMPTY)
    prefixes: Mapping[str, int] = field(default_factory=lambda: _EMPTY)
    leads: Mapping[str, int] = field(default_factory=lambda: _EMPTY)
    own: Mapping[Item, int] = field(default_factory=lambda: _EMPTY_ITEMS)
    top: Mapping[Item, int] = field(default_factory=lambda: _EMPTY_ITEMS)
    inside: Mapping[Item, int] = field(default_factory=lambda: _EMPTY_ITEMS)
    below: Mapping[Item, int] = field(default_factory=lambda: _EMPTY_ITEMS)
    samples: Mapping[Item, str] = field(default_factory=lambda: _NO_SAMPLES)
    widths: Mapping[str, int] = field(default_factory=lambda: _EMPTY)
    shapes: Mapping[str, int] = field(default_factory=lambda: _EMPTY)

    def __hash__(self) -> int:  # the maps are read-only views; hash what identifies a statistic cheaply
        return hash((self.documents, len(self.lines), len(self.prefixes), len(self.leads)))


# ---------------------------------------------------------------------------
# statistics


def observe(text: str) -> LineStats:
    """The statistics of one page (a document frequency of 1 for each of its distinct lines).

    The page is cleaned with the generic rule set to find its body, headline and byline.
    """
    return observe_article(clean(text, outlet=registry.FALLBACK, language=False))


def observe_article(article: Article) -> LineStats:
    """The statistics of one page already cleaned (a batch run has the article at hand)."""
    texts = [line.text for line in article.lines]
    present = {t for t in texts if t}
    prefixes: dict[str, int] = {}
    samples: dict[Item, str] = {}
    widths: dict[str, int] = {}
    shapes: dict[str, int] = {}
    for t in present:
        if is_prose(t):
            continue
        shape = line_shape(t)
        if shape is not None:
            shapes[shape] = 1
            _keep_min(samples, (SHAPE, shape), t)
        found = split_prefix(t)
        if found is None:
            continue
        key, rest = found
        prefixes[key] = 1
        _keep_min(samples, (PREFIX, key), t)
        widths[key] = max(widths.get(key, 0), len(rest))
    own = {item for line in article.lines if line.label in (Label.TITLE, Label.SUBTITLE, Label.META)
           for item in _items(line.text)}
    body = [line.no for line in article.lines if line.label is Label.BODY]
    top: set[Item] = set()
    inside: set[Item] = set()
    below: set[Item] = set()
    leads: dict[str, int] = {}
    if body:
        start, end = body[0], body[-1]
        visible = [i for i in range(len(texts)) if texts[i]]
        above = [i for i in visible if i < start][-1:]
        head = [i for i in visible if start <= i <= end][:_TOP_LINES]
        top_lines = {i for i in [*above, *head] if article.lines[i].label is not Label.BODY}
        top = {item for i in top_lines for item in _items(texts[i])}
        inside = {item for i in visible if start < i < end and i not in top_lines for item in _items(texts[i])}
        below = {item for i in [i for i in visible if i > end][:1] for item in _items(texts[i])}
        lead = _lead_prefix(article, body)
        if lead is not None:
            prefix, sample = lead
            leads[prefix] = 1
            samples[(LEAD, prefix)] = sample
    return LineStats(
        documents=1,
        lines=MappingProxyType(dict.fromkeys(present, 1)),
        prefixes=MappingProxyType(prefixes),
        leads=MappingProxyType(leads),
        own=_ones(own),
        top=_ones(top),
        inside=_ones(inside),
        below=_ones(below),
        samples=MappingProxyType(samples),
        widths=MappingProxyType(widths),
        shapes=MappingProxyType(shapes),
    )


def observe_all(texts: Iterable[str]) -> LineStats:
    """The statistics of many pages: :func:`observe` each and :func:`merge` the results."""
    return reduce(merge, (observe(t) for t in texts), LineStats())


def merge(a: LineStats, b: LineStats) -> LineStats:
    """The statistics of two samples together (associative and commutative, ``LineStats()`` is neutral)."""
    return LineStats(
        documents=a.documents + b.documents,
        lines=_add(a.lines, b.lines),
        prefixes=_add(a.prefixes, b.prefixes),
        leads=_add(a.leads, b.leads),
        own=_add(a.own, b.own),
        top=_add(a.top, b.top),
        inside=_add(a.inside, b.inside),
        below=_add(a.below, b.below),
        samples=_combine(a.samples, b.samples, min),
        widths=_combine(a.widths, b.widths, max),
        shapes=_add(a.shapes, b.shapes),
    )


def split_prefix(line: str) -> tuple[str, str] | None:
    """``(key, rest)`` when the line opens with one to three words and a colon: ``("baca juga:", "...")``.

    The key is case-folded with single spaces, so "BACA JUGA :" and "Baca juga:" count as one prefix.
    """
    m = _PREFIX.match(line)
    if m is None or m.group(1).casefold() in ("http", "https"):
        return None
    return " ".join(m.group(1).casefold().split()) + ":", line[m.end():]


def line_shape(line: str) -> str | None:
    """The shape of a byline or date line, its date and writer's name left out, or None for other lines.

    ``"Rina Anggraeni , Jurnalis-Jum'at, 09 Februari 2024 |19:10 WIB"`` has the shape
    ``"{author},Jurnalis-{published}"``: a name at either end, and between it and the
    date a few words and marks (dashes, bars and bullets all read ``-``).
    """
    if len(line) > _MAX_SHAPED:
        return None
    date = _DATE_SPAN.search(line)
    if date is None:
        return None
    before, after = line[:date.start()], line[date.end():]
    parts = []
    for text, name, first in ((before, _LEADING_NAME, True), (after, _TRAILING_NAME, False)):
        m = (name.match(text) if first else name.search(text)) if text.strip() else None
        if m is not None and _ROLES.search(m.group(1)) is None:
            between = text[m.end():] if first else text[:m.start()]
            parts.append((AUTHOR if first else "", _between(between), "" if first else AUTHOR))
        else:
            parts.append(("", _between(text), ""))
    (lead, head, _), (_, tail, trail) = parts
    # one name, at one end: a name on both sides would leave the author in doubt
    if (lead == AUTHOR) == (trail == AUTHOR) or regex.search(r"\d", head + tail) or len(head + tail) > _MAX_BETWEEN:
        return None
    return f"{lead}{head}{PUBLISHED}{tail}{trail}"


def _between(text: str) -> str:
    """Words and marks between a name and a date, in one spelling: marks as ``-``, no spaces around punctuation."""
    text = _MARKS.sub("-", text.strip())
    return regex.sub(r"\s*([,;:/()])\s*", r"\1", regex.sub(r"\s+", " ", text))


def threshold(stats: LineStats, min_share: float = 0.5, min_docs: int = 2) -> int:
    """How many documents a line must occur in to count as recurring: ``min_share`` of them, at least ``min_docs``."""
    return max(min_docs, math.ceil(min_share * stats.documents - 1e-9))


def boilerplate_lines(stats: LineStats, min_share: float = 0.5, *, min_docs: int = 2) -> frozenset[str]:
    """Lines that recur in at least ``min_share`` of the documents (and ``min_docs``): the site's boilerplate.

    Lines that read as prose, and lines some page printed as its own headline, deck,
    date or byline, are never boilerplate.
    """
    need = threshold(stats, min_share, min_docs)
    return frozenset(line for line, df in stats.lines.items()
                     if df >= need and not stats.own.get((LINE, line)) and not is_prose(line))


def _items(text: str) -> list[Item]:
    found = split_prefix(text)
    return [(LINE, text)] if found is None else [(LINE, text), (PREFIX, found[0])]


def _lead_prefix(article: Article, body: list[int]) -> tuple[str, str] | None:
    """The dateline prefix of the lead (the first of the body's first two paragraphs that opens with one: short
    lines the body takes in above the lead, ": Z ." or a list's items, are no lead)."""
    lines = article.lines
    for i in [i for i in body if len(lines[i].text) >= _MIN_LEAD and is_prose(lines[i].text)][:2]:
        text = lines[i].text
        m = _LEAD.match(text) if not lines[i].prefix else None
        prefix = lines[i].prefix or (m.group(0) if m is not None and not _ends_sentence(m.group(1)) else "")
        # the lead goes on as running text after its prefix, as body._lead has it (":: - ?" is no lead)
        if prefix and is_prose(rest := text[len(prefix):]):
            cut = rest.rfind(" ", 0, _SAMPLE_REST)
            return prefix, prefix + (rest if len(rest) <= _SAMPLE_REST or cut < 0 else rest[:cut])
    return None


# A lead is a paragraph: this long at least.
_MIN_LEAD = 60


def _ends_sentence(head: str) -> bool:
    # "Ia datang. Kemudian - ..." is running text, not a dateline
    return bool(regex.search(r"[.!?]\s", head)) or head.count(" ") >= 6


def _keep_min(samples: dict[Item, str], key: Item, value: str) -> None:
    old = samples.get(key)
    samples[key] = value if old is None else min(old, value)


def _ones(items: set[Item]) -> Mapping[Item, int]:
    return MappingProxyType(dict.fromkeys(items, 1))


def _add(a: Mapping[K, int], b: Mapping[K, int]) -> Mapping[K, int]:
    out = dict(a)
    for k, v in b.items():
        out[k] = out.get(k, 0) + v
    return MappingProxyType(out)


def _combine(a: Mapping[K, V], b: Mapping[K, V], pick: Callable[[V, V], V]) -> Mapping[K, V]:
    out = dict(a)
    for k, v in b.items():
        out[k] = v if k not in out else pick(out[k], v)
    return MappingProxyType(out)


# ---------------------------------------------------------------------------
# the draft rule set


@dataclass(frozen=True, slots=True)
class _LineRule:
    """A literal line chosen for the draft, with what the sample says about it."""

    line: str
    label: Label
    df: int
    opens: bool
    stops: bool | None
    guessed: bool = True


def draft_ruleset(
    stats: LineStats,
    name: str,
    *,
    hosts: Iterable[str] = (),
    min_share: float = 0.5,
    min_docs: int = 2,
    known: Callable[[str], Label | None] | None = None,
) -> str:
    """A draft rule set for the site the statistics were taken from, as TOML text.

    Lines recurring in at least ``min_share`` of the documents (and ``min_docs``)
    become literal-line rules, prefixes and byline shapes that recur as much
    become pattern rules, and a lead prefix that recurs becomes a dateline.  What
    ``known`` labels already (default: the registered base rule set, which the
    draft extends) is left out, unless the sample shows it opens the body.  Each
    rule has examples from the data (a rule its own example would fail is left
    out) and a comment saying in how many documents it was seen.
    """
    if known is None:
        base = registry.compiled("base")

        def known(line: str) -> Label | None:
            m = base.match(line)
            return None if m is None else m.rule.label

    need = threshold(stats, min_share, min_docs)
    n = stats.documents
    hosts = tuple(hosts)
    prefix_rules = _prefix_rules(stats, need, min_share, min_docs, known)
    covered = [regex.compile(flagged_pattern) for _, _, flagged_pattern in prefix_rules]
    line_rules = [r for r in _line_rules(stats, need, min_share, min_docs, known)
                  if not any(p.fullmatch(r.line) for p in covered)]
    datelines = _datelines(stats, need)
    shapes = _shape_rules(stats, need, known)
    intro = (
        f"Draft rule set for {name}, learned by `newsclean learn` from {n} pages. A line or a line prefix "
        f"became a rule when it occurred in at least {need} of the {n} pages ({min_share:.0%} of them, and "
        f"{min_docs} at least), unless it reads as prose or a page printed it as its own headline, deck, date "
        "or byline. Each rule says in how many pages it was seen. Review the draft before use: delete what is "
        "not boilerplate, correct the labels (guesses from the lines' shapes), and check it with:"
    )
    out = [
        textwrap.fill(intro, width=100, initial_indent="# ", subsequent_indent="# ", break_long_words=False,
                      break_on_hyphens=False),
        "#     newsclean explain --ruleset THIS_FILE PAGE",
        f"name = {_toml_string(name)}",
        f"description = {_toml_string(f'Learned draft for {name} from {n} pages (newsclean learn); review it.')}",
    ]
    if hosts:
        out.append(f"hosts = [{', '.join(_toml_string(h) for h in hosts)}]")
    out.append('extends = ["base"]')
    for block in (*datelines, *shapes, *(text for text, _, _ in prefix_rules), *_line_blocks(line_rules, n)):
        out.extend(["", block])
    return "\n".join(out) + "\n"


def _line_rules(
    stats: LineStats, need: int, min_share: float, min_docs: int, known: Callable[[str], Label | None]
) -> list[_LineRule]:
    rules = []
    for line, df in sorted(stats.lines.items()):
        if df < need or stats.own.get((LINE, line)) or is_prose(line):
            continue
        item = (LINE, line)
        inside, top, below = stats.inside.get(item, 0), stats.top.get(item, 0), stats.below.get(item, 0)
        # where a line sits is judged over the pages that print it
        usual = max(min_docs, math.ceil(min_share * df - 1e-9))
        label = known(line)
        if label is not None:
            # the base rule set names it already; only an opener of the body is worth saying again
            if top >= usual and not inside and label not in _STOPPING:
                rules.append(_LineRule(line, label, df, True, None, guessed=False))
            continue
        label = guess_label(line)
        opens = top >= usual and not inside and label not in _STOPPING
        stops: bool | None = None
        if label in _STOPPING and inside:
            stops = False  # seen between the body's paragraphs: it must not cut the article
        elif label not in _STOPPING and below >= usual and not inside:
            stops = True  # the body ends at it
        rules.append(_LineRule(line, label, df, opens, stops))
    return rules


def guess_label(line: str) -> Label:
    """A first guess at a recurring line's label, from its shape (the reviewer corrects it).

    ``promo`` for follow and subscribe calls, ``ui`` for buttons and punctuation,
    ``related`` for headline-like lines of four words or more (a small word among
    them, as headlines have), ``nav`` for the rest (menus, widget headers, footers).
    """
    if _PROMO_WORDS.search(line):
        return Label.PROMO
    words = line.count(" ") + 1
    if not regex.search(r"\p{L}", line) or (words <= 2 and _UI_WORDS.fullmatch(line)):
        return Label.UI
    if 4 <= words <= 40 and not line.endswith(".") and not _MENU_RUN.fullmatch(line):
        return Label.RELATED
    return Label.NAV


def _line_blocks(rules: list[_LineRule], n: int) -> list[str]:
    groups: dict[tuple[Label, bool, bool | None, bool], list[_LineRule]] = {}
    for r in rules:
        groups.setdefault((r.label, r.opens, r.stops, r.guessed), []).append(r)
    blocks = []
    names: set[str] = set()
    order = list(Label)

    def group_order(key: tuple[Label, bool, bool | None, bool]) -> tuple[int, bool, int, bool]:
        label, opens, stops, guessed = key
        return order.index(label), opens, {None: 0, True: 1, False: 2}[stops], guessed

    for (label, opens, stops, guessed), members in sorted(groups.items(), key=lambda g: group_order(g[0])):
        members.sort(key=lambda r: (-r.df, r.line))
        rule_name = _unique(f"lines_{label.value}" + ("_opening_body" if opens else "")
                            + ("_ending_body" if stops else "_inside_body" if stops is False else ""), names)
        low, high = members[-1].df, members[0].df
        seen = f"{low} of {n} pages" if low == high else f"{low} to {high} of {n} pages"
        why = "is a guess from their shape" if guessed else "is the base rule set's"
        head = [f"# {len(members)} line(s) printed on {seen}; the label {label.value!r} {why}."]
        if opens:
            head.append("# They sit right above or at the top of the body: the body starts after them.")
        if stops:
            head.append("# One of them sits right under the body on most pages: the body ends there.")
        if stops is False:
            head.append("# Some sit between the body's paragraphs, so they do not end the body.")
        body = [*head, "[[rules]]", f"name = {_toml_string(rule_name)}", f"label = {_toml_string(label.value)}"]
        if opens:
            body.append("opens_body = true")
        if stops is not None:
            body.append(f"stops_body = {'true' if stops else 'false'}")
        body.append("lines = [")
        width = max(len(_toml_string(r.line)) for r in members)
        body.extend(f"    {_toml_string(r.line) + ',':<{width + 1}}  # {r.df} of {n}" for r in members)
        body.append("]")
        body.append(f"examples = [{_toml_string(members[0].line)}]")
        blocks.append("\n".join(body))
    return blocks


def _prefix_rules(
    stats: LineStats, need: int, min_share: float, min_docs: int, known: Callable[[str], Label | None]
) -> list[tuple[str, str, str]]:
    """``(TOML block, rule name, flagged pattern)`` for each prefix that recurs and the base does not know."""
    out = []
    names: set[str] = set()
    for key, df in sorted(stats.prefixes.items(), key=lambda kv: (-kv[1], kv[0])):
        item = (PREFIX, key)
        sample = stats.samples.get(item)
        if df < need or sample is None or stats.own.get(item):
            continue
        label, holds = _prefix_label(key, sample)
        inside, top = stats.inside.get(item, 0), stats.top.get(item, 0)
        opens = top >= max(min_docs, math.ceil(min_share * df - 1e-9)) and not inside and label not in _STOPPING
        base_label = known(sample)
        if base_label is not None:
            if not opens or base_label in _STOPPING:
                continue
            label, holds = base_label, None
        pattern = _prefix_pattern(key, stats.widths.get(key, 0), holds)
        if regex.fullmatch(pattern, sample, flags=regex.IGNORECASE) is None:
            continue  # case folding spelt the prefix otherwise ("ß" as "ss"): leave it to the reviewer
        rule_name = _unique("prefix_" + (_slug(key) or "line"), names)
        why = "the base rule set's" if base_label is not None else "a guess"
        lines = [
            f"# {key!r} lines (case aside) on {df} of {stats.documents} pages; the label {label.value!r} is {why}"
            + (f" and the text after it is the {holds}." if holds else "."),
        ]
        if opens:
            lines.append(f"# On {top} pages one sits right above or at the top of the body: the body starts after it.")
        lines += ["[[rules]]", f"name = {_toml_string(rule_name)}", f"label = {_toml_string(label.value)}",
                  f"pattern = {_toml_pattern(pattern)}", "ignore_case = true"]
        if opens:
            lines.append("opens_body = true")
        if label in _STOPPING and inside:
            lines.append("stops_body = false")
        lines.append(f"examples = [{_toml_string(sample)}]")
        out.append(("\n".join(lines), rule_name, f"(?i:{pattern})"))
    return out


def _shape_rules(stats: LineStats, need: int, known: Callable[[str], Label | None]) -> list[str]:
    """A meta rule for each byline-and-date shape that recurs and that the base does not read."""
    blocks = []
    names: set[str] = set()
    for shape, df in sorted(stats.shapes.items(), key=lambda kv: (-kv[1], kv[0])):
        sample = stats.samples.get((SHAPE, shape))
        if df < need or sample is None or known(sample) is Label.META:
            continue
        pattern = _shape_pattern(shape)
        if regex.fullmatch(pattern, sample) is None:
            continue  # the line's name or date reads otherwise than the shape says: leave it to the reviewer
        shown = shape.replace(AUTHOR, "NAME").replace(PUBLISHED, "DATE")
        blocks.append("\n".join([
            f"# Byline and date lines shaped {shown!r} on {df} of {stats.documents} pages: NAME is the author,",
            "# DATE the publication date.",
            "[[rules]]",
            f"name = {_toml_string(_unique('byline_date', names))}",
            'label = "meta"',
            f"pattern = {_toml_pattern(pattern)}",
            f"examples = [{_toml_string(sample)}]",
        ]))
    return blocks


def _shape_pattern(shape: str) -> str:
    """The regex of a shape: the name and the date as groups, marks and spaces read loosely."""
    out = []
    for piece in regex.split(r"(\{author\}|\{published\}|-|[,;:/()]|\s+)", shape):
        if piece == AUTHOR:
            out.append(f"(?P<author>{_NAME})")
        elif piece == PUBLISHED:
            out.append(f"(?P<published>{_DATE})")
        elif piece == "-":
            out.append(r"\s*[-–—|·•]+\s*")
        elif piece and piece in ",;:/()":
            out.append(rf"\s*{_regex_escape(piece)}\s*")
        elif piece.isspace():
            out.append(r"\s+")
        elif piece:
            out.append(_regex_escape(piece))
    return "".join(out)


def _prefix_label(key: str, sample: str) -> tuple[Label, str | None]:
    words = key[:-1]
    for pattern, label, holds in _PREFIX_LABELS:
        if pattern.fullmatch(words):
            return label, holds
    return guess_label(sample), None


def _prefix_pattern(key: str, width: int, holds: str | None) -> str:
    """The prefix's words with any spacing and case, a colon, then at most a little more than was seen after it."""
    head = r"\s+".join(_regex_escape(w) for w in key[:-1].split(" ")) + r"\s*:\s*"
    room = 20 * (width // 20 + 2)
    if holds is not None and width:
        return f"{head}(?P<{holds}>.{{1,{room}}})"
    return f"{head}.{{0,{room}}}"


def _datelines(stats: LineStats, need: int) -> list[str]:
    """Dateline blocks: the lead-prefix templates that cover the most pages, best first."""
    fits = {prefix: _templates(prefix) for prefix in stats.leads}
    candidates = set().union(*fits.values()) if fits else set()
    left = dict(stats.leads)
    blocks: list[str] = []
    names: set[str] = set()
    while left and len(blocks) < _MAX_DATELINES:
        scored = sorted(((sum(df for p, df in left.items() if t in fits[p]), t) for t in candidates),
                        key=lambda found: (-found[0], not found[1][2], -len(found[1][0] + found[1][1]), found[1]))
        if not scored or scored[0][0] < need:
            break
        df, (before, after, city) = scored[0]
        pattern = _dateline_pattern(before, after, city)
        covered = sorted((p for p in left if (before, after, city) in fits[p]), key=lambda p: (-left[p], p))
        for p in covered:
            del left[p]
        samples = (stats.samples.get((LEAD, p), p) for p in covered)
        examples = [e for e in samples if regex.match(pattern, e) is not None][:3]
        if not examples:
            continue  # the pages' leads read otherwise than the template says: leave them to the reviewer
        shown = f"{before}CITY{after}" if city else before
        rule_name = _unique("lead_city" if city else "lead_tag", names)
        blocks.append("\n".join([
            f"# The lead opens with {shown.strip()!r} on {df} of {stats.documents} pages; the prefix is cut"
            + (" and CITY is the dateline." if city else "."),
            "[[datelines]]",
            f"name = {_toml_string(rule_name)}",
            f"pattern = {_toml_pattern(pattern)}",
            f"examples = [{', '.join(_toml_string(e) for e in examples)}]",
        ]))
    return blocks


def _templates(prefix: str) -> set[tuple[str, str, bool]]:
    """The shapes a lead prefix fits: ``(before, after, False)`` as printed, and ``(before, after, True)`` with a
    city (a run of capitalised words, optionally with its province after a comma) between ``before`` and ``after``.
    """
    head = regex.sub(_DATELINE_END + "$", "", prefix).strip()
    if not head:
        return set()
    runs = list(_CITY_RUN.finditer(head))
    # as printed only when no word there could be a city: a fixed "TEMPO.CO, Jakarta" would lose the dateline
    found = set() if runs else {(head, "", False)}
    for i, run in enumerate(runs):
        found.add((head[:run.start()], head[run.end():], True))
        nxt = runs[i + 1] if i + 1 < len(runs) else None
        if nxt is not None and regex.fullmatch(r"\s*,\s*", head[run.end():nxt.start()]):
            found.add((head[:run.start()], head[nxt.end():], True))
    # a city alone ("JAKARTA - ") is the base rule set's; a template needs the site's own words around it
    return {t for t in found if regex.search(r"\p{L}{2}", t[0] + t[1])}


def _dateline_pattern(before: str, after: str, city: bool) -> str:
    if not city:
        return _spaced(before) + _DATELINE_END
    return _spaced(before) + _CITY_GROUP + _spaced(after) + _DATELINE_END


def _spaced(text: str) -> str:
    """``text`` as a regex, its spaces matching any spacing (none, around punctuation)."""
    parts = regex.split(r"(\s+)", text)
    return "".join(r"\s*" if p.isspace() else _regex_escape(p) for p in parts if p)


def _regex_escape(text: str) -> str:
    return regex.escape(text, special_only=True, literal_spaces=True)


def _slug(text: str) -> str:
    return "_".join(regex.findall(r"[a-z0-9]+", text.casefold()))


def _unique(name: str, taken: set[str]) -> str:
    candidate, n = name, 2
    while candidate in taken:
        candidate, n = f"{name}_{n}", n + 1
    taken.add(candidate)
    return candidate


_TOML_ESCAPES = {'"': '\\"', "\\": "\\\\", "\b": "\\b", "\t": "\\t", "\n": "\\n", "\f": "\\f", "\r": "\\r"}


def _toml_string(text: str) -> str:
    """A TOML basic string: quotes, backslashes and control characters escaped."""
    out = []
    for ch in text:
        if ch in _TOML_ESCAPES:
            out.append(_TOML_ESCAPES[ch])
        elif ord(ch) < 0x20 or ord(ch) == 0x7F:
            out.append(f"\\u{ord(ch):04X}")
        else:
            out.append(ch)
    return '"' + "".join(out) + '"'


def _toml_pattern(pattern: str) -> str:
    """A pattern as a TOML literal string when it can be one (backslashes as written), else a basic string."""
    if "'" in pattern or any(ord(ch) < 0x20 or ord(ch) == 0x7F for ch in pattern):
        return _toml_string(pattern)
    return f"'{pattern}'"
