"""The ``regex`` module's pattern syntax, read in one place.

Two modules reason about a rule pattern's structure: :mod:`newsclean.prefilter` (what a match can
begin and end with, the literals it must hold) and :mod:`newsclean.safety` (the ReDoS check).  Both
read patterns through :func:`parse` and fold case through :func:`case_variants` and :func:`fold`, so
they cannot read one pattern two ways (they once did: the prefilter learnt that the ``regex`` module
pairs "İ" with "i" and "ı" with "I" when it ignores case, and the check did not).

How a pattern is read.  It is translated to the standard library's syntax and parsed by the standard
library's own parser (``re._parser``: private, but stable since Python 3.11), which gives a tree of
``(op, argument)`` items named by :data:`sre` (``sre.LITERAL``, ``sre.IN``, ``sre.BRANCH`` ...):

* ``\\p{..}``, ``\\P{..}``, ``\\pX``, ``\\PX`` and POSIX classes (``[[:alpha:]]``), which the standard
  parser does not know, become placeholder characters (:func:`is_placeholder`); :attr:`Parsed.escapes`
  says which escape each stands for, so a reader can ask the ``regex`` module what it matches, model
  it, or give up on the pattern;
* ``\\m`` and ``\\M`` (the start and end of a word) become ``\\b``;
* named groups, ``(?P<name>...)`` and ``(?<name>...)``, become plain groups (the ``regex`` module allows
  one name on several groups, the standard parser does not);
* with ``keep_alternatives``, an empty lookahead opens every alternative after the first: the standard
  parser would otherwise merge ``(a|a)`` into ``a``, ``(\\w|\\d)`` into one class and ``(ab|ac)`` into
  ``a[bc]``, hiding the alternatives the ``regex`` module tries one by one;
* a character of the placeholders' planes (15 and 16, private use), printed or spelt ``\\U000F0000``, makes
  the pattern unreadable: it could not be told from a placeholder;
* what still cannot be read (fuzzy matching, recursion, branch reset, set operations, the ``regex``
  module's own flags such as ``(?V1)`` or ``(?f)``) raises :class:`Unreadable`: a reader must then
  assume nothing about the pattern.
"""

from __future__ import annotations

import importlib
import re
import warnings
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import regex

__all__ = ["PLACEHOLDER", "TURKIC_I", "Parsed", "Unreadable", "case_variants", "class_items", "compile_flagged",
           "flagged", "fold", "group_ignores_case", "is_placeholder", "parse", "sre", "turkic_i"]

#: The standard library's regular-expression constants (the ``op`` of every parsed item).
sre: Any = importlib.import_module("re._constants")
_sre_parse: Any = importlib.import_module("re._parser")

#: The first placeholder code point: planes 15 and 16 are private use, and a pattern holding one is unreadable.
PLACEHOLDER = 0xF0000
#: The letters i, I and their Turkish dotted and dotless forms, which ignoring case pairs across ("İ" with "i",
#: "ı" with "I"): counted as case variants of one another.
TURKIC_I = frozenset("iIİı")

_REGEX_ONLY = re.compile(r"\\[pP](?:\{[^}]*\}|[A-Za-z])")
# a code point in the placeholders' planes, spelt as an escape: the pattern could not be told from its placeholders
_PRIVATE_ESCAPE = re.compile(r"\\U(?:000[fF]|0010)[0-9a-fA-F]{4}")
_FUZZY = re.compile(r"\{[^{}]*[eisd][^{}]*\}")  # regex's fuzzy constraints: {e<=1}, {i<=1,d<=1}
# a POSIX class as the regex module reads one inside a set: a name ("alpha", "^digit", "script=latin"), else its
# "[", ":" and the rest are members of the set ("[[:)x:]]" is "[", ":", ")" and "x", then a "]")
_POSIX_CLASS = re.compile(r"\[:\^?[A-Za-z0-9 &_.\-]*(?:[:=] *[A-Za-z0-9&_./\-][A-Za-z0-9 &_./\-]*)?:\]")
_PARSE_CACHE = 4096


def flagged(pattern: str, ignore_case: bool) -> str:
    """The pattern wrapped in a group carrying its case flag."""
    return f"(?i:{pattern})" if ignore_case else f"(?:{pattern})"


def compile_flagged(pattern: str, ignore_case: bool) -> regex.Pattern[str]:
    """``pattern`` compiled as a rule's (or a signature's) pattern is matched: :func:`flagged`, version 0.

    Every check and every matcher of a rule's pattern compiles it here, so that each is compiled once in a process:
    the ``regex`` module keeps a compiled pattern under its text and flags, and a rule compiled three ways (the
    ReDoS check, the example checks, the rule set) was compiled three times, a third of a new process's first
    page.  Raises ``regex.error`` for a pattern that does not compile.
    """
    return regex.compile(flagged(pattern, ignore_case), regex.V0)


class Unreadable(ValueError):
    """A pattern this module cannot read (its message says why)."""


@dataclass(frozen=True, slots=True)
class Parsed:
    """A pattern read: the text the standard parser read (``source``), its tree (``tree.state.flags`` holds the
    global flags) and the escape each placeholder stands for."""

    source: str
    tree: Any
    escapes: Mapping[int, str]

    @property
    def items(self) -> list[tuple[Any, Any]]:
        """The top-level ``(op, argument)`` items."""
        return list(self.tree)

    def ignores_case(self, ignore_case: bool = False) -> bool:
        """Whether the whole pattern ignores case: asked to (``ignore_case``), or by a leading ``(?i)``."""
        return ignore_case or bool(self.tree.state.flags & sre.SRE_FLAG_IGNORECASE)


