"""The native normalisation (``newsclean._structure.split_normalized``'s normalised lines) against normalize.py's
``normalize_lines``, the reference: the same list of lines for every gold page and for text full of what the fixes
look for, and pre-checks that only rule a search out.  (tests/test_split_normalized.py holds the raw lines and the
call itself to ``normalize.split_normalized``.)"""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from conftest import devset_pages, scraper_pages, seed_pages, variant_pages
from newsclean import native, normalize
from newsclean.normalize import DEFAULT, OFF, Normalization

pytestmark = pytest.mark.skipif(not native.structure_available(), reason="the structural extension is not built")

ALL_WAYS = [DEFAULT, OFF, Normalization(mojibake=False), Normalization(spaces=False)]

# what the fixes look for: CR, the Unicode spaces, tabs, zero-width characters, mojibake leads and their second
# characters (and their neighbours in the code charts), white space str.strip() takes that the fixes do not, and
# lone surrogates
_SPECIAL = [
    "\r", "\n", "\t", " ", "  ", "\u00a0", "\u1680", "\u2000", "\u2009", "\u200a", "\u202f", "\u205f", "\u3000",
    "\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad", "\u0085", "\u2028", "\u2029", "\x1c", "\x0b",
    "\x0c", "\u00c1", "\u00c2", "\u00c3", "\u00e2", "\u00ef", "\u00f0", "\u00a9", "\u00bf", "\u00c0", "\u20ac",
    "\u201c", "\u201d", "\u2019", "\u2013", "\u2014", "\u0153", "\u017e", "\u0178", "\u02dc", "\u2122", "\u201a",
    "\ud800", "\udfff", "\U0001f600", "é", "’", "“",
]
_WORDS = ["Harga", "naik", "di", "Jakarta", "—", "Ã©", "â€œ", "â€", "Â\u00a0", "ì\u00a0„", "Ã\u00a0"]
TEXT = (st.lists(st.sampled_from(_SPECIAL + _WORDS + list("aZ .,:")), max_size=80).map("".join)
        | st.text(max_size=200) | st.text(alphabet=st.sampled_from([c for c in _SPECIAL if len(c) == 1]), max_size=60))


def _core() -> Any:
    return native.structure()


def _same(text: str, how: Normalization) -> None:
    expected = normalize.normalize_lines(text, how)
    got = _core().split_normalized(text, how)[1]
    assert type(got) is list
    assert got == expected
    assert all(type(line) is str for line in got)


def _pages() -> list[str]:
    return [p.text for p in (*seed_pages(), *variant_pages(), *scraper_pages(), *devset_pages())]


@pytest.mark.parametrize("how", ALL_WAYS)
def test_every_gold_page_normalises_alike(how: Normalization) -> None:
    for text in _pages():
        _same(text, how)


@settings(max_examples=500)
@given(TEXT, st.sampled_from(ALL_WAYS))
@example("Harga naik\r\n\u00a0kemarin\t\n", DEFAULT)
@example("\u00c3\u00a9 \u00a0\u00c3\n x", DEFAULT)
@example("\ud800 a\u0085\n\x1c", DEFAULT)
@example("", DEFAULT)
@example("\n", DEFAULT)
def test_text_normalises_alike(text: str, how: Normalization) -> None:
    _same(text, how)


# a page with a mojibake marker is done line by line for its marked lines and page-wide for the rest: pages that mix
# both kinds of line, with what the space fixes look for around the markers
_MARKERS = ["Ã©", "â€œ", "â€\x9d", "Â©", "Â®", "Â\u00a0", "\u00a0Â¡", "Ã\u00a0", "ì\u00a0„", "Ã\u00a0 ", "Â \u00a0"]
_AROUND = ["\r", "\t", " ", "  ", "\u00a0", "\u2009", "\u3000", "\u200b", "\ufeff", "\u00ad", "\ud800", "\udfff",
           "\u0085", "é", "Ã", "Â", "©", "€œ", "¡", "Kopi", "naik", "Rp", "150", "."]
_MARKED_LINE = st.lists(st.sampled_from(_MARKERS + _AROUND), min_size=1, max_size=12).map("".join).filter(
    lambda line: normalize._MOJIBAKE.search(line) is not None)
