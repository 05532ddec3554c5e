"""Invariants of clean(), checked by hypothesis on generated text and on mutated seed pages.

* clean never raises on any str;
* one Line per input line, each with a label and the rule that set it (a rule of the rule set used);
* every body paragraph is a normalised input line (the first may lose its dateline prefix), in input order;
* cleaning the body again, with the same outlet, gives the same body.
"""

from __future__ import annotations

import warnings
from collections.abc import Callable, Sequence
from typing import Any

import pytest
import regex
from hypothesis import example, given
from hypothesis import strategies as st

import newsclean
from conftest import Page, devset_pages, seed_pages
from newsclean import Article, Label, Line, registry
from newsclean.normalize import DEFAULT, Normalization, normalize_line
from newsclean.rules import CompiledRuleSet, rule_matches

SEEDS = seed_pages()
NAMES = newsclean.rulesets()
ASCII_SPACE = " \t\r\n\f\v"
WIDGETS = {"nav", "related", "promo", "ad", "ui"}


# ---------------------------------------------------------------------------- the invariants


def check_rule(line: Line, compiled: CompiledRuleSet) -> None:
    """The line's rule exists in the rule set used and explains the line's label."""
    name, _, role = line.rule.partition(":")
    if name.startswith("structure."):
        assert role == "", line
        return
    if name in {d.name for d in compiled.datelines}:
        assert (line.label, role, bool(line.prefix)) == (Label.BODY, "", True), line
        return
    rule = compiled.rule(name)
    assert rule is not None, f"line {line.no} names no rule of {compiled.name}: {line.rule!r}"
    if role == "":
        assert line.label is rule.label, line
        assert rule_matches(rule, line.text), line
        return
    # a line claimed by a neighbouring rule: the label that rule hands out in that role
    handed = {"previous": rule.previous, "next": rule.next, "item": rule.label if rule.claims_list else None}
    assert handed.get(role) is not None and line.label is handed[role], line


def check_invariants(text: str, article: Article, how: Normalization = DEFAULT) -> None:
    raw = text.split("\n")
    lines = article.lines
    assert [line.no for line in lines] == list(range(len(raw)))
    assert all(isinstance(line.label, Label) and isinstance(line.rule, str) and line.rule for line in lines)
    assert [line.label is Label.BLANK for line in lines] == [not r.strip(ASCII_SPACE) for r in raw]
    normalised = [normalize_line(r, how) for r in raw]
    assert [line.text for line in lines] == normalised
    # outlet None: the generic set, or a forced "base", whose rules generic holds under the same names
    compiled = registry.compiled(article.outlet or registry.FALLBACK)
    for line in lines:
        check_rule(line, compiled)
        assert line.text.startswith(line.prefix)

    body = [line for line in lines if line.label is Label.BODY]
    assert article.paragraphs == tuple(line.content for line in body)
    assert article.body == "\n\n".join(article.paragraphs)
    assert [line.no for line in lines if line.prefix] in ([], [body[0].no] if body else [])
    if article.dateline is not None:
        # the lead's cut prefix names it, or (a lead with none) a meta line of its own above the body
        assert body
        alone = [line for line in lines[: body[0].no] if line.label is Label.META and article.dateline in line.text]
        assert article.dateline in body[0].prefix or (not body[0].prefix and alone)

    # independently of Line: each paragraph is a later input line than the one before it
    j = 0
    for k, paragraph in enumerate(article.paragraphs):
        assert paragraph and "\n" not in paragraph
        while j < len(normalised) and not (
            normalised[j] == paragraph or (k == 0 and normalised[j].endswith(paragraph))
        ):
            j += 1
        assert j < len(normalised), f"paragraph {k} {paragraph!r} is no input line after paragraph {k - 1}"
        j += 1


def check_idempotent(article: Article) -> None:
    again = newsclean.clean(article.body, outlet=article.outlet or registry.FALLBACK, language=False)
    assert again.body == article.body


def clean_quietly(text: str, **kwargs: Any) -> Article:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", newsclean.UnknownOutletWarning)
        return newsclean.clean(text, **kwargs)


# ---------------------------------------------------------------------------- generated text

ANY_CHAR = st.characters(exclude_categories=())  # surrogates and controls included: any str is any str
ANY_TEXT = st.text() | st.text(ANY_CHAR) | st.lists(st.text(ANY_CHAR, max_size=8)).map("\n".join)

WORDS = ["harga", "naik", "presiden", "Kazakhstan", "pasukan", "Rusia", "kata", "dia", "pada", "Kamis", "yang",
         "di", "dan", "tidak", "Jakarta", "polisi", "2.000", "(6/1/2022)", "“misi”", "–", "Baca", "Juga:", "Foto:"]
PROSE = st.lists(st.sampled_from(WORDS), min_size=1, max_size=40).map(" ".join).flatmap(
    lambda s: st.sampled_from([s, s + ".", s + ",", s.upper()]))
