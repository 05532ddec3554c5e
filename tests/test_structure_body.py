"""The native body pass (``newsclean._structure.find_body``) against body.find_body, the reference.

Both are called on the arguments label_lines passes (captured while cleaning gold pages and hypothesis pages of
gold lines in new orders), on pages whose labels and rules are drawn at random over gold lines (where a closing
sentence or a list over the lead comes up more often), and on hand-made pages for the turns gold never takes.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from typing import Any

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

import newsclean
from conftest import devset_pages, scraper_pages, seed_pages, variant_pages
from newsclean import body, label, native, registry
from newsclean.model import Label
from newsclean.rules import CompiledRuleSet, Rule
from test_structure_pages import pages

pytestmark = pytest.mark.skipif(not native.structure_available(), reason="the structural extension is not built")

Arguments = tuple[list[str], list[Label | None], list[Rule | None], dict[int, tuple[int, int]], CompiledRuleSet]


@contextmanager
def _capturing() -> Iterator[list[Arguments]]:
    """The arguments of every find_body call label_lines makes meanwhile (copied: label_lines labels on)."""
    calls: list[Arguments] = []
    passed = label.find_body

    def recording(text: Any, labels: Any, matched: Any, anchored: Any, rules: Any) -> body.Body:
        calls.append((list(text), list(labels), list(matched), dict(anchored), rules))
        return passed(text, labels, matched, anchored, rules)

    label.find_body = recording
    try:
        yield calls
    finally:
        label.find_body = passed


def _arguments(text: str, outlet: str | None = None) -> list[Arguments]:
    """The arguments label_lines passes find_body for a page, as the Python passes compute them (the native ones
    give the same; a native label_lines would not call label.find_body)."""
    previous = native.use(False)
    try:
        with _capturing() as calls:
            newsclean.clean(text, outlet=outlet, language=False)
    finally:
        native.use(previous)
    return calls


def _same(arguments: Arguments) -> body.Body:
    """Both passes' answer, once checked equal (the dict of named lines in the same order, no argument changed)."""
    text, labels, matched, anchored, rules = arguments
    before = (list(text), list(labels), list(matched), dict(anchored))
    expected = body.find_body(text, labels, matched, anchored, rules)
    found = native.structure().find_body(text, labels, matched, anchored, rules)
    assert type(found) is body.Body
    assert found == expected
    assert list(found.named.items()) == list(expected.named.items())
    assert [type(v) for v in found] == [type(v) for v in expected]
    assert (list(text), list(labels), list(matched), dict(anchored)) == before
    return expected


_GOLD = [*seed_pages(), *variant_pages(), *scraper_pages(), *devset_pages()]


@pytest.mark.parametrize("page", _GOLD, ids=[p.id for p in _GOLD])
def test_the_body_of_a_gold_page_is_found_alike(page: Any) -> None:
    calls = _arguments(page.text)
    assert len(calls) == 1
    _same(calls[0])


def test_gold_pages_take_the_turns_of_the_pass() -> None:
    """The gold pages reach the pass's turns (else the comparison above would prove little)."""
    found = [_same(_arguments(page.text)[0]) for page in _GOLD]
    assert any(b.dateline is not None for b in found)
    assert any(b.widget for b in found)
    assert any(b.credits for b in found)
    assert any(b.headline is not None for b in found)
    assert {"structure.list_item", "structure.body_cut"} <= {name for b in found for name in b.named.values()}


@settings(max_examples=150, deadline=None)
@given(pages(), st.sampled_from([None, "generic", "suara", "okezone", "republika", "kompastv", "pikiran-rakyat"]))
def test_a_page_of_gold_lines_in_new_orders_finds_its_body_alike(text: str, outlet: str | None) -> None:
    for arguments in _arguments(text, outlet):
        _same(arguments)


@cache
def _gold_lines() -> list[str]:
    return sorted({line for page in _GOLD for line in page.text.split("\n") if line.strip()})


_SHORT = ["1. Bekerja sebagai anggota TNI", "2. Buka aplikasi", "3. Klik tombol", "• Buka aplikasi",
          "Semoga bermanfaat!", '"Kami tolak!"', "(Indozone/Riki Noviana)", "Kepala Biro Penmas Polri. (Antara)",
          "dok: PSSI", "![foto](https://x.id/a.jpg)", "Hujan Ringan", "Pagi: Cerah Berawan", "Berikut daftarnya:",
          "Baca juga: https://www.example.com", "Ahmad Fauzi", "Jakarta Pusat", "Inilah 7 Fakta Unik Kota Ini"]
