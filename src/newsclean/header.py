"""The lines around the body: headline, deck, bylines and captions above it; credits and lists below it."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from itertools import accumulate

import regex

from .dates import parse_date
from .model import Label
from .rules import Rule
from .shape import MAX_HEADLINE, NAME, capitalised_share, headline_shaped, is_prose, neighbour, past_meta

#: Rule name of a writer's name on its own line beside the date or under the body (its text is an author).
BYLINE_NAME = "structure.byline_name"
_SITE_SUFFIX = regex.compile(r"\s+(?:\||::?|[-–—])\s+")
#: Where a scraper joined a header line's parts: "News | Nasional | Headline | Writer | Date", "Home › News".
JOINED_PARTS = regex.compile(r"\s+[|·•›»]\s+")
_MAX_DATE_PART = 60
DATE_FIELD = "(?P<published>"
AUTHOR_FIELD = "(?P<author>"
# How strongly a meta line anchors a headline candidate beside it (headline_candidates): a date, a byline.
_DATE_STRENGTH = 2
_BYLINE_STRENGTH = 1
# A headline of four words or more (spaces: words - 1); a shorter line may be a section, a menu item or a name.
_HEADLINE_SPACES = 3
# A deck under the headline has three words or more.
_DECK_SPACES = 2
# The rule names of the structural decisions made here (the native passes read them).
_TITLE = "structure.title"
_TITLE_REPEAT = "structure.title_repeat"
_SUBTITLE = "structure.subtitle"
_HEADER_CAPTION = "structure.header_caption"
_HEADER_LIST = "structure.header_list"
_HEADER_NAV = "structure.header_nav"
_FOOTER_LIST = "structure.footer_list"
_FOOTER_NAV = "structure.footer_nav"


def headline_candidates(
    text: Sequence[str], labels: Sequence[Label | None], hits: Sequence[tuple[int, Rule]]
) -> dict[int, tuple[int, int]]:
    """Unlabelled headline-shaped lines next to a block of date and byline lines: headline candidates.

    Each gets ``(strength, above)``: strength 2 next to a date, 1 next to a byline;
    ``above`` is 1 when the line sits right above that meta line (where headlines
    usually are, while captions usually sit below it).  ``hits`` are the lines a rule named, with the rule.
    """
    found: dict[int, tuple[int, int]] = {}
    ups, downs = _beyond_meta(labels)
    for i, rule in hits:
        if rule.label is not Label.META or rule.pattern is None:
            continue
        strength = (_DATE_STRENGTH if DATE_FIELD in rule.pattern
                    else _BYLINE_STRENGTH if AUTHOR_FIELD in rule.pattern else 0)
        if not strength:
            continue
        for above, j in ((1, ups[i]), (0, downs[i])):
            # above a meta line may be the last paragraph over a sign-off; below it, a caption stays anchored
            if j is None or labels[j] is not None or not (_could_head(text[j]) if above else _headline_shaped(text[j])):
                continue
            found[j] = max(found.get(j, (0, 0)), (strength, above))
    return found


# A full stop closing the line, past quotes and an end mark ('... kata dia."', '... terang Argo. (*)').
_SENTENCE_END = regex.compile(r"\.[\"'”’)]*\s*(?:\(\*\)|\*+)?$")


def _could_head(line: str) -> bool:
    """Whether a line beside a meta line may be a headline: headline-shaped, not too long, not a closing sentence.

    A sign-off or credit under the last paragraph has that paragraph next to it, and it must stay running text.
    """
    return (_headline_shaped(line) and len(line) <= MAX_HEADLINE
            and (_SENTENCE_END.search(line) is None or _trailing_off(line)))


_ELLIPSIS = "..."


def _trailing_off(line: str) -> bool:
    """A headline in title case trailing off in dots ("Harga Cabai Naik, Pedagang: Kami Rugi..."); a paragraph
    that does so is in sentence case."""
    return line.endswith(_ELLIPSIS) and capitalised_share(line, figures=False, least=1) >= _TITLE_CASE


def _headline_shaped(line: str) -> bool:
    """``headline_shaped``, also for a title-case headline trailing off in dots."""
    return headline_shaped(line) or (_trailing_off(line) and headline_shaped(line.rstrip(".").rstrip()))


def byline_names(
    text: Sequence[str], labels: list[Label | None], names: list[str], hits: Sequence[tuple[int, Rule]],
) -> None:
    """A writer's name alone on a line between the headline and the date (or right under the date) is a byline.

    Only when a longer headline sits above: a short headline of capitalised words has
    the shape of a name too, and then it stays a headline.  ``hits`` are the lines a rule named, with the rule.
    """
    ups, downs = _beyond_meta(labels)
    prose: str | None = None
    for i, rule in hits:
        if rule.label is not Label.META or rule.pattern is None or DATE_FIELD not in rule.pattern:
            continue
        up, down = ups[i], downs[i]
        if prose is None:
            # the running text of the page: a name it speaks of is the story's subject (a tag), not its writer
            prose = "\n".join(line for line in text if line and is_prose(line))
        changed = False
        if up is not None and labels[up] is None and NAME.fullmatch(text[up]) and _name_part(text[up]) not in prose:
            above = past_meta(labels, up, -1)
            if above is not None and _is_headline_over_name(text, labels, above):
                labels[up], names[up] = Label.META, BYLINE_NAME
                up, changed = above, True
        if up is not None and _is_headline_over_name(text, labels, up):
            # writers listed one a line, joined by commas: "Tri Susanto Setiawan," / "Kurnia Sari Aziza"
            while (down is not None and labels[down] is None and NAME.fullmatch(_name_part(text[down]))
                   and _name_part(text[down]) not in prose):
                labels[down], names[down], changed = Label.META, BYLINE_NAME, True
                if not text[down].endswith(_NAME_JOINER):
                    break
                down = neighbour(labels, down, 1)
        if changed:
            # a name became a meta line: the blocks around it grew (rare, so the scan is redone)
            ups, downs = _beyond_meta(labels)


def _beyond_meta(labels: Sequence[Label | None]) -> tuple[list[int | None], list[int | None]]:
    """For every line, ``past_meta`` upwards and downwards, in two scans (a page of a thousand date lines in a row
    would take a million steps line by line)."""
    n = len(labels)
    ups: list[int | None] = [None] * n
    downs: list[int | None] = [None] * n
    last: int | None = None
    for i in range(n):
        ups[i] = last
        if labels[i] is not Label.BLANK and labels[i] is not Label.META:
            last = i
    last = None
    for i in range(n - 1, -1, -1):
        downs[i] = last
        if labels[i] is not Label.BLANK and labels[i] is not Label.META:
            last = i
    return ups, downs


# What joins a line of a list of names (one a line) to the next.
_NAME_JOINER = ","


def _name_part(line: str) -> str:
    """A line of a list of names without the comma that joins it to the next."""
    return line.removesuffix(_NAME_JOINER).rstrip()


# What a headline over a byline ends with, besides a letter or a figure.
_HEADLINE_CLOSERS = "?!\"'”’)"


def _is_headline_over_name(text: Sequence[str], labels: Sequence[Label | None], i: int) -> bool:
    # a headline of four words or more: a menu's last item ("Harian Kompas |") is not one
    line = text[i]
    return (
        labels[i] is None
        and headline_shaped(line)
        and line.count(" ") >= _HEADLINE_SPACES
        and (line[-1].isalnum() or line[-1] in _HEADLINE_CLOSERS)
        and not NAME.fullmatch(line)
    )


def label_header(
    text: Sequence[str],
    labels: list[Label | None],
    names: list[str],
    anchored: dict[int, tuple[int, int]],
    start: int,
) -> tuple[int | None, int | None]:
    """Label the header: headline (and its repeats), deck, captions, menus; return their lines.

    The headline is the candidate printed more than once (a page <title> and the
    on-page headline), then one of four words or more, then the one next to a date, then the one above its meta
    line, then the one nearest the body; a deck next to the date yields to the headline right over it.
    With no date or byline in the header, it is the last headline-shaped line printed a second time, else the nearest
    headline-shaped line of four words or more, else the headline part of a header a scraper joined on one line,
    else a short headline alone on the page's first line right over the body.  No line that reads as something
    else is taken (a site suffix, a deck of two sentences, a caption with its credit, a line the body repeats or
    opens with): a page that prints no headline gets none.  A short section name over the headline yields to it.
    """
    body = _Body(text, labels, start)
    printed = _Printed(text, start)
    candidates = [i for i in anchored if i < start and labels[i] is None and body.could_be_title(text[i])]
    if candidates:
        # a section label over the date ("Haji & Umrah") is shorter than a headline
        best = max(candidates,
                   key=lambda i: (printed.before(i), text[i].count(" ") >= _HEADLINE_SPACES, *anchored[i], i))
        # a line printed before (in the page's <title>) is the headline; else it may be a deck under it
        title: int | None = best if printed.before(best) else _over_deck(text, labels, best, body)
    else:
        # no date or byline to go by: a headline printed a second time (after the page's <title>),
        # else the nearest headline of four words or more above the body
        shaped = [i for i in range(start - 1, -1, -1)
                  if labels[i] is None and _headline_shaped(text[i]) and len(text[i]) <= MAX_HEADLINE
                  and body.could_be_title(text[i])]
        title = next((i for i in shaped if printed.before(i)), None)
        if title is None:
            # or printed again inside the body, as a photo's alt text ("Headline" or "Headline Site/Credit")
            title = next((i for i in shaped if text[i].count(" ") >= _HEADLINE_SPACES and echoed(text, i, start)), None)
        if title is None:
            title = next((i for i in shaped if text[i].count(" ") >= _HEADLINE_SPACES and not is_prose(text[i])), None)
        if title is None:
            # a scraper joined breadcrumb, headline, byline and date on one line (a rule took it for a menu)
            title = next((i for i in range(start) if labels[i] is not Label.BLANK and joined_header(text[i])), None)
        if title is None and shaped and shaped[-1] == neighbour(labels, start, -1) == neighbour(labels, -1, 1):
            # the page opens with a short headline right over the body ("MALIOBORO (JAKA-LISA)")
            title = shaped[-1]
    if title is not None:
        title = _past_section(text, labels, title, start, printed)
    subtitle = None
    if title is not None:
        labels[title], names[title] = Label.TITLE, _TITLE
        nxt = neighbour(labels, title, 1)
        if nxt is not None and nxt < start and labels[nxt] is None and NAME.fullmatch(text[nxt]):
            # a writer's name alone under the headline is the byline, not a deck
            labels[nxt], names[nxt] = Label.META, BYLINE_NAME
        elif (nxt is not None and nxt < start and labels[nxt] is None and text[nxt] != text[title]
                and text[nxt].count(" ") >= _DECK_SPACES and not _widget_label(text[nxt])):
            labels[nxt], names[nxt] = Label.SUBTITLE, _SUBTITLE
            subtitle = nxt
        _label_repeats(text, labels, names, title, start)
    furniture = max((i for i in range(start) if labels[i] in (Label.META, Label.TITLE, Label.SUBTITLE)),
                    default=None)
    for i in range(start):
        if labels[i] is not None:
            continue
        if furniture is not None and i > furniture:
            labels[i], names[i] = Label.CAPTION, _HEADER_CAPTION
        elif text[i].count(" ") >= _HEADLINE_SPACES:
            labels[i], names[i] = Label.RELATED, _HEADER_LIST
        else:
            labels[i], names[i] = Label.NAV, _HEADER_NAV
    return title, subtitle


# A sentence ends inside the line ("... tsunami. Disarankan ..."): a deck or a caption, not a headline.
# A title's abbreviation ("Prof. Mahfud") ends no sentence.
# A short headline may be two sentences ("Jokowi Resmikan Tol. Begini Kondisinya"); a deck or caption is longer.
_LONG_TWO_SENTENCES = 90
_SENTENCE_BREAK = regex.compile(
    r"\p{Ll}{2}\.(?<!\b(?:Prof|Jend|Brigjen|Irjen|Kapt|Kol|Letjen|Mayjen|Drs|Dra|Mrs|Tbk|dkk|dll|Jln|Bpk|Ust|vs|Ltd|Inc|Bhd|etc)\.)"
    r"\s+\p{Lu}"
)


def headline_part(line: str) -> str:
    """The headline in a header line a scraper joined from parts ("Kompas TV · nasional · Headline"): its longest
    part of four words or more that is no date; the line itself when it has no such parts."""
    parts = JOINED_PARTS.split(line)
    heads = [p for p in parts if p.count(" ") >= _HEADLINE_SPACES and parse_date(p) is None]
    return max(heads, key=len) if len(parts) > 1 and heads else line


_TIME_ONLY = regex.compile(r"(?i)\d{1,2}[:.]\d{2}\s*(?:WIB|WITA|WIT)?")


def date_part(parts: Sequence[str], i: int) -> bool:
    """Whether the ``i``-th part of a joined line is a date ("Selasa, 21 Februari 2017", "14:05 WIB")."""
    part = parts[i]
    return len(part) <= _MAX_DATE_PART and (parse_date(part) is not None or _TIME_ONLY.fullmatch(part) is not None)


def joined_header(line: str) -> bool:
    """Whether a line joins a headline with a date printed beside it (a header a scraper put on one line)."""
    parts = JOINED_PARTS.split(line)
    if len(parts) < 3:
        return False
    head = headline_part(line)
    return (head != line and _reads_as_headline(head) and not is_prose(head)
            and any(date_part(parts, i) for i in range(len(parts))))


# What a headline opens with, besides a letter or a figure.
_HEADLINE_OPENERS = "\"'“‘([#"


def _reads_as_headline(line: str) -> bool:
    """Whether a headline-shaped line can be the headline.

    Not a site suffix ("- detikNews") nor a reading time ("· 3 menit baca"), which open with a mark,
    and not two sentences (a deck, or a caption with its credit).
    """
    return ((line[0].isalnum() or line[0] in _HEADLINE_OPENERS)
            and (len(line) < _LONG_TWO_SENTENCES or _SENTENCE_BREAK.search(line) is None)
            and _CREDIT_END.search(line) is None)


# A caption closes with its photo credit: "... Kamis (23/12/2021). (SuaraJogja.id/HO-Pemkab Bantul)"
# or with a site's credit: "... Titiek Soeharto. TRIBUNNEWS.COM/ILHAM RYAN PRATAMA"
_CREDIT_END = regex.compile(r"(?i)\([^()]{0,60}/[^()]{0,60}\)$|\b[\w-]+\.(?:com|co\.id|id|net|tv)/[^/]{2,60}$")
_BOILERPLATE_REPEATS = 2
_LEAD_LINES = 3


class _Body:
    """What the body prints, to test header lines against: its lines printed twice or more, and its lead."""

    def __init__(self, text: Sequence[str], labels: Sequence[Label | None], start: int) -> None:
        body = [text[j] for j in range(start, len(text)) if labels[j] is Label.BODY]
        self.repeated = {line for line, n in Counter(body).items() if n >= _BOILERPLATE_REPEATS}
        self.lead = body[:_LEAD_LINES]

    def could_be_title(self, line: str) -> bool:
        """Whether a line above the body may be the headline: it reads as one, the body does not print it again
        and again between its paragraphs ("Baca berita dengan sedikit iklan"), and its lead does not open with it
        (its first sentence, as a caption or a teaser).  The headline itself may be printed again further down,
        in share buttons and lists, but not as body: a body line that is the headline, alone or before a credit,
        is its echo (a photo's alt text, taken out of the body later), not a lead."""
        return (_reads_as_headline(line) and line not in self.repeated
                and not any(line in lead and not is_echo(lead, line) for lead in self.lead))


_MIN_DECK_WORDS = 6
_MAX_FURNITURE_WORDS = 4
_TITLE_CASE = 0.75
_SENTENCE_CASE = 0.5


def _over_deck(text: Sequence[str], labels: Sequence[Label | None], title: int, body: _Body) -> int:
    """The headline over a deck or a widget's label printed right above the date ("Headline" / "Deck" / "Rabu, ...").

    The line next to the date is then the deck: running text, or a sentence-case line of six words or more
    under a title-case headline (a headline of a sentence-case site has the deck's case, so it stays); or a
    player's or counter's label of four words or fewer under a headline of six words or more.
    """
    up = neighbour(labels, title, -1)
    if up is None or labels[up] is not None:
        return title
    # the last of a list of headlines over the headline (a trending bar) is none of it
    above = neighbour(labels, up, -1)
    if (above is not None and labels[above] is None and headline_shaped(text[above])
            and text[above].count(" ") >= _HEADLINE_SPACES):
        return title
    head, deck = text[up], text[title]
    if not (headline_shaped(head) and head.count(" ") >= _HEADLINE_SPACES and len(head) <= MAX_HEADLINE
            and not is_prose(head) and _reads_as_headline(head) and body.could_be_title(head)
            and not NAME.fullmatch(head)):
        return title
    cased = (deck.count(" ") + 1 >= _MIN_DECK_WORDS and capitalised_share(head, figures=False, least=1) >= _TITLE_CASE
             and capitalised_share(deck, figures=False, least=1) <= _SENTENCE_CASE)
    # a player's or counter's label by the date ("Dengarkan berita ini", "Waktu baca 3 menit", "Dibaca 1.234 kali")
    # is shorter than a headline, and its words tell it from a short headline ("Cabai Makin Mahal")
    furniture = head.count(" ") + 1 >= _MIN_DECK_WORDS and _widget_label(deck)
    return up if is_prose(deck) or cased or furniture else title


# Words of a text-to-speech player's or a counter's label; a short headline in sentence case has none
_WIDGET_WORDS = regex.compile(r"(?i)\b(?:dengarkan|dengar|listen|audio|putar|play|baca|dibaca|read|menit|min|views?|"
                              r"bagikan|share)\b")


def _widget_label(line: str) -> bool:
    """A short label of a player or counter ("Dengarkan berita ini", "Dibaca 1.234 kali"): four words or fewer,
    with a player's or counter's word."""
    return line.count(" ") + 1 <= _MAX_FURNITURE_WORDS and _WIDGET_WORDS.search(line) is not None


def _past_section(text: Sequence[str], labels: Sequence[Label | None], title: int, start: int,
                  printed: _Printed) -> int:
    """A section name over the headline ("Timnas Indonesia", "Foto Bisnis") is not it.

    The headline is then the line right under it, or a line further down (past the date) that the page
    printed before, in its <title>.
    """
    if text[title].count(" ") >= _HEADLINE_SPACES:
        return title
    nxt = neighbour(labels, title, 1)
    first = True
    while nxt is not None and nxt < start:
        line = text[nxt]
        if (labels[nxt] is None and headline_shaped(line) and line.count(" ") >= _HEADLINE_SPACES
                and len(line) <= MAX_HEADLINE
                and not is_prose(line) and _reads_as_headline(line) and (first or printed.before(nxt))):
            return nxt
        first = False
        nxt = neighbour(labels, nxt, 1)
    return title


def echoed(text: Sequence[str], i: int, start: int) -> bool:
    """Whether line ``i`` is printed again from line ``start`` on as a line of its own, alone or before a credit."""
    return any(is_echo(text[j], text[i]) for j in range(start, len(text)))


# A credit after a headline's echo ("IDN Times/Line Today Buzz", "(Foto: Reuters)") is about this long.
_MAX_ECHO_CREDIT = 60


def is_echo(line: str, headline: str) -> bool:
    """Whether ``line`` repeats ``headline`` (case aside), alone or followed by a short credit with no sentence."""
    line, headline = " ".join(line.casefold().split()), " ".join(headline.casefold().split())
    if line == headline:
        return True
    rest = line.removeprefix(headline + " ")
    credit = "/" in rest or rest.startswith("(")
    return rest != line and len(rest) <= _MAX_ECHO_CREDIT and credit and not is_prose(rest)


class _Printed:
    """Which lines above the body were already printed, alone or inside an earlier line (a page <title>)."""

    def __init__(self, text: Sequence[str], start: int) -> None:
        self.text = text
        # the header as one string: one search per line (no line holds a newline, so no match spans two)
        self.header = "\n".join(text[:start])
        self.offsets = list(accumulate((len(line) + 1 for line in text[:start]), initial=0))

    def before(self, i: int) -> bool:
        """Whether line ``i`` (above the body) was printed in an earlier line."""
        line = self.text[i]
        return bool(line) and self.header.find(line, 0, max(self.offsets[i] - 1, 0)) >= 0


# The head of a line before a site suffix ("Headline - Site") that can be a print of the headline is this long.
_MIN_SITE_HEAD = 15


def _label_repeats(text: Sequence[str], labels: list[Label | None], names: list[str], title: int, start: int) -> None:
    """Other prints of the headline before the body (a page <title>, a logo line) are titles too."""
    headline = text[title]
    for i in range(start):
        if labels[i] is not None or i == title:
            continue
        line = text[i]
        # the head before a site suffix ("Headline - Site") is at most the whole line: a short line has none
        if headline in line or (len(line) >= _MIN_SITE_HEAD
                                and len(head := _SITE_SUFFIX.split(line, maxsplit=1)[0]) >= _MIN_SITE_HEAD
                                and head in headline):
            labels[i], names[i] = Label.TITLE, _TITLE_REPEAT


def label_footer(text: Sequence[str], labels: list[Label | None], names: list[str], end: int) -> None:
    """Lines after the body that no rule named: a writer's sign-off, headline lists (4+ words) or navigation."""
    signoff = neighbour(labels, end, 1)
    if signoff is not None and labels[signoff] is None and NAME.fullmatch(text[signoff]):
        after = neighbour(labels, signoff, 1)
        # a name under the last paragraph, over the date or credits ("Bagus Santoso"), in capitals ("DINI TEJA"),
        # or ending the page
        if text[signoff].isupper() or after is None or labels[after] is Label.META:
            labels[signoff], names[signoff] = Label.META, BYLINE_NAME
    if Label.TITLE not in labels:
        _footer_title(text, labels, names, end)
    for i in range(end + 1, len(text)):
        if labels[i] is not None:
            continue
        if text[i].count(" ") >= _HEADLINE_SPACES:
            labels[i], names[i] = Label.RELATED, _FOOTER_LIST
        else:
            labels[i], names[i] = Label.NAV, _FOOTER_NAV


#: Rule name of a headline printed under the body, over its date (a page whose header comes last).
FOOTER_TITLE = "structure.footer_title"


def _footer_title(text: Sequence[str], labels: list[Label | None], names: list[str], end: int) -> None:
    """A page with no headline above the body may print it right under the body, over its date or byline."""
    i = neighbour(labels, end, 1)
    if i is None or labels[i] is not None:
        return
    line = text[i]
    after = neighbour(labels, i, 1)
    if not (after is not None and labels[after] is Label.META and headline_shaped(line)
            and line.count(" ") >= _HEADLINE_SPACES
            and len(line) <= MAX_HEADLINE and not is_prose(line) and _reads_as_headline(line)):
        return
    # a list of other stories prints headline and date again and again: its first headline is none of ours
    nxt = past_meta(labels, after, 1)
    if nxt is not None and labels[nxt] is None and headline_shaped(text[nxt]):
        later = neighbour(labels, nxt, 1)
        if later is not None and labels[later] is Label.META:
            return
    labels[i], names[i] = Label.TITLE, FOOTER_TITLE
