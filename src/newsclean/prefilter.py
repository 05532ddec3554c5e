"""What a rule pattern's match can begin and end with, and a literal every match holds.

A rule set's patterns are tried on a line all at once, as one alternation; most of
them begin with a keyword (``Baca``, ``Editor``) or end with a given character
(``)``, ``]``).  Knowing, for each pattern, which characters its match can start and
end with, the line's first and last characters pick the few patterns worth trying:
a paragraph that starts with "P" and ends with "." meets only the patterns that can
match such a line.  The answers are over-approximations: a character is ruled out
only when the pattern can certainly not begin (or end) with it, so choosing patterns
this way never changes which rule matches (``tests/test_prefilter.py`` checks that
against the whole alternation on every line of the test pages).

Patterns are read with the standard library's regular-expression parser.  The
``\\p{..}`` classes it does not know are read as the Unicode categories they name;
a pattern it cannot read at all (other syntax of the ``regex`` module) can begin and
end with anything.
"""

from __future__ import annotations

import importlib
import re
import unicodedata
import warnings
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

# the standard library's own regular-expression parser (private, but stable since Python 3.11)
sre: Any = importlib.import_module("re._constants")
sre_parse: Any = importlib.import_module("re._parser")

__all__ = ["ANYTHING", "Ends", "ends", "fold", "line_start_literal", "opening_literal", "required_literal", "turkic_i"]

# \p{..} classes, read as a private-use character standing for the category (the parser keeps it
# as a literal, inside a class or out); \P{..} and other names leave the pattern unreadable here
_PROPERTY = re.compile(r"\\p\{(L|Lu|Ll|N)\}")
_PLACEHOLDER = {"L": "\ue000", "Lu": "\ue001", "Ll": "\ue002", "N": "\ue003"}
_CATEGORY_OF = {v: k for k, v in _PLACEHOLDER.items()}
_NAMED_GROUP = re.compile(r"\(\?P<\w+>")
# The letters i, I and their Turkish dotted and dotless forms, one another's case variants to the regex module.
_TURKIC_I = frozenset("iIİı")
# A class of at most this many single characters counts as literals of one character.
_SMALL_CLASS = 8
# A pattern whose match can open with more literals than this has no opening test (too many to be worth it).
_MAX_OPENINGS = 64


@dataclass(frozen=True, slots=True)
class _Atom:
    """One piece of a character set: a literal, a class (``[...]``), or any character."""

    kind: str  # "literal", "class", "any"
    items: tuple[tuple[Any, Any], ...] = ()
    negated: bool = False
    fold: bool = False

    def admits(self, c: str) -> bool:
        # a character this Python's Unicode tables do not know may be a letter to the regex module's newer ones
        if self.kind == "any" or unicodedata.category(c) == "Cn":
            return True
        if self.negated:
            # sound only with each item read narrowly and case-sensitively: the complement then grows
            return not any(_item_admits(op, av, c, narrow=True) for op, av in self.items)
        # case variants of one character ("ß".upper() is two: the regex module's simple folding skips those)
        variants = {v for v in (c, c.lower(), c.upper(), c.casefold(), c.upper().lower()) if len(v) == 1} \
            if self.fold else {c}
        if self.fold and not variants.isdisjoint(_TURKIC_I):
            # ignoring case, the regex module pairs "İ" with "i" and "ı" with "I" (see fold())
            variants |= _TURKIC_I
        return any(_item_admits(op, av, v, narrow=False, fold=self.fold) for op, av in self.items for v in variants)


CharSet = tuple[_Atom, ...]
ANYTHING: CharSet = (_Atom("any"),)
_NOTHING: CharSet = ()


@dataclass(frozen=True, slots=True)
class Ends:
    """The characters a pattern's match can begin and end with."""

    first: CharSet = ANYTHING
    last: CharSet = ANYTHING

    def admits(self, line: str) -> bool:
        """Whether a match of the whole (non-empty) ``line`` is possible at all, judging by its ends."""
        return _admits(self.first, line[0]) and _admits(self.last, line[-1])

    def may_begin(self, c: str) -> bool:
        """Whether a match can begin with character ``c``."""
        return _admits(self.first, c)

    def may_end(self, c: str) -> bool:
        """Whether a match can end with character ``c``."""
        return _admits(self.last, c)


