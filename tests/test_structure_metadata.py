"""The native metadata pass (``newsclean._structure.extract``) against metadata.extract, the reference: the same
Metadata, field for field, on the Layouts the Python passes make of the gold pages, of pages of gold lines in new
orders, and of pages carrying header lines with dates (in every zone), bylines and credits."""

from __future__ import annotations

import contextvars
import datetime as dt
import time
from typing import Any

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from conftest import Page, devset_pages, scraper_pages, seed_pages, variant_pages
from newsclean import dates, label, metadata, native, registry, rules
from newsclean.dates import ZONES
from newsclean.header import JOINED_PARTS, headline_part
from newsclean.label import Layout
from newsclean.model import Line
from newsclean.normalize import normalize_lines
from newsclean.rules import CompiledRuleSet
from newsclean.segment import split_lines
from test_structure_pages import pages

pytestmark = pytest.mark.skipif(not native.structure_available(), reason="the structural extension is not built")

OUTLETS = [None, "generic", "suara", "okezone", "republika", "kompastv", "pikiran-rakyat"]


def _layout(text: str, outlet: str | None = None) -> tuple[Layout, CompiledRuleSet]:
    """The Layout and rule set clean() makes of ``text``, by the Python passes (the reference)."""
    previous = native.use(False)
    try:
        lines = normalize_lines(text)
        compiled = registry.compiled(registry.choose("\n".join(lines), outlet=outlet).name)
        return label.label_lines(split_lines(text), lines, compiled), compiled
    finally:
        native.use(previous)


def _facts(meta: metadata.Metadata) -> tuple[Any, ...]:
    """Everything of a Metadata, the published value's type, printed form and zone included (two aware datetimes
    of the same instant in other zones are equal): one of dates.ZONES is that very object (an offset printed
    on the page, "GMT+8", is a new zone each time it is read)."""
    when = meta.published
    zone = getattr(when, "tzinfo", None)
    named = next((name for name, known in ZONES.items() if zone is known), None)
    return (meta.title, meta.subtitle, type(when), repr(when), zone, named,
            meta.authors, meta.editors, meta.sources, meta.dateline)


def _assert_alike(layout: Layout, compiled: CompiledRuleSet) -> metadata.Metadata:
    expected = metadata.extract(layout, compiled)
    found = native.structure().extract(layout, compiled)
    assert type(found) is metadata.Metadata
    assert _facts(found) == _facts(expected)
    assert found == expected
    # again, from what the native pass remembered of the page's lines and credits
    assert _facts(native.structure().extract(layout, compiled)) == _facts(expected)
    return expected


@pytest.mark.parametrize("page", [*seed_pages(), *variant_pages(), *scraper_pages(), *devset_pages()],
                         ids=lambda p: p.id)
def test_a_gold_page_has_the_same_metadata_on_both_paths(page: Page) -> None:
    _assert_alike(*_layout(page.text))


def test_the_gold_pages_name_dates_in_zones_and_writers() -> None:
    """The gold pages hold what the comparison is about (else the test above could pass on empty metadata)."""
    found = [metadata.extract(*_layout(p.text)) for p in (*seed_pages(), *devset_pages())]
    zones = {str(getattr(m.published, "tzinfo", None)) for m in found}
    assert {"UTC+07:00", "None"} <= zones
    assert sum(bool(m.authors) for m in found) > 20 and any(m.editors for m in found)
    assert any(m.sources for m in found) and any(m.dateline for m in found)


@settings(max_examples=150, deadline=None)
@given(pages(), st.sampled_from(OUTLETS))
def test_a_page_of_gold_lines_in_new_orders_has_the_same_metadata(text: str, outlet: str | None) -> None:
    _assert_alike(*_layout(text, outlet))


_DAYS = st.sampled_from(["Senin", "Rabu", "Minggu", "Sunday"])
_MONTHS = st.sampled_from(["Januari", "Jan", "Pebruari", "Mei", "Agustus", "Agt", "Desember", "December", "Okt."])
_ZONES = st.sampled_from(["WIB", "WITA", "WIT", "wita", "GMT+8", "UTC-03:30", "GMT+15", "", "+08:00"])
_NAMES = st.sampled_from(["Rina Ayu", "Ahmad Rifai", "WBP", "Dr. Rina Ayu, M.Si.", "Budi - detikNews", "Jakarta",
                          "Tim Redaksi", "Siswanto Suara.Com", "Rina Ayu (Jakarta)", "Kontributor Lhokseumawe",
                          "Galih Priatmojo", "Tangerang Selatan", "antara", "Humas Polres", "İsmail Ğüneş"])