RULE_LINES = sorted({x for n in NAMES for r in newsclean.get(n).rules for x in (*r.examples, *r.counterexamples)})
DATELINE_PREFIXES = sorted({
    m.group(0)
    for n in NAMES for d in registry.compiled(n).datelines for ex in d.examples
    if (m := regex.match(d.pattern, ex)) is not None
})
SEED_LINES = sorted({line for p in SEEDS for line in p.text.split("\n")})
PAGE_LINE = st.one_of(
    st.sampled_from(RULE_LINES),
    st.sampled_from(SEED_LINES),
    PROSE,
    st.tuples(st.sampled_from(DATELINE_PREFIXES), PROSE).map("".join),
    st.sampled_from(["", " ", "\t", "\r", "\u00a0", "\u00a0 \u00a0", "\u200b", "A", "-", "x"]),
    st.text(max_size=30),
)
PAGE_TEXT = st.tuples(st.lists(PAGE_LINE, max_size=40), st.sampled_from(["\n", "\r\n"])).map(
    lambda t: t[1].join(t[0]))
OUTLET = st.sampled_from([None, *NAMES])


@given(ANY_TEXT)
def test_clean_never_raises_on_any_str(text: str) -> None:
    assert isinstance(newsclean.clean(text), Article)


@given(ANY_TEXT | PAGE_TEXT, st.text(max_size=20) | st.sampled_from(NAMES), st.sampled_from(
    [Normalization(m, s) for m in (True, False) for s in (True, False)]))
def test_clean_never_raises_whatever_the_outlet_and_normalisation(text: str, outlet: str, how: Normalization) -> None:
    check_invariants(text, clean_quietly(text, outlet=outlet, normalization=how, language=False), how)


@given(st.text(max_size=60))
@example("[")
@example("http://[::1")
def test_clean_never_raises_whatever_the_url(url: str) -> None:
    assert isinstance(newsclean.clean("Harga naik dua kali lipat, kata pedagang.", url=url, language=False), Article)


@given(ANY_TEXT)
def test_invariants_on_any_text(text: str) -> None:
    check_invariants(text, newsclean.clean(text, language=False))


@given(PAGE_TEXT, OUTLET)
# a dateline alone on its line over a lead that opens with a site's tag: the lead's tag is its dateline (none)
@example("ISTANBUL, 23 Februari 2016 (Antara/PRNewswire) --\nKOMPAS- 0 0 .", None)
def test_invariants_on_page_like_text(text: str, outlet: str | None) -> None:
    check_invariants(text, newsclean.clean(text, outlet=outlet, language=False))


@given(ANY_TEXT)
def test_cleaning_the_body_again_changes_nothing_on_any_text(text: str) -> None:
    check_idempotent(newsclean.clean(text, language=False))


LEAD = "Harga cabai naik dua kali lipat sejak awal pekan, kata para pedagang di pasar."
ACRONYM_LINE = "KPK - lembaga antirasuah itu - memeriksa pejabat pasar pada Senin pagi."


@given(PAGE_TEXT, OUTLET)
@example("AA – .", None)
@example(f"JAKARTA - {LEAD}\n\n{ACRONYM_LINE}", None)
def test_cleaning_the_body_again_changes_nothing_on_page_like_text(text: str, outlet: str | None) -> None:
    check_idempotent(newsclean.clean(text, outlet=outlet, language=False))


# ---------------------------------------------------------------------------- mutated seed pages

Pairs = list[tuple[str, str]]  # (line, its gold label)
Draw = Callable[[st.SearchStrategy[Any]], Any]


def _shuffle_all(draw: Draw, pairs: Pairs) -> Pairs:
    return list(draw(st.permutations(pairs)))


def _shuffle_block(draw: Draw, pairs: Pairs) -> Pairs:
    i = draw(st.integers(0, len(pairs)))
    j = draw(st.integers(i, min(len(pairs), i + 8)))
    return pairs[:i] + list(draw(st.permutations(pairs[i:j]))) + pairs[j:]


def _duplicate(draw: Draw, pairs: Pairs) -> Pairs:
    if not pairs:
        return pairs
    i, j = draw(st.integers(0, len(pairs) - 1)), draw(st.integers(0, len(pairs)))
    return [*pairs[:j], pairs[i], *pairs[j:]]


def _insert_blanks(draw: Draw, pairs: Pairs) -> Pairs:
    out = list(pairs)
    for at in sorted(draw(st.lists(st.integers(0, len(pairs)), min_size=1, max_size=6)), reverse=True):
        out.insert(at, ("", "blank"))
    return out


def _remove_blanks(draw: Draw, pairs: Pairs) -> Pairs:
    keep_some = draw(st.booleans())
    return [p for p in pairs if p[1] != "blank" or (keep_some and draw(st.booleans()))]


def _some(draw: Draw, pairs: Pairs, change: Callable[[str], str]) -> Pairs:
    chosen = draw(st.sets(st.integers(0, max(len(pairs) - 1, 0))))
    return [(change(line), label) if i in chosen else (line, label) for i, (line, label) in enumerate(pairs)]


def _trailing_spaces(draw: Draw, pairs: Pairs) -> Pairs:
    tail = draw(st.sampled_from([" ", "  ", "\t", " \t ", "\u00a0"]))
    return _some(draw, pairs, lambda line: line + tail)