_OUTLETS = ["generic", "suara", "okezone", "republika", "kompastv", "pikiran-rakyat"]
_KINDS = ["none", "none", "none", "rule", "blank", "label"]


@st.composite
def labelled_pages(draw: st.DrawFn) -> tuple[str, list[tuple[str, str, int]], set[int]]:
    """Gold and short lines, each with how it is labelled (by a rule, the rule's own label; none; blank; any
    label with no rule) and a number choosing the rule or label; and the anchored lines."""
    outlet = draw(st.sampled_from(_OUTLETS))
    lines = draw(st.lists(st.tuples(st.sampled_from(_gold_lines()) | st.sampled_from(_SHORT),
                                    st.sampled_from(_KINDS), st.integers(0, 10_000)), max_size=40))
    return outlet, lines, draw(st.sets(st.integers(0, 40), max_size=3))


def _labelled(outlet: str, lines: list[tuple[str, str, int]], anchored: set[int]) -> Arguments:
    rules = registry.compiled(outlet)
    labels: list[Label | None] = []
    matched: list[Rule | None] = []
    for _, kind, number in lines:
        rule = rules.rules[number % len(rules.rules)] if kind == "rule" else None
        labels.append(rule.label if rule is not None else Label.BLANK if kind == "blank"
                      else list(Label)[number % len(Label)] if kind == "label" else None)
        matched.append(rule)
    return [t for t, _, _ in lines], labels, matched, {i: (1, 0) for i in anchored if i < len(lines)}, rules


@settings(max_examples=300, deadline=None)
@given(labelled_pages())
def test_a_page_labelled_at_random_finds_its_body_alike(page: tuple[str, list[tuple[str, str, int]], set[int]]) -> None:
    _same(_labelled(*page))


_PARAGRAPH = ("Pemerintah daerah menyatakan bahwa pembangunan jalan itu akan selesai pada akhir tahun ini, "
              "kata pejabat yang tidak mau disebut namanya kepada wartawan.")


def _unruled(lines: list[str]) -> Arguments:
    return lines, [None] * len(lines), [None] * len(lines), {}, registry.compiled("generic")


@pytest.mark.parametrize(("lines", "name"), [
    ([_PARAGRAPH, _PARAGRAPH + " Lagi.", "Semoga bermanfaat!"], "structure.body_closing"),
    (["Berita lain hari ini", "1. Satu hal", "2. Dua hal", _PARAGRAPH, _PARAGRAPH + " Lagi."], "structure.list_item"),
    ([_PARAGRAPH, _PARAGRAPH[:-1] + ", berikut daftarnya:", "Hujan Ringan", "Cerah Berawan"], "structure.list_item"),
    ([_PARAGRAPH, _PARAGRAPH + " Lagi.", "sementara itu warga di sekitar lokasi"], "structure.body_cut"),
])
def test_a_body_taken_beyond_its_run_is_found_alike(lines: list[str], name: str) -> None:
    assert name in _same(_unruled(lines)).named.values()


def test_an_unlabelled_empty_line_is_the_same_error() -> None:
    rules = registry.compiled("generic")
    arguments: Arguments = (["Satu dua tiga empat.", ""], [None, None], [None, None], {}, rules)
    with pytest.raises(IndexError):
        body.find_body(*arguments)
    with pytest.raises(IndexError):
        native.structure().find_body(*arguments)


_CREDIT_ALPHABET = st.sampled_from([*"()/ :.aAbBzZ\tÉé1", "ANTARA", "Indozone", "Riki Noviana", "dok"])


@given(st.lists(_CREDIT_ALPHABET, max_size=40).map("".join) | st.text(max_size=120))
@example("(Indozone/Riki Noviana)")
@example("(Indozone/Riki Noviana) ")
@example("Kepala Biro Penmas Polri Brigjen Argo Yuwono. (Antara)")
@example("Kepala Biro Penmas Polri Brigjen Argo Yuwono. (Antara)\n")
def test_a_credit_ends_in_a_parenthesis(line: str) -> None:
    """The native pass asks the credit patterns only about lines ending in ")": no other line matches them."""
    if not line.endswith(")"):
        assert body._CREDIT.fullmatch(line) is None and body._CREDITED.fullmatch(line) is None
