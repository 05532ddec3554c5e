"""The shortcuts the native metadata pass takes instead of a Python call, each against the call it replaces:
a month or zone name in ASCII folded as its lower case (regex_syntax.fold), and a Metadata made by setting its
slots (what the dataclass's generated __init__ does)."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from newsclean import dates, metadata, native, registry
from newsclean.label import Layout
from newsclean.model import Label, Line
from newsclean.regex_syntax import fold

pytestmark = pytest.mark.skipif(not native.structure_available(), reason="the structural extension is not built")

_ASCII = st.text(st.characters(max_codepoint=127), max_size=20)


@given(_ASCII | st.sampled_from(sorted(dates.MONTHS) + sorted(dates.ZONES)).map(str.upper))
def test_ascii_text_folds_to_its_lower_case(text: str) -> None:
    assert fold(text) == text.lower()


@given(st.sampled_from(sorted(dates.MONTHS)), st.integers(1, 28), st.sampled_from(["WIB", "wita", "Wit", ""]))
def test_a_month_in_any_ascii_case_reads_as_the_python(month: str, day: int, zone: str) -> None:
    for name in (month, month.upper(), month.title(), month.swapcase()):
        text = f"{day} {name} 2022 10:05 {zone}"
        assert repr(native.structure().parse_date(text)) == repr(dates._parse_date(text))


def test_the_native_pass_makes_metadata_the_class_would() -> None:
    """The native Metadata: the class's own type, its fields as given, equal and hashing alike to one the class
    makes, and still frozen."""
    from test_structure_metadata import _layout

    layout, compiled = _layout("Judul Berita Hari Ini Tentang Sesuatu\nRabu, 12 Januari 2022 13:50 WIB\n"
                               "Penulis: Rina Ayu\n\nJakarta - Isi berita yang cukup panjang untuk menjadi paragraf "
                               "pertama dari sebuah artikel berita yang baik.\n")
    made = native.structure().extract(layout, compiled)
    reference = metadata.extract(layout, compiled)
    assert type(made) is metadata.Metadata
    assert made == reference and hash(made) == hash(reference)
    assert dataclasses.astuple(made) == dataclasses.astuple(reference)
    assert isinstance(made.published, dt.datetime)
    with pytest.raises(dataclasses.FrozenInstanceError):
        made.title = "x"  # type: ignore[misc]


@given(st.sampled_from(["12 Januari 2022", "Rabu, 12 Jan 2022 13:50 WIB", "31 Februari 2022", "tanpa tanggal",
                        "13:50 WITA, Rabu, 12 Januari 2022"]), st.integers(0, 100))
def test_a_date_read_again_reads_the_same(text: str, pad: int) -> None:
    """A short text's date is remembered, a long one's read anew (rules._CACHED_LINE): both as the Python's."""
    for line in (text, text + " " * pad + "x", text):
        expected = repr(dates._parse_date(line))
        assert repr(native.structure().parse_date(line)) == expected
        assert repr(native.structure().parse_date(line)) == expected


_PARTS = st.sampled_from(["Kompas TV", "nasional", "Headline", "Rabu, 12 Januari 2022", "13:50 WIB",
                          "Jokowi Resmikan Tol Baru di Jawa Tengah", "Harga Cabai Naik Lagi Jelang Lebaran 2024",
                          "Oleh Rina Ayu", "Rina Ayu", "12 Jan 2022 Empat Kata Di Sini", "", " "])
_MARKS = st.sampled_from([" | ", " · ", " • ", " › ", " » ", "|", " |", "\u00a0|\u00a0", " - "])


@given(st.lists(st.tuples(_MARKS, _PARTS), min_size=1, max_size=6), _PARTS)
def test_a_joined_headline_gives_the_python_headline(joins: list[tuple[str, str]], first: str) -> None:
    """The headline of a line a scraper joined (header.headline_part, natively in metadata.c), and the fields
    read from its other parts, on both paths."""
    title = first + "".join(mark + part for mark, part in joins)
    if not title.strip():
        return
    body = "Isi berita yang cukup panjang untuk menjadi paragraf pertama dari sebuah artikel."
    lines = (Line(0, title, Label.TITLE, "structure.title"), Line(1, body, Label.BODY, "structure.body"))
    layout = Layout(lines=lines, start=1, end=1, title=0, subtitle=None, dateline=None)
    compiled = registry.compiled("generic")
    assert native.structure().extract(layout, compiled) == metadata.extract(layout, compiled)


def test_a_line_read_under_one_rule_is_read_anew_under_another() -> None:
    """A short line's fields are remembered with the rule that read them: the same text under another rule (another
    outlet's, or another name) gives that rule's fields, on both paths, in any order."""
    compiled = registry.compiled("generic")
    body = "Isi berita yang cukup panjang untuk menjadi paragraf pertama dari sebuah artikel."
    for text in ("Editor: Rina Ayu", "Penulis: Rina Ayu", "Sumber: Rina Ayu", "Oleh: Rina Ayu"):
        for rule in ("base.editor", "base.byline_author", "base.source", "base.byline_date", "base.editor"):
            lines = (Line(0, "Judul Berita Yang Cukup Panjang Di Sini", Label.TITLE, "structure.title"),
                     Line(1, text, Label.META, rule), Line(2, body, Label.BODY, "structure.body"))
            layout = Layout(lines=lines, start=2, end=2, title=0, subtitle=None, dateline=None)
            assert native.structure().extract(layout, compiled) == metadata.extract(layout, compiled)
