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

from . import body, header, native
from .header import BYLINE_NAME, is_echo
from .model import Label, Line
from .rules import CompiledRuleSet, Rule
from .shape import MAX_HEADLINE, headline_shaped, is_prose, neighbour

__all__ = ["BYLINE_NAME", "Layout", "is_prose", "label_lines", "paragraphs"]

# The passes label_lines runs, each by its native version while the native core is on (the same answers).
find_body = native.structural("find_body", body.find_body)
byline_names = native.structural("byline_names", header.byline_names)
headline_candidates = native.structural("headline_candidates", header.headline_candidates)
label_header = native.structural("label_header", header.label_header)
label_footer = native.structural("label_footer", header.label_footer)

# An enum member looked up on its class costs 0.13 us in Python 3.11 (EnumType.__getattr__): once, not once a line.
_BODY = Label.BODY

# The names of the structural decisions label_lines makes itself (the native pass reads them here).
BLANK_RULE = "structure.blank"
INVISIBLE_RULE = "structure.invisible"
WIDGET_ITEM_RULE = "structure.widget_item"
INLINE_CREDIT_RULE = "structure.inline_credit"
BODY_RULE = "structure.body"
BODY_SHORT_RULE = "structure.body_short"
HEADLINE_ECHO_RULE = "structure.headline_echo"
TITLE_AFTER_BODY_RULE = "structure.title_after_body"
SUBTITLE_AFTER_BODY_RULE = "structure.subtitle_after_body"
# What a rule's name gets for the lines it claims: "<rule>:previous", "<rule>:next", "<rule>:item".
PREVIOUS_SUFFIX, NEXT_SUFFIX, ITEM_SUFFIX = ":previous", ":next", ":item"
# Strips a raw line to nothing when it is blank (segment.is_blank's ASCII white space).
BLANK_CHARACTERS = " \t\r\n\f\v"


@dataclass(frozen=True, slots=True)
class Layout:
    """Labelled lines plus where the body, headline, deck and dateline were found."""

    lines: tuple[Line, ...]
    start: int | None
    end: int | None
    title: int | None
    subtitle: int | None
    dateline: str | None


# A Layout made by setting its slots in C (see native.record), for the native label_lines.
new_layout = native.record(Layout)


def label_lines(raw: Sequence[str], text: Sequence[str], rules: CompiledRuleSet) -> Layout:
    """Label each line; ``raw`` are the input lines, ``text`` the same lines normalised."""
    n = len(text)
    labels: list[Label | None] = [None] * n
    names: list[str] = [""] * n
    matched: list[Rule | None] = [None] * n
    hits: list[tuple[int, Rule]] = []  # (line, rule) where a rule named the line: the passes below look at these
    invisible: list[int] = []
    # one int object per line number, shared by the lists below and the Line records
    numbers = list(range(n))
    looked_up: list[int] = []  # the lines the rules are asked about
    for i, r, t in zip(numbers, raw, text, strict=True):
        # only a line normalised to nothing, or left unstripped (spaces not normalised), can be blank
        if not t or t[0].isspace():
            if not r.strip(BLANK_CHARACTERS):
                labels[i], names[i] = Label.BLANK, BLANK_RULE
                continue
            if not t:
                # blank for the structure (it separates nothing); reported as ui at the end
                labels[i], names[i] = Label.BLANK, INVISIBLE_RULE
                invisible.append(i)
                continue
        looked_up.append(i)
    for i, m in zip(looked_up, rules.match_lines([text[i] for i in looked_up]), strict=True):
        if m is not None:
            rule = m.rule
            labels[i], names[i], matched[i] = rule.label, rule.name, rule
            hits.append((i, rule))
    _claim_neighbours(text, labels, names, hits)
    byline_names(text, labels, names, hits)
    anchored = headline_candidates(text, labels, hits)
    start, end, dateline, widget, named, late, credits = find_body(text, labels, matched, anchored, rules)
    for i in widget:
        labels[i], names[i] = Label.RELATED, WIDGET_ITEM_RULE
    for i in credits:
        labels[i], names[i] = Label.CAPTION, INLINE_CREDIT_RULE
    prefix = dateline[1] if dateline is not None else ""
    if start is not None and end is not None:
        for i in range(start, end + 1):
            if labels[i] is None:
                labels[i] = Label.BODY
                names[i] = named.get(i) or (BODY_RULE if is_prose(text[i]) else BODY_SHORT_RULE)
        if dateline is not None:
            names[start] = dateline[0]
    title, subtitle = label_header(text, labels, names, anchored, start if start is not None else n)
    if title is None and late is not None:
        title, subtitle = _late_header(text, labels, names, late)
    if title is not None and start is not None and end is not None:
        _headline_echoes(text, labels, names, title, start, end)
    if end is not None:
        label_footer(text, labels, names, end)
    final = [Label.NAV if label is None else label for label in labels]
    for i in invisible:
        final[i] = Label.UI
    prefixes = [""] * n
    if start is not None:
        prefixes[start] = prefix
    lines = tuple(map(Line, numbers, text, final, names, prefixes))
    return Layout(lines, start, end, title, subtitle, dateline[2] if dateline is not None else None)


