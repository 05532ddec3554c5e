"""The native header passes (``newsclean._structure``: headline_candidates, byline_names, label_header,
label_footer) against header.py, the reference.

Each pass is given the inputs label_lines gives it, computed the Python way up to the call: the page is cleaned
on the Python path with label.py's four passes wrapped, and every call runs header.py's function and the native
one on copies of the same arguments and compares their answers and the labels and names they leave.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import replace
from typing import Any

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

import newsclean
from conftest import devset_pages, scraper_pages, seed_pages, variant_pages
from newsclean import header, label, native, registry, shape
from newsclean.model import Label
from newsclean.rules import Rule
from test_structure_pages import pages

pytestmark = pytest.mark.skipif(not native.structure_available(), reason="the structural extension is not built")

PASSES = ("headline_candidates", "byline_names", "label_header", "label_footer")


def _copy(value: Any) -> Any:
    return list(value) if isinstance(value, list) else dict(value) if isinstance(value, dict) else value


def _both(name: str, calls: Counter[str]) -> Callable[..., Any]:
    python, core = getattr(header, name), getattr(native.structure(), name)

    def run(*args: Any) -> Any:
        mine = tuple(_copy(a) for a in args)
        expected = python(*args)
        found = core(*mine)
        calls[name] += 1
        if isinstance(expected, dict):
            # the same candidates, in the same order
            assert list(found.items()) == list(expected.items()), name
        else:
            assert found == expected, name
            assert type(found) is type(expected), name
        # the same labels and rule names left in the lists (labels, names), the inputs untouched otherwise
        assert [_copy(a) for a in mine] == [_copy(a) for a in args], name
        return expected

    return run


@contextmanager
def _compared(calls: Counter[str]) -> Iterator[None]:
    """label_lines, on the Python path, with each header pass run both ways and compared."""
    saved = {name: getattr(label, name) for name in PASSES}
    previous = native.use(False)
    try:
        for name in PASSES:
            setattr(label, name, _both(name, calls))
        with registry._lock:
            registry._compiled.clear()
        yield
    finally:
        for name, function in saved.items():
            setattr(label, name, function)
        native.use(previous)
        with registry._lock:
            registry._compiled.clear()


def test_every_gold_page_gets_the_same_header_passes() -> None:
    calls: Counter[str] = Counter()
    gold = (*seed_pages(), *variant_pages(), *scraper_pages(), *devset_pages())
    with _compared(calls):
        for page in gold:
            newsclean.clean(page.text, language=False)
    # every pass was compared on every page that has a body (label_footer needs one)
    assert calls["headline_candidates"] == calls["byline_names"] == calls["label_header"] == len(gold)
    assert calls["label_footer"] > len(gold) // 2


@settings(max_examples=150, deadline=None)
@given(pages(), st.sampled_from([None, "generic", "suara", "okezone", "republika", "kompastv", "pikiran-rakyat"]))
def test_a_page_of_gold_lines_in_new_orders_gets_the_same_header_passes(text: str, outlet: str | None) -> None:
    calls: Counter[str] = Counter()
    with _compared(calls):
        newsclean.clean(text, outlet=outlet, language=False)
    assert calls["label_header"] == 1


def _header_page(*lines: str) -> tuple[list[str], list[Label | None], list[str]]:
    return list(lines), [None] * len(lines), [""] * len(lines)


@pytest.mark.parametrize("lines", [
    # a headline echoed in the body, alone (ASCII), with a credit (the Python decides), past ASCII (the Python)
    ("Menu", "Harga Cabai Naik Lagi di Pasar", "Paragraf pertama berita ini cukup panjang untuk jadi isi.",
     "harga  cabai naik lagi di pasar"),
    ("Menu", "Harga Cabai Naik Lagi di Pasar", "Paragraf.", "Harga Cabai Naik Lagi di Pasar (Foto: Antara/Ist)"),
    ("Menu", "Harga Cabai Naik Lagi di Pasar", "Paragraf.", "Harga Cabai Naik Lagi di Pasar Kata Warga Setempat"),
    ("Menu", "Straße Ditutup Hari Ini Karena Banjir", "Paragraf.", "STRASSE DITUTUP HARI INI KARENA BANJIR"),
    # a header a scraper joined on one line; a section name over the headline
    ("Kompas TV · nasional · Harga Cabai Naik Lagi di Pasar · Selasa, 21 Februari 2017", "Paragraf."),
    ("Foto Bisnis", "Harga Cabai Naik Lagi di Pasar Induk", "Paragraf."),
])
def test_unanchored_headlines(lines: tuple[str, ...]) -> None:
    core = native.structure()
    for start in range(len(lines) + 1):
        text, labels, names = _header_page(*lines)
        labels[start:] = [Label.BODY] * (len(lines) - start)
        theirs = (list(labels), list(names))
        expected = header.label_header(text, theirs[0], theirs[1], {}, start)
        assert core.label_header(text, labels, names, {}, start) == expected
        assert (labels, names) == theirs


def test_arguments_of_another_shape_are_answered_by_the_python() -> None:
    core = native.structure()
    text, labels, names = _header_page("Judul Berita Yang Cukup Panjang", "Paragraf isi.")
    # a tuple of lines, an index past the page: the Python's answer (or its exception)
    assert core.label_header(tuple(text), list(labels), list(names), {}, 2) == header.label_header(
        tuple(text), list(labels), list(names), {}, 2)
    with pytest.raises(IndexError):
        header.label_footer(text, list(labels), list(names), -5)
    with pytest.raises(IndexError):
        core.label_footer(text, list(labels), list(names), -5)
    with pytest.raises(AttributeError):
        header.byline_names(text, list(labels), list(names), [(0, "not a rule")])  # type: ignore[list-item]
    with pytest.raises(AttributeError):
        core.byline_names(text, list(labels), list(names), [(0, "not a rule")])


# The pre-checks of header.c: a line without one of these characters is not given to the pattern.  Lines of the
# characters the patterns read, and any text.
_ALPHABET = st.sampled_from([*" .,/|:-–—·•›»()*\"'”’aBcD0x", "com", "co.id", "Prof", "WIB", "\t", "\u00a0"])
_LINES = st.lists(_ALPHABET, max_size=40).map("".join) | st.text(max_size=80)
_PATTERNS = {"sentence_end": header._SENTENCE_END, "sentence_break": header._SENTENCE_BREAK,
             "credit_end": header._CREDIT_END, "joined_parts": header.JOINED_PARTS,
             "site_suffix": header._SITE_SUFFIX}


@given(_LINES, st.sampled_from(sorted(_PATTERNS)))
@example("Dok. Antara", "sentence_end")
@example("Kata dia. Lalu", "sentence_break")
@example("Foto (Antara/Ist)", "credit_end")
@example("Home › News", "joined_parts")
@example("Judul – Situs", "site_suffix")
def test_a_pre_check_only_rules_out_lines_the_pattern_does_not_match(line: str, name: str) -> None:
    if not native.structure()._header_may_match(name, line):
        assert _PATTERNS[name].search(line) is None


_NAME_LINES = st.lists(st.sampled_from([*"aBZ\u00c9\u0130 .-'\n\t", "Rina", "Ayu", "bin", "de"]), max_size=45).map(
    "".join) | st.text(max_size=50)


@given(_NAME_LINES)
@example("Rina Ayu")
@example("Sri Rahayu Lestari Binti Sulaiman Ahmad\n")
@example("\u00c9lise Ayu")
def test_a_line_the_name_pre_check_rules_out_is_no_name(line: str) -> None:
    if not native.structure()._header_may_match("name", line):
        assert shape.NAME.fullmatch(line) is None


def test_many_rules_in_one_page_are_read_alike() -> None:
    """More rules than the native table of rules keeps (it is emptied as it fills, in the middle of a page)."""
    date = Rule("meta.date", Label.META, pattern=r"(?P<published>\d+ \w+ \d{4})")
    author = Rule("meta.author", Label.META, pattern=r"Oleh (?P<author>.+)")
    lines = ["Menu Utama"]
    for k in range(700):
        lines += [f"Judul Berita Nomor {k} Yang Baru", "Sri Rahayu Lestari", f"{k % 28 + 1} Maret 2024", "Paragraf."]
    hits = [(i, replace(date if k % 3 else author, name=f"meta.{k}")) for k, i in enumerate(range(3, len(lines), 4))]
    core = native.structure()
    for _ in range(2):  # the second time with the table holding some of them
        labels: list[Label | None] = [Label.META if i % 4 == 3 else None for i in range(len(lines))]
        names = [""] * len(lines)
        theirs = (list(labels), list(names))
        found = core.headline_candidates(lines, labels, hits)
        assert list(found.items()) == list(header.headline_candidates(lines, theirs[0], hits).items())
        header.byline_names(lines, *theirs, hits)
        assert core.byline_names(lines, labels, names, hits) is None
        assert (labels, names) == theirs
