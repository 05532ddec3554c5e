"""The native shape of a line (``newsclean._structure``) against shape.py, the reference."""

from __future__ import annotations

import os
from typing import Any

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from conftest import devset_pages, scraper_pages, seed_pages, variant_pages
from newsclean import native, shape
from newsclean.normalize import normalize_lines

BUILT = pytest.mark.skipif(not native.structure_available(), reason="the structural extension is not built")

# lines like a page's: words of letters in either case, figures, marks, bullets and the odd non-ASCII letter
_ALPHABET = st.sampled_from([*list("aAbBzZ yY  .,:;!?\"'()*#-•·▪0123456789ĞğİıſKß’”…\u2028\x1c\t"), "yang", "di"])
LINES = st.lists(_ALPHABET, max_size=60).map("".join) | st.text(max_size=250)


def test_the_structural_extension_is_built_in_ci() -> None:
    if os.environ.get("CI") and not native.structure_available():
        pytest.fail("CI must build newsclean._structure (a C compiler and the Python headers)")


def _core() -> Any:
    return native.structure()


@BUILT
@given(LINES)
@example("di yang dan itu ini dengan untuk dari pada ke akan")
@example("Inilah 7 Fakta Unik yang Hanya Ada di Indonesia dan Sekitarnya")
@example("ini itu ***")
@example("***")
def test_is_prose(line: str) -> None:
    if not line:
        with pytest.raises(IndexError):
            shape.is_prose(line)
        with pytest.raises(IndexError):
            _core().is_prose(line)
        return
    assert _core().is_prose(line) is shape.is_prose(line)


@BUILT
@given(LINES)
def test_paragraph_and_headline(line: str) -> None:
    if line:
        assert _core().is_paragraph(line) is shape.is_paragraph(line)
    assert _core().headline_shaped(line) is shape.headline_shaped(line)


@BUILT
@given(LINES, st.booleans(), st.integers(0, 4))
def test_capitalised_share(line: str, figures: bool, least: int) -> None:
    assert _core().capitalised_share(line, figures, least) == shape.capitalised_share(line, figures=figures,
                                                                                      least=least)


@BUILT
@given(LINES, st.booleans())
@example("(2) Bekerja", False)
@example("٣. Bekerja", False)
@example("• Buka aplikasi", False)
@example("1 gram: Rp1.884.000", True)
def test_list_items(line: str, figures: bool) -> None:
    assert _core().list_item(line, figures) is shape.list_item(line, figures=figures)
    assert _core().number_of(line) == shape.number_of(line)


@BUILT
def test_gold_lines() -> None:
    """Every line of the gold pages shapes the same."""
    pages = (*seed_pages(), *variant_pages(), *scraper_pages(), *devset_pages())
    for line in {line for page in pages for line in normalize_lines(page.text)}:
        if line:
            assert (_core().is_prose(line), _core().is_paragraph(line)) == (shape.is_prose(line),
                                                                            shape.is_paragraph(line)), line