@st.composite
def _date(draw: st.DrawFn) -> str:
    day, month, year = draw(st.integers(1, 31)), draw(_MONTHS), draw(st.integers(1995, 2030))
    hour, minute = draw(st.integers(0, 23)), draw(st.integers(0, 59))
    time_ = f"{hour:02d}:{minute:02d} {draw(_ZONES)}".strip()
    return draw(st.sampled_from([
        f"{draw(_DAYS)}, {day} {month} {year} {time_}",
        f"{draw(_DAYS)}, {day} {month} {year} | {time_}",
        f"{day} {month} {year}",
        f"{time_}, {draw(_DAYS)}, {day} {month} {year}",
        f"{year}-{draw(st.integers(1, 12)):02d}-{day:02d}T{hour:02d}:{minute:02d}:00{draw(_ZONES)}",
        f"{month} {day}, {year} {time_}",
        f"{day}/{draw(st.integers(1, 13))}/{year}, {time_}",
        time_,
    ]))


@st.composite
def _header_line(draw: st.DrawFn) -> str:
    name, other = draw(_NAMES), draw(_NAMES)
    return draw(st.sampled_from([
        draw(_date()),
        f"Penulis: {name}",
        f"Editor: {name}, {other} dan {draw(_NAMES)}",
        f"Reporter: {name} | Editor: {other}",
        f"Oleh: {name} | {draw(_date())}",
        f"{draw(_date())} | {name}",
        f"Sumber: {name} / {other}",
        f"Editor: {name} | Sumber: {other}",
        f"Laporan wartawan {name}, {other}",
        name,
        f"{name} - {draw(_date())}",
        "Jakarta -",
    ]))


@st.composite
def dated_pages(draw: st.DrawFn) -> str:
    """A page of gold lines with header lines (dates in every zone and order, bylines, credits) put among them."""
    lines = draw(pages()).split("\n")
    for _ in range(draw(st.integers(1, 6))):
        lines.insert(draw(st.integers(0, min(len(lines), 12))), draw(_header_line()))
    for _ in range(draw(st.integers(0, 2))):
        lines.insert(draw(st.integers(0, len(lines))), draw(_header_line()))
    return "\n".join(lines)


@settings(max_examples=300, deadline=None)
@given(dated_pages(), st.sampled_from(OUTLETS))
def test_a_page_with_dates_bylines_and_credits_has_the_same_metadata(text: str, outlet: str | None) -> None:
    _assert_alike(*_layout(text, outlet))


def test_a_layout_label_lines_did_not_make_goes_to_the_python_function() -> None:
    layout, compiled = _layout("\n".join(seed_pages()[0].text.split("\n")[:40]))
    renumbered = Layout(tuple(line._replace(no=line.no + 1) for line in layout.lines), layout.start, layout.end,
                        layout.title, layout.subtitle, layout.dateline)
    _assert_alike(renumbered, compiled)
    assert renumbered.lines[0].no == 1 and isinstance(renumbered.lines[0], Line)
    # the body, headline and deck past the lines kept
    shortened = Layout(layout.lines[:3], layout.start, layout.end, layout.title, layout.subtitle, layout.dateline)
    assert layout.end is not None and layout.end >= 3
    assert _outcome(native.structure().extract, shortened, compiled) == _outcome(
        metadata.extract, shortened, compiled)


def _outcome(call: Any, *args: Any) -> tuple[Any, ...]:
    try:
        return _facts(call(*args))
    except Exception as exc:  # the error is the outcome compared
        return type(exc), str(exc)


def _in_context(deadline: float, call: Any, *args: Any) -> Any:
    """``call(*args)`` in a context whose pattern calls have ``deadline`` (as a worker thread's, rules.timed)."""
    context = contextvars.copy_context()

    def run() -> Any:
        rules._deadline.set(deadline)
        return call(*args)

    return context.run(run)


def test_the_rules_time_limit_bounds_the_native_field_matches_as_the_python_ones() -> None:
    page = next(p for p in seed_pages() if metadata.extract(*_layout(p.text)).authors)
    layout, compiled = _layout(page.text)
    far = time.monotonic() + 600
    assert _facts(_in_context(far, native.structure().extract, layout, compiled)) == _facts(
        _in_context(far, metadata.extract, layout, compiled))
    past = time.monotonic() - 1
    with pytest.raises(rules.MatchTimeout) as python_error:
        _in_context(past, metadata.extract, layout, compiled)
    with pytest.raises(rules.MatchTimeout) as native_error:
        _in_context(past, native.structure().extract, layout, compiled)
    assert str(native_error.value) == str(python_error.value)


