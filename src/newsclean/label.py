"""Label every line: first by the rule set's rules, then by the page's structure.

Pass 1 gives each line the label of the first rule that matches it in full.
Pass 2 decides the lines no rule named, from where they sit:

* The body is the stretch of the page with the most running text: a maximum-sum
  run over line scores (prose lines count their length, short lines and header
  furniture count against, widget headers and bylines are walls it cannot
  cross).  Below a header, a caption or deck right above a lead with a dateline
  prefix is left out of it.
* Before the body (the header) the headline is the line next to the date or
  byline; the line under it is the deck; what sits between them and the body is
  a caption; the rest is navigation or a headline list.
* After the body (the footer) the lines no rule named are headline lists or
  navigation.

Rules named ``structure.*`` in :attr:`Line.rule` are these structural decisions.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import regex

from .model import Label, Line
from .rules import CompiledRuleSet, Rule

#: Rule name of a writer's name on its own line beside the date or under the body (its text is an author).
BYLINE_NAME = "structure.byline_name"
_NAME = regex.compile(
    r"(?=.{5,40}$)\p{Lu}[\p{L}\x27’.-]*(?:\s+(?:\p{Lu}[\p{L}\x27’.-]*|bin|binti|van|de|al)){1,4}"
)
_TERMINAL = frozenset(".!?\"'”’)…;»")
_SITE_SUFFIX = regex.compile(r"\s+(?:\||::?|[-–—])\s+")
_DATE_FIELD = "(?P<published>"
_BYLINE_FIELD = "(?P<author>"

# Line scores for the body search (characters of running text are worth 1).
_BARRIER = None
_OPENS_BODY = -300
_MAX_CAPTIONS_BEFORE_LEAD = 2
_MAX_HEADLINE = 160
# How many lines a widget inside the article may take (header, headlines, bullets).
_WIDGET_REACH = 40
_MIN_PARAGRAPH = 60
_PARAGRAPH_END = frozenset('."”’)')
_RULE_SCORE = {Label.RELATED: -20, Label.PROMO: -20, Label.UI: -5}


@dataclass(frozen=True, slots=True)
class Layout:
    """Labelled lines plus where the body, headline, deck and dateline were found."""

    lines: tuple[Line, ...]
    start: int | None
    end: int | None
    title: int | None
    subtitle: int | None
    dateline: str | None


def is_prose(text: str) -> bool:
    """Whether a line reads as running text: a sentence of 3+ words, or long.

    A line ending in a colon needs 6 words: short ones are labels ("Berita Terkait:").
    """
    if len(text) >= 200:
        return True
    words = text.count(" ") + 1
    # an end-of-article mark ("...di area pantai.***") is not the sentence's end
    last = text.rstrip("*# ")[-1:] or text[-1]
    if last == ":":
        return words >= 6
    # a long line opening in lower case is a sentence's continuation (a page cut off mid-paragraph)
    return words >= 25 or (words >= 3 and last in _TERMINAL) or (words >= 8 and text[0].islower())


def label_lines(raw: Sequence[str], text: Sequence[str], rules: CompiledRuleSet) -> Layout:
    """Label each line; ``raw`` are the input lines, ``text`` the same lines normalised."""
    n = len(text)
    labels: list[Label | None] = [None] * n
    names: list[str] = [""] * n
    matched: list[Rule | None] = [None] * n
    for i, (r, t) in enumerate(zip(raw, text, strict=True)):
        if not r.strip(" \t\r\n\f\v"):
            labels[i], names[i] = Label.BLANK, "structure.blank"
        elif not t:
            # blank for the structure (it separates nothing); reported as ui at the end
            labels[i], names[i] = Label.BLANK, "structure.invisible"
        else:
            m = rules.match(t)
            if m is not None:
                labels[i], names[i], matched[i] = m.rule.label, m.rule.name, m.rule
    _claim_neighbours(text, labels, names, matched)
    _byline_names(text, labels, names, matched)
    anchored = _anchored(text, labels, matched)
    start, end, dateline, widget = _find_body(text, labels, matched, anchored, rules)
    for i in widget:
        labels[i], names[i] = Label.RELATED, "structure.widget_item"
    prefix = dateline[1] if dateline is not None else ""
    if start is not None and end is not None:
        for i in range(start, end + 1):
            if labels[i] is None:
                labels[i] = Label.BODY
                names[i] = "structure.body" if is_prose(text[i]) else "structure.body_short"
        if dateline is not None:
            names[start] = dateline[0]
    title, subtitle = _header(text, labels, names, anchored, start if start is not None else n)
    if end is not None:
        _footer(text, labels, names, end)
    lines = tuple(
        Line(i, text[i], _final(labels[i], names[i]), names[i], prefix if i == start else "") for i in range(n)
    )
    return Layout(lines, start, end, title, subtitle, dateline[2] if dateline is not None else None)


def _final(label: Label | None, rule: str) -> Label:
    if rule == "structure.invisible":
        return Label.UI
    return label or Label.NAV


def _claim_neighbours(
    text: Sequence[str], labels: list[Label | None], names: list[str], matched: list[Rule | None]
) -> None:
    """Give a rule's ``previous``/``next`` label to the nearest non-blank line no rule named."""
    for i, rule in enumerate(matched):
        if rule is None:
            continue
        for label, step, role in ((rule.previous, -1, "previous"), (rule.next, 1, "next")):
            if label is None:
                continue
            j = _neighbour(labels, i, step)
            if j is None or labels[j] is not None:
                continue
            if role == "previous" and rule.previous_echo and not text[i].startswith(text[j]):
                continue
            labels[j], names[j] = label, f"{rule.name}:{role}"
        if rule.claims_list:
            _claim_list(text, labels, names, i, rule)


