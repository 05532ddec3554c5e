"""Article metadata from labelled lines: headline, deck, date, authors, editors, sources.

Fields come from the named groups of the meta rules that matched (``author``,
``editor``, ``source``, ``published``) and from lines a rule claimed with its
``previous_field``.  Only the article's own meta lines count: those before the
body (nearest the headline for the date) and the block of meta lines right after
it, so a currency widget's "Sumber: Bank Indonesia" further down is not a source.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache

import regex

from . import native
from .dates import parse_date
from .header import FOOTER_TITLE, JOINED_PARTS, date_part, headline_part
from .label import BYLINE_NAME, Layout
from .model import Label, Line, Published
from .regex_syntax import compile_flagged
from .rules import FIELDS, CompiledRuleSet, Rule, timed
from .shape import NAME, is_prose

_SPLIT = {
    "author": regex.compile(r"\s*(?:,|/|&|\||\bdan\b|\band\b)\s*"),
    "editor": regex.compile(r"\s*(?:,|/|&|\||\bdan\b)\s*"),
    "source": regex.compile(r"\s*[,/]\s*"),
}
_TRIM = " \t-–—|:;,.()[]*"
# A byline names a role before the name ("Kontributor Lhokseumawe, Masriadi"): the role is not a name.
_ROLE = regex.compile(
    r"(?i)(?:kontributor|koresponden|reporter|wartawan|penulis|editor|tim|jurnalis|pewarta|redaktur|fotografer)\b"
)
_JOINED = regex.compile(r"\s+[|·•]\s+")
# An outlet's name glued after a writer's name ("Siswanto Suara.Com", "Budi - detikNews") is not part of it.
_OUTLET_TAIL = regex.compile(r"(?i)\s+(?:[-–—|]\s*)?(?:(?:[\w-]+\.)+(?:com|co\.id|id|net|tv|news|co)|detik\w*)\s*$")
# A place or desk in brackets after a name: "Rina Ayu (Jakarta)"
_ASIDE = regex.compile(r"\s*\([^()]{1,40}\)")
# Places a byline or dateline names where a writer's name should be ("Penulis: Jakarta"): the larger cities and
# provinces.  Only a whole name equal to one is refused, so a writer called "Rina Padang" stays.
_PLACES = frozenset(
    (
        "jakarta", "bandung", "surabaya", "medan", "semarang", "yogyakarta", "jogja", "makassar", "palembang",
        "denpasar", "bali", "malang", "solo", "surakarta", "bogor", "depok", "bekasi", "tangerang", "batam",
        "pekanbaru", "padang", "manado", "balikpapan", "samarinda", "pontianak", "banjarmasin", "mataram",
        "kupang", "jayapura", "ambon", "aceh", "lampung", "jambi", "bengkulu", "serang", "cirebon",
        "tasikmalaya", "sukabumi", "garut", "kediri", "madiun", "jember", "banyuwangi", "sleman", "bantul",
        "klaten", "magelang", "purwokerto", "tegal", "pekalongan", "kudus", "cianjur", "karawang", "purwakarta",
        "palu", "kendari", "gorontalo", "ternate", "sorong", "manokwari", "merauke", "tarakan", "singkawang",
        "palangkaraya", "pangkalpinang", "tanjungpinang", "dumai", "lhokseumawe", "indonesia", "papua", "riau",
        "banten", "kalimantan", "sumatera", "sulawesi", "jawa", "maluku", "nusantara", "sidoarjo", "gresik",
        "mojokerto", "pasuruan", "probolinggo", "blitar", "tulungagung", "lamongan", "tuban", "bojonegoro",
        "ngawi", "ponorogo", "jombang", "lumajang", "madura", "sumenep", "pamekasan", "bangkalan", "salatiga",
        "boyolali", "sukoharjo", "wonogiri", "karanganyar", "sragen", "purworejo", "kebumen", "cilacap",
        "banyumas", "brebes", "batang", "kendal", "demak", "jepara", "pati", "rembang", "blora", "grobogan",
        "kulon progo", "gunungkidul", "subang", "indramayu", "majalengka", "kuningan", "sumedang", "ciamis",
        "pangandaran", "lebak", "pandeglang", "cilegon", "bukittinggi", "payakumbuh", "binjai",
        "pematangsiantar", "sibolga", "lubuklinggau", "prabumulih", "baturaja", "metro", "kotabumi", "bontang",
        "tenggarong", "sampit", "bitung", "tomohon", "kotamobagu", "bau-bau", "baubau", "sumbawa",
        "lombok", "timika", "nabire", "biak", "fakfak", "tual", "ende", "maumere", "labuan bajo",
        "tanjung pinang", "pangkal pinang", "tanjung selor", "kuala lumpur", "singapura", "hong kong",
        "new york", "abu dhabi", "den haag", "tel aviv", "washington", "london", "tokyo", "beijing", "seoul",
        "sydney", "moskow", "mekkah", "madinah", "kairo", "gaza", "yerusalem"
    )
) | frozenset({"banda aceh", "jakarta pusat", "jakarta selatan", "jakarta utara", "jakarta barat", "jakarta timur",
               "jawa barat", "jawa tengah", "jawa timur", "sumatera utara", "sumatera barat", "sulawesi selatan",
               "kalimantan timur", "nusa tenggara barat", "nusa tenggara timur", "bandar lampung"})
# A region named by a compass point ("Tangerang Selatan", "Jakarta Utara", "Nusa Tenggara Timur"): a place
_PLACE_SHAPE = regex.compile(
    r"(?i)\p{L}[\p{L}-]*(?:\s+\p{L}[\p{L}-]*){0,2}\s+(?:selatan|utara|barat|timur|tengah|raya|daya)"
)
# A writer's initials ("WBP", "ant") are no name
_MAX_INITIALS = 4
# Words of a widget's header ("Related News"), of an office or desk that signs a government or campus site's
# posts ("Humas Polres", "Admin Web"), or of an outlet's name ("CNN Indonesia"): never of a person's name.
_NOT_NAME = regex.compile(
    r"(?i)\b(?:related|news|berita|terkait|terpopuler|terkini|video|foto|photo|redaksi|admin|administrator|"
    r"bersambung|humas|webmaster|operator|diskominfo|kominfo|pemkab|pemkot|pemprov|pemerintah|dinas|"
    r"kementerian|sekretariat|biro|desk|kabupaten|kota|provinsi|indonesia|times|cnn|cnbc|tv|online|"
    r"tribun\w*|kompas\w*|okezone|sindonews|republika|jawapos|antara\w*|kumparan\w*|detik\w*|liputan6)\b"
)
# An academic degree after a name ("Dr. Rina Ayu, M.Si.", "S.Pd.I"): split off by the comma, it is no name
_DEGREE = regex.compile(r"(?:\p{Lu}\p{Ll}{0,2}\.){1,3}\p{Lu}?\p{Ll}{0,3}\.?")
# Words of a site's sections, which a date line may name beside the date ("Rabu, 12 Januari 2022 | Ekonomi Bisnis")
_SECTION = regex.compile(
    r"(?i)\b(?:ekonomi|bisnis|politik|hukum|nasional|internasional|daerah|regional|olahraga|sport|hiburan|gaya|"
    r"hidup|kesehatan|teknologi|tekno|otomotif|wisata|travel|kuliner|pendidikan|opini|megapolitan|metro|seleb|"
    r"sepak|bola|liga|keuangan|properti|finansial|market|pasar|saham|peristiwa|kriminal|sains|lifestyle|"
    r"entertainment|nusantara|dunia|global|humaniora|edukasi|religi|khazanah|kabar|info|warta|umum|utama)\b"
)
# A person's name: one to six words of letters (with dots, apostrophes and hyphens), no digits, no sentence.
_PERSON = regex.compile(r"\p{L}[\p{L}.\x27’-]*(?:\s+\p{L}[\p{L}.\x27’-]*){0,5}")
# The article's own credits follow its body closely (past pagination, tags and share
# buttons); a list of other articles ends them, and so does distance.
_FOOTER_REACH = 25
_LIST_STARTS = frozenset({"structure.footer_list"})
# The named groups of a rule's pattern that make its line a credit (a writer's, an editor's or a source's).
_CREDIT_GROUPS = tuple(f"(?P<{name}>" for name in ("author", "editor", "source"))
# The prefix of the names of the structural decisions (label.py), and the role of a line a rule claimed above it.
_STRUCTURAL = "structure."
_PREVIOUS = "previous"
# A site's tag printed alone ("KOMPAS.com -", "VIVAnews -"): a domain or a brand in mixed case names no city.
_SITE_TAG = regex.compile(r"\.\p{L}{2,}$|\p{Ll}\p{Lu}|\p{Lu}{2}\p{Ll}")


@dataclass(frozen=True, slots=True)
class Metadata:
    """What the page says about the article."""

    title: str | None
    subtitle: str | None
    published: Published
    authors: tuple[str, ...]
    editors: tuple[str, ...]
    sources: tuple[str, ...]
    dateline: str | None


# A Metadata made by setting its slots in C (see native.record), for the native extract.
new_metadata = native.record(Metadata)


def extract(layout: Layout, rules: CompiledRuleSet) -> Metadata:
    """Read the metadata from a labelled page."""
    lines = layout.lines
    title_line = layout.title if layout.title is not None else next(
        (line.no for line in lines if line.rule == FOOTER_TITLE), None)
    title = headline_part(lines[title_line].text) if title_line is not None else None
    subtitle = lines[layout.subtitle].text if layout.subtitle is not None else None
    found: dict[str, list[tuple[int, str]]] = {name: [] for name in FIELDS}
    for line in _article_meta(layout, rules):
        for name, value in _fields(line, rules):
            found[name].append((line.no, value))
    if layout.title is not None and title != lines[layout.title].text:
        for name, value in _joined_title_fields(lines[layout.title].text, rules):
            found[name].append((layout.title, value))
    return Metadata(
        title=title,
        subtitle=subtitle,
        published=_published(found["published"], layout),
        authors=_names(found["author"], "author"),
        editors=_names(found["editor"], "editor"),
        sources=_names(found["source"], "source"),
        dateline=layout.dateline or _dateline_alone(found["dateline"], layout),
    )


def _dateline_alone(found: Sequence[tuple[int, str]], layout: Layout) -> str | None:
    """A dateline printed on a line of its own ("Jakarta -") right above a body whose lead has no tag of its own
    (a lead that opens with a site's tag, "KOMPAS - ", has its own dateline, or none)."""
    start = layout.start
    if start is None or layout.lines[start].prefix:
        return None
    before = [(no, text.strip()) for no, text in found if no < start]
    if not before:
        return None
    no, city = before[-1]
    if _SITE_TAG.search(city):
        return None
    between = layout.lines[no + 1 : start]
    only_furniture = all(line.label is not Label.BODY and line.rule.startswith(_STRUCTURAL) for line in between)
    return city if only_furniture else None


def _article_meta(layout: Layout, rules: CompiledRuleSet) -> Iterator[Line]:
    """Meta lines of the header, and of the block that follows the body."""
    lines = layout.lines
    start = layout.start if layout.start is not None else len(lines)
    yield from (line for line in lines[:start] if line.label is Label.META)
    if layout.end is None:
        return
    footer = [line for line in lines[layout.end + 1 : layout.end + 1 + _FOOTER_REACH] if line.label is not Label.BLANK]
    for k, line in enumerate(footer):
        # a headline list ends the credits; a call to follow the channel (running text) does not, nor a lone
        # headline set right above a writer's or source credit
        if (line.rule in _LIST_STARTS and not is_prose(line.text)
                and not (k + 1 < len(footer) and _credit(footer[k + 1], rules))):
            return
        if line.label is Label.META:
            yield line


def _credit(line: Line, rules: CompiledRuleSet) -> bool:
    """Whether a rule named the line a credit of a writer, an editor or a source."""
    rule = rules.rule(line.rule)
    return rule is not None and rule.pattern is not None and any(group in rule.pattern for group in _CREDIT_GROUPS)


def _fields(line: Line, rules: CompiledRuleSet) -> list[tuple[str, str]]:
    """The fields a meta line holds, also from the parts of a line a scraper joined with " | " or " · "."""
    found = list(_own_fields(line, rules))
    parts = _JOINED.split(line.text)
    if len(parts) == 1:
        return found
    # a name runs to the separator ("Editor: Ahmad Rifai | Sumber: DLH Kota Bekasi"), unless the separators
    # part names ("Galih Priatmojo | Rahmat Jiwandono")
    found = [(k, v if k == "published" or _all_names(v) else _JOINED.split(v)[0]) for k, v in found]
    dated = any(k == "published" for k, _ in found)
    for i, part in enumerate(parts[1:], 1):
        m = rules.match(part)
        if m is None and dated and _writer_beside_date(part):
            # a writer's name printed beside the date: "Rabu, 12 Januari 2022 | 13:50 WIB | Rina Ayu"
            found.append(("author", part))
        if m is None or m.rule.label is not Label.META or m.rule.pattern is None:
            continue
        for k, v in _groups(m.rule, part):
            if k == "published":
                if dated:
                    continue  # the line's own date, with its time, is already read
                # the time may stand in the next part: "Oleh: X | Senin, 12 Januari 2022 | 14:00 WIB"
                if i + 1 < len(parts) and date_part(parts, i + 1) and parse_date(parts[i + 1]) is None:
                    v = f"{v} {parts[i + 1]}"
            found.append((k, v))
    return found


def _writer_beside_date(part: str) -> bool:
    """Whether a part of a date line a scraper joined is a writer's name: two words or more, no section's."""
    return " " in part and NAME.fullmatch(part) is not None and _SECTION.search(part) is None


def _joined_title_fields(text: str, rules: CompiledRuleSet) -> Iterator[tuple[str, str]]:
    """Fields printed in the parts of a headline line a scraper joined: a date, a byline, a name beside the date."""
    parts = JOINED_PARTS.split(text)
    for i, part in enumerate(parts):
        m = rules.match(part)
        if date_part(parts, i) and parse_date(part) is not None:
            # the date may be split from its time: "Selasa, 21 Februari 2017 | 14:05 WIB"
            time = parts[i + 1] if i + 1 < len(parts) and date_part(parts, i + 1) else ""
            yield "published", f"{part} {time}".strip()
        elif m is not None and m.rule.label is Label.META and m.rule.pattern is not None:
            yield from _groups(m.rule, part)
        elif NAME.fullmatch(part) and any(date_part(parts, j) for j in (i - 1, i + 1) if 0 <= j < len(parts)):
            yield "author", part


def _all_names(value: str) -> bool:
    """Whether every part of a joined value is a person's name."""
    return all(_PERSON.fullmatch(part.strip(_TRIM)) for part in _JOINED.split(value))


def _own_fields(line: Line, rules: CompiledRuleSet) -> Iterable[tuple[str, str]]:
    if line.rule == BYLINE_NAME:
        return (("author", line.text),)
    name, _, claimed = line.rule.partition(":")
    rule = rules.rule(name)
    if rule is None:
        return ()
    if claimed:
        field = rule.previous_field if claimed == _PREVIOUS else rule.next_field
        return ((field, line.text),) if field else ()
    if rule.pattern is None:
        return ()
    return _groups(rule, line.text)


def _groups(rule: Rule, text: str) -> list[tuple[str, str]]:
    # bounded by the page's time limit as the rule's own match is, in either mode (rules.timed)
    m = timed(_compiled(rule).fullmatch, text, f"rule {rule.name}")
    if m is None:
        return []
    return [(k, v) for k, v in m.groupdict().items() if v and k in FIELDS]


@lru_cache(maxsize=4096)
def _compiled(rule: Rule) -> regex.Pattern[str]:
    return compile_flagged(rule.pattern or "", rule.ignore_case)


def _published(found: Sequence[tuple[int, str]], layout: Layout) -> Published:
    """The header date nearest the body (a site-wide date widget sits further up), else the first one after it."""
    parsed = [(no, text, parse_date(text)) for no, text in found]
    times = {no: text for no, text, day in parsed if day is None}
    dated = [(no, _with_time(day, text, no, times)) for no, text, day in parsed if day is not None]
    if not dated:
        return None
    start = layout.start if layout.start is not None else len(layout.lines)
    before = [d for no, d in dated if no < start]
    return before[-1] if before else dated[0][1]


def _with_time(day: Published, text: str, no: int, times: dict[int, str]) -> Published:
    """A date printed alone, with the time printed on one of the next two lines ("06:20 WIB")."""
    if isinstance(day, dt.datetime):
        return day
    time = next((times[k] for k in (no + 1, no + 2) if k in times), None)
    return parse_date(f"{text} {time}") if time is not None else day


def _is_person(name: str) -> bool:
    """Whether a credit's text has the shape of a person's name (not a role, an outlet, a sentence or a date)."""
    return (
        bool(_PERSON.fullmatch(name))
        and any(c.isupper() for c in name)
        and not _ROLE.match(name)
        and _NOT_NAME.search(name) is None
        and name.casefold() not in _PLACES
        and not _PLACE_SHAPE.fullmatch(name)
        and not (len(name) <= _MAX_INITIALS and name.isupper() and " " not in name)
        and not _DEGREE.fullmatch(name)
        and not _OUTLET_TAIL.search(" " + name)
    )


def _names(found: Sequence[tuple[int, str]], kind: str) -> tuple[str, ...]:
    out: list[str] = []
    for _, value in found:
        for part in _SPLIT[kind].split(value):
            part = _ASIDE.sub("", part).strip(_TRIM)
            if kind != "source" and not _is_person(part := _OUTLET_TAIL.sub("", part).strip(_TRIM)):
                continue
            if part and part not in out:
                out.append(part)
    return tuple(out)
