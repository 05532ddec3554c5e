"""The native lookup's whole-line scans (``native.whole_line_scan``, ``_speedups.c``'s ``ruled_out_whole``).

Before a rule's pattern call, the native lookup scans the line for that rule's superset anchored at both ends: a
line not in it is ruled out.  The scan may only ever rule a call out: a line the rule's own pattern matches in
full is always in it.  Here against every rule's examples, the gold lines and lines changed at random, and the
lookup with these scans against the plain alternation.
"""

from __future__ import annotations

import random
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from conftest import devset_pages, seed_pages, variant_pages
from newsclean import native, registry
from newsclean.rules import CompiledRuleSet

BUILT = pytest.mark.skipif(not native.available(), reason="the native core is not built here")
NAMES = sorted(registry.rulesets())
GOLD_LINES = sorted({line.strip() for page in (*seed_pages(), *variant_pages(), *devset_pages())
                     for line in page.text.split("\n")} - {""})
# the index of the whole-line scans in the native table, and of the method building one (_speedups.c's T_WHOLE...)
T_WHOLE, T_WHOLE_BUILD = 10, 11


def _named(scan: object, line: str) -> bool:
    """Whether the whole-line scan ``scan`` (an engine's scanner of one pattern) lets ``line`` through."""
    found = scan.scan(line, (True,))  # type: ignore[attr-defined]
    return found is None or found == (True,)


def _pattern_rules() -> list[tuple[str, int]]:
    return [(name, i) for name in NAMES for i, p in enumerate(registry.compiled(name)._patterns) if p is not None]


def _native_rule(compiled: CompiledRuleSet, line: str) -> int | None:
    assert compiled._scanner is not None
    [found] = compiled._scanner.match_lines([line], compiled._native_table, -1, 1)
    return None if found is None else found.index


@BUILT
def test_every_built_in_rule_has_a_whole_line_scan_that_names_its_examples_and_matching_gold_lines() -> None:
    for name, i in _pattern_rules():
        compiled = registry.compiled(name)
        rule, pattern = compiled.rules[i], compiled._patterns[i]
        assert rule.pattern is not None and pattern is not None
        scan = native.whole_line_scan(rule.pattern, rule.ignore_case)
        assert scan is not None, rule.name  # every built-in pattern is written for the engine
        for line in (*rule.examples, *(x for x in GOLD_LINES if pattern.fullmatch(x))):
            assert _named(scan, line), (rule.name, line)


@BUILT
def test_the_whole_line_scans_rule_out_most_gold_lines_a_rule_does_not_match() -> None:
    # not a test that cannot fail the other way: the scans are worth their cost only if they rule calls out
    compiled = registry.compiled("generic")
    ruled_out = tried = 0
    for i, pattern in enumerate(compiled._patterns):
        rule = compiled.rules[i]
        if pattern is None or rule.pattern is None:
            continue
        scan = native.whole_line_scan(rule.pattern, rule.ignore_case)
        for line in GOLD_LINES[::7]:
            if pattern.fullmatch(line) is None:
                tried += 1
                ruled_out += not _named(scan, line)
    assert ruled_out > 0.9 * tried


@BUILT
@given(st.sampled_from(_pattern_rules()), st.integers(0, 2**32), st.text(max_size=3),
       st.sampled_from(["replace", "append", "prepend", "upper", "cut", "turkic", "text"]))
def test_a_line_the_pattern_matches_is_never_ruled_out(rule_at: tuple[str, int], seed: int, extra: str,
                                                       how: str) -> None:
    name, i = rule_at
    compiled, rng = registry.compiled(name), random.Random(seed)
    rule, pattern = compiled.rules[i], compiled._patterns[i]
    assert rule.pattern is not None and pattern is not None
    line = rng.choice(rule.examples or ("",))
    at = rng.randrange(len(line) + 1)
    if how == "replace":
        line = line[:at] + extra + line[at + 1:]
    elif how == "append":
        line += extra
    elif how == "prepend":
        line = extra + line
    elif how == "upper":
        line = "".join(x.swapcase() if rng.random() < 0.5 else x for x in line)
    elif how == "cut":
        line = line[:at]
    elif how == "turkic":
        line = line.replace("i", rng.choice(["\u0130", "\u0131", "i\u0307"])).replace("I", "\u0130")
    else:
        line = extra
    if pattern.fullmatch(line) is not None:
        assert _named(native.whole_line_scan(rule.pattern, rule.ignore_case), line), (rule.name, line)
    assert _native_rule(compiled, line) == compiled.reference_match(line), (name, rule.name, line)


