"""The rule lookup's scan of a line's opening on long lines (``native.opening_superset``).

The scan of a line's opening (``rules.CompiledRuleSet._scanner``, ``_apart_scanner``) writes a pattern's alternative
that opens with a run of prose (``.{0,600}X``) to be searched for without its run, instead of anchored at the line's
start where it would keep the scan alive along a whole paragraph.  Like every scan of the lookup it may only ever
name more rules than the patterns match, never fewer (the rule's own pattern confirms it, in rule order): here every
rule whose pattern matches a line's opening is named by it, on rule examples made long with running text, long gold
lines and hand-made patterns; and the lookup gives the plain alternation's rule.
"""

from __future__ import annotations

import random

import pytest
import regex
from hypothesis import given
from hypothesis import strategies as st

from conftest import devset_pages, seed_pages, variant_pages
from newsclean import native, registry, rules
from newsclean.rules import CompiledRuleSet

BUILT = pytest.mark.skipif(not native.available(), reason="the native core is not built here")
NAMES = sorted(registry.rulesets())
GOLD_LINES = sorted({line.strip() for page in (*seed_pages(), *variant_pages(), *devset_pages())
                     for line in page.text.split("\n")} - {""})
# gold lines of running text, to make rule examples long with
PROSE = [x for x in GOLD_LINES if len(x) > 120 and x.endswith(".")][:200]


def _pattern_rules() -> list[tuple[str, int]]:
    return [(name, i) for name in NAMES for i, p in enumerate(registry.compiled(name)._patterns) if p is not None]


def _named(compiled: CompiledRuleSet, line: str, *, apart: bool) -> set[int]:
    """The rules the scan of a line's opening (``apart``: the one of lines ending with the character apart) names."""
    scanner = compiled._apart_scanner if apart else compiled._scanner
    assert scanner is not None
    found = scanner.scan(line)
    return set(range(len(compiled.rules))) if found is None else {i for i, _ in found}


def _native_rule(compiled: CompiledRuleSet, line: str) -> int | None:
    """The rule the native lookup gives ``line`` (its line table off: -1, no line short enough to be kept)."""
    assert compiled._scanner is not None
    [found] = compiled._scanner.match_lines([line], compiled._native_table, -1, 1)
    return None if found is None else found.index


def _check(compiled: CompiledRuleSet, i: int, line: str) -> None:
    """Rule ``i`` is named for ``line`` wherever its own pattern matches an opening of it (by the scan apart too where
    it matches the whole line and the line ends with the character apart), and the lookup gives the reference's rule."""
    pattern = compiled._patterns[i]
    assert pattern is not None
    if pattern.match(line) is not None:
        assert i in _named(compiled, line, apart=False), (compiled.rules[i].name, line)
    if pattern.fullmatch(line) is not None and line.endswith(rules._SCANNED_APART):
        assert i in _named(compiled, line, apart=True), (compiled.rules[i].name, line)
    assert _native_rule(compiled, line) == compiled.reference_match(line), (compiled.name, line)


def test_some_rules_are_searched_past_a_run_of_prose_and_the_rest_written_as_they_were() -> None:
    # not a test that cannot fail the other way: the writer changes a few patterns, not most
    compiled = registry.compiled("generic")
    changed = [r.name for r in compiled.rules if r.pattern is not None and native.opening_superset(
        r.pattern, r.ignore_case) != f"\\A(?:{native.superset(r.pattern, r.ignore_case)})"]
    assert "base.selfie_upload" in changed and "base.copyright" in changed
    assert len(changed) < len(compiled.rules) // 4


@BUILT
@given(st.sampled_from(_pattern_rules()), st.integers(0, 2**32),
       st.sampled_from(["example", "prepend", "append", "both", "inside", "gold"]))
def test_every_rule_an_opening_of_a_long_line_matches_is_named(rule_at: tuple[str, int], seed: int, how: str) -> None:
    name, i = rule_at
    compiled, rng = registry.compiled(name), random.Random(seed)
    rule = compiled.rules[i]
    example = rng.choice(rule.examples or ("",))
    prose = rng.choice(PROSE)
    cut = prose[: rng.randrange(len(prose) + 1)]
    if how == "example":
        line = example
    elif how == "prepend":
        line = f"{cut} {example}"
    elif how == "append":
        line = f"{example} {cut}"
    elif how == "both":
        line = f"{cut} {example} {prose}"
    elif how == "inside":
        at = rng.randrange(len(example) + 1)
        line = example[:at] + cut + example[at:]
    else:
        line = rng.choice(GOLD_LINES)
    _check(compiled, i, line.strip())


@BUILT
@pytest.mark.parametrize("name", NAMES)
def test_every_long_gold_line_gets_the_rule_of_the_plain_alternation(name: str) -> None:
    compiled = registry.compiled(name)
    lines = [x for x in GOLD_LINES if len(x) > 64]
    assert len(lines) > 500
    for line in lines:
        for i, pattern in enumerate(compiled._patterns):
            if pattern is not None and pattern.match(line) is not None:
                assert i in _named(compiled, line, apart=False), (compiled.rules[i].name, line)
        assert _native_rule(compiled, line) == compiled.reference_match(line), line


# Hand-made patterns: a run of prose opening the pattern, a branch, a group with its own flags, a run of a narrower
# class (left anchored), a run within the opening group.
PATTERNS = [r".{0,600}\(Foto: \w+\)", r"(?:Baca|[^|]*Lihat) juga", r"(?i:[^)]{3,}\(sumber)\)?", r"[\w-]+\.com",
            r"(?:(?:.*)x|y)z", r"\s*[-–]\s*Foto", r"(?:.{0,40}|ab)c\.?"]


@pytest.mark.parametrize("pattern", PATTERNS)
def test_the_opening_superset_of_a_pattern_names_every_text_an_opening_of_which_it_matches(pattern: str) -> None:
    _every_match_named(pattern, [*GOLD_LINES[::40], "Baca juga", "ada. Lihat juga", "(SUMBER)", "a.com", "qqqxz", "yz",
                                 " – Foto", "abc", "zzc."])


@pytest.mark.skipif(not native.available(), reason="the native core is not built here")
@given(st.sampled_from(PATTERNS), st.text(alphabet="abcxyzLihat jugFo:()|.-–SUMBER\u0130\u212a", max_size=80))
def test_the_opening_superset_names_random_texts_its_pattern_opens(pattern: str, text: str) -> None:
    _every_match_named(pattern, [text])


def _every_match_named(pattern: str, texts: list[str]) -> None:
    if not native.available():
        pytest.skip("the native core is not built here")
    written = native.opening_superset(pattern)
    scan = native._speedups.Scanner([written], [False], native.FLAGS)
    compiled = regex.compile(pattern, regex.V0)
    for text in texts:
        if compiled.match(text) is not None:
            assert scan.scan(text, (True,)) == (True,), (pattern, written, text)


def test_only_an_alternative_opening_with_a_run_of_prose_is_searched_for() -> None:
    # a run of prose: searched for past it; a run of a word or of digits ends within a few characters: anchored
    assert not native.opening_superset(r".{0,600}\(Foto\)").startswith("\\A")
    assert not native.opening_superset(r"[^)]{3,}\(Foto\)").startswith("\\A")
    for kept in (r"[\w-]+\.com", r"\d+ menit lalu", r"Baca juga: .*", r"\s*Foto"):
        assert native.opening_superset(kept) == f"\\A(?:{native.superset(kept)})", kept
    # one branch of two
    written = native.opening_superset(r"(?:Baca|.*Lihat) juga")
    assert written.startswith("\\A(?:") and "|(?:" in written

