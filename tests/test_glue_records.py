"""native.record: a frozen dataclass with slots (Article, Layout) made in C, each field set through its slot as the
class's generated ``__init__`` sets it; the same object as the class makes, and the class's own answer to a call
that does not give every field once."""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from newsclean import core, label, native
from newsclean.label import Layout
from newsclean.model import Article, Label, Line

pytestmark = pytest.mark.skipif(not native.structure_available(), reason="the structural extension is not built")

_VALUE = st.one_of(st.none(), st.text(max_size=5), st.integers(), st.tuples(st.text(max_size=3)),
                   st.just(dt.date(2022, 1, 12)), st.just((Line(0, "a", Label.BODY, "r"),)))


def _made(maker: Any, cls: type, values: dict[str, Any], positional: int) -> tuple[Any, Any]:
    names = [f.name for f in dataclasses.fields(cls)]
    args = [values[n] for n in names[:positional]]
    kwargs = {n: values[n] for n in names[positional:]}
    return maker(*args, **kwargs), cls(*args, **kwargs)


@pytest.mark.parametrize(("maker", "cls"), [(core.new_article, Article), (label.new_layout, Layout)])
@given(data=st.data())
def test_a_record_is_the_object_its_class_makes(maker: Any, cls: type, data: st.DataObject) -> None:
    names = [f.name for f in dataclasses.fields(cls)]
    values = {n: data.draw(_VALUE, label=n) for n in names}
    positional = data.draw(st.integers(0, len(names)), label="positional")
    previous = native.use(True)
    try:
        got, expected = _made(maker, cls, values, positional)
    finally:
        native.use(previous)
    assert type(got) is cls
    assert got == expected
    assert all(getattr(got, n) is values[n] for n in names)
    with pytest.raises(dataclasses.FrozenInstanceError):
        setattr(got, names[0], None)


def _outcome(call: Any, *args: Any, **kwargs: Any) -> Any:
    try:
        return call(*args, **kwargs)
    except TypeError as exc:
        return str(exc)


@pytest.mark.parametrize(("args", "kwargs"), [
    ((), {}),
    ((1, 2, 3, 4, 5), {}),  # one short
    ((1, 2, 3, 4, 5, 6, 7), {}),  # one too many
    ((1, 2, 3, 4, 5), {"lines": 6}),  # lines given twice
    ((1, 2, 3, 4, 5), {"city": 6}),  # a field it does not have
    ((1, 2, 3, 4, 5), {"dateline": 6, "start": 7}),
])
def test_a_call_that_does_not_give_every_field_once_is_the_classs_to_answer(args: tuple[Any, ...],
                                                                            kwargs: dict[str, Any]) -> None:
    previous = native.use(True)
    try:
        got = _outcome(label.new_layout, *args, **kwargs)
    finally:
        native.use(previous)
    expected = _outcome(Layout, *args, **kwargs)
    assert got == expected
    assert isinstance(got, str) or type(got) is Layout


def test_the_native_core_off_makes_records_by_their_class() -> None:
    previous = native.use(False)
    try:
        made = label.new_layout((), None, None, None, None, None)
    finally:
        native.use(previous)
    assert made == Layout((), None, None, None, None, None)
    assert getattr(label.new_layout, "__wrapped__", None) is Layout


@dataclasses.dataclass(frozen=True, slots=True)
class _Checked:
    a: int

    def __post_init__(self) -> None:
        if self.a < 0:
            raise ValueError("negative")


@dataclasses.dataclass(frozen=True)
class _NoSlots:
    a: int


@dataclasses.dataclass(slots=True)
class _Mutable:
    a: int


@dataclasses.dataclass(frozen=True, slots=True)
class _Computed:
    a: int
    b: int = dataclasses.field(init=False, default=0)


class _Plain:
    __slots__ = ("a",)


@pytest.mark.parametrize("cls", [_Checked, _NoSlots, _Mutable, _Computed, _Plain, int])
def test_a_class_whose_making_does_more_is_made_by_itself(cls: type) -> None:
    assert native.record(cls) is cls


def test_a_record_of_a_plain_frozen_dataclass_is_a_switch() -> None:
    @dataclasses.dataclass(frozen=True, slots=True)
    class Pair:
        a: int
        b: str

    maker = native.record(Pair)
    assert maker is not Pair
    assert maker(1, b="x") == Pair(1, "x")
    assert native._structure.Record(Pair, ("a", "b")).fields == ("a", "b")
    with pytest.raises(TypeError):
        native._structure.Record(Pair, ("a", "c"))  # no such slot
    with pytest.raises(TypeError):
        native._structure.Record(Pair, ("a", 1))