def _claim_list(text: Sequence[str], labels: list[Label | None], names: list[str], i: int, rule: Rule) -> None:
    """The headline-shaped lines no rule named right after a list header are its items."""
    j = _neighbour(labels, i, 1)
    while j is not None and labels[j] is None and _headline_shaped(text[j]) and len(text[j]) <= _MAX_HEADLINE:
        labels[j], names[j] = rule.label, f"{rule.name}:item"
        j = _neighbour(labels, j, 1)


def _anchored(
    text: Sequence[str], labels: Sequence[Label | None], matched: Sequence[Rule | None]
) -> dict[int, tuple[int, int]]:
    """Unlabelled headline-shaped lines next to a block of date and byline lines: headline candidates.

    Each gets ``(strength, above)``: strength 2 next to a date, 1 next to a byline;
    ``above`` is 1 when the line sits right above that meta line (where headlines
    usually are, while captions usually sit below it).
    """
    found: dict[int, tuple[int, int]] = {}
    for i, rule in enumerate(matched):
        if rule is None or rule.label is not Label.META or rule.pattern is None:
            continue
        strength = 2 if _DATE_FIELD in rule.pattern else 1 if _BYLINE_FIELD in rule.pattern else 0
        if not strength:
            continue
        for above, j in ((1, _past_meta(labels, i, -1)), (0, _past_meta(labels, i, 1))):
            if j is None or labels[j] is not None or not _headline_shaped(text[j]):
                continue
            found[j] = max(found.get(j, (0, 0)), (strength, above))
    return found


def _byline_names(
    text: Sequence[str], labels: list[Label | None], names: list[str], matched: Sequence[Rule | None]
) -> None:
    """A writer's name alone on a line between the headline and the date (or right under the date) is a byline.

    Only when a longer headline sits above: a short headline of capitalised words has
    the shape of a name too, and then it stays a headline.
    """
    for i, rule in enumerate(matched):
        if rule is None or rule.label is not Label.META or rule.pattern is None or _DATE_FIELD not in rule.pattern:
            continue
        up, down = _past_meta(labels, i, -1), _past_meta(labels, i, 1)
        if up is not None and labels[up] is None and _NAME.fullmatch(text[up]):
            above = _past_meta(labels, up, -1)
            if above is not None and _is_headline_over_name(text, labels, above):
                labels[up], names[up] = Label.META, BYLINE_NAME
                up = above
        if (up is not None and _is_headline_over_name(text, labels, up)
                and down is not None and labels[down] is None and _NAME.fullmatch(text[down])):
            labels[down], names[down] = Label.META, BYLINE_NAME


