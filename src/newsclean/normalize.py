"""Character-level clean-up of one line, before any rule looks at it.

What it does (each step can be switched off through :class:`Normalization`):

* ``mojibake``: repair text decoded with the wrong codec (``Ã©`` -> ``é``,
  ``â€œ`` -> ``“``) with ftfy, but only on lines that show a mojibake marker,
  and with every ftfy fixer that would reword the text (quote uncurling,
  ligatures, width, line breaks, Unicode normalisation) turned off.
* ``spaces``: NBSP and the other Unicode spaces become a plain space,
  zero-width characters and the BOM are removed, runs of spaces and tabs
  collapse to one space, and the line is stripped.

Nothing else changes: spelling, quotes and dashes stay as printed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import ftfy

from .segment import TEMPLATE_LINE, split_lines

# UTF-8 read as cp1252/latin-1: a lead byte (Â..ï) followed by a continuation byte, which
# shows as one of U+00A0..U+00BF or one of cp1252's specials for 0x80..0x9F.
_MOJIBAKE = re.compile(
    "[\u00c2-\u00ef][\u00a0-\u00bf\u20ac\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160"
    "\u2039\u0152\u017d\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u017e\u0178]"
)
_ZERO_WIDTH = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
_SPACE = "[ \t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]"
_SPACES = re.compile(f"{_SPACE}+")
# The spaces that are never kept as they are: every one in _SPACE but the plain space.
_ODD_SPACE = "[\t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]"
# The runs _SPACES would change: any run but a lone plain space (which sub would only copy).  Written
# to begin with a character, not a repeat, so that the engine skips ahead to the next space.
_ODD_SPACES = re.compile(f"{_ODD_SPACE}{_SPACE}*| {_SPACE}+")
# A character the space fixes would change (or drop); with no such character and no two plain spaces
# in a row (most pages), they have nothing to do.  Two searches: one alternation of both is slower.
_ODD_CHARACTER = re.compile(f"{_ODD_SPACE}|{_ZERO_WIDTH.pattern}")


@dataclass(frozen=True, slots=True)
class Normalization:
    """Which character fixes to apply (all on by default)."""

    mojibake: bool = True
    spaces: bool = True


DEFAULT = Normalization()
OFF = Normalization(mojibake=False, spaces=False)


@lru_cache(maxsize=1)
def _ftfy_config() -> ftfy.TextFixerConfig:
    return ftfy.TextFixerConfig(
        unescape_html=False,
        uncurl_quotes=False,
        fix_latin_ligatures=False,
        fix_character_width=False,
        fix_line_breaks=False,
        normalization=None,
        explain=False,
    )


def fix_mojibake(line: str) -> str:
    """Repair mojibake in ``line`` if it shows a marker of it; otherwise return it unchanged."""
    if not _MOJIBAKE.search(line):
        return line
    # ftfy takes ~100 us a line: a template line's repair (the same "Â©" credit on every page of a site) is remembered
    return _repaired_template(line) if len(line) <= TEMPLATE_LINE else _repaired(line)


def _repaired(line: str) -> str:
    fixed = ftfy.fix_text(line, _ftfy_config())
    return _recoded(fixed) if _MOJIBAKE.search(fixed) else fixed


_repaired_template = lru_cache(maxsize=4096)(_repaired)


# UTF-8 read as cp1252 at most this many times over ("twice": a page saved wrongly, then read wrongly again).
_MAX_RECODES = 2


def _recoded(line: str) -> str:
    """The line read back as UTF-8, when the whole of it is UTF-8 seen through cp1252.

    ftfy weighs a span's look before it repairs it and leaves some alone (Hangul read as cp1252 shows
    as "ì\xa0„"); a line that encodes to cp1252 and decodes as strict UTF-8, whole, is that mojibake
    beyond doubt: text in any other script or codec fails one step or the other.
    """
    for _ in range(_MAX_RECODES):
        try:
            line = line.encode("sloppy-windows-1252").decode("utf-8")
        except (UnicodeEncodeError, UnicodeDecodeError):
            break
        if not _MOJIBAKE.search(line):
            break
    return line


def fix_spaces(line: str) -> str:
    """Drop zero-width characters, turn Unicode spaces into one plain space, strip."""
    line = _ZERO_WIDTH.sub("", line)
    return _SPACES.sub(" ", line).strip()


def normalize_line(line: str, how: Normalization = DEFAULT) -> str:
    """Apply the fixes chosen in ``how`` to one line (never adds or removes a line)."""
    if how.mojibake:
        line = fix_mojibake(line)  # before the spaces: a mojibake NBSP ("Â\xa0") must reach ftfy whole
    line = fix_spaces(line) if how.spaces else line.rstrip("\r")
    if how.mojibake and how.spaces:
        # a stray space next to mojibake ("\xa0Â¡") can hide it from ftfy until the spaces are fixed
        line = _second_pass(line)
    return line


def normalize_lines(text: str, how: Normalization = DEFAULT) -> list[str]:
    """``[normalize_line(line, how) for line in text.split("\\n")]``, computed page-wide.

    Most pages hold no mojibake and few odd spaces: one search over the whole
    text finds that out, and the space fixes run once on the page (none of their
    patterns crosses a line end), so no line pays for a check it does not need.
    On a page with mojibake, only the lines that show a marker take the line path.
    """
    # every mojibake marker is two non-ASCII characters
    if how.mojibake and not text.isascii() and _MOJIBAKE.search(text):
        lines = text.split("\n")
        if not how.spaces:
            return [normalize_line(line, how) for line in lines]
        marked = {i for i, line in enumerate(lines) if _MOJIBAKE.search(line)}
        rest = iter(_fix_spaces_page("\n".join(line for i, line in enumerate(lines) if i not in marked), how))
        return [normalize_line(line, how) if i in marked else next(rest) for i, line in enumerate(lines)]
    if not how.spaces:
        return [line.rstrip("\r") for line in text.split("\n")]
    return _fix_spaces_page(text, how)


def split_normalized(text: str, how: Normalization = DEFAULT) -> tuple[list[str], list[str]]:
    """The page's lines as read (:func:`~newsclean.segment.split_lines`) and as :func:`normalize_lines` makes them:
    what ``clean()`` labels.  (Natively one pass over the text, in which a line the fixes leave alone is the same
    object in both lists.)"""
    return split_lines(text), normalize_lines(text, how)


def _fix_spaces_page(text: str, how: Normalization) -> list[str]:
    """The space fixes on a page that shows no mojibake marker, then the second pass where they made one."""
    if "  " not in text and ("\t" not in text if text.isascii() else _ODD_CHARACTER.search(text) is None):
        return [line.strip() for line in text.split("\n")]
    text = _ODD_SPACES.sub(" ", _ZERO_WIDTH.sub("", text))
    lines = [line.strip() for line in text.split("\n")]
    if how.mojibake and _MOJIBAKE.search(text):
        # the space fixes brought a mojibake marker together: those lines get the second pass
        lines = [_second_pass(line) if _MOJIBAKE.search(line) else line for line in lines]
    return lines


def _second_pass(line: str) -> str:
    again = fix_mojibake(line)
    return fix_spaces(again) if again != line else line