def _leading_spaces(draw: Draw, pairs: Pairs) -> Pairs:
    head = draw(st.sampled_from([" ", "\t", "\u00a0", "\u00a0 "]))
    return _some(draw, pairs, lambda line: head + line)


def _nbsp_inside(draw: Draw, pairs: Pairs) -> Pairs:
    return _some(draw, pairs, lambda line: line.replace(" ", "\u00a0", 1))


def _nbsp_lines(draw: Draw, pairs: Pairs) -> Pairs:
    out = list(pairs)
    for at in sorted(draw(st.lists(st.integers(0, len(pairs)), min_size=1, max_size=4)), reverse=True):
        out.insert(at, (draw(st.sampled_from(["\u00a0", "\u00a0 \u00a0 \u00a0 ", "\u200b"])), "ui"))
    return out


def _move_widget(draw: Draw, pairs: Pairs) -> Pairs:
    """Cut a run of widget lines (nav, related, promo, ad, ui) and put it somewhere else."""
    runs: list[tuple[int, int]] = []
    i = 0
    while i < len(pairs):
        if pairs[i][1] in WIDGETS:
            j = i
            while j + 1 < len(pairs) and pairs[j + 1][1] in WIDGETS | {"blank"}:
                j += 1
            runs.append((i, j + 1))
            i = j + 1
        else:
            i += 1
    if not runs:
        return pairs
    start, end = draw(st.sampled_from(runs))
    block, rest = pairs[start:end], pairs[:start] + pairs[end:]
    at = draw(st.integers(0, len(rest)))
    return rest[:at] + block + rest[at:]


# Mutations that change only white space: they must not change the article at all.
SPACING = [_insert_blanks, _remove_blanks, _trailing_spaces, _leading_spaces, _nbsp_inside]
ANY_MUTATION = [*SPACING, _shuffle_all, _shuffle_block, _duplicate, _nbsp_lines, _move_widget]


@st.composite
def mutated_seed(draw: Draw, mutations: Sequence[Callable[[Draw, Pairs], Pairs]] = ANY_MUTATION) -> tuple[Page, str]:
    page = draw(st.sampled_from(SEEDS))
    pairs: Pairs = list(zip(page.text.split("\n"), page.gold["labels"], strict=True))
    for mutate in draw(st.lists(st.sampled_from(mutations), min_size=1, max_size=4)):
        pairs = mutate(draw, pairs)
    newline = draw(st.sampled_from(["\n", "\r\n"]))
    return page, newline.join(line for line, _ in pairs)


def _seed(outlet: str) -> Page:
    return next(p for p in SEEDS if newsclean.get(p.gold["outlet"]).name == outlet)


def _lead_repeated() -> tuple[Page, str]:
    page = _seed("suara")
    lines = page.text.split("\n")
    return page, "\n".join([*lines[:2], lines[0], *lines[2:]])


def _respaced(outlet: str, index: int, change: Callable[[str], str]) -> tuple[Page, str]:
    page = _seed(outlet)
    lines = page.text.split("\n")
    lines[index] = change(lines[index])
    return page, "\n".join(lines)


@given(mutated_seed(), OUTLET)
def test_invariants_on_mutated_seed_pages(case: tuple[Page, str], outlet: str | None) -> None:
    _, text = case
    check_invariants(text, newsclean.clean(text, outlet=outlet, language=False))


@given(mutated_seed())
@example(_lead_repeated())  # the lead, dateline and all, printed again further down
def test_cleaning_the_body_again_changes_nothing_on_mutated_seed_pages(case: tuple[Page, str]) -> None:
    _, text = case
    check_idempotent(newsclean.clean(text, language=False))


@given(mutated_seed(SPACING))
@example(_respaced("republika", 1, lambda blank: blank + "\u00a0"))  # an NBSP line between date and headline
@example(_respaced("republika", 6, lambda byline: " " + byline))  # an indented "Rep: .../ Red: ..." byline
def test_white_space_alone_changes_nothing_in_the_article(case: tuple[Page, str]) -> None:
    page, text = case
    assert newsclean.clean(text, language=False).to_dict(lines=False) == newsclean.clean(
        page.text, language=False).to_dict(lines=False)


def test_a_dateline_like_line_inside_the_body_loses_nothing() -> None:
    # only the lead's prefix is a dateline; an acronym and a dash further down are running text
    article = newsclean.clean(f"{LEAD}\n\n{ACRONYM_LINE}", language=False)
    assert (article.paragraphs, article.dateline) == ((LEAD, ACRONYM_LINE), None)


# ---------------------------------------------------------------------------- the real pages

REAL = [*SEEDS, *devset_pages()]


@pytest.mark.parametrize("page", REAL, ids=[p.id for p in REAL])
def test_invariants_on_the_real_pages(page: Page) -> None:
    check_invariants(page.text, newsclean.clean(page.text, language=False))


@pytest.mark.parametrize("page", REAL, ids=[p.id for p in REAL])
def test_cleaning_the_body_again_changes_nothing_on_the_real_pages(page: Page) -> None:
    check_idempotent(newsclean.clean(page.text, language=False))
