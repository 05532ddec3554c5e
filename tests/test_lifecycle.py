"""Worker processes end with their parent, however it ends; SIGTERM stops a corpus run as Ctrl-C does; a second
Ctrl-C exits at once.  Each test runs newsclean in a child process and signals it."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
import textwrap
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import seed_pages

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
PAGES = [page.text for page in seed_pages()]


def children(pid: int) -> list[int]:
    """The live (not zombie) processes whose parent is ``pid``."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            state, parent = stat.rsplit(")", 1)[1].split()[:2]
            if int(parent) == pid and state != "Z":
                found.append(int(entry.name))
    return found


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def wait_for(condition: Callable[[], bool], seconds: float) -> bool:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        if condition():
            return True
        time.sleep(0.02)
    return condition()


def test_workers_end_when_their_parent_is_killed(tmp_path: Path) -> None:
    script = tmp_path / "run.py"
    script.write_text(textwrap.dedent("""
        import sys, time
        import newsclean

        def pages():
            while True:
                yield "Judul berita\\n" + "Warga kota berkumpul di alun-alun pada Senin pagi. " * 40

        for result in newsclean.clean_many(pages(), workers=2, chunksize=1, language=False):
            print("cleaned", flush=True)
            time.sleep(0.05)
    """), encoding="utf-8")
    parent = subprocess.Popen([sys.executable, str(script)], stdout=subprocess.PIPE, text=True)
    try:
        assert parent.stdout is not None and parent.stdout.readline() == "cleaned\n"
        workers = children(parent.pid)
        assert len(workers) >= 2
        parent.kill()  # SIGKILL: no handler, no atexit, nothing of the parent runs
        parent.wait(10)
        assert wait_for(lambda: not any(alive(w) for w in workers), 10), "workers outlived their parent"
    finally:
        parent.kill()


def corpus(tmp_path: Path, records: int, text: Callable[[int], str]) -> Path:
    path = tmp_path / "corpus.jsonl"
    with path.open("w", encoding="utf-8") as out:
        for i in range(records):
            out.write(json.dumps({"id": f"r{i}", "text": text(i)}, ensure_ascii=False) + "\n")
    return path


def start(tmp_path: Path, path: Path, *options: str) -> subprocess.Popen[str]:
    return subprocess.Popen([sys.executable, "-m", "newsclean", "clean", "--no-language", "--workers", "2",
                             str(path), "-o", str(tmp_path / "out.jsonl"), *options],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def test_sigterm_stops_a_run_as_ctrl_c_does_and_it_resumes(tmp_path: Path) -> None:
    path = corpus(tmp_path, 1500, lambda i: PAGES[i % len(PAGES)])
    part = tmp_path / "out.jsonl.part"
    run = start(tmp_path, path, "--chunksize", "4")
    try:
        assert wait_for(lambda: part.exists() and part.stat().st_size > 0, 60)
        workers = children(run.pid)
        run.send_signal(signal.SIGTERM)
        _, err = run.communicate(timeout=20)
    finally:
        run.kill()
    assert run.returncode == 143, err
    assert "interrupted:" in err and "--resume" in err and "Traceback" not in err
    checkpoint = json.loads((tmp_path / "out.jsonl.checkpoint").read_text(encoding="utf-8"))
    assert 0 < checkpoint["records"] < 1500
    assert wait_for(lambda: not any(alive(w) for w in workers), 10)
    resumed = start(tmp_path, path, "--resume")
    _, err = resumed.communicate(timeout=300)
    assert resumed.returncode == 0, err
    records = [json.loads(line) for line in (tmp_path / "out.jsonl").read_text(encoding="utf-8").splitlines()]
    assert [(r["index"], r["id"]) for r in records] == [(i, f"r{i}") for i in range(1500)]


def test_a_second_ctrl_c_exits_at_once_with_the_workers(tmp_path: Path) -> None:
    # pages of a few hundred kB: a chunk of them (as many as make 4 MB) keeps a worker busy for seconds
    path = corpus(tmp_path, 400, lambda i: "\n".join([f"Judul {i}", "Warga kota berkumpul di alun-alun. " * 8000]))
    run = subprocess.Popen([sys.executable, "-m", "newsclean", "clean", "--no-language", "--workers", "2",
                            str(path), "-o", str(tmp_path / "out.jsonl")],
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        assert wait_for(lambda: len(children(run.pid)) >= 2, 30)
        time.sleep(1)  # the workers are in their first chunk
        workers = children(run.pid)
        run.send_signal(signal.SIGINT)
        time.sleep(0.2)
        started = time.monotonic()
        run.send_signal(signal.SIGINT)
        _, err = run.communicate(timeout=30)
        took = time.monotonic() - started
    finally:
        run.kill()
    assert run.returncode == 130, err
    assert took < 5, f"the second Ctrl-C took {took:.1f} s"
    assert "Traceback" not in err
    assert wait_for(lambda: not any(alive(w) for w in workers), 5)