def parse(pattern: str, *, keep_alternatives: bool = False) -> Parsed:
    """``pattern``, in the ``regex`` module's syntax, read (see the module's docstring); :class:`Unreadable`
    when it cannot be.  The tree is shared between calls: do not change it."""
    return _parse(pattern, keep_alternatives)


@lru_cache(maxsize=_PARSE_CACHE)
def _parse(pattern: str, keep_alternatives: bool) -> Parsed:
    try:
        source, escapes = _translate(pattern, keep_alternatives)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # "possible nested set": the regex module reads those classes too
            tree = _sre_parse.parse(source)
    except (re.error, RecursionError, OverflowError, ValueError) as exc:
        raise Unreadable(str(exc)) from None
    return Parsed(source, tree, escapes)


def is_placeholder(code: int) -> bool:
    """Whether a parsed literal's code point stands for an escape (:attr:`Parsed.escapes`), not for itself."""
    return code >= PLACEHOLDER


def class_items(argument: Any) -> tuple[bool, tuple[tuple[Any, Any], ...]]:
    """A class's (``sre.IN``) argument as ``(negated, items)``."""
    negated = bool(argument) and argument[0][0] is sre.NEGATE
    return negated, tuple(argument[1:] if negated else argument)


def group_ignores_case(argument: Any, outer: bool) -> bool:
    """Whether a group's (``sre.SUBPATTERN``) items ignore case, given whether the text around it does."""
    _, add, remove, _ = argument
    if add & sre.SRE_FLAG_IGNORECASE:
        return True
    if remove & sre.SRE_FLAG_IGNORECASE:
        return False
    return outer


@lru_cache(maxsize=4096)
def case_variants(c: str) -> frozenset[str]:
    """The characters ``c`` may match, or be matched by, when the ``regex`` module ignores case.

    Its simple case folding, over-approximated: ``c``, its lower and upper case and its case fold
    where each is one character (``"ß".upper()`` is two: simple folding leaves those out), and, for
    any of i, I, İ and ı, all four (the module pairs "İ" with "i" and "ı" with "I").
    """
    variants = {v for v in (c, c.lower(), c.upper(), c.casefold(), c.upper().lower()) if len(v) == 1}
    if not variants.isdisjoint(TURKIC_I):
        variants |= TURKIC_I
    return frozenset(variants)


def fold(text: str) -> str:
    """``text`` as literals are compared when a pattern ignores case: casefolded, with "İ" and "ı" as "i".

    The ``regex`` module matches "İ" with "i" and "ı" with "I" when it ignores case, though
    ``str.casefold()`` makes "i̇" and "ı" of them: folded so, a literal "index" stays in
    "İndex".  Literals and text are both folded this way (see :func:`turkic_i`).
    """
    return turkic_i(text.casefold())


def turkic_i(casefolded: str) -> str:
    """A casefolded text with "i̇" (from "İ") and "ı" made "i", as :func:`fold` does."""
    if "\u0307" in casefolded or "\u0131" in casefolded:
        return casefolded.replace("i\u0307", "i").replace("\u0131", "i")
    return casefolded


def _translate(pattern: str, keep_alternatives: bool) -> tuple[str, dict[int, str]]:
    """The pattern in the standard library's syntax, and the escape each placeholder stands for."""
    escapes: dict[int, str] = {}
    out: list[str] = []
    i = 0
    in_class = False
    while i < len(pattern):
        ch = pattern[i]
        if ch == "\\" and i + 1 < len(pattern):
            m = _REGEX_ONLY.match(pattern, i)
            if m is not None:
                code = PLACEHOLDER + len(escapes)
                escapes[code] = m.group(0)
                out.append(chr(code))
                i = m.end()
                continue
            nxt = pattern[i + 1]
            if nxt == "U" and _PRIVATE_ESCAPE.match(pattern, i):
                raise re.error("a character of the private-use planes 15 and 16", pattern, i)
            out.append("\\b" if nxt in "mM" and not in_class else pattern[i : i + 2])
            i += 2
            continue
        if ord(ch) >= PLACEHOLDER:
            raise re.error("a character of the private-use planes 15 and 16", pattern, i)
        if not in_class and pattern.startswith("(?#", i):
            end = pattern.find(")", i)
            end = len(pattern) if end < 0 else end + 1
            out.append(pattern[i:end])
            i = end
            continue
        if in_class and (posix := _POSIX_CLASS.match(pattern, i)) is not None:
            code = PLACEHOLDER + len(escapes)  # a POSIX class, [:alpha:]
            escapes[code] = "[" + posix.group(0) + "]"
            out.append(chr(code))
            i = posix.end()
            continue
        if not in_class and ch == "{" and _FUZZY.match(pattern, i):
            raise re.error("fuzzy matching", pattern, i)
        if in_class:
            if ch == "]":
                in_class = False
        elif ch == "[":
            in_class = True
            # a ']' right after '[' or '[^' is a literal member of the class
            j = i + 1 + (pattern.startswith("^", i + 1))
            if pattern.startswith("]", j):
                out.append(pattern[i : j + 1])
                i = j + 1
                continue
        elif pattern.startswith(("(?P<", "(?<"), i) and not pattern.startswith(("(?<=", "(?<!"), i):
            # group names do not matter to a reader, and regex allows one name on several groups
            end = pattern.find(">", i)
            if end > 0:
                out.append("(")
                i = end + 1
                continue
        elif ch == "|" and keep_alternatives:
            out.append("|(?=)")
            i += 1
            continue
        out.append(ch)
        i += 1
    return "".join(out), escapes
