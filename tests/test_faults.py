"""Batch faults on the command line: a full disk, a worker killed mid-run, malformed and oversized records.

Whatever goes wrong, ``newsclean clean`` on a corpus reports it in one line (no traceback), never leaves an
output under its final name that is not complete, and accounts for every record: records in = results + error
records, and the errors file names each record that failed (its source ``FILE:LINE`` and its id when known).
"""

from __future__ import annotations

import errno
import json
import multiprocessing
import os
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import IO, Any

import pytest

from conftest import seed_pages
from newsclean import clean, cli, corpus, settings

PAGES = seed_pages()
NEWSCLEAN = [sys.executable, "-m", "newsclean"]
POISON = "this page makes the worker process die"


def jsonl(records: Sequence[dict[str, Any] | bytes]) -> bytes:
    return b"".join((r if isinstance(r, bytes) else json.dumps(r, ensure_ascii=False).encode("utf-8")) + b"\n"
                    for r in records)


def read(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


# ---------------------------------------------------------------------------
# a full disk


@pytest.mark.parametrize("argv", [
    ["clean", "--no-language", "seeds/000_50aa4a79afe1eb76.txt", "seeds/001_53b09ad841259d56.txt"],
    ["clean", "--no-language", "--format", "json", "seeds/000_50aa4a79afe1eb76.txt"],
    ["clean", "--no-language", "--workers", "1", "seeds"],
    ["explain", "seeds/000_50aa4a79afe1eb76.txt"],
    ["rulesets"],
], ids=["text", "json", "jsonl", "explain", "rulesets"])
def test_standard_output_on_a_full_disk_is_exit_4_and_one_line(argv: list[str]) -> None:
    root = Path(__file__).resolve().parent.parent
    with open("/dev/full", "w") as full:
        done = subprocess.run([*NEWSCLEAN, *argv], stdout=full, stderr=subprocess.PIPE, text=True, cwd=root,
                              timeout=120, check=False)
    assert done.returncode == cli.EXIT_OUTPUT == 4
    assert done.stderr == "newsclean: standard output: cannot write: No space left on device\n"


class FullDisk:
    """A file that takes ``room`` bytes and then fails as a full disk does (at write, or at flush)."""

    def __init__(self, handle: IO[bytes], room: int, *, at_flush: bool = False) -> None:
        self.handle = handle
        self.room = room
        self.at_flush = at_flush

    def write(self, data: bytes) -> int:
        if not self.at_flush and len(data) > self.room:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        self.room -= len(data)
        return self.handle.write(data)

    def flush(self) -> None:
        if self.at_flush:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        self.handle.flush()

    def __getattr__(self, name: str) -> Any:
        return getattr(self.handle, name)


def fill_disk(monkeypatch: pytest.MonkeyPatch, full: str, room: int, *, at_flush: bool = False) -> None:
    """Make the part file ``full`` fail as on a full disk after ``room`` bytes."""
    real = open

    def opening(path: str, mode: str = "r", *args: Any, **kwargs: Any) -> Any:
        handle = real(path, mode, *args, **kwargs)
        return FullDisk(handle, room, at_flush=at_flush) if str(path) == full and "b" in mode else handle

    monkeypatch.setattr(corpus.output, "open", opening, raising=False)


@pytest.fixture
def corpus_file(tmp_path: Path) -> Path:
    path = tmp_path / "corpus.jsonl"
    records: list[dict[str, Any]] = [{"id": p.name, "text": p.text} for p in PAGES] * 4
    path.write_bytes(jsonl([*records[:7], b"{not json", *records[7:]]))
    return path


@pytest.mark.parametrize(("which", "at_flush"), [("output", False), ("output", True), ("errors", False)],
                         ids=["output-write", "output-at-the-end", "errors-write"])
def test_a_full_disk_under_the_output_is_exit_4_and_leaves_no_file_that_looks_complete(
        monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path, corpus_file: Path,
        which: str, at_flush: bool) -> None:
    output, errors = tmp_path / "out.jsonl", tmp_path / "errors.jsonl"
    full = f"{output if which == 'output' else errors}.part"
    fill_disk(monkeypatch, full, room=30_000 if which == "output" else 0, at_flush=at_flush)
    code = cli.main(["clean", "--workers", "1", "--no-language", str(corpus_file), "-o", str(output),
                     "--errors", str(errors)])
    out, err = capsys.readouterr()
    assert (code, out) == (cli.EXIT_OUTPUT, "")
    assert err == f"newsclean: {full}: cannot write: No space left on device\n"
    assert not output.exists()  # the final name is only ever given to a complete output
    assert Path(f"{output}.part").exists()


def test_a_checkpoint_that_cannot_be_written_is_exit_4(monkeypatch: pytest.MonkeyPatch,
                                                       capsys: pytest.CaptureFixture[str], tmp_path: Path,
                                                       corpus_file: Path) -> None:
    monkeypatch.setattr(corpus.job, "CHECKPOINT_RECORDS", 5)
    output = tmp_path / "out.jsonl"
    real = corpus.write_atomically

    def full(path: str, text: str) -> None:
        if path.endswith(".checkpoint"):
            raise corpus.OutputError(f"{path}: cannot write: {os.strerror(errno.ENOSPC)}")
        real(path, text)

    monkeypatch.setattr(corpus.checkpoint, "write_atomically", full)
    code = cli.main(["clean", "--workers", "1", "--no-language", str(corpus_file), "-o", str(output)])
    err = capsys.readouterr().err
    assert code == cli.EXIT_OUTPUT
    assert f"newsclean: {output}.checkpoint: cannot write: No space left on device" in err.splitlines()
    assert "Traceback" not in err and not output.exists()


# ---------------------------------------------------------------------------
# every record accounted for, whatever goes wrong


@pytest.mark.skipif(multiprocessing.get_start_method() != "fork",
                    reason="the stand-in for a page that crashes its worker reaches the workers by fork")
@pytest.mark.parametrize("workers", [1, 2])
def test_records_in_equal_results_plus_errors_and_the_errors_file_names_each(
        monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path, workers: int) -> None:
    real = clean  # what newsclean.settings calls: it imports clean from newsclean.core

    def crashing(text: str, **options: Any) -> Any:
        if text == POISON:
            if workers == 1:
                raise MemoryError  # in the parent, a page that breaks cleaning is an error record
            os._exit(70)  # in a worker, as a segfault or the out-of-memory killer would end it
        return real(text, **options)

    monkeypatch.setattr(settings, "clean", crashing)
    path = tmp_path / "corpus.jsonl"
    good = [{"id": f"good-{i}", "text": p.text} for i, p in enumerate(PAGES)]
    lines: list[dict[str, Any] | bytes] = [
        good[0],
        b"{not json",
        {"id": "poison-1", "text": POISON},
        good[1],
        b'{"id": "latin1", "text": "caf\xe9"}',
        {"id": "big", "text": "x" * 5001},
        b"[1, 2, 3]",
        {"id": "no-text", "body": "..."},
        good[2],
        {"id": "poison-2", "text": POISON},
        {"id": 7, "text": 12},
        *good[3:],
    ]
    path.write_bytes(jsonl(lines))
    output, errors, summary = tmp_path / "out.jsonl", tmp_path / "errors.jsonl", tmp_path / "summary.json"
    code = cli.main(["clean", "--workers", str(workers), "--chunksize", "2", "--no-language", "--max-chars", "5000",
                     str(path), "-o", str(output), "--errors", str(errors), "--summary", str(summary)])
    capsys.readouterr()
    assert code == 0
    # with --errors, the error records go to the errors file, the cleaned ones to the output
    cleaned = read(output)
    failed = read(errors)
    records = sorted(cleaned + failed, key=lambda r: int(r["index"]))
    counts = json.loads(summary.read_text(encoding="utf-8"))
    assert len(records) == len(lines) == counts["records"]
    assert counts["cleaned"] + counts["errors"] == counts["records"]
    assert not any("error" in r for r in cleaned) and len(failed) == counts["errors"] == 8
    assert [r["index"] for r in records] == list(range(len(lines)))
    assert [r["source"] for r in records] == [f"{path}:{n}" for n in range(1, len(lines) + 1)]
    died = "worker process died while cleaning this record" if workers == 2 else "MemoryError: "
    assert [(r["source"].rsplit(":", 1)[1], r["id"], r["error"]) for r in failed] == [
        ("2", None, "not JSON: Expecting property name enclosed in double quotes at column 2"),
        ("3", "poison-1", died),
        ("5", None, "not UTF-8: invalid continuation byte at byte 29"),
        ("6", "big", "too large: 5001 characters, limit 5000"),
        ("7", None, "not a JSON object: got an array"),
        ("8", "no-text", "no 'text' field"),
        ("10", "poison-2", died),
        ("11", "7", "not text: got int"),
    ]
    assert [r["id"] for r in records if "error" not in r] == [g["id"] for g in good]
