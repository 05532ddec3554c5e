"""The native label_lines (``newsclean._structure``) against label.py's, the reference: the same Layout, made of
the same Line records (instances of model.Line), on every gold page and on pages of gold lines in new orders,
with the passes it calls native and in Python, and with the spaces normalised or not (blank, invisible and
unstripped lines)."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import devset_pages, scraper_pages, seed_pages, variant_pages
from newsclean import label, native, registry
from newsclean.model import Label, Line
from newsclean.normalize import DEFAULT, OFF, Normalization, normalize_lines
from newsclean.rules import CompiledRuleSet
from newsclean.segment import split_lines
from test_structure_pages import pages

pytestmark = pytest.mark.skipif(not native.structure_available(), reason="the structural extension is not built")

OUTLETS = [None, "generic", "suara", "okezone", "republika", "kompastv", "pikiran-rakyat"]


def _core() -> Any:
    return native.structure()


def _rules(text: str, outlet: str | None) -> CompiledRuleSet:
    return registry.compiled(registry.choose(text, outlet=outlet).name)


def _same(text: str, outlet: str | None, how: Normalization = DEFAULT) -> None:
    raw = split_lines(text)
    lines = normalize_lines(text, how)
    rules = _rules("\n".join(lines), outlet)
    for passes_native in (True, False):
        previous = native.use(passes_native)
        try:
            expected = label.label_lines(raw, lines, rules)
            got = _core().label_lines(raw, lines, rules)
        finally:
            native.use(previous)
        assert type(got) is label.Layout
        assert got == expected
        assert all(type(line) is Line for line in got.lines)
        # the same objects where Python shares one: the Label members, and no label left None
        assert [line.label for line in got.lines] == [line.label for line in expected.lines]
        assert all(isinstance(line.label, Label) and type(line.rule) is str for line in got.lines)
        assert [line.no for line in got.lines] == list(range(len(lines)))


@pytest.mark.parametrize("how", [DEFAULT, OFF])
def test_every_gold_page_labels_alike(how: Normalization) -> None:
    for page in (*seed_pages(), *variant_pages(), *scraper_pages(), *devset_pages()):
        _same(page.text, None, how)  # the rule set the page's text picks
        _same(page.text, "generic", how)


@settings(max_examples=300, deadline=None)
@given(pages(), st.sampled_from(OUTLETS), st.sampled_from([DEFAULT, OFF]))
def test_a_page_of_gold_lines_in_new_orders_labels_alike(text: str, outlet: str | None, how: Normalization) -> None:
    _same(text, outlet, how)


def test_an_empty_page_and_blank_ones() -> None:
    for text in ("", "\n", " \n\u00a0\n\u200b", "\t\n  x \n"):
        _same(text, None)
        _same(text, None, OFF)


def test_a_line_record_is_a_line() -> None:
    raw = ["Berita hari ini", "", "Ini adalah kalimat panjang yang menjadi isi dari berita hari ini di Jakarta."]
    layout = _core().label_lines(raw, list(raw), registry.compiled("generic"))
    first = layout.lines[0]
    assert isinstance(first, Line) and type(first) is Line
    assert first == Line(first.no, first.text, first.label, first.rule, first.prefix)
    assert first._fields == Line._fields and first.content == first.text


def test_other_calls_go_to_the_reference() -> None:
    rules = registry.compiled("generic")
    raw = ["Judul", "", "Isi berita yang cukup panjang untuk menjadi satu paragraf di halaman ini."]
    expected = label.label_lines(raw, raw, rules)
    assert _core().label_lines(raw=raw, text=raw, rules=rules) == expected
    assert _core().label_lines(tuple(raw), tuple(raw), rules) == expected
    for bad in ((raw, raw[:2], rules), (raw[:2], raw, rules)):
        with pytest.raises(ValueError, match="zip"):
            label.label_lines(*bad)
        with pytest.raises(ValueError, match="zip"):
            _core().label_lines(*bad)
    with pytest.raises(TypeError):
        _core().label_lines(raw, raw)
