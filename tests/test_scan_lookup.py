"""The native rule lookup's own shortcuts (``_speedups.c``'s ``lookup_line``) against the reference.

The native lookup rules a pattern call out by the line's last character (``rules._last_characters``) and
folds an ASCII line itself: neither may change which rule a line gets.
"""

from __future__ import annotations

import random

import pytest
from hypothesis import given
from hypothesis import strategies as st

from conftest import devset_pages, seed_pages, variant_pages
from newsclean import native, registry, rules
from newsclean.rules import CompiledRuleSet, _last_characters

BUILT = pytest.mark.skipif(not native.available(), reason="the native core is not built here")
NAMES = sorted(registry.rulesets())
GOLD_LINES = sorted({line.strip() for page in (*seed_pages(), *variant_pages(), *devset_pages())
                     for line in page.text.split("\n")} - {""})


def _native_rule(compiled: CompiledRuleSet, line: str) -> int | None:
    """The rule the native lookup gives ``line`` (its line table off: -1, no line short enough to be kept)."""
    assert compiled._scanner is not None
    [found] = compiled._scanner.match_lines([line], compiled._native_table, -1, 1)
    return None if found is None else found.index


def test_every_rule_match_ends_with_a_character_its_flags_admit() -> None:
    # the flags only ever leave a call out: a line a rule's own pattern matches has a last character they admit
    for name in NAMES:
        compiled = registry.compiled(name)
        for i, pattern in enumerate(compiled._patterns):
            if pattern is None:
                continue
            flags = _last_characters(compiled._ends[i])
            lines = (*compiled.rules[i].examples, *(x for x in GOLD_LINES if pattern.fullmatch(x)))
            for line in lines:
                if line and ord(line[-1]) < 256:
                    assert flags[ord(line[-1])], (compiled.rules[i].name, line)


def test_the_flags_rule_out_something() -> None:
    # not a test that cannot fail the other way: most rules cannot end with most characters
    compiled = registry.compiled("generic")
    flags = b"".join(_last_characters(e) for e in compiled._ends if e is not None)
    assert flags.count(0) > len(flags) // 4


@BUILT
@given(st.sampled_from(NAMES), st.integers(0, 2**32), st.characters(max_codepoint=0x17F),
       st.sampled_from(["replace", "append", "upper", "turkic"]))
def test_a_changed_rule_example_gets_the_same_rule_on_both_paths(name: str, seed: int, c: str, how: str) -> None:
    compiled, rng = registry.compiled(name), random.Random(seed)
    rule = rng.choice([r for r in compiled.rules if r.examples or r.lines])
    line = rng.choice(rule.examples or rule.lines)
    if how == "replace":
        line = line[:-1] + c
    elif how == "append":
        line += c
    elif how == "upper":
        line = "".join(x.upper() if rng.random() < 0.5 else x for x in line)
    else:
        line = line.replace("i", rng.choice(["\u0130", "\u0131", "i\u0307"])).replace("I", "\u0130")
    assert _native_rule(compiled, line) == compiled.reference_match(line), (name, rule.name, line)


@BUILT
@given(st.sampled_from(NAMES), st.data())
def test_a_literal_line_in_any_case_gets_the_same_rule_on_both_paths(name: str, data: st.DataObject) -> None:
    compiled = registry.compiled(name)
    literal = data.draw(st.sampled_from(sorted({*compiled._folded, *compiled._exact})))
    line = "".join(data.draw(st.sampled_from([x, x.upper(), x.lower()])) for x in literal)
    assert _native_rule(compiled, line) == compiled.reference_match(line), (name, line)


@BUILT
@pytest.mark.parametrize("name", NAMES)
def test_literal_lines_up_to_the_longest_are_looked_up_and_longer_ones_are_not_needed(name: str) -> None:
    # the native lookup skips the literal tables for a line longer than every literal line: its casefold is never
    # shorter, so no such line is one of them; a line shorter than its casefold (a ligature) is still looked up
    compiled = registry.compiled(name)
    ligatures = {"st": "\ufb06", "ff": "\ufb00", "fi": "\ufb01", "fl": "\ufb02", "ss": "\u00df"}
    shortened = 0
    for literal in sorted({*compiled._folded, *compiled._exact}):
        lines = [literal, literal.upper(), literal + " ", " " + literal, literal + "\u0307"]
        for plain, ligature in ligatures.items():
            if plain in literal:
                lines.append(literal.replace(plain, ligature))
                shortened += 1
        for line in lines:
            assert _native_rule(compiled, line) == compiled.reference_match(line), (name, line)
    assert shortened  # ("live streaming" and others: a line shorter than the literal it folds to)


@BUILT
@pytest.mark.parametrize("name", NAMES)
def test_a_line_ending_with_the_character_apart_is_scanned_for_the_rules_that_can_end_so(name: str) -> None:
    compiled = registry.compiled(name)
    apart = compiled._apart_scanner
    assert apart is not None
    flag = ord(rules._SCANNED_APART)
    left_out = {i for i, p in enumerate(compiled._patterns)
                if p is not None and not _last_characters(compiled._ends[i])[flag]}
    assert left_out  # a scan of fewer patterns, or there is nothing to gain
    lines = [x for x in GOLD_LINES if x.endswith(rules._SCANNED_APART)]
    assert len(lines) > 100
    for line in lines:
        named = {i for i, _ in apart.scan(line) or ()}
        assert not named & left_out
        assert _native_rule(compiled, line) == compiled.reference_match(line), line


@BUILT
def test_a_table_with_a_scan_apart_of_another_size_is_refused() -> None:
    compiled = registry.compiled("generic")
    table = list(compiled._native_table)
    table[9] = (".", registry.compiled("generic")._dateline_scanner.engine)  # type: ignore[union-attr]
    with pytest.raises(TypeError, match="scan apart"):
        compiled._scanner.match_lines(["Satu."], tuple(table), -1, 1)  # type: ignore[union-attr]