def paragraphs(lines: Sequence[Line]) -> tuple[str, ...]:
    """The article's paragraphs: the text of each body line of ``lines`` without its dateline prefix, in order."""
    return tuple([line.content for line in lines if line.label is _BODY])


def _headline_echoes(
    text: Sequence[str], labels: list[Label | None], names: list[str], title: int, start: int, end: int,
) -> None:
    """A line inside the body that repeats the headline, alone or before a photo credit, is a photo's alt text,
    not running text; but while the body keeps a credit-shaped line that is no echo, its echoes stay too."""
    # only a line that is no running text: dropping it leaves the body one run (cleaning it again keeps it)
    echoes = {i for i in range(start, end + 1)
              if labels[i] is Label.BODY and names[i] == BODY_SHORT_RULE and is_echo(text[i], text[title])}
    # find_body keeps a credit in the body when the body without it is no run; an echo is a short line that counts
    # against the run, and without it, cleaning the body again could find the run and take the credit for a caption
    if not echoes or any(labels[i] is Label.BODY and i not in echoes and body.is_credit(text[i])
                         for i in range(start + 1, end)):
        return
    for i in echoes:
        labels[i], names[i] = Label.CAPTION, HEADLINE_ECHO_RULE


def _late_header(
    text: Sequence[str], labels: list[Label | None], names: list[str], headline: int,
) -> tuple[int, int | None]:
    """The headline printed after the body, and the sentence under it (the deck) when one is there."""
    labels[headline], names[headline] = Label.TITLE, TITLE_AFTER_BODY_RULE
    deck = neighbour(labels, headline, 1)
    if deck is None or labels[deck] is not None or not is_prose(text[deck]) or len(text[deck]) > MAX_HEADLINE * 2:
        return headline, None
    labels[deck], names[deck] = Label.SUBTITLE, SUBTITLE_AFTER_BODY_RULE
    return headline, deck


def _claim_neighbours(
    text: Sequence[str], labels: list[Label | None], names: list[str], hits: Sequence[tuple[int, Rule]],
) -> None:
    """Give a rule's ``previous``/``next`` label to the nearest non-blank line no rule named."""
    for i, rule in hits:
        if rule.previous is None and rule.next is None and not rule.claims_list:
            continue
        for label, step, suffix in ((rule.previous, -1, PREVIOUS_SUFFIX), (rule.next, 1, NEXT_SUFFIX)):
            if label is None:
                continue
            j = neighbour(labels, i, step)
            if j is None or labels[j] is not None:
                continue
            if step < 0 and rule.previous_echo and not text[i].startswith(text[j]):
                continue
            labels[j], names[j] = label, rule.name + suffix
        if rule.claims_list:
            _claim_list(text, labels, names, i, rule)


def _claim_list(text: Sequence[str], labels: list[Label | None], names: list[str], i: int, rule: Rule) -> None:
    """The headline-shaped lines no rule named right after a list header are its items."""
    j = neighbour(labels, i, 1)
    while j is not None and labels[j] is None and headline_shaped(text[j]) and len(text[j]) <= MAX_HEADLINE:
        labels[j], names[j] = rule.label, rule.name + ITEM_SUFFIX
        j = neighbour(labels, j, 1)