def _is_headline_over_name(text: Sequence[str], labels: Sequence[Label | None], i: int) -> bool:
    # a headline of four words or more: a menu's last item ("Harian Kompas |") is not one
    line = text[i]
    return (
        labels[i] is None
        and _headline_shaped(line)
        and line.count(" ") >= 3
        and (line[-1].isalnum() or line[-1] in "?!\"'”’)")
        and not _NAME.fullmatch(line)
    )


def _past_meta(labels: Sequence[Label | None], i: int, step: int) -> int | None:
    """The nearest line beyond the block of meta lines around ``i`` (a byline split over lines, a date)."""
    j = _neighbour(labels, i, step)
    while j is not None and labels[j] is Label.META:
        j = _neighbour(labels, j, step)
    return j


def _neighbour(labels: Sequence[Label | None], i: int, step: int) -> int | None:
    """The nearest line in direction ``step`` that is not blank (nor invisible)."""
    j = i + step
    while 0 <= j < len(labels) and labels[j] is Label.BLANK:
        j += step
    return j if 0 <= j < len(labels) else None


def _headline_shaped(text: str) -> bool:
    words = text.count(" ") + 1
    return 2 <= words <= 40 and not text.endswith(".")


def _find_body(
    text: Sequence[str],
    labels: Sequence[Label | None],
    matched: Sequence[Rule | None],
    anchored: dict[int, tuple[int, int]],
    rules: CompiledRuleSet,
) -> tuple[int | None, int | None, tuple[str, str, str | None] | None, list[int]]:
    """The body's first and last line (a maximum-sum run), the lead's dateline, and widget lines inside it."""
    scores: list[int | None] = []
    datelines: dict[int, tuple[str, str, str | None]] = {}
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
            else:
                scores.append(-min(len(t), 80) // 2)
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
        return None, None, None, []
    start, end, items = _across_widgets(*span, text, scores, labels, matched)
    lead = _caption_before_lead(start, end, datelines, scores, labels)
    # only the lead's prefix is a dateline: "KPK - ..." further down is running text
    return lead, end, datelines.get(lead), items


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
            if not _one_run([s for i, s in enumerate(scores[new_start : new_end + 1], new_start)
                             if labels[i] is None and i not in crossed and i not in items]):
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
    if not _two_paragraphs(text, labels, range(first, far + step, step)):
        return None  # headlines and teasers, not the article going on
    return far, crossed


def _two_paragraphs(text: Sequence[str], labels: Sequence[Label | None], span: range) -> bool:
    """Whether two paragraphs follow one another in ``span`` (blank lines and inline links between them)."""
    previous = False
    for i in span:
        if labels[i] is not None:
            continue
        current = _paragraph(text[i])
        if current and previous:
            return True
        previous = current
    return False


def _paragraph(line: str) -> bool:
    """A line that reads as a paragraph of an article: a sentence of some length ending as sentences do."""
    return len(line) >= _MIN_PARAGRAPH and is_prose(line) and line.rstrip("*# ")[-1:] in _PARAGRAPH_END


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


def _one_run(scores: Sequence[int | None]) -> bool:
    """Whether these scores, in order, are a maximum-sum run as a whole: every prefix sum positive, the last the
    largest (then the body alone, cleaned again, is found whole)."""
    total, best = 0, 0
    for s in scores:
        total += s or 0
        if total <= 0:
            return False
        best = max(best, total)
    return total >= best


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
    if start in datelines or _neighbour(labels, start, -1) is None:
        return start
    prose_before = 0
    for i in range(start, end + 1):
        if i in datelines:
            return i if _holds_to(i, end, scores) else start
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
    # the paragraph left after the cut must read as one again, or cleaning the body twice would differ
    if not is_prose(rest) or rules.match(rest) is not None or rules.dateline(rest) is not None:
        return None
    return rule.name, prefix, city


def _holds_to(lead: int, end: int, scores: Sequence[int | None]) -> bool:
    """Whether a run started at ``lead`` stays positive up to ``end`` (so the body is a run of its own)."""
    total = 0
    for s in scores[lead : end + 1]:
        total += s or 0
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


def _header(
    text: Sequence[str],
    labels: list[Label | None],
    names: list[str],
    anchored: dict[int, tuple[int, int]],
    start: int,
) -> tuple[int | None, int | None]:
    """Label the header: headline (and its repeats), deck, captions, menus; return their lines.

    The headline is the candidate printed more than once (a page <title> and the
    on-page headline), then the one next to a date, then the one above its meta
    line, then the one nearest the body.  With no date or byline in the header,
    it is the last headline-shaped line printed a second time, else the nearest
    headline-shaped line of four words or more.
    """
    candidates = [i for i in anchored if i < start and labels[i] is None]
    if candidates:
        title: int | None = max(candidates, key=lambda i: (_printed_before(text, i), *anchored[i], i))
    else:
        # no date or byline to go by: a headline printed a second time (after the page's <title>),
        # else the nearest headline of four words or more above the body
        shaped = [i for i in range(start - 1, -1, -1)
                  if labels[i] is None and _headline_shaped(text[i]) and len(text[i]) <= _MAX_HEADLINE]
        title = next((i for i in shaped if _printed_before(text, i)), None)
        if title is None:
            title = next((i for i in shaped if text[i].count(" ") >= 3 and not is_prose(text[i])), None)
    subtitle = None
    if title is not None:
        labels[title], names[title] = Label.TITLE, "structure.title"
        nxt = _neighbour(labels, title, 1)
        if (nxt is not None and nxt < start and labels[nxt] is None and text[nxt] != text[title]
                and text[nxt].count(" ") >= 2):
            labels[nxt], names[nxt] = Label.SUBTITLE, "structure.subtitle"
            subtitle = nxt
        _label_repeats(text, labels, names, title, start)
    furniture = max((i for i in range(start) if labels[i] in (Label.META, Label.TITLE, Label.SUBTITLE)),
                    default=None)
    for i in range(start):
        if labels[i] is not None:
            continue
        if furniture is not None and i > furniture:
            labels[i], names[i] = Label.CAPTION, "structure.header_caption"
        elif text[i].count(" ") >= 3:
            labels[i], names[i] = Label.RELATED, "structure.header_list"
        else:
            labels[i], names[i] = Label.NAV, "structure.header_nav"
    return title, subtitle


def _printed_before(text: Sequence[str], i: int) -> bool:
    """Whether the line's text was already printed, alone or inside an earlier line (a page <title>)."""
    return any(text[i] in earlier for earlier in text[:i])


def _label_repeats(text: Sequence[str], labels: list[Label | None], names: list[str], title: int, start: int) -> None:
    """Other prints of the headline before the body (a page <title>, a logo line) are titles too."""
    headline = text[title]
    for i in range(start):
        if labels[i] is not None or i == title:
            continue
        head = _SITE_SUFFIX.split(text[i], maxsplit=1)[0]
        if text[i] == headline or headline in text[i] or (len(head) >= 15 and head in headline):
            labels[i], names[i] = Label.TITLE, "structure.title_repeat"


def _footer(text: Sequence[str], labels: list[Label | None], names: list[str], end: int) -> None:
    """Lines after the body that no rule named: a writer's sign-off, headline lists (4+ words) or navigation."""
    signoff = _neighbour(labels, end, 1)
    if signoff is not None and labels[signoff] is None and _NAME.fullmatch(text[signoff]):
        after = _neighbour(labels, signoff, 1)
        # a name under the last paragraph, over the date or credits ("Bagus Santoso"), or in capitals ("DINI TEJA")
        if text[signoff].isupper() or (after is not None and labels[after] is Label.META):
            labels[signoff], names[signoff] = Label.META, BYLINE_NAME
    for i in range(end + 1, len(text)):
        if labels[i] is not None:
            continue
        if text[i].count(" ") >= 3:
            labels[i], names[i] = Label.RELATED, "structure.footer_list"
        else:
            labels[i], names[i] = Label.NAV, "structure.footer_nav"
