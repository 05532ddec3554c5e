"""Indonesian publication dates: day and month names, abbreviations, WIB/WITA/WIT, date-only, no date."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from newsclean.dates import parse_date

WIB, WITA, WIT = (dt.timezone(dt.timedelta(hours=h)) for h in (7, 8, 9))


def shape(value: dt.datetime | dt.date | None) -> tuple[object, ...]:
    # a datetime must keep the printed zone, and a printed date must not grow a time
    offset = value.utcoffset() if isinstance(value, dt.datetime) else None
    return type(value).__name__, value, offset


def at(y: int, mo: int, d: int, h: int, mi: int, zone: dt.timezone = WIB) -> dt.datetime:
    return dt.datetime(y, mo, d, h, mi, tzinfo=zone)


CASES: list[tuple[str, dt.datetime | dt.date | None]] = [
    # the meta lines of the seeds and the devset
    ("Rabu 12 Jan 2022 13:50 WIB", at(2022, 1, 12, 13, 50)),
    ("- 9 Januari 2022, 16:51 WIB", at(2022, 1, 9, 16, 51)),
    ("Jum'at, 07 Januari 2022 |05:52 WIB", at(2022, 1, 7, 5, 52)),
    ("Rahman Asmardika , Jurnalis-Jum'at, 07 Januari 2022 |05:52 WIB", at(2022, 1, 7, 5, 52)),
    ("Jum’at, 07 Januari 2022 | 05:52 WIB", at(2022, 1, 7, 5, 52)),
    ("Kamis, 5 November 2015 - 15:56 wib", at(2015, 11, 5, 15, 56)),
    ("Selasa, 23 Februari 2016, 17:15 WIB", at(2016, 2, 23, 17, 15)),
    ("Jumat , 17 February 2017, 13:16 WIB", at(2017, 2, 17, 13, 16)),
    ("Kompas.tv - 30 Juni 2023, 07:02 WIB", at(2023, 6, 30, 7, 2)),
    ("Selasa, 21 September 2021 | 06:20 WIB", at(2021, 9, 21, 6, 20)),
    ("Selasa, 23/02/2016 15:32 WIB", at(2016, 2, 23, 15, 32)),
    ("12/01/2022, 13:50 WIB", at(2022, 1, 12, 13, 50)),
    ("on 16 Feb 2016 at 09:10 WIB", at(2016, 2, 16, 9, 10)),
    ("Vania Ika Aldida | Jum'at, 17 Februari 2017 - 13:30 wib", at(2017, 2, 17, 13, 30)),
    # zones
    ("Senin, 17 Agustus 2020 10:00 WITA", at(2020, 8, 17, 10, 0, WITA)),
    ("Senin, 17 Agustus 2020 10:00 WIT", at(2020, 8, 17, 10, 0, WIT)),
    ("Senin, 17 Agustus 2020 10:00 wita", at(2020, 8, 17, 10, 0, WITA)),
    ("17 Agustus 2020 10:00", at(2020, 8, 17, 10, 0)),  # no zone printed: Indonesian outlets mean WIB
    ("Ahad, 9 Januari 2022 pukul 16.51 WIB", at(2022, 1, 9, 16, 51)),
    # month spellings and abbreviations
    ("17 Agu 2020 08:00 WIB", at(2020, 8, 17, 8, 0)),
    ("17 Ags 2020 08:00 WIB", at(2020, 8, 17, 8, 0)),
    ("17 Agt 2020", dt.date(2020, 8, 17)),
    ("Selasa, 10 Nopember 2015 | 08:00 WIB", at(2015, 11, 10, 8, 0)),
    ("10 Nop 2015", dt.date(2015, 11, 10)),
    ("10 Nop. 2015", dt.date(2015, 11, 10)),
    ("1 Pebruari 2016", dt.date(2016, 2, 1)),
    ("1 Peb 2016", dt.date(2016, 2, 1)),
    ("3 Mei 2019", dt.date(2019, 5, 3)),
    ("3 Okt 2019", dt.date(2019, 10, 3)),
    ("24 Des 2019", dt.date(2019, 12, 24)),
    ("24 DESEMBER 2019", dt.date(2019, 12, 24)),
    # date only
    ("Senin, 22 Februari 2016", dt.date(2016, 2, 22)),
    ("9 Januari 2022", dt.date(2022, 1, 9)),
    ("2022-01-12", dt.date(2022, 1, 12)),
    ("23/02/2016", dt.date(2016, 2, 23)),
    # no date
    ("", None),
    ("Tidak ada tanggal di sini", None),
    ("13:50 WIB", None),
    ("Rabu pukul 13:50 WIB", None),
    ("31 Februari 2022 10:00 WIB", None),
    ("Januari 2022", None),
    ("9 Jumadil 2022", None),
]


@pytest.mark.parametrize(("text", "expected"), CASES, ids=[c[0] or "<empty>" for c in CASES])
def test_parse_date(text: str, expected: dt.datetime | dt.date | None) -> None:
    assert shape(parse_date(text)) == shape(expected)


def test_seconds_are_kept_when_printed() -> None:
    assert shape(parse_date("Rabu, 12 Januari 2022 13:50:30 WIB")) == shape(
        dt.datetime(2022, 1, 12, 13, 50, 30, tzinfo=WIB))


MONTH_NAMES = {
    1: ["Januari", "Jan"], 2: ["Februari", "Pebruari", "Feb", "Peb"], 3: ["Maret", "Mar"], 4: ["April", "Apr"],
    5: ["Mei"], 6: ["Juni", "Jun"], 7: ["Juli", "Jul"], 8: ["Agustus", "Agu", "Ags", "Agt"],
    9: ["September", "Sep", "Sept"], 10: ["Oktober", "Okt"], 11: ["November", "Nopember", "Nov", "Nop"],
    12: ["Desember", "Des"],
}
DAYS = ["Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Jum'at", "Jum’at", "Sabtu", "Minggu", "Ahad"]
ZONES = {"WIB": WIB, "WITA": WITA, "WIT": WIT}


@given(
    day=st.dates(min_value=dt.date(1995, 1, 1), max_value=dt.date(2035, 12, 31)),
    hour=st.integers(0, 23), minute=st.integers(0, 59), data=st.data(),
)
def test_any_printed_indonesian_date_time_reads_back(day: dt.date, hour: int, minute: int, data: st.DataObject) -> None:
    month = data.draw(st.sampled_from(MONTH_NAMES[day.month]))
    month = data.draw(st.sampled_from([month, month.upper(), month.lower()]))
    weekday = data.draw(st.sampled_from(["", *(f"{d}, " for d in DAYS), *(f"{d} " for d in DAYS)]))
    dd = data.draw(st.sampled_from([str(day.day), f"{day.day:02d}"]))
    sep = data.draw(st.sampled_from([" ", ", ", " | ", " |", " - ", " pukul "]))
    zone = data.draw(st.sampled_from(sorted(ZONES)))
    zone_text = data.draw(st.sampled_from([zone, zone.lower()]))
    text = f"{weekday}{dd} {month} {day.year}{sep}{hour:02d}:{minute:02d} {zone_text}"
    expected = dt.datetime(day.year, day.month, day.day, hour, minute, tzinfo=ZONES[zone])
    assert shape(parse_date(text)) == shape(expected)


@given(st.dates(min_value=dt.date(1995, 1, 1), max_value=dt.date(2035, 12, 31)), st.data())
def test_any_printed_date_without_time_reads_back_as_a_date(day: dt.date, data: st.DataObject) -> None:
    month = data.draw(st.sampled_from(MONTH_NAMES[day.month]))
    assert shape(parse_date(f"{day.day} {month} {day.year}")) == shape(day)


@given(st.text())
def test_parse_date_never_raises(text: str) -> None:
    result = parse_date(text)
    assert result is None or isinstance(result, dt.date)
    assert not isinstance(result, dt.datetime) or result.utcoffset() is not None


def test_a_dotted_capital_i_in_a_month_or_zone_is_read_as_the_pattern_matched_it() -> None:
    """The patterns ignore case as the regex module does ("İ" matches "i"); the names are looked up the same way,
    not by str.casefold (which makes "juli̇" of "Julİ", no month: a page with such a date failed with KeyError)."""
    assert parse_date("12 Julİ 2022") == dt.date(2022, 7, 12)
    assert parse_date("Rabu, 12 JULİ 2022 10:00 WİB") == at(2022, 7, 12, 10, 0)