@BUILT
def test_a_whole_line_scan_is_built_once_when_its_rule_is_first_to_be_called() -> None:
    compiled = replace(registry.compiled("generic"), _cache={})  # a copy: its tables not built yet
    assert compiled._whole_scans == [False] * len(compiled.rules)
    i = next(i for i, r in enumerate(compiled.rules) if r.name == "base.read_also")
    line = compiled.rules[i].examples[0]
    assert _native_rule(compiled, line) == compiled.reference_match(line) == i
    built = compiled._whole_scans[i]
    assert built is not None and built is not False
    assert sum(x is not False for x in compiled._whole_scans) < len(compiled.rules) // 2  # the others not needed
    assert _native_rule(compiled, line) == i
    assert compiled._whole_scans[i] is built
    # a rule with literal lines only has none
    literal = next(i for i, r in enumerate(compiled.rules) if r.pattern is None)
    assert compiled._whole_scan(literal) is None


@BUILT
def test_a_pattern_the_engine_cannot_take_has_no_whole_line_scan() -> None:
    assert native.whole_line_scan("(?:berita){e<=1}", False) is None  # fuzzy matching: not written for the engine
    assert native.whole_line_scan("Baca juga:? .*", True) is not None


def test_without_the_extension_there_is_no_whole_line_scan(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(native, "_speedups", None)
    assert native.whole_line_scan("Baca juga:? .*", True) is None


@BUILT
def test_a_table_with_a_bad_whole_line_scan_is_refused() -> None:
    compiled = registry.compiled("generic")
    i = next(i for i, r in enumerate(compiled.rules) if r.name == "base.read_also")
    line = compiled.rules[i].examples[0]
    table = list(compiled._native_table)
    table[T_WHOLE] = [*table[T_WHOLE]][:-1]  # type: ignore[misc]
    with pytest.raises(TypeError, match="layout"):
        compiled._scanner.match_lines([line], tuple(table), -1, 1)  # type: ignore[union-attr]
    wholes: list[object] = [None] * len(compiled.rules)
    wholes[i] = "not a scanner"
    table[T_WHOLE] = wholes
    with pytest.raises(TypeError, match="whole-line scan"):
        compiled._scanner.match_lines([line], tuple(table), -1, 1)  # type: ignore[union-attr]
    # a scanner of several patterns is no rule's whole-line scan
    wholes[i] = compiled._scanner.engine  # type: ignore[union-attr]
    with pytest.raises(TypeError, match="whole-line scan"):
        compiled._scanner.match_lines([line], tuple(table), -1, 1)  # type: ignore[union-attr]

    def failing(index: int) -> None:
        raise KeyError(index)

    wholes[i] = False  # not built: the builder's error is the lookup's
    table[T_WHOLE_BUILD] = failing
    with pytest.raises(KeyError):
        compiled._scanner.match_lines([line], tuple(table), -1, 1)  # type: ignore[union-attr]
    wholes[i] = None  # no scan: the pattern call decides
    assert compiled._scanner.match_lines([line], tuple(table), -1, 1)[0].index == i  # type: ignore[union-attr]


@BUILT
def test_whole_line_scans_are_kept_on_disk_apart_and_bounded(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NEWSCLEAN_CACHE_DIR", str(tmp_path))
    native._one_database.cache_clear()
    try:
        first = native.whole_line_scan("Baca juga:? .*", True)
        assert [p.suffix for p in tmp_path.iterdir()] == [".hsone"]
        native._one_database.cache_clear()  # as a new process would
        again = native.whole_line_scan("Baca juga:? .*", True)
        assert again is not first
        for line in ("BACA JUGA: Harga naik", "Baca", "Harga naik. Baca juga: x"):
            assert _named(again, line) == _named(first, line)
        assert not _named(again, "Harga naik. Baca juga: x")
        monkeypatch.setattr(native, "_KEPT_ONE", 2)
        for n in range(3):
            native.whole_line_scan(f"x{n}", False)
        assert len(list(tmp_path.glob("*.hsone"))) == 2
        monkeypatch.setattr(native, "_KEPT", 1)  # the rule sets' databases are kept apart: these stay
        native._database.cache_clear()
        native.Scanner([("y", False)], "a", whole=True)
        assert len(list(tmp_path.glob("*.hsone"))) == 2 and len(list(tmp_path.glob("*.hsdb"))) == 1
    finally:
        native._one_database.cache_clear()
        native._database.cache_clear()
