"""The native split_normalized (``newsclean._structure``) against normalize.py's, the reference: the page's raw lines
and its normalised lines, equal for every gold page and for text full of what the fixes look for; and the pre-check
that spares a line the space-fix steps only rules out lines those steps leave as they are."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from newsclean import native, normalize
from newsclean.normalize import DEFAULT, OFF, Normalization
from test_structure_normalize import ALL_WAYS, MIXED_PAGE, TEXT, _pages

pytestmark = pytest.mark.skipif(not native.structure_available(), reason="the structural extension is not built")


def _core() -> Any:
    return native.structure()


def _same(text: str, how: Normalization) -> None:
    expected = normalize.split_normalized(text, how)
    got = _core().split_normalized(text, how)
    assert type(got) is tuple and [type(part) for part in got] == [list, list]
    assert got == expected
    assert all(type(line) is str for part in got for line in part)


@pytest.mark.parametrize("how", ALL_WAYS)
def test_every_gold_page_splits_and_normalises_alike(how: Normalization) -> None:
    for text in _pages():
        _same(text, how)


@settings(max_examples=500)
@given(TEXT | MIXED_PAGE, st.sampled_from(ALL_WAYS))
@example("Harga  naik\r\n\u00a0kemarin\t\n", DEFAULT)
@example("a \u00a0Â¡\n\t\nÂ \u00a0b", DEFAULT)  # markers made only once the spaces are fixed
@example("x\u200b\u00a0\u200by\n\u3000", DEFAULT)  # zero-width characters inside a run of spaces
@example("\ud800 a\u0085\n\x1c", DEFAULT)
@example("", DEFAULT)
@example("\n\n", DEFAULT)
def test_text_splits_and_normalises_alike(text: str, how: Normalization) -> None:
    _same(text, how)


@settings(max_examples=1000)
@given(TEXT)
@example("a\u00a0b")
@example("a \tb")
def test_a_line_the_pre_check_spares_is_one_the_space_steps_leave_alone(text: str) -> None:
    if not _core().spaces_possible(text):
        assert normalize._ODD_SPACES.sub(" ", normalize._ZERO_WIDTH.sub("", text)) == text


def test_a_call_the_native_side_does_not_take_goes_to_the_reference() -> None:
    text = "Harga\u00a0naik \n  kemarin"
    assert _core().split_normalized(text) == normalize.split_normalized(text)
    for how in (DEFAULT, OFF):
        assert _core().split_normalized(text, how=how) == normalize.split_normalized(text, how=how)
    for bad, error in ((None, AttributeError), (b"bytes", TypeError)):
        with pytest.raises(error):
            normalize.split_normalized(bad)  # type: ignore[arg-type]
        with pytest.raises(error):
            _core().split_normalized(bad)
