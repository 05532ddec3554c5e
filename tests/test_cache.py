"""What newsclean keeps on disk (newsclean.cache): written whole, read back bounded, the files used last kept."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from newsclean import cache


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("NEWSCLEAN_CACHE_DIR", str(tmp_path))
    return tmp_path


def _aged(folder: Path, name: str, when: int) -> None:
    os.utime(folder / f"{name}.k", (when, when))


def test_a_file_is_read_back_as_written_and_a_larger_one_is_none(folder: Path) -> None:
    cache.write("a", ".k", b"abc", kept=4)
    assert cache.read("a", ".k", limit=3) == b"abc"
    assert cache.read("a", ".k", limit=2) is None
    assert cache.read("b", ".k", limit=3) is None
    assert [p.name for p in folder.iterdir()] == ["a.k"]  # no temporary file left behind


def test_the_files_used_last_are_kept_once_they_are_a_quarter_more(folder: Path) -> None:
    for n in range(10):
        cache.write(f"f{n}", ".k", b"x", kept=8)
        _aged(folder, f"f{n}", 1_000 + n)
    assert len(list(folder.glob("*.k"))) == 10  # up to a quarter more: no pruning yet
    cache.read("f0", ".k", limit=1)  # read: used now, kept
    cache.write("f10", ".k", b"x", kept=8)
    assert sorted(p.stem for p in folder.glob("*.k")) == sorted(["f0", *(f"f{n}" for n in range(4, 11))])
    cache.write("other", ".o", b"x", kept=1)  # another suffix, kept apart
    assert len(list(folder.glob("*.k"))) == 8


def test_nothing_is_kept_without_a_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NEWSCLEAN_CACHE_DIR", "")
    monkeypatch.chdir(tmp_path)
    assert cache.folder() is None
    cache.write("a", ".k", b"abc", kept=4)
    assert cache.read("a", ".k", limit=3) is None
    assert list(tmp_path.iterdir()) == []


def test_a_file_is_named_by_its_facts_only_where_a_folder_keeps_it(folder: Path,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    asked: list[int] = []

    def facts() -> list[object]:
        asked.append(1)
        return [1, "code", ["pattern", True]]

    assert cache.name(facts) == cache.key([1, "code", ["pattern", True]])
    assert cache.name(facts) != cache.key([2, "code", ["pattern", True]])
    monkeypatch.setenv("NEWSCLEAN_CACHE_DIR", "")
    asked.clear()
    assert cache.name(facts) is None
    assert asked == []  # the facts (a digest of module sources) are not even made
