"""Where the article body lies: a maximum-sum run over line scores, widened over widgets inside it.

Prose lines count their length, short lines and header furniture count against,
and widget headers and bylines are walls the run cannot cross (a widget set inside
the article is crossed when the article goes on after it).  Below a header, a
caption or deck right above a lead with a dateline prefix is left out.
"""

from __future__ import annotations

from collections.abc import Container, Sequence
from typing import NamedTuple

import regex

from .header import AUTHOR_FIELD, DATE_FIELD
from .model import Label
from .normalize import fix_mojibake, normalize_line
from .rules import CompiledRuleSet, Rule
from .shape import (
    HEADLINE_CASE,
    MAX_HEADLINE,
    NAME,
    TERMINAL,
    capitalised_share,
    headline_shaped,
    is_paragraph,
    is_prose,
    list_item,
    neighbour,
    number_of,
)

# Line scores (characters of running text are worth 1); a wall has no score.
_BARRIER = None
_OPENS_BODY = -300
_RULE_SCORE = {Label.RELATED: -20, Label.PROMO: -20, Label.UI: -5}
_MAX_CAPTIONS_BEFORE_LEAD = 2
# How many lines a widget inside the article may take (header, headlines, bullets).
_WIDGET_REACH = 40
# A numbered or bulleted item between paragraphs ("2. Bekerja sebagai anggota TNI", "• Buka aplikasi") costs little:
# a listicle's items and a how-to's steps belong to the story, where a headline list is rarely numbered.
_LIST_ITEM = -2
# Items and steps are short; a longer bulleted line is likelier a headline of a list after the article.
_MAX_ITEM = 80
# A photo's credit alone ("dok: PSSI", "Tribunnews.com/Nama Fotografer") and its caption are about this long.
_MAX_CREDIT = 60
_MAX_CAPTION = 250
# A table's label or cell ("Hujan Ringan", "Jakarta Pusat") has a few words; a headline has more.
_LABEL_WORDS = 3
# An unruled line that is neither running text nor an item counts against the run by half its length, up to this.
_SHORT_LENGTH = 80
_SHORT_SHARE = 2
# The structural rules that take a line into the body beyond the run.
_NAMED_ITEM = "structure.list_item"
_NAMED_CUT = "structure.body_cut"
_NAMED_CLOSING = "structure.body_closing"


class Body(NamedTuple):
    """Where the body lies: first and last line, the lead's dateline ``(rule, prefix, city)``, the widget lines
    inside it, the structural rule that took a body line in beyond the run (a list item, a cut last line),
    the headline of a header printed after the body, and photo credits and credited captions between two
    paragraphs ("(Indozone/Riki Noviana)"; under the last paragraph the same line credits the reporter)."""

    start: int | None
    end: int | None
    dateline: tuple[str, str, str | None] | None
    widget: list[int]
    named: dict[int, str]
    headline: int | None
    credits: list[int]


