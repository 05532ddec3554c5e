"""The one reader of the regex module's pattern syntax (newsclean.regex_syntax): what it translates, what it
refuses, case folding checked against the regex module itself, and the prefilter and the ReDoS check agreeing
where their views of a pattern overlap (the characters a match can begin and end with)."""

from __future__ import annotations

import pytest
import regex
from hypothesis import given
from hypothesis import strategies as st

import newsclean
from newsclean import native, prefilter, regex_syntax, safety
from newsclean.regex_syntax import Unreadable, case_variants, fold, parse, sre


def test_the_regex_modules_own_classes_become_placeholders_naming_their_escape() -> None:
    parsed = parse(r"\p{Lu}[\P{L}[:digit:]]\pN")
    assert set(parsed.escapes.values()) == {r"[[:digit:]]", r"\P{L}", r"\p{Lu}", r"\pN"}
    literal, klass, last = parsed.items
    assert literal[0] is sre.LITERAL and parsed.escapes[literal[1]] == r"\p{Lu}"
    assert klass[0] is sre.IN and all(regex_syntax.is_placeholder(code) for _, code in klass[1])
    assert parsed.escapes[last[1]] == r"\pN"


# "[:" inside a set opens a POSIX class only where the regex module reads one (a name, then ":]"); elsewhere its "["
# and ":" are members of the set, and what follows is read on from there (a fuzz run of the rule-set loader found
# "(x[[:a]b)c:]]" read as one class, and its native superset failing with "unbalanced parenthesis")
POSIX_READINGS = [  # a pattern, whether it holds a POSIX class, and texts it matches in full (the regex module says)
    (r"[[:alpha:]]", True, ["a", "Z", "é"]), (r"[[:^digit:]]x", True, ["ax", "]x"]),
    (r"[[:script=latin:]]", True, ["a", "Q"]), (r"[a[:alpha:]b]", True, ["a", "q"]),
    (r"[[:)x:]]", False, ["[]", ":]", ")]", "x]"]), (r"[[:a=:]]", False, ["=]", "a]", ":]", "[]"]),
    (r"(x[[:a]b)c:]]", False, ["x:bc:]]", "x[bc:]]", "xabc:]]"]), (r"[[:a(b:]]", False, ["(]", "b]", "[]"]),
    (r"(?:x|[^[:)x:]])", False, ["x", "a]", "]]"]),
]


@pytest.mark.parametrize(("pattern", "posix", "texts"), POSIX_READINGS)
def test_a_posix_class_is_read_only_where_the_regex_module_reads_one(
        pattern: str, posix: bool, texts: list[str]) -> None:
    assert all(regex.fullmatch(pattern, text) for text in texts)
    assert bool(parse(pattern).escapes) == posix


@pytest.mark.parametrize(("pattern", "posix", "texts"), POSIX_READINGS)
def test_the_native_superset_of_a_set_with_a_colon_pair_matches_what_the_regex_module_matches(
        pattern: str, posix: bool, texts: list[str]) -> None:
    # the superset written for the engine, read here by the regex module (its syntax is the same, a character past
    # Latin-1 written as 0xFF)
    written = regex.compile(native.superset(pattern), regex.DOTALL)
    assert all(regex.fullmatch(pattern, text) for text in texts)
    assert [text for text in texts if not written.fullmatch("".join(min(c, "\xff") for c in text))] == []


def test_an_escaped_backslash_is_not_the_start_of_an_escape() -> None:
    parsed = parse(r"\\p{L}")
    assert not parsed.escapes
    assert [chr(av) for _, av in parsed.items] == list("\\p{L}")


@pytest.mark.parametrize("pattern", [r"(?P<a>x)|(?P<a>y)", r"(?<a>x)y", r"\mword\M", r"(?#a | b)x"])
def test_syntax_the_standard_parser_lacks_is_read(pattern: str) -> None:
    parse(pattern)
    parse(pattern, keep_alternatives=True)


@pytest.mark.parametrize("pattern", [r"(?:foto){e<=1}", r"\((?:[^()]|(?R))*\)", r"(?|a|b)", r"(?V1)a", r"(?f)a",
                                     r"(unclosed", "(" * 2000 + ")" * 2000,
                                     # the placeholders' own planes, printed or spelt: they could be taken for one
                                     "\U000f0000", r"\p{L}\U000F0000", r"[\U0010FFFD]"])
def test_what_it_cannot_read_is_an_error(pattern: str) -> None:
    with pytest.raises(Unreadable):
        parse(pattern)


