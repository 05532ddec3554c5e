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

Patterns are read by :mod:`newsclean.regex_syntax`, which the ReDoS check reads them
with too, and case is folded as it says.  The classes ``\\p{L}``, ``\\p{Lu}``, ``\\p{Ll}`` and
``\\p{N}`` are read as the Unicode categories they name; a pattern holding another class of
the ``regex`` module's own (``\\P{..}``, ``[[:alpha:]]``), or one it cannot read at all, can begin
and end with anything.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from .regex_syntax import (
    Parsed,
    Unreadable,
    case_variants,
    class_items,
    fold,
    group_ignores_case,
    is_placeholder,
    parse,
    sre,
    turkic_i,
)

__all__ = ["ANYTHING", "Ends", "ends", "fold", "line_start_literal", "opening_literal", "required_literal", "turkic_i"]

# the regex module's classes read here, as the Unicode categories they name; a pattern holding any other
# (\P{..}, other names, POSIX classes) is not read at all
_CATEGORY = {r"\p{L}": "L", r"\p{Lu}": "Lu", r"\p{Ll}": "Ll", r"\p{N}": "N"}
# the op of a class item standing for a category (its argument: the category's name, None for an unknown one)
_PROPERTY = "property"
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
        variants = case_variants(c) if self.fold else (c,)
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

    def latin1_ends(self) -> bytes:
        """256 flags, one per Latin-1 character: :meth:`may_end` of each, as 1 or 0.  Made from each atom's own
        flags (the same atoms end many patterns: a character is asked of each once in a process, not once a
        pattern)."""
        flags = 0
        for atom in self.last:
            flags |= _latin1_flags(atom)
        return flags.to_bytes(256, "big")


def ends(pattern: str, ignore_case: bool = False) -> Ends:
    """What a full match of ``pattern`` (in the ``regex`` module's syntax) can begin and end with."""
    parsed = _parse(pattern)
    if parsed is None:
        return Ends()
    fold = parsed.ignores_case(ignore_case)
    items = parsed.items
    first, _ = _first(items, fold, parsed.escapes)
    last, _ = _first(items, fold, parsed.escapes, backwards=True)
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
    ignoring = parsed.ignores_case(ignore_case)
    return _literals(_best(_factors(parsed.items, ignoring), shortest), ignoring)


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
    items = parsed.items
    if len(items) < 2 or items[0] != (sre.AT, sre.AT_BEGINNING):
        return None
    ignoring = parsed.ignores_case(ignore_case)
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
    ignoring = parsed.ignores_case(ignore_case)
    return _literals(_prefixes(parsed.items, ignoring, spaceless=True), ignoring)


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
            # a placeholder stands for a class, not for itself
            if op is not sre.LITERAL or is_placeholder(av):
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
    # a placeholder stands for a class, not for itself
    if len(items) <= _SMALL_CLASS and all(op is sre.LITERAL and not is_placeholder(c) for op, c in items):
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


def _parse(pattern: str) -> Parsed | None:
    """The pattern read (the parser's merged alternatives are as good as the ``regex`` module's here), or None
    when it cannot be, or holds a class of the ``regex`` module's own other than the categories of ``_CATEGORY``."""
    try:
        parsed = parse(pattern)
    except Unreadable:
        return None
    return parsed if all(escape in _CATEGORY for escape in parsed.escapes.values()) else None


def _admits(charset: CharSet, c: str) -> bool:
    return any(atom.admits(c) for atom in charset)


@lru_cache(maxsize=4096)
def _latin1_flags(atom: _Atom) -> int:
    """``atom.admits`` of each Latin-1 character, as the bytes 1 and 0 of a 256-byte big-endian number."""
    return int.from_bytes(bytes(atom.admits(chr(c)) for c in range(256)), "big")


def _first(items: Sequence[tuple[Any, Any]], fold: bool, escapes: Mapping[int, str], *,
           backwards: bool = False) -> tuple[CharSet, bool]:
    """The characters a match of the sequence ``items`` can begin with (end with, ``backwards``), and whether
    it can match the empty string; ``escapes`` says what the pattern's placeholders stand for."""
    found: CharSet = _NOTHING
    for op, av in reversed(items) if backwards else items:
        chars, nullable = _first_of(op, av, fold, escapes, backwards)
        found += chars
        if not nullable:
            return found, False
    return found, True


def _first_of(op: Any, av: Any, fold: bool, escapes: Mapping[int, str], backwards: bool) -> tuple[CharSet, bool]:
    if op is sre.LITERAL:
        return (_Atom("literal", (_item(op, av, escapes),), fold=fold),), False
    if op is sre.IN:
        negated, items = class_items(av)
        return (_Atom("class", tuple(_item(o, a, escapes) for o, a in items), negated=negated, fold=fold),), False
    if op is sre.BRANCH:
        found: CharSet = _NOTHING
        nullable = False
        for branch in av[1]:
            chars, empty = _first(list(branch), fold, escapes, backwards=backwards)
            found += chars
            nullable = nullable or empty
        return found, nullable
    if op is sre.SUBPATTERN:
        return _first(list(av[3]), group_ignores_case(av, fold), escapes, backwards=backwards)
    if op in (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT):
        low, _, inner = av
        chars, nullable = _first(list(inner), fold, escapes, backwards=backwards)
        return chars, nullable or low == 0
    if op is sre.ATOMIC_GROUP:
        return _first(list(av), fold, escapes, backwards=backwards)
    if op in (sre.AT, sre.ASSERT, sre.ASSERT_NOT):
        return _NOTHING, True  # zero-width: the next item decides
    # NOT_LITERAL, ANY, back references, conditionals and whatever else: anything, possibly nothing
    return ANYTHING, True


def _item(op: Any, av: Any, escapes: Mapping[int, str]) -> tuple[Any, Any]:
    """A class item as :func:`_item_admits` reads it: a placeholder is the category it stands for."""
    if op is sre.LITERAL and is_placeholder(av):
        escape = escapes.get(av)
        return _PROPERTY, None if escape is None else _CATEGORY[escape]
    return op, av


def _item_admits(op: Any, av: Any, c: str, *, narrow: bool, fold: bool = False) -> bool:
    """Whether class item ``(op, av)`` matches ``c``; ``narrow`` reads categories as small as they can be."""
    if op == _PROPERTY:
        # a placeholder the pattern spelt as a code point (U+F0000 and up) is no category: it may be anything
        return not narrow if av is None else _in_category(av, c, fold=fold and not narrow)
    if op is sre.LITERAL:
        return c == chr(av)
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
    # a placeholder stands for a class: a literal holding one is no literal
    long_enough = [f for f in factors
                   if min(map(len, f)) >= shortest and not any(is_placeholder(ord(c)) for x in f for c in x)]
    return max(long_enough, key=lambda f: (min(map(_telling, f)), -len(f)), default=None)


def _telling(literal: str) -> int:
    # how rarely running text holds the literal: the longer the rarer, and a sign ("©", "|", ">") is as
    # rare as two letters
    return sum(1 if c.isalnum() or c.isspace() else 2 for c in literal)