# dates.parse_date: the native reading against dates.py's

_DATE_TEXT = st.lists(st.sampled_from([
    *list("0123456789 ,.:/-+T|()"), "19", "20", "2022", "WIB", "WITA", "WIT", "wita", "GMT", "UTC", "Januari", "jan",
    "Pebruari", "Mei", "Des", "December", "Okt", "Rabu", "İ", "ſ", "\u212a", "٣", "Jul", "Julİ", " 12 ", "Agustus",
]), max_size=24).map("".join)


def _reading(call: Any, text: str) -> tuple[Any, ...]:
    """What a parse_date gives for ``text``: the value's type, printed form and zone (one of dates.ZONES is that
    very object), or the error."""
    try:
        when = call(text)
    except Exception as exc:  # the error is the outcome compared
        return type(exc), exc.args
    zone = getattr(when, "tzinfo", None)
    return type(when), repr(when), zone, next((name for name, known in ZONES.items() if zone is known), None)


@given(_DATE_TEXT | _date() | st.text(max_size=40))
@example("12 Julİ 2022")  # "İ" matched as "i": the month is read as the pattern matched it
@example("Rabu, 12 Jan 2022 13:50 WİB")
@example("31 Februari 2022 10:00")
@example("2022-01-12T13:50:00+08:00")
@example("13:50 WITA, Rabu, 12 Januari 2022")
@example("12 Januari 2022 10:00 GMT-15")
@example("12 Januari 2022 10:00 UTC-7:30")
def test_parse_date_reads_as_the_python(text: str) -> None:
    assert _reading(native.structure().parse_date, text) == _reading(dates._parse_date, text)


def test_parse_date_runs_natively_while_the_native_core_is_on() -> None:
    previous = native.use(True)
    try:
        assert dates.parse_date("12 Januari 2022") == dt.date(2022, 1, 12)
        assert native._native_passes["parse_date"] is native.structure().parse_date
    finally:
        native.use(previous)


# The C pre-checks: a call they rule out has the answer the C gives without it

_MARKED = st.lists(st.sampled_from([*list("19 20 ab|·•›»()\t\u00a0\u2028-.:"), "2022", "Jakarta"]), max_size=30).map(
    "".join) | st.text(max_size=40)


@given(_MARKED)
def test_text_with_no_19_or_20_holds_no_date(text: str) -> None:
    if "19" not in text and "20" not in text:
        assert dates._DATE.search(text) is None


@given(_MARKED)
def test_text_with_no_joining_mark_is_one_part(text: str) -> None:
    if not any(mark in text for mark in "|·•›»"):
        assert metadata._JOINED.split(text) == [text]
        assert JOINED_PARTS.split(text) == [text]
        assert headline_part(text) == text


def _spaced_mark(text: str) -> bool:
    """Whether text has a joining mark with, on both sides, a character \\s may match (ASCII white space or past
    ASCII): what metadata.c's pre-check asks before it splits."""
    def spacy(c: str) -> bool:
        return c in " \t\n\r\x0b\x0c\x1c\x1d\x1e\x1f" or ord(c) >= 0x80
    return any(c in "|·•›»" and spacy(text[k - 1]) and spacy(text[k + 1]) for k, c in enumerate(text[1:-1], 1))


@given(_MARKED)
@example("Senin, 12 Januari 2022 |15:54 WIB")
@example("Editor:\u00a0Rina |\u2003Ayu")
def test_text_with_no_spaced_joining_mark_is_one_part(text: str) -> None:
    if not _spaced_mark(text):
        assert metadata._JOINED.split(text) == [text]
        assert JOINED_PARTS.split(text) == [text]
        assert headline_part(text) == text


_NAMED = st.lists(st.sampled_from([*list("dDeEtTiIİkK\u212a.,/&|() \t-–"), "dan", "and", "Dan", "detik", "DETİK",
                                   ".com", "Rina", "Ayu", "M.Si", "(Jakarta)"]), max_size=20).map("".join)


@given(_NAMED | st.text(max_size=30))
def test_a_name_part_with_no_mark_the_patterns_need_is_left_as_it_is(text: str) -> None:
    if "(" not in text:
        assert metadata._ASIDE.sub("", text) == text
    if "." not in text:
        assert metadata._DEGREE.fullmatch(text) is None
        if "det" not in text.lower():
            assert metadata._OUTLET_TAIL.search(" " + text) is None
            assert metadata._OUTLET_TAIL.sub("", text) == text
    if not any(mark in text for mark in (",", "/", "&", "|", "dan", "and")):
        assert all(split.split(text) == [text] for split in metadata._SPLIT.values())
