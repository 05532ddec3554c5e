"""registry.choose's shortcuts: a page's lines stand for its text (joined only when its signatures are searched), a
host's outlet is remembered (bounded, forgotten when the rule sets change), and the outlet the signatures decide is
the one a sort of every outlet's score decides."""

from __future__ import annotations

import types
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import newsclean
from conftest import devset_pages, scraper_pages, seed_pages, variant_pages
from newsclean import RuleSet, native, registry
from newsclean.normalize import DEFAULT, normalize_lines
from newsclean.rules import Signature

PAGES = [*seed_pages(), *variant_pages(), *scraper_pages(), *devset_pages()]
URLS = [None, "https://www.suara.com/a", "https://example.com/a", "https://news.okezone.com/read/1", "not a url"]


@pytest.mark.parametrize("on", [True, False])
def test_a_pages_lines_choose_what_its_text_chooses(on: bool) -> None:
    previous = native.use(on)
    try:
        for page in PAGES:
            lines = normalize_lines(page.text, DEFAULT)
            for url in URLS:
                expected = registry.choose("\n".join(lines), url=url)
                assert registry.choose(lines, url=url) is expected
                assert registry.choose(tuple(lines), url=url) is expected
                assert registry.detect(lines, url) is registry.detect("\n".join(lines), url)
    finally:
        native.use(previous)


def _sorted_decision(scores: dict[str, int], rulesets: dict[str, Any]) -> str | None:
    # the decision as it was written first: every outlet's (score, name) sorted, the passing ones kept, a tie at the
    # top deciding nothing
    ranked = sorted(((score, name) for name, score in scores.items()), reverse=True)
    passing = [(score, name) for score, name in ranked if score >= rulesets[name].min_score]
    if not passing or (len(passing) > 1 and passing[1][0] == passing[0][0]):
        return None
    return passing[0][1]


@given(st.dictionaries(st.sampled_from("abcdef"), st.tuples(st.integers(-3, 4), st.integers(-1, 3)), max_size=6))
def test_the_decision_is_the_sorted_one(outlets: dict[str, tuple[int, int]]) -> None:
    rulesets: dict[str, Any] = {name: types.SimpleNamespace(min_score=least) for name, (_, least) in outlets.items()}
    scores = {name: score for name, (score, _) in outlets.items()}
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(registry, "_rulesets", rulesets)
        decided = registry._decided(scores)
    expected = _sorted_decision(scores, rulesets)
    assert decided is (None if expected is None else rulesets[expected])


def _register_with_table_copies(patch: pytest.MonkeyPatch, ruleset: RuleSet) -> None:
    newsclean.rulesets()  # the registry loaded, then put back as it was afterwards
    for table in ("_rulesets", "_aliases", "_compiled", "_signatures"):
        patch.setattr(registry, table, dict(getattr(registry, table)))
    patch.setattr(registry, "_added", list(registry._added))
    registry.register(ruleset)


@pytest.mark.parametrize("on", [True, False])
def test_an_outlet_that_passes_with_no_signature_found_is_chosen_on_both_paths(on: bool) -> None:
    # min_score 0: the page of no signature at all is this outlet's, by the scan as by searching every signature
    lenient = RuleSet("lenient", signatures=(Signature(r"\bLENIENTNEWS\b", 1),), min_score=0)
    previous = native.use(on)
    try:
        with pytest.MonkeyPatch.context() as patch:
            _register_with_table_copies(patch, lenient)
            assert registry.detect("Harga cabai naik.") is lenient
            assert registry.detect(["Harga cabai naik.", "LENIENTNEWS"]) is lenient
            # tied at 0 with another such outlet: undecided
            _register_with_table_copies(patch, RuleSet("lenient2", signatures=(Signature("zzz", 1),), min_score=0))
            assert registry.detect("Harga cabai naik.") is None
            assert registry.detect("Harga cabai naik. LENIENTNEWS") is lenient
    finally:
        native.use(previous)


def test_a_hosts_outlet_is_remembered_and_forgotten_when_the_rule_sets_change() -> None:
    url = "https://berita.contoh-glue.id/a"
    assert registry._by_host(url) is None
    seen = registry._host_tables()[1]
    assert seen["berita.contoh-glue.id"] is None
    with pytest.MonkeyPatch.context() as patch:
        mine = RuleSet("contoh-glue", hosts=("contoh-glue.id",))
        _register_with_table_copies(patch, mine)
        assert registry._by_host(url) is mine
        assert registry._by_host("https://CONTOH-GLUE.ID/b") is mine
    assert registry._by_host(url) is None  # the rule sets put back: the table made again


def test_the_hosts_remembered_are_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(registry, "_HOSTS_SEEN", 8)
    for k in range(30):
        assert registry._by_host(f"https://h{k}.example.com/") is None
        assert len(registry._host_tables()[1]) <= 8
    assert registry._by_host("https://www.suara.com/a") is newsclean.get("suara")
    assert registry._by_host("https://www.suara.com/a") is newsclean.get("suara")
