"""The dispatch of a structural pass (``native.structural``): one ``newsclean._structure.Switch`` a pass, which runs
the native function while the native core is on and the Python one (the reference) while it is off, decided in C
at each call; the first native call of a process sets the extension up."""

from __future__ import annotations

import cProfile
import pstats
import subprocess
import sys
from typing import Any

import pytest

from newsclean import core, label, metadata, native, normalize

pytestmark = pytest.mark.skipif(not native.structure_available(), reason="the structural extension is not built")


def _ran(which: str) -> Any:
    def run(*args: Any, **kwargs: Any) -> tuple[str, tuple[Any, ...], dict[str, Any]]:
        return which, args, kwargs

    run.__doc__ = f"the {which} one"
    return run


def _switch() -> Any:
    return native._structure.Switch(_ran("native"), _ran("python"), native.structure)


@pytest.mark.parametrize("on", [True, False])
def test_a_switch_runs_the_side_use_chose_with_the_arguments_as_given(on: bool) -> None:
    switch = _switch()
    previous = native.use(on)
    try:
        assert switch(1, "two", three=3) == ("native" if on else "python", (1, "two"), {"three": 3})
        assert switch() == ("native" if on else "python", (), {})
    finally:
        native.use(previous)


def test_use_flips_every_switch_and_says_what_was_on() -> None:
    switch = _switch()
    previous = native.use(True)
    try:
        assert native.use(False) is True
        assert switch()[0] == "python"
        assert native.use(True) is False
        assert switch()[0] == "native"
    finally:
        native.use(previous)


def test_a_switch_reads_as_its_python_function() -> None:
    switch = _switch()
    python = switch.__wrapped__
    assert python() == ("python", (), {})
    assert (switch.__name__, switch.__qualname__, switch.__module__, switch.__doc__) == (
        python.__name__, python.__qualname__, python.__module__, "the python one")
    assert switch.native() == ("native", (), {})


def test_a_switch_takes_three_callables() -> None:
    with pytest.raises(TypeError):
        native._structure.Switch(len, len)
    with pytest.raises(TypeError):
        native._structure.Switch(len, len, None)
    with pytest.raises(TypeError):
        native._structure.Switch(len, len, len, prepare=len)


def test_the_wired_passes_are_switches_of_the_extension_and_the_reference() -> None:
    wired: list[tuple[Any, str, Any]] = [(core.split_normalized, "split_normalized", normalize.split_normalized),
             (core.label_lines, "label_lines", label.label_lines),
             (core.extract, "extract", metadata.extract),
             (core.paragraphs_of, "paragraphs", label.paragraphs)]
    for switch, name, python in wired:
        assert switch.__wrapped__ is python
        assert switch.native is getattr(native.structure(), name)
        assert native._native_passes[name] is switch.native


def test_the_first_native_call_sets_the_extension_up() -> None:
    # a new process: no pass has run, so setup() has not been called; the first call through a switch calls it
    program = """
from newsclean import core, native
from newsclean.model import Line, Label
assert native.structure.cache_info().currsize == 0
line = Line(0, "Isi berita.", Label.BODY, "structure.body", "")
print(core.paragraphs_of((line,)), native.structure.cache_info().currsize)
"""
    done = subprocess.run([sys.executable, "-c", program], capture_output=True, text=True, timeout=120, check=False)
    assert (done.returncode, done.stdout.strip()) == (0, "('Isi berita.',) 1"), done.stderr


def test_a_switch_whose_set_up_fails_or_sets_nothing_up_raises() -> None:
    # (a new process: the extension is not set up yet)
    program = """
from newsclean import native
for prepare, error in ((lambda: 1 / 0, ZeroDivisionError), (lambda: None, RuntimeError)):
    try:
        native._structure.Switch(len, len, prepare)("abc")
    except error:
        print("raised")
"""
    done = subprocess.run([sys.executable, "-c", program], capture_output=True, text=True, timeout=120, check=False)
    assert (done.returncode, done.stdout.split()) == (0, ["raised", "raised"]), done.stderr


def test_a_profiler_sees_the_native_pass_by_name() -> None:
    # a call from C to C is not reported to a profiler: while one runs, the switch calls the native pass from Python
    previous = native.use(True)
    try:
        profile = cProfile.Profile()
        profile.runcall(core.paragraphs_of, ())
        profile.runcall(core.paragraphs_of, lines=())
    finally:
        native.use(previous)
    called = {name for _, _, name in pstats.Stats(profile).stats}  # type: ignore[attr-defined]
    assert "<built-in method newsclean._structure.paragraphs>" in called


def test_a_switch_shows_its_native_call_with_every_argument() -> None:
    shown: list[tuple[Any, ...]] = []

    def show(function: Any, *args: Any, **kwargs: Any) -> Any:
        shown.append((function, args, kwargs))
        return function(*args, **kwargs)

    switch = native._structure.Switch(_ran("native"), _ran("python"), native.structure, show)
    previous = native.use(True)
    try:
        assert switch(1, 2, three=3) == ("native", (1, 2), {"three": 3})  # no profiler: a direct call
        assert shown == []
        profile = cProfile.Profile()
        many = tuple(range(12))
        assert profile.runcall(switch, *many, three=3) == ("native", many, {"three": 3})
        assert profile.runcall(switch) == ("native", (), {})
    finally:
        native.use(previous)
    assert [(args, kwargs) for _, args, kwargs in shown] == [(many, {"three": 3}), ((), {})]
    assert all(function is switch.native for function, _, _ in shown)
