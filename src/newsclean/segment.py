"""Text -> lines, aligned with ``text.split("\\n")`` so that line numbers match the input."""

from __future__ import annotations


def split_lines(text: str) -> list[str]:
    """Split on LF only (a CR before it is dropped by normalisation), keeping every line."""
    return text.split("\n")


def is_blank(raw: str) -> bool:
    """A line is blank when it holds nothing but ASCII white space.

    A line of NBSPs or zero-width spaces is not blank: it is page furniture and
    gets the ``ui`` label with a rule name, like any other dropped line.
    """
    return not raw.strip(" \t\r\n\f\v")


#: A line this short may be a site's template line (a menu item, a credit, a footer), printed again on each of its
#: pages: the work done on such a line is worth remembering for the next page; a longer one is nearly always new.
TEMPLATE_LINE = 80