def find_body(
    text: Sequence[str],
    labels: Sequence[Label | None],
    matched: Sequence[Rule | None],
    anchored: dict[int, tuple[int, int]],
    rules: CompiledRuleSet,
) -> Body:
    """The body's first and last line (a maximum-sum run, then lists and a cut last line next to it), the lead's
    dateline, and widget lines inside it."""
    scores: list[int | None] = []
    datelines: dict[int, tuple[str, str, str | None]] = {}
    items_scored: list[int] = []  # the lines scored as numbered or bulleted items
    for i, t in enumerate(text):
        label, rule = labels[i], matched[i]
        if label is None:
            if i in anchored:
                scores.append(-len(t))
            elif is_prose(t):
                found = _lead(t, rules)
                if found is not None:
                    datelines[i] = found
                # a lead counts without its dateline prefix, as it will be printed in the body
                scores.append(len(t) - (len(found[1]) if found is not None else 0))
            elif list_item(t) and len(t) <= _MAX_ITEM:
                scores.append(_LIST_ITEM)
                items_scored.append(i)
            else:
                scores.append(-min(len(t), _SHORT_LENGTH) // _SHORT_SHARE)
        elif rule is None:
            scores.append(0)
        elif rule.stops:
            scores.append(_BARRIER)
        elif rule.opens_body:
            scores.append(_OPENS_BODY)
        else:
            scores.append(_RULE_SCORE.get(rule.label, 0))
    span = _best_run(scores)
    if span is None:
        return Body(None, None, None, [], {}, None, [])
    start, end, items = _across_widgets(*span, text, scores, labels, matched)
    lead = _caption_before_lead(start, end, datelines, scores, labels)
    named = {i: _NAMED_ITEM for i in items_scored if lead <= i <= end}
    headline = _header_after(lead, end, text, labels, matched)
    if headline is not None:
        cut = _last_in_run(lead, headline, scores, labels)
        # the body without the late header must still be a run of its own (cleaning it again keeps it whole)
        if _one_run(lead, cut, scores, labels, set(items)):
            end = cut
        else:
            headline = None
    items_end, listed = _list_after(lead, end, text, labels, scores, set(items))
    named.update((i, _NAMED_ITEM) for i in range(end + 1, items_end + 1) if labels[i] is None)
    end = _cut_last_line(listed, text, labels, matched)
    if end != listed:
        named[end] = _NAMED_CUT
    closing = _closing_sentence(end, text, labels)
    if closing != end:
        named[closing], end = _NAMED_CLOSING, closing
    if lead not in datelines:
        for step in (_deck_over_caption, _caption_under_credit):
            later = step(lead, end, text, scores, labels, matched)
            # the body below must still be a run of its own (cleaning it again keeps it whole)
            lead = later if _holds_to(later, end, scores, labels) else lead
        first = _list_before(lead, text, labels, matched)
        named.update((i, _NAMED_ITEM) for i in range(first, lead) if labels[i] is None)
        lead = first
    credits = [i for i in range(lead + 1, end) if labels[i] is None and is_credit(text[i])]
    if credits and not _one_run(lead, end, scores, labels, {*items, *credits}):
        credits = []
    # only the lead's prefix is a dateline: "KPK - ..." further down is running text
    return Body(lead, end, datelines.get(lead), items, named, headline, credits)


def _across_widgets(
    start: int,
    end: int,
    text: Sequence[str],
    scores: Sequence[int | None],
    labels: Sequence[Label | None],
    matched: Sequence[Rule | None],
) -> tuple[int, int, list[int]]:
    """Widen the body over widgets set inside the article ("Terpopuler" and its headlines).

    A widget header is a wall for the run, so an article with a widget between two
    paragraphs would lose one half.  The body crosses a navigation wall when the text
    on the far side reads as the article going on (two paragraphs in a row), and
    only when the widened body is still one run of its own (so cleaning the body
    again gives it back whole).  The widget's headlines become ``related``.
    """
    items: list[int] = []
    for step in (1, -1):
        while True:
            found = _resume(start if step < 0 else end, step, text, scores, labels, matched)
            if found is None:
                break
            edge, crossed = found
            new_start, new_end = (edge, end) if step < 0 else (start, edge)
            if not _one_run(new_start, new_end, scores, labels, {*crossed, *items}):
                break
            start, end = new_start, new_end
            items.extend(crossed)
    return start, end, items


def _resume(
    edge: int,
    step: int,
    text: Sequence[str],
    scores: Sequence[int | None],
    labels: Sequence[Label | None],
    matched: Sequence[Rule | None],
) -> tuple[int, list[int]] | None:
    """Past the widget beyond ``edge`` (in direction ``step``): the far end of the article's other part, and the
    widget's own unlabelled lines; None when no widget lies there or the article does not go on."""
    n, i, crossed, walls = len(scores), edge + step, [], 0
    while 0 <= i < n and abs(i - edge) <= _WIDGET_REACH:
        score, rule = scores[i], matched[i]
        if score is _BARRIER:
            if rule is None or rule.label is not Label.NAV:
                return None  # a byline, a credit, a sign-off: the article is over
            walls += 1
        elif walls and ((score or 0) > 0 or (step < 0 and labels[i] is None)):
            break  # the article's other part (going back, its last line may be a short one)
        elif (score or 0) > 0:
            return None  # running text before any widget: the run ended there on purpose
        elif labels[i] is None:
            crossed.append(i)  # a headline of the widget
        i += step
    else:
        return None
    first = i
    while 0 <= first < n and scores[first] is not _BARRIER and (labels[first] is not None or (scores[first] or 0) <= 0):
        first += step
    if not walls or not 0 <= first < n or scores[first] is _BARRIER:
        return None
    far = _run_end(first, step, scores)
    span = range(first, far + step, step)
    # one paragraph will do past a widget of headlines when the article's closing byline or editor is under it
    if not _two_paragraphs(text, labels, span) and not (
            step > 0 and crossed and _closed(far, text, labels, matched, span)):
        return None  # headlines and teasers, not the article going on
    return far, crossed


def _closed(
    far: int, text: Sequence[str], labels: Sequence[Label | None], matched: Sequence[Rule | None], span: range,
) -> bool:
    """Whether a paragraph past a widget is the article's last: the article's closing byline, editor or sign-off
    comes right under it."""
    below = neighbour(labels, far, 1)
    rule = matched[below] if below is not None else None
    return (rule is not None and rule.label is Label.META
            and any(labels[i] is None and is_paragraph(text[i]) for i in span))


def _two_paragraphs(text: Sequence[str], labels: Sequence[Label | None], span: range) -> bool:
    """Whether two paragraphs follow one another in ``span`` (blank lines and inline links between them).

    A paragraph printed twice in a row is one teaser shown twice, not the article going on.
    """
    previous: str | None = None
    for i in span:
        if labels[i] is not None:
            continue
        current = text[i] if is_paragraph(text[i]) else None
        if current is not None and previous is not None and current != previous:
            return True
        previous = current
    return False


def _run_end(first: int, step: int, scores: Sequence[int | None]) -> int:
    """Where a run that opens at ``first`` and goes in direction ``step`` scores most."""
    total, best, best_at, i = 0, 0, first, first
    while 0 <= i < len(scores) and scores[i] is not _BARRIER:
        total += scores[i] or 0
        if total <= 0:
            break
        if total > best:
            best, best_at = total, i
        i += step
    return best_at


def _one_run(
    start: int, end: int, scores: Sequence[int | None], labels: Sequence[Label | None], left_out: Container[int] = (),
) -> bool:
    """Whether the unruled lines from ``start`` to ``end`` but those ``left_out`` are, in order, a maximum-sum run as
    a whole: every prefix sum positive, the last larger than every other (then the body alone, cleaned again, is
    found whole: a run ends on the first line its sum peaks at, so a last line that only equals an earlier peak
    would be left out)."""
    total, best, peak = 0, 0, True
    for i in range(start, end + 1):
        if labels[i] is not None or i in left_out:
            continue
        total += scores[i] or 0
        if total <= 0:
            return False
        peak = total > best
        best = max(best, total)
    return peak


def _caption_before_lead(
    start: int,
    end: int,
    datelines: dict[int, tuple[str, str, str | None]],
    scores: Sequence[int | None],
    labels: Sequence[Label | None],
) -> int:
    """Where the body starts when a caption or deck sits between the header and a dateline lead.

    Up to two prose lines right before a lead with a dateline are taken for the
    photo caption or deck, but only below a header: a run that opens the text
    (a body cleaned a second time) keeps its first paragraph.
    """
    if start in datelines or neighbour(labels, start, -1) is None:
        return start
    prose_before = 0
    for i in range(start, end + 1):
        if i in datelines:
            return i if _holds_to(i, end, scores, labels) else start
        if (scores[i] or 0) > 0:
            prose_before += 1
            if prose_before > _MAX_CAPTIONS_BEFORE_LEAD:
                break
    return start


def _lead(line: str, rules: CompiledRuleSet) -> tuple[str, str, str | None] | None:
    """``(rule name, prefix, city)`` when the line opens with a dateline and the rest is a paragraph."""
    found = rules.dateline(line)
    if found is None:
        return None
    rule, prefix, city = found
    rest = line[len(prefix):]
    # the paragraph left after the cut must read as one again, or cleaning the body twice would differ: prose, the
    # same line once normalised again, and no rule's line or dateline
    if (not is_prose(rest) or not _reads_again(line, rest) or rules.match(rest) is not None
            or rules.dateline(rest) is not None):
        return None
    return rule.name, prefix, city


def _reads_again(line: str, rest: str) -> bool:
    """Whether ``rest``, a lead's line after its dateline prefix, is what normalising it gives back, as its whole
    ``line`` is (the body is read again as lines of its own).

    Cutting the prefix can leave a character normalisation would change: white space the pattern's ``\\s`` stops
    at ("\\x1f"), stripped off a line; mojibake ftfy repairs once the prefix's own characters are gone
    ("... — ... Ê®").  A line left unnormalised (normalisation off) is not held to it.
    """
    # a part of a normalised line holds no odd space: only white space opening it and mojibake can change (most
    # leads have neither, and normalising takes longer than looking)
    if not rest[:1].isspace() and fix_mojibake(rest) == rest:
        return True
    return normalize_line(rest) == rest or normalize_line(line) != line


def _holds_to(lead: int, end: int, scores: Sequence[int | None], labels: Sequence[Label | None]) -> bool:
    """Whether a run started at ``lead`` stays positive up to ``end`` over the unruled lines (so the body is a run of
    its own when cleaned again, where the lines a rule took out of it, a "Baca Juga" link, are gone)."""
    total = 0
    for i in range(lead, end + 1):
        if labels[i] is not None:
            continue
        total += scores[i] or 0
        if total <= 0:
            return False
    return True


def _best_run(scores: Sequence[int | None]) -> tuple[int, int] | None:
    """The run of lines with the largest positive score sum, not crossing a barrier."""
    best_sum, best = 0, None
    run_sum, run_start = 0, -1
    for i, s in enumerate(scores):
        if s is _BARRIER:
            run_sum, run_start = 0, -1
            continue
        if run_start < 0:
            if s <= 0:
                continue
            run_start, run_sum = i, s
        else:
            run_sum += s
            if run_sum <= 0:
                run_sum, run_start = 0, -1
                continue
        if run_sum > best_sum:
            best_sum, best = run_sum, (run_start, i)
    return best


def _list_after(
    lead: int,
    end: int,
    text: Sequence[str],
    labels: Sequence[Label | None],
    scores: Sequence[int | None],
    left_out: Container[int],
) -> tuple[int, int]:
    """Past a list or table of short lines under the body's last line: ``(last item, last body line)``.

    Items are numbered, bulleted or open with a figure, or are short labels ("Hujan Ringan"); a numbered list
    goes on in order.  They are body when the article goes on below them (a paragraph), or when the last
    paragraph announces them ("Berikut daftarnya:" over "1 gram: Rp1.884.000", "Berikut prakiraan cuacanya.");
    else the body ends where it did.  The article goes on below only when the body from ``lead`` (but the lines
    ``left_out``) through the list to the text below is found whole when cleaned again (``_found_again``); the
    list ends before an item that reads as prose and is longer than that body weighs.
    """
    announced = text[end].rstrip().endswith(":") or _ANNOUNCES.search(text[end]) is not None
    last, number, count, headline_like = end, None, 0, False
    above = _weight(lead, end, scores, labels, left_out)
    j = neighbour(labels, end, 1)
    while j is not None and labels[j] is None and count < _WIDGET_REACH and _item(text[j], announced):
        if _outweighs(text[j], above):
            break  # cleaned again, this item alone would be the body
        found = number_of(text[j])
        if number is not None and found != number + 1:
            break  # a numbered list ends where its numbers stop following on
        number, last, count = found, j, count + 1
        headline_like = headline_like or text[j].count(" ") >= _LABEL_WORDS
        j = neighbour(labels, j, 1)
    if last != end and j is not None and labels[j] is None:
        far = _run_end(j, 1, scores)
        # the article going on: a sentence under an announced list, a paragraph under a table of labels, two
        # paragraphs under unannounced items as long as headlines (a numbered list of them and a teaser are not)
        if ((announced and is_prose(text[j])) or (is_paragraph(text[j]) and (
                not headline_like or _two_paragraphs(text, labels, range(j, far + 1))))) and _found_again(
                lead, end, j, far, text, scores, labels, left_out):
            return last, far
    return (last, last) if announced else (end, end)


def _found_again(
    lead: int,
    end: int,
    below: int,
    far: int,
    text: Sequence[str],
    scores: Sequence[int | None],
    labels: Sequence[Label | None],
    left_out: Container[int],
) -> bool:
    """Whether a body from ``lead`` to ``end``, a list under it, and the text from ``below`` to ``far`` under the
    list is found whole when cleaned alone: it is one run, or the part above the list weighs no less than the text
    under it (the run is found above the list again, and the list takes the text under it in again).

    A long table under a short lead (a caption over the lead left out of the body) fails both: cleaned again, the
    body would be the text under the table alone.
    """
    above = _weight(lead, end, scores, labels, left_out)
    return _one_run(lead, far, scores, labels, left_out) or (
        above >= _weight(below, far, scores, labels, left_out) and not _outweighs(text[below], above))


def _outweighs(line: str, weight: int) -> bool:
    """Whether ``line``, cleaned again, is prose that outweighs a body of ``weight`` on its own (a line anchored to
    the page around it scores less here than it will alone)."""
    return len(line) > weight and is_prose(line)


def _weight(
    first: int, last: int, scores: Sequence[int | None], labels: Sequence[Label | None], left_out: Container[int],
) -> int:
    """The score of the unruled lines from ``first`` to ``last`` but those ``left_out``."""
    return sum(scores[i] or 0 for i in range(first, last + 1) if labels[i] is None and i not in left_out)


def _item(line: str, announced: bool) -> bool:
    """Whether a line can be an item of a list or a cell of a table (headlines are longer)."""
    if list_item(line, figures=True):
        return True
    label, colon, _ = line.partition(": ")
    # "Pagi: Cerah Berawan" is a row of a table; "Pria Wonogiri Ditinggal Nikah: Tak Kusangka" a headline
    return label.count(" ") < _LABEL_WORDS and (not colon or announced) and len(line) <= MAX_HEADLINE


def _cut_last_line(
    end: int, text: Sequence[str], labels: Sequence[Label | None], matched: Sequence[Rule | None],
) -> int:
    """The page's last line when the page is cut off in it, right after the body (a truncated page).

    Only links, promos and buttons inside the article may sit between; the cut line ends as no sentence does.
    """
    j = _past_inline(end, 1, labels, matched)
    if j is None or neighbour(labels, j, 1) is not None:
        return end
    line = text[j].rstrip()
    # a name is a sign-off, a link a credit ("Artikel ini bisa dilihat di : https://..."), a line of capitalised
    # words another story's headline or lead ("PRESIDEN Prabowo Subianto meminta jajaran Kepolisian ...")
    if not line or line[-1] in TERMINAL or line.endswith(":") or NAME.fullmatch(line) or _LINK.search(line):
        return end
    if number_of(line) is None and capitalised_share(line) >= HEADLINE_CASE:
        return end
    return j


def _list_before(
    start: int, text: Sequence[str], labels: Sequence[Label | None], matched: Sequence[Rule | None],
) -> int:
    """Back over a numbered list in order that runs into the body (a page 2 that opens mid-list)."""
    first, number = start, None
    j = _past_inline(start, -1, labels, matched)
    while j is not None and labels[j] is None:
        found = number_of(text[j])
        if found is None or (number is not None and found != number - 1):
            break
        number, first = found, j
        j = neighbour(labels, j, -1)
    # two items at least: one numbered line over the body may be a headline
    return (first if number is not None and first != start
            and _count_items(text, labels, first, start) >= _MIN_ITEMS_BEFORE else start)


def _past_inline(i: int, step: int, labels: Sequence[Label | None], matched: Sequence[Rule | None]) -> int | None:
    """The nearest unruled line beyond ``i`` in direction ``step`` past links, promos, ads and buttons (which may
    sit inside an article); None when another line (a widget header, a byline) or the page's edge comes first."""
    j = neighbour(labels, i, step)
    while j is not None and labels[j] is not None:
        rule = matched[j]
        if rule is None or rule.stops or rule.label not in _INLINE:
            return None
        j = neighbour(labels, j, step)
    return j


def _count_items(text: Sequence[str], labels: Sequence[Label | None], first: int, start: int) -> int:
    return sum(1 for i in range(first, start) if labels[i] is None and number_of(text[i]) is not None)


_INLINE = frozenset({Label.RELATED, Label.PROMO, Label.AD, Label.UI})
_MIN_ITEMS_BEFORE = 2
#: "(Indozone/Riki Noviana)", "(ANTARA/Hafidz Mubarak A)": a source and a name, alone in parentheses.
_CREDIT = regex.compile(r"\(\s*[^\s()/][^()/]{1,40}/\s*\p{Lu}[^()]{1,80}\)")
#: "Berikut daftar harganya.", "... sebagai berikut": a line that announces the list under it.
_ANNOUNCES = regex.compile(r"\bberikut\b", regex.IGNORECASE)
#: "Kepala Biro Penmas Polri Brigjen Argo Yuwono. (Antara)": a caption-length line closed by a one-word credit.
_CREDITED = regex.compile(r".{3,150}\s\(\p{Lu}[\p{L}.]{1,30}\)")
_IMAGE = regex.compile(r"!\[|<\s*(?:image|img|figure|picture)\b|data:image/", regex.IGNORECASE)
_LINK = regex.compile(r"https?://|www\.")
#: A photo's credit names its source with one of these ("dok: PSSI", "Tribunnews.com/Nama").
_CREDIT_MARKS = "/:"


def _deck_over_caption(
    start: int,
    end: int,
    text: Sequence[str],
    scores: Sequence[int | None],
    labels: Sequence[Label | None],
    matched: Sequence[Rule | None],
) -> int:
    """Past a deck: a sentence right under a headline and over the photo's caption or credit is no lead.

    The headline is an unlabelled headline-shaped line right above (a lead under a date or a byline stays);
    the body goes on below the caption.
    """
    above, below = neighbour(labels, start, -1), neighbour(labels, start, 1)
    if (above is None or below is None or labels[above] is not None or not headline_shaped(text[above])
            or len(text[above]) > MAX_HEADLINE or is_paragraph(text[above]) or len(text[start]) > MAX_HEADLINE):
        return start
    rule = matched[below]
    if rule is None or rule.label is not Label.CAPTION:
        return start
    return _next_in_run(below, end, scores, labels, start)


def _caption_under_credit(
    start: int,
    end: int,
    text: Sequence[str],
    scores: Sequence[int | None],
    labels: Sequence[Label | None],
    matched: Sequence[Rule | None],
) -> int:
    """Past a photo's caption printed under its credit ("dok: PSSI", "Tribunnews.com/Nama") or under the image
    itself ("![...](https://...)", "<image>") above the body.

    The caption is one line of a caption's length; a lead with a dateline is never taken for one.
    """
    above = neighbour(labels, start, -1)
    if above is None:
        return start
    rule, credit = matched[above], text[above]
    if rule is None or rule.label is not Label.CAPTION or len(text[start]) > _MAX_CAPTION:
        return start
    image = _IMAGE.match(credit) is not None
    if not image and (len(credit) > _MAX_CREDIT or not any(c in credit for c in _CREDIT_MARKS)):
        return start
    return _next_in_run(start, end, scores, labels, start)


def _last_in_run(start: int, i: int, scores: Sequence[int | None], labels: Sequence[Label | None]) -> int:
    """The last running-text line above line ``i`` and not above ``start`` (a run ends on one)."""
    j: int | None = neighbour(labels, i, -1)
    while j is not None and j > start and (labels[j] is not None or (scores[j] or 0) <= 0):
        j = neighbour(labels, j, -1)
    return start if j is None or j < start else j


def _next_in_run(i: int, end: int, scores: Sequence[int | None], labels: Sequence[Label | None], default: int) -> int:
    """The first running-text line of the body below line ``i`` (``default`` when none is left)."""
    j: int | None = neighbour(labels, i, 1)
    while j is not None and j <= end and (labels[j] is not None or (scores[j] or 0) <= 0):
        j = neighbour(labels, j, 1)
    return j if j is not None and j <= end else default


def _header_after(
    start: int, end: int, text: Sequence[str], labels: Sequence[Label | None], matched: Sequence[Rule | None],
) -> int | None:
    """The headline of a header printed after the body (a page 2 that opens with the story's end): a headline,
    and the deck under it, at the run's foot right over the date line (at most two unruled lines between, and
    the byline: "Name | Name" over the date)."""
    j, between = neighbour(labels, end, 1), 0
    while j is not None and labels[j] is None and between < _LATE_BETWEEN:
        j, between = neighbour(labels, j, 1), between + 1
    bylines = 0
    while j is not None and bylines < _BYLINES_OVER_DATE and _is_byline(matched[j]):
        j, bylines = neighbour(labels, j, 1), bylines + 1
    rule = matched[j] if j is not None else None
    if rule is None or rule.label is not Label.META or rule.pattern is None or DATE_FIELD not in rule.pattern:
        return None
    i: int | None = end
    for _ in range(_LATE_HEADLINE_LINES):
        if i is None or i <= start or labels[i] is not None:
            return None
        if headline_shaped(text[i]) and not is_prose(text[i]) and text[i].count(" ") + 1 >= _LATE_HEADLINE_WORDS:
            return i
        i = neighbour(labels, i, -1)
    return None


_BYLINES_OVER_DATE = 2
# A late header: up to this many unruled lines (the headline and its deck) between the run's foot and the date,
# the headline one of the last this many lines of the run, and of this many words at least.
_LATE_BETWEEN = 2
_LATE_HEADLINE_LINES = 2
_LATE_HEADLINE_WORDS = 4


def _is_byline(rule: Rule | None) -> bool:
    """A meta rule that reads a writer and no date: a byline line of a header."""
    return (rule is not None and rule.label is Label.META and rule.pattern is not None
            and AUTHOR_FIELD in rule.pattern and DATE_FIELD not in rule.pattern)


# A closing sentence: a word or two, ending as a sentence does (inside its closing quote), opening with a capital or
# an opening quote.
_CLOSING_WORDS = 2
_SENTENCE_END = ".!?"
_CLOSING_QUOTES = "\"'”’»"
_OPENING_QUOTES = "\"'“‘«"


def _closing_sentence(end: int, text: Sequence[str], labels: Sequence[Label | None]) -> int:
    """A sentence of a word or two right under the body's last line ("Semoga bermanfaat!", '"Kami tolak!"'),
    with no unruled line under it: the article's last sentence, too short to count as running text."""
    j = neighbour(labels, end, 1)
    if j is None or labels[j] is not None:
        return end
    below = neighbour(labels, j, 1)
    if below is not None and labels[below] is None:
        return end
    line = text[j].strip()
    core = line.rstrip(_CLOSING_QUOTES)
    if (not core or core[-1] not in _SENTENCE_END or line.count(" ") + 1 > _CLOSING_WORDS
            or not (line[0].isupper() or line[0] in _OPENING_QUOTES)):
        return end
    return j


def is_credit(line: str) -> bool:
    """A photo credit alone ("(Indozone/Riki Noviana)"), or a caption closed by its one-word credit: inside the
    body these are captions (under the last paragraph the same credit is the article's sign-off)."""
    return _CREDIT.fullmatch(line) is not None or _CREDITED.fullmatch(line) is not None
