"""What a line looks like (running text, a headline, a name), and stepping to a line's neighbours."""

from __future__ import annotations

from collections.abc import Sequence

import regex

from .model import Label

#: A person's name alone on a line: two to five capitalised words.
NAME = regex.compile(
    r"(?=.{5,40}$)\p{Lu}[\p{L}\x27’.-]*(?:\s+(?:\p{Lu}[\p{L}\x27’.-]*|bin|binti|van|de|al)){1,4}"
)
#: What a sentence ends with (an end-of-article mark aside).
TERMINAL = frozenset(".!?\"'”’)…;»")
# Indonesian function words (the stop list idea of jusText, for one language).
_FUNCTION_WORDS = frozenset(
    {
        "yang", "di", "dan", "itu", "ini", "dengan", "untuk", "dari", "pada", "ke", "akan", "tidak", "juga", "ada",
        "dalam", "bahwa", "oleh", "karena", "sudah", "saat", "para", "atau", "mereka", "dia", "ia", "kami", "kita",
        "telah", "bisa", "lebih", "hanya", "masih", "namun", "jika", "agar", "setelah", "hingga", "sebagai", "adalah",
        "tersebut", "kepada", "secara", "tetapi", "tapi", "belum", "pun", "lalu", "maka", "sehingga", "seperti", "tak",
        "sangat"
    }
)
_FUNCTION_SHARE = 0.3
_PUNCT = ".,;:!?\"'“”‘’()[]-–—"
#: Headlines and list items are at most this long.
MAX_HEADLINE = 160
_MIN_PARAGRAPH = 60
_PARAGRAPH_END = frozenset('."”’)')
#: "2. ", "2) ", "(2) ": a numbered item's mark; "• ", "- ", "* ", "▪ ": a bullet.
_NUMBERED = regex.compile(r"\(?(\d{1,2})[.)]\s+\S")
_BULLETED = regex.compile(r"[•·▪◦●■*-]\s*\S")
_FIGURE = regex.compile(r"\d")


# What makes a line running text: this long, or this many words (words: spaces + 1); a sentence needs
# SENTENCE_WORDS and its closing mark, a line ending in a colon LABEL_WORDS, one with no closing mark
# CONTINUATION_WORDS and the look of a sentence.
PROSE_LENGTH = 200
SENTENCE_WORDS = 3
LABEL_WORDS = 6
CONTINUATION_WORDS = 8
MANY_WORDS = 25
#: An end-of-article mark ("...di area pantai.***"): stripped before a line's closing mark is read.
END_MARKS = "*# "


def is_prose(text: str) -> bool:
    """Whether a line reads as running text: a sentence of 3+ words, or long.

    A line ending in a colon needs 6 words: short ones are labels ("Berita Terkait:").
    """
    if len(text) >= PROSE_LENGTH:
        return True
    words = text.count(" ") + 1
    # an end-of-article mark ("...di area pantai.***") is not the sentence's end
    last = text.rstrip(END_MARKS)[-1:] or text[-1]
    if last == ":":
        return words >= LABEL_WORDS
    if words >= MANY_WORDS or (words >= SENTENCE_WORDS and last in TERMINAL):
        return True
    # a long line opening in lower case is a sentence's continuation (a page cut off mid-paragraph);
    # a sentence that lost its full stop still reads as one: function words make up much of it,
    # where headlines and menus are nearly all content words
    # (a headline in title case holds function words too: "Inilah 7 Fakta Unik yang Hanya Ada di Indonesia")
    return words >= CONTINUATION_WORDS and (text[0].islower() or (_function_share(text) >= _FUNCTION_SHARE
                                                 and capitalised_share(text) < HEADLINE_CASE))


#: A line whose words open with a capital (or a figure) this often is a headline, not a sentence.
HEADLINE_CASE = 0.6
_MIN_CASE_WORDS = 3


def capitalised_share(line: str, *, figures: bool = True, least: int = _MIN_CASE_WORDS) -> float:
    """The share of a line's words that open with a capital letter (with ``figures``, a figure counts as one,
    among words opening with a letter or a figure; else only words opening with a letter count); 0 with fewer
    than ``least`` such words."""
    words = [w for w in line.split() if (w[0].isalnum() if figures else w[0].isalpha())]
    capital = sum(w[0].isupper() or (figures and w[0].isdigit()) for w in words)
    return capital / len(words) if words and len(words) >= least else 0.0


def _function_share(text: str) -> float:
    tokens = text.casefold().split()
    return sum(t.strip(_PUNCT) in _FUNCTION_WORDS for t in tokens) / len(tokens)


#: How many words a headline has (words: spaces + 1).
HEADLINE_WORDS = (2, 40)


def headline_shaped(text: str) -> bool:
    """Whether a line could be a headline: 2 to 40 words, not ending in a full stop."""
    words = text.count(" ") + 1
    return HEADLINE_WORDS[0] <= words <= HEADLINE_WORDS[1] and not text.endswith(".")


def is_paragraph(line: str) -> bool:
    """A line that reads as a paragraph of an article: a sentence of some length ending as sentences do."""
    return len(line) >= _MIN_PARAGRAPH and is_prose(line) and line.rstrip(END_MARKS)[-1:] in _PARAGRAPH_END


def neighbour(labels: Sequence[Label | None], i: int, step: int) -> int | None:
    """The nearest line in direction ``step`` that is not blank (nor invisible)."""
    j = i + step
    while 0 <= j < len(labels) and labels[j] is Label.BLANK:
        j += step
    return j if 0 <= j < len(labels) else None


def past_meta(labels: Sequence[Label | None], i: int, step: int) -> int | None:
    """The nearest line beyond the block of meta lines around ``i`` (a byline split over lines, a date)."""
    j = neighbour(labels, i, step)
    while j is not None and labels[j] is Label.META:
        j = neighbour(labels, j, step)
    return j


def number_of(line: str) -> int | None:
    """The number of a numbered list item ("3. Klaster Soto Lamongan" is 3), else None."""
    found = _NUMBERED.match(line)
    return int(found.group(1)) if found is not None else None


def list_item(line: str, *, figures: bool = False) -> bool:
    """Whether a short line is an item of a list: numbered or bulleted (or, with ``figures``, opening with a
    figure, as in "1 gram: Rp1.884.000")."""
    if len(line) > MAX_HEADLINE:
        return False
    return bool(_NUMBERED.match(line) or _BULLETED.match(line) or (figures and _FIGURE.match(line)))
