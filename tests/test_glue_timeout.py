"""checked_timeout's shortcut for a float in range (clean()'s every page) gives what its definition gives for every
float: the value clamped to LONGEST_TIMEOUT, a ValueError for NaN or a negative number."""

from __future__ import annotations

import math

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from newsclean.rules import LONGEST_TIMEOUT, checked_timeout


@given(st.floats(allow_nan=True, allow_infinity=True))
@example(-0.0)
@example(0.0)
@example(LONGEST_TIMEOUT)
@example(math.nextafter(LONGEST_TIMEOUT, math.inf))
@example(5e-324)
def test_a_float_is_checked_as_defined(seconds: float) -> None:
    if math.isnan(seconds) or seconds < 0:
        with pytest.raises(ValueError, match="timeout must be 0 or more seconds"):
            checked_timeout(seconds)
        return
    got = checked_timeout(seconds)
    assert type(got) is float
    assert got == min(seconds, LONGEST_TIMEOUT)
    assert math.copysign(1.0, got) == math.copysign(1.0, seconds)  # -0.0 stays -0.0, as min() keeps it


class _Seconds(float):
    pass


@pytest.mark.parametrize(("seconds", "expected"), [(_Seconds(2.5), 2.5), (3, 3.0), (True, TypeError), ("1", TypeError),
                                                   (None, None), (10**400, LONGEST_TIMEOUT)])
def test_other_values_take_the_long_way(seconds: object, expected: object) -> None:
    if expected is TypeError:
        with pytest.raises(TypeError):
            checked_timeout(seconds)
        return
    assert checked_timeout(seconds) == expected
