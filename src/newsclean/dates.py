"""Indonesian publication dates: day and month names, abbreviations and time zones."""

from __future__ import annotations

import datetime as dt

import regex

from . import native
from .regex_syntax import fold  # names are looked up as the patterns matched them: "Julİ" is "juli", not "juli̇"

MONTHS: dict[str, int] = {
    **dict.fromkeys(("januari", "jan", "january"), 1),
    **dict.fromkeys(("februari", "pebruari", "feb", "peb", "february"), 2),
    **dict.fromkeys(("maret", "mar", "march"), 3),
    **dict.fromkeys(("april", "apr"), 4),
    **dict.fromkeys(("mei", "may"), 5),
    **dict.fromkeys(("juni", "jun", "june"), 6),
    **dict.fromkeys(("juli", "jul", "july"), 7),
    **dict.fromkeys(("agustus", "agu", "ags", "agt", "aug", "august"), 8),
    **dict.fromkeys(("september", "sep", "sept"), 9),
    **dict.fromkeys(("oktober", "okt", "oct", "october"), 10),
    **dict.fromkeys(("november", "nopember", "nov", "nop"), 11),
    **dict.fromkeys(("desember", "des", "dec", "december"), 12),
}
ZONES: dict[str, dt.timezone] = {
    "wib": dt.timezone(dt.timedelta(hours=7)),
    "wita": dt.timezone(dt.timedelta(hours=8)),
    "wit": dt.timezone(dt.timedelta(hours=9)),
}
#: The zone assumed when a page prints a time but no zone (Indonesian outlets print WIB times).
DEFAULT_ZONE = ZONES["wib"]
# An offset this long or longer ("GMT+15") is no zone of a page: the default zone is taken instead.
_NO_ZONE_OFFSET = dt.timedelta(hours=15)

_MONTH = "|".join(sorted(MONTHS, key=len, reverse=True))
_DATE = regex.compile(
    rf"(?i)\b(?P<day>\d{{1,2}})\s+(?P<month>{_MONTH})\.?,?\s+(?P<year>(?:19|20)\d\d)\b"
    # the English order of a site in English or on WordPress: "January 12, 2022", "Jan 12, 2022"
    rf"|\b(?P<emonth>{_MONTH})\.?\s+(?P<eday>\d{{1,2}}),\s+(?P<eyear>(?:19|20)\d\d)\b"
    r"|\b(?P<nday>\d{1,2})[/.-](?P<nmonth>\d{1,2})[/.-](?P<nyear>(?:19|20)\d\d)\b"
    r"|\b(?P<iyear>(?:19|20)\d\d)(?P<isep>[-/])(?P<imonth>\d\d)(?P=isep)(?P<iday>\d\d)(?:\b|(?=T\d))"
)
_TIME = regex.compile(
    r"(?<![\d/])(?P<hour>[01]?\d|2[0-3])[:.](?P<minute>[0-5]\d)(?::(?P<second>[0-5]\d))?(?![\d/])"
)
_ZONE = regex.compile(
    r"(?i)\b(?P<zone>WITA|WIB|WIT)\b|\b(?:GMT|UTC)\s*(?P<sign>[+-])\s*(?P<hours>\d{1,2})(?::?(?P<minutes>\d\d))?\b"
    # an ISO 8601 offset right after the time: "2022-01-12T13:50:00+08:00"
    r"|(?<=\d[:.]\d\d)(?P<isign>[+-])(?P<ihours>\d\d):?(?P<iminutes>\d\d)\b"
)


def _zone(text: str) -> dt.tzinfo:
    """The first zone printed in ``text`` (WIB, WITA, WIT, or an offset such as "GMT+7"), else WIB."""
    z = _ZONE.search(text)
    if z is None:
        return DEFAULT_ZONE
    if z.group("zone"):
        return ZONES[fold(z.group("zone"))]
    sign, hours, minutes = (z.group("sign"), z.group("hours"), z.group("minutes")) if z.group("sign") else (
        z.group("isign"), z.group("ihours"), z.group("iminutes"))
    offset = dt.timedelta(hours=int(hours), minutes=int(minutes or 0))
    if offset >= _NO_ZONE_OFFSET:
        return DEFAULT_ZONE
    return dt.timezone(-offset if sign == "-" else offset)


def _parse_date(text: str) -> dt.datetime | dt.date | None:
    """The first date in ``text``, with its time and zone when printed.

    ``"Rabu 12 Jan 2022 13:50 WIB"`` gives 2022-01-12 13:50+07:00;
    ``"9 Januari 2022"`` gives the date 2022-01-09; text with no date gives None.
    The English order ("January 12, 2022"), numeric and ISO dates ("2022-01-12T13:50:00+08:00") are read too,
    and a time printed before the date ("13:50 WIB, Rabu, 12 Januari 2022") when none follows it.
    A time with no zone is taken as WIB.
    """
    m = _DATE.search(text)
    if m is None:
        return None
    try:
        if m.group("day"):
            day = dt.date(int(m.group("year")), MONTHS[fold(m.group("month"))], int(m.group("day")))
        elif m.group("eday"):
            day = dt.date(int(m.group("eyear")), MONTHS[fold(m.group("emonth"))], int(m.group("eday")))
        elif m.group("nday"):
            day = dt.date(int(m.group("nyear")), int(m.group("nmonth")), int(m.group("nday")))
        else:
            day = dt.date(int(m.group("iyear")), int(m.group("imonth")), int(m.group("iday")))
    except ValueError:
        return None
    rest = text[m.end():]
    t = _TIME.search(rest)
    if t is None:
        # the time may come first: "13:50 WIB, Rabu, 12 Januari 2022"
        t = _TIME.search(text[: m.start()])
        if t is None:
            return day
        rest = text[t.start() : m.start()]
    zone = _zone(rest)
    hour, minute, second = int(t.group("hour")), int(t.group("minute")), int(t.group("second") or 0)
    return dt.datetime(day.year, day.month, day.day, hour, minute, second, tzinfo=zone)


# Read by its native version while the native core is on (the same answers; tests/test_structure_metadata.py).
parse_date = native.structural("parse_date", _parse_date)