_UNMARKED_LINE = st.lists(st.sampled_from(_AROUND), max_size=12).map("".join).filter(
    lambda line: normalize._MOJIBAKE.search(line) is None)
MIXED_PAGE = st.lists(_MARKED_LINE | _UNMARKED_LINE, min_size=1, max_size=12).map("\n".join).filter(
    lambda text: normalize._MOJIBAKE.search(text) is not None)


@settings(max_examples=500)
@given(MIXED_PAGE, st.sampled_from(ALL_WAYS))
@example("Harga\u00a0Â¡\nRp  150\u00a0ribu\r", DEFAULT)  # a marker the spaces hid, and spaces in the rest
@example("Ã©\nâ€œ", DEFAULT)  # every line marked: nothing left for the space fixes
@example("a \u00a0Â¡\n\t\nÂ \u00a0b", DEFAULT)  # markers made only once the spaces are fixed, in the rest too
@example("\ud800Ã©\udfff\n\ud800  x", DEFAULT)
@example("Ã©\n\n\r\n", DEFAULT)
@example("Ã©\nÃ\u200b©  x\u00a0", DEFAULT)  # in the rest, a marker the zero-width character hid
def test_pages_mixing_marked_and_unmarked_lines_normalise_alike(text: str, how: Normalization) -> None:
    _same(text, how)


def test_every_gold_page_with_mojibake_normalises_alike() -> None:
    pages = [text for text in _pages() if normalize._MOJIBAKE.search(text)]
    assert pages  # the gold holds some, or this test would prove nothing
    for text in pages:
        for how in ALL_WAYS:
            _same(text, how)


@settings(max_examples=1000)
@given(TEXT)
@example("\u00c2\u00a0")
@example("a\u00ef\u0178")
def test_the_mojibake_pre_check_only_rules_a_search_out(text: str) -> None:
    if not _core().mojibake_possible(text):
        assert normalize._MOJIBAKE.search(text) is None


def test_no_mojibake_marker_opens_with_a_character_the_pre_check_passes() -> None:
    # every marker is two characters: none may open with a character outside the pre-check's range, whatever
    # follows it (every character that follows an opening one in some marker is tried)
    seconds = {m[1] for m in normalize._MOJIBAKE.findall("".join(f"\u00c3{chr(c)}" for c in range(0x10000)))}
    assert seconds
    outside = [chr(c) for c in range(0x10000) if not _core().mojibake_possible(chr(c))]
    for second in seconds:
        assert normalize._MOJIBAKE.search(second.join(outside) + second) is None


@settings(max_examples=1000)
@given(TEXT)
def test_the_odd_character_pre_check_only_rules_a_search_out(text: str) -> None:
    if not _core().odd_character_possible(text):
        assert normalize._ODD_CHARACTER.search(text) is None


def test_the_odd_character_pre_check_on_every_character() -> None:
    ruled_out = "".join(chr(c) for c in range(0x110000) if not _core().odd_character_possible(chr(c)))
    assert normalize._ODD_CHARACTER.search(ruled_out) is None
    # and it rules out nearly all of them: it is worth its scan
    assert len(ruled_out) > 0x10000 - 100


def test_no_character_past_the_plane_is_a_space_or_zero_width() -> None:
    # the native space fixes read the characters _SPACES and _ZERO_WIDTH take from the plane only, at setup
    past = "".join(map(chr, range(0x10000, 0x110000)))
    assert normalize._SPACES.search(past) is None
    assert normalize._ZERO_WIDTH.search(past) is None


@settings(max_examples=1000)
@given(TEXT)
@example("a\u200b \u00a0\u200bb")  # zero-width characters inside a run of spaces: one run once they are gone
@example(" \u200b ")
@example("\u00a0é\u3000\U0001f600\t")  # a space beside characters of every width
def test_a_line_with_spaces_to_fix_is_fixed_as_the_reference_fixes_it(text: str) -> None:
    line = text.replace("\n", " ")
    expected = normalize.fix_spaces(line)
    got = _core().split_normalized(line, Normalization(mojibake=False))[1]
    assert got == [expected]
    # every str is made in the narrowest kind its characters fit: a wider one would compare unequal to its equal
    assert got[0] == expected and hash(got[0]) == hash(expected) and [got[0]] == [expected]
