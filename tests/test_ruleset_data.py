"""Rule sets are data: loading a TOML rule set (and cleaning with it) never runs code named in the file.

Python code in a TOML file is only ever a string: a name, a description, a pattern, an example.  The loader
parses TOML with tomllib and compiles patterns with regex; it never evaluates, unpickles or imports anything
the file names.  This is checked with an audit hook (PEP 578) that records what the process does while a
hostile rule set is loaded and used.  Entry points are code by design: the trust boundary is the installed
package, not the TOML file (docs/robustness.md).
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

import newsclean
from newsclean import RuleSetError, registry, ruleset_from_toml

_events: list[tuple[str, tuple[object, ...]]] = []
_recording = False

# What loading data must never do.
FORBIDDEN = ("exec", "compile", "pickle.find_class", "marshal.loads", "os.system", "os.exec", "os.posix_spawn",
             "os.spawn", "subprocess.Popen", "ctypes.", "socket.", "urllib.Request", "builtins.input",
             "importlib.import_module", "os.remove", "os.rename", "shutil.")


def _hook(event: str, args: tuple[object, ...]) -> None:
    if _recording:
        _events.append((event, args))


sys.addaudithook(_hook)  # hooks cannot be removed: this one records only inside recording()


@contextmanager
def recording() -> Iterator[list[tuple[str, tuple[object, ...]]]]:
    global _recording
    _events.clear()
    _recording = True
    try:
        yield _events
    finally:
        _recording = False


def assert_no_code_ran(events: list[tuple[str, tuple[object, ...]]], allowed_open: set[str]) -> None:
    for event, args in events:
        assert not event.startswith(FORBIDDEN), (event, args)
        if event == "import":
            # a module named in the data must never be imported (the loader's own lazy imports are fine)
            assert args[0] not in {"os.path", "subprocess", "pickle", "evil_module", "shutil"}, (event, args)
        if event == "open" and isinstance(args[0], str | Path):
            assert str(args[0]) in allowed_open or "/site-packages/" in str(args[0]) or str(args[0]).endswith(
                ".pyc"), (event, args)


CODE = "__import__('os').system('touch {marker}')"
HOSTILE = """
name = "evil"
description = "{code}"
aliases = ["{code}"]
hosts = ["evil.example"]
extends = ["base"]

[[signatures]]
pattern = '__import__\\(.os.\\)'
weight = 2

[[rules]]
name = "{code}"
label = "nav"
pattern = '__import__\\(.{{0,40}}\\)\\.system\\(.{{0,80}}\\)'
lines = ["!!python/object/apply:os.system ['touch {marker}']", "cos\\nsystem\\n(S'touch {marker}'\\ntR."]
examples = ["{code}"]

[[datelines]]
name = "evil_dateline"
pattern = 'EVIL\\s+-\\s+'
examples = ["EVIL - {code}"]
"""


def hostile_toml(tmp_path: Path) -> tuple[Path, Path]:
    marker = tmp_path / "pwned"
    code = CODE.format(marker=marker)
    path = tmp_path / "evil.toml"
    path.write_text(HOSTILE.format(code=code.replace('"', '\\"'), marker=marker), encoding="utf-8")
    return path, marker


@pytest.fixture
def clean_registry(monkeypatch: pytest.MonkeyPatch) -> None:
    newsclean.rulesets()
    for table in ("_rulesets", "_aliases", "_compiled", "_signatures"):
        monkeypatch.setattr(registry, table, dict(getattr(registry, table)))
    monkeypatch.setattr(registry, "_added", list(registry._added))


def test_python_code_in_a_rule_set_is_only_ever_a_string(
    tmp_path: Path, clean_registry: None, monkeypatch: pytest.MonkeyPatch,
) -> None:
    # the native core keeps the databases it compiles on disk (its own files, named by a digest, written and
    # renamed into place): not what this test watches, so none is kept here
    monkeypatch.setenv("NEWSCLEAN_CACHE_DIR", "")
    path, marker = hostile_toml(tmp_path)
    code = CODE.format(marker=marker)
    with recording() as events:
        ruleset = ruleset_from_toml(path)
        newsclean.register(ruleset)
        page = "\n".join([code, "EVIL - " + code, "Harga cabai naik dua kali lipat sejak awal pekan, kata pedagang."])
        article = newsclean.clean(page, url="https://evil.example/1", language=False)
    assert not marker.exists()
    assert ruleset.description == code and ruleset.rules[0].name == code
    assert article.outlet == "evil"
    assert article.lines[0].rule == f"evil.{code}"  # the code is a rule's name, printed, never run
    assert_no_code_ran(events, {str(path)})


def test_a_pickle_or_yaml_tag_in_a_rule_set_is_a_string_or_an_error(tmp_path: Path,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    # the ReDoS check keeps its verdicts on disk (its own files, named by a digest): not what this test watches
    monkeypatch.setenv("NEWSCLEAN_CACHE_DIR", "")
    pickled = "cos\\nsystem\\n(S'echo pwned'\\ntR."
    loaded = ruleset_from_toml(f'name = "x"\n[[rules]]\nname = "r"\nlabel = "nav"\nlines = ["{pickled}"]\n')
    assert loaded.rules[0].lines == ("cos\nsystem\n(S'echo pwned'\ntR.",)
    for text in ('name = !!python/object/apply:os.system ["echo pwned"]',
                 "name = \"x\"\nrules = '''[{'name': __import__('os').getcwd()}]'''",
                 'name = "x"\n[[rules]]\nname = "r"\nlabel = "nav"\npattern = \'(?{print(1)})\''):
        with recording() as events, pytest.raises(RuleSetError):
            ruleset_from_toml(text)
        assert_no_code_ran(events, set())


def test_extends_names_a_rule_set_never_a_module(tmp_path: Path, clean_registry: None) -> None:
    # a name in extends is looked up among registered rule sets: an unknown one is an error, never an import
    path = tmp_path / "x.toml"
    path.write_text('name = "x"\nextends = ["evil_module", "os.path"]\n', encoding="utf-8")
    ruleset = ruleset_from_toml(path)
    newsclean.register(ruleset)
    with recording() as events, pytest.raises(newsclean.UnknownOutletError, match="evil_module"):
        newsclean.clean("Harga cabai naik dua kali lipat.", outlet="x", language=False)
    assert_no_code_ran(events, set())


def test_the_audit_hook_would_see_code_run() -> None:
    with recording() as events:
        eval("1 + 1")
        __import__("json")
    with pytest.raises(AssertionError):
        assert_no_code_ran(events, set())