def test_kept_alternatives_are_not_merged() -> None:
    assert [op for op, _ in parse("ab|ac").items] == [sre.LITERAL, sre.IN]  # the standard parser made it a[bc]
    assert [op for op, _ in parse("ab|ac", keep_alternatives=True).items] == [sre.BRANCH]


def test_global_flags_are_read() -> None:
    assert parse("(?i)abc").ignores_case() and not parse("abc").ignores_case()
    assert parse("abc").ignores_case(True)


# every letter the Turkish i pairs with, letters with odd case mappings, and some of other scripts
CASED = "iIİıßẞsSſkKKΣσςµΜåÅǅǄǆ" + "abzAZéÉ" + "ЖжΔδ"


@pytest.mark.parametrize("a", list(CASED))
def test_case_variants_hold_every_character_the_regex_module_pairs_with_ignoring_case(a: str) -> None:
    for b in CASED:
        if regex.fullmatch(regex.escape(a), b, regex.IGNORECASE | regex.V0):
            assert b in case_variants(a) or not case_variants(a).isdisjoint(case_variants(b)), (a, b)


@given(st.text(CASED, max_size=6), st.text(CASED, max_size=6))
def test_a_text_that_matches_ignoring_case_folds_to_the_same_text(literal: str, text: str) -> None:
    if regex.fullmatch(regex.escape(literal), text, regex.IGNORECASE | regex.V0):
        assert fold(literal) == fold(text)


# ------------------------------------------------------------------ the prefilter and the check, side by side
# Both say which characters a match can begin and end with: the prefilter to pick the rules worth trying on a line,
# the check to find repeats that can take the same text. Each over-approximates in its own way; both must hold
# the ends of every real match.

def check_edges(pattern: str, ignore_case: bool) -> tuple[frozenset[str], frozenset[str], str]:
    """The characters the ReDoS check says a match can begin and end with, and the characters it samples."""
    parsed = parse(pattern, keep_alternatives=True)
    universe = safety._universe(parsed.source)
    icase = parsed.ignores_case(ignore_case)
    analysis = safety._Analysis(parsed, icase, universe)
    return analysis.edge(parsed.items, icase, last=False), analysis.edge(parsed.items, icase, last=True), universe


def assert_both_views_hold_the_ends_of(text: str, pattern: str, ignore_case: bool) -> None:
    assert prefilter.ends(pattern, ignore_case).admits(text), (pattern, text)
    first, last, universe = check_edges(pattern, ignore_case)
    assert text[0] in first or text[0] not in universe, (pattern, text)
    assert text[-1] in last or text[-1] not in universe, (pattern, text)


def rules_with_examples() -> list[tuple[str, bool, tuple[str, ...]]]:
    found = {(r.pattern, r.ignore_case, r.examples) for name in newsclean.rulesets() for r in newsclean.get(name).rules
             if r.pattern is not None and r.examples}
    return sorted(found)


@pytest.mark.parametrize(("pattern", "ignore_case", "examples"), rules_with_examples())
def test_both_views_hold_the_ends_of_every_example_of_every_built_in_rule(pattern: str, ignore_case: bool,
                                                                         examples: tuple[str, ...]) -> None:
    compiled = regex.compile(pattern, regex.V0 | (regex.IGNORECASE if ignore_case else 0))
    for example in examples:
        if example and compiled.fullmatch(example):
            assert_both_views_hold_the_ends_of(example, pattern, ignore_case)


PIECES = st.sampled_from(["a", "b", "İ", "I", "ı", "ß", "(?:", ")", "|", "?", "*", "+", "{2,3}", r"\s*", " ", "[ab]",
                          "[^ab]", "(?=a)", r"\w", r"\d", r"\p{Lu}", r"\p{L}", r"\p{Ll}", r"\p{N}", "[\\p{L}.]",
                          "(?i:", "(?-i:", "(?P<n>", "^", "$", r"\b", r"\m", ".", "[:,]", "(?>", "++", r"\W", r"\S"])


@given(st.lists(PIECES, max_size=10).map("".join), st.text("abAB IİıßẞsS1:,.", max_size=30), st.booleans())
def test_both_views_hold_the_ends_of_every_match(pattern: str, text: str, ignore_case: bool) -> None:
    try:
        compiled = regex.compile(pattern, regex.V0 | (regex.IGNORECASE if ignore_case else 0))
        parse(pattern, keep_alternatives=True)
    except (regex.error, Unreadable):
        return
    # the pieces of the text the pattern finds, each one that it also matches whole
    for found in compiled.finditer(text, overlapped=True):
        if found.group() and compiled.fullmatch(found.group()):
            assert_both_views_hold_the_ends_of(found.group(), pattern, ignore_case)