def ends(pattern: str, ignore_case: bool = False) -> Ends:
    """What a full match of ``pattern`` (in the ``regex`` module's syntax) can begin and end with."""
    parsed = _parse(pattern)
    if parsed is None:
        return Ends()
    fold = ignore_case or bool(parsed.state.flags & sre.SRE_FLAG_IGNORECASE)
    items = list(parsed)
    first, _ = _first(items, fold)
    last, _ = _first(items, fold, backwards=True)
    return Ends(first or ANYTHING, last or ANYTHING)


def required_literal(pattern: str, ignore_case: bool = False, *,
                     shortest: int = 3) -> tuple[tuple[str, ...], bool] | None:
    """Literals of which every match of ``pattern`` holds at least one, each ``shortest`` long or more.

    Returns ``(literals, folded)``: when ``folded`` the pattern ignores case, and the
    literals are folded (:func:`fold`), to be looked for in text folded so.  Only the pattern's
    top level, its alternatives, and groups that must match once are searched.
    """
    parsed = _parse(pattern)
    if parsed is None:
        return None
    ignoring = _ignores_case(parsed, ignore_case)
    return _literals(_best(_factors(list(parsed), ignoring), shortest), ignoring)


def fold(text: str) -> str:
    """``text`` as the literal tests read it when a pattern ignores case: casefolded, with "İ" and "ı" as "i".

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


def line_start_literal(pattern: str, ignore_case: bool = False, *,
                       shortest: int = 3) -> tuple[tuple[str, ...], bool] | None:
    """For a pattern anchored at a line start (``^``): literals of which every match begins with one.

    A page holds a match only if one of them opens a line, a far surer test than
    finding it anywhere ("PR " is inside every "DPR ").  Returns ``(literals,
    folded)`` as :func:`required_literal` does, or None when the pattern is not
    anchored so or does not open with literals ``shortest`` long.
    """
    parsed = _parse(pattern)
    if parsed is None:
        return None
    items = list(parsed)
    if len(items) < 2 or items[0] != (sre.AT, sre.AT_BEGINNING):
        return None
    ignoring = _ignores_case(parsed, ignore_case)
    found = _prefixes(items[1:], ignoring)
    return _literals(found if found and min(map(len, found)) >= shortest else None, ignoring)


def opening_literal(pattern: str, ignore_case: bool = False) -> tuple[tuple[str, ...], bool] | None:
    """Literals one of which opens every full match of ``pattern`` on a line that opens with a letter or digit.

    ``(literals, folded)`` as :func:`required_literal` gives them, or None.  Most rules
    open with a keyword or a list of them ("Baca juga", "Editor", "Terpopuler"), often
    after an optional word and white space: ``str.startswith`` with the whole tuple then
    tells in one call that a menu item cannot be such a line.
    """
    parsed = _parse(pattern)
    if parsed is None:
        return None
    ignoring = _ignores_case(parsed, ignore_case)
    return _literals(_prefixes(list(parsed), ignoring, spaceless=True), ignoring)


def _ignores_case(parsed: Any, ignore_case: bool) -> bool:
    return ignore_case or bool(parsed.state.flags & sre.SRE_FLAG_IGNORECASE)


def _literals(found: frozenset[str] | None, ignoring: bool) -> tuple[tuple[str, ...], bool] | None:
    """``(literals, folded)`` in a fixed order, folded (:func:`fold`) when the pattern ignores case."""
    if not found:
        return None
    ordered = tuple(sorted(found))
    return (tuple(map(fold, ordered)), True) if ignoring else (ordered, False)


def _prefixes(items: Sequence[tuple[Any, Any]], fold: bool, *, spaceless: bool = False) -> frozenset[str] | None:
    """Literals of which every match of the sequence begins with one, or None.

    ``spaceless``: the match is known not to begin with white space (a line that opens
    with a letter or digit), so a leading optional run of white space matches nothing.
    """
    if not items:
        return None
    op, av = items[0]
    rest = items[1:]
    if op is sre.LITERAL:
        run = ""
        for op, av in items:
            # a \p{..} placeholder stands for a class, not for itself
            if op is not sre.LITERAL or chr(av) in _CATEGORY_OF:
                break
            run += chr(av)
        return frozenset([run]) if run else None
    if op is sre.IN:
        return _small_class(av)
    if op is sre.SUBPATTERN and _same_case(av, fold):
        return _prefixes([*av[3], *rest], fold, spaceless=spaceless)
    if op is sre.BRANCH:
        return _union([_prefixes([*branch, *rest], fold, spaceless=spaceless) for branch in av[1]])
    if op in (sre.MAX_REPEAT, sre.MIN_REPEAT):
        low, _, inner = av
        if low:
            return _prefixes(list(inner), fold, spaceless=spaceless)
        if spaceless and _only_spaces(inner):
            return _prefixes(rest, fold, spaceless=spaceless)
        return _union([_prefixes([*inner, *rest], fold, spaceless=spaceless),
                       _prefixes(rest, fold, spaceless=spaceless)])
    if op in (sre.AT, sre.ASSERT, sre.ASSERT_NOT):
        return _prefixes(rest, fold, spaceless=spaceless)  # zero-width: what follows begins the match
    return None


def _small_class(items: Any) -> frozenset[str] | None:
    """The characters of a class of a few single characters ("[·•|]"), or None."""
    # a \p{..} placeholder stands for a class, not for itself
    if len(items) <= _SMALL_CLASS and all(op is sre.LITERAL and chr(c) not in _CATEGORY_OF for op, c in items):
        return frozenset(chr(c) for _, c in items)
    return None


def _only_spaces(items: Any) -> bool:
    """Whether the sequence is one piece of white space: a space, or ``\\s``."""
    if len(items) != 1:
        return False
    op, av = items[0]
    if op is sre.LITERAL:
        return chr(av).isspace()
    return op is sre.IN and all(o is sre.CATEGORY and "SPACE" in str(a) and "NOT" not in str(a) for o, a in av)


def _union(sets: Sequence[frozenset[str] | None]) -> frozenset[str] | None:
    if not all(sets):
        return None
    found: frozenset[str] = frozenset().union(*sets)  # type: ignore[arg-type]
    return found if len(found) <= _MAX_OPENINGS else None


def _same_case(subpattern: Any, fold: bool) -> bool:
    # a group's own flags: one that starts ignoring case inside a case-sensitive pattern holds literals
    # that may appear in any case, which a plain substring test would miss
    return fold or not subpattern[1] & sre.SRE_FLAG_IGNORECASE


def _parse(pattern: str) -> Any:
    # \P{..}, other \p{..} names, and POSIX or nested classes ("[[:alpha:]]") mean other things to the
    # standard parser than to the regex module: such patterns are not read at all
    if "\\P{" in pattern or "\\p{" in _PROPERTY.sub("", pattern) or "[:" in pattern or "[[" in pattern:
        return None
    readable = _NAMED_GROUP.sub("(?:", _PROPERTY.sub(lambda m: _PLACEHOLDER[m.group(1)], pattern))
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return sre_parse.parse(readable)
    except (re.error, RecursionError, OverflowError, ValueError):
        return None


def _admits(charset: CharSet, c: str) -> bool:
    return any(atom.admits(c) for atom in charset)


def _first(items: Sequence[tuple[Any, Any]], fold: bool, *, backwards: bool = False) -> tuple[CharSet, bool]:
    """The characters a match of the sequence ``items`` can begin with (end with, ``backwards``), and whether
    it can match the empty string."""
    found: CharSet = _NOTHING
    for op, av in reversed(items) if backwards else items:
        chars, nullable = _first_of(op, av, fold, backwards)
        found += chars
        if not nullable:
            return found, False
    return found, True


def _first_of(op: Any, av: Any, fold: bool, backwards: bool) -> tuple[CharSet, bool]:
    if op is sre.LITERAL:
        return (_Atom("literal", ((op, av),), fold=fold),), False
    if op is sre.IN:
        negated = bool(av) and av[0][0] is sre.NEGATE
        items = tuple(av[1:] if negated else av)
        return (_Atom("class", items, negated=negated, fold=fold),), False
    if op is sre.BRANCH:
        found: CharSet = _NOTHING
        nullable = False
        for branch in av[1]:
            chars, empty = _first(list(branch), fold, backwards=backwards)
            found += chars
            nullable = nullable or empty
        return found, nullable
    if op is sre.SUBPATTERN:
        _, add, remove, inner = av
        inner_fold = (fold or bool(add & sre.SRE_FLAG_IGNORECASE)) and not remove & sre.SRE_FLAG_IGNORECASE
        return _first(list(inner), inner_fold, backwards=backwards)
    if op in (sre.MAX_REPEAT, sre.MIN_REPEAT, getattr(sre, "POSSESSIVE_REPEAT", None)):
        low, _, inner = av
        chars, nullable = _first(list(inner), fold, backwards=backwards)
        return chars, nullable or low == 0
    if op is getattr(sre, "ATOMIC_GROUP", None):
        return _first(list(av), fold, backwards=backwards)
    if op in (sre.AT, sre.ASSERT, sre.ASSERT_NOT):
        return _NOTHING, True  # zero-width: the next item decides
    # NOT_LITERAL, ANY, back references, conditionals and whatever else: anything, possibly nothing
    return ANYTHING, True


def _item_admits(op: Any, av: Any, c: str, *, narrow: bool, fold: bool = False) -> bool:
    """Whether class item ``(op, av)`` matches ``c``; ``narrow`` reads categories as small as they can be."""
    if op is sre.LITERAL:
        placeholder = chr(av)
        if placeholder in _CATEGORY_OF:
            return _in_category(_CATEGORY_OF[placeholder], c, fold=fold and not narrow)
        return c == placeholder
    if op is sre.RANGE:
        low, high = av
        return bool(low <= ord(c) <= high)
    if op is sre.CATEGORY:
        return _in_class_category(av, c, narrow=narrow)
    # anything else inside a class: matches whatever, unless negation makes that unsound
    return not narrow


def _in_category(name: str, c: str, *, fold: bool) -> bool:
    category = unicodedata.category(c)
    if name in ("Lu", "Ll"):
        # case-insensitive \p{Lu} and \p{Ll} match every cased letter
        return category.startswith("L") if fold else category == name
    return category.startswith(name)


def _in_class_category(code: Any, c: str, *, narrow: bool) -> bool:
    name = getattr(code, "name", str(code)).upper()
    negative = "NOT_" in name
    if "DIGIT" in name:
        positive = unicodedata.category(c) == "Nd"
    elif "SPACE" in name:
        # wide when the class matches it, narrow when its complement does: both sound
        wide = narrow == negative
        positive = _space_wide(c) if wide else _space_narrow(c)
    elif "WORD" in name:
        wide = narrow == negative
        positive = _word_wide(c) if wide else _word_narrow(c)
    else:
        return not narrow
    return not positive if negative else positive


def _space_wide(c: str) -> bool:
    return c.isspace() or unicodedata.category(c).startswith("Z") or c in "\x85\u180e\u200b"


def _space_narrow(c: str) -> bool:
    return c in " \t\n\r\x0b\x0c" or unicodedata.category(c) == "Zs"


def _word_wide(c: str) -> bool:
    return c.isalnum() or c == "_" or unicodedata.category(c)[0] in "LMN" or unicodedata.category(c) == "Pc" \
        or c in "\u200c\u200d"


def _word_narrow(c: str) -> bool:
    return c == "_" or unicodedata.category(c) in ("Lu", "Ll", "Lt", "Lm", "Lo", "Nd")


def _factors(items: Sequence[tuple[Any, Any]], fold: bool) -> list[frozenset[str]]:
    """Sets of literals such that every match of the sequence holds one literal of each set."""
    found: list[frozenset[str]] = []
    current = ""
    for op, av in items:
        if op is sre.LITERAL:
            current += chr(av)
            continue
        if current:
            found.append(frozenset([current]))
            current = ""
        if op is sre.IN and (chars := _small_class(av)) is not None:
            # a small class of characters ("[·•|]"): each is a literal of one character
            found.append(chars)
        elif op is sre.SUBPATTERN and _same_case(av, fold):
            found.extend(_factors(list(av[3]), fold))
        elif op in (sre.MAX_REPEAT, sre.MIN_REPEAT) and av[0] >= 1:
            found.extend(_factors(list(av[2]), fold))
        elif op is sre.BRANCH:
            each = [_best(_factors(list(branch), fold), 1) for branch in av[1]]
            if all(each):
                found.append(frozenset().union(*(e for e in each if e)))
    if current:
        found.append(frozenset([current]))
    return found


def _best(factors: Sequence[frozenset[str]], shortest: int) -> frozenset[str] | None:
    """The set whose least telling literal tells most (the surest test), if every literal is ``shortest`` long."""
    # a \\p{..} placeholder stands for a class: a literal holding one is no literal
    long_enough = [f for f in factors
                   if min(map(len, f)) >= shortest and not any(c in _CATEGORY_OF for x in f for c in x)]
    return max(long_enough, key=lambda f: (min(map(_telling, f)), -len(f)), default=None)


def _telling(literal: str) -> int:
    # how rarely running text holds the literal: the longer the rarer, and a sign ("©", "|", ">") is as
    # rare as two letters
    return sum(1 if c.isalnum() or c.isspace() else 2 for c in literal)
