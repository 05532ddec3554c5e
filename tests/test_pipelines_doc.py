"""The examples of docs/pipelines.md run as printed, with the real libraries, and do what the page says."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

from test_steps import need

ROOT = Path(__file__).parent.parent
DOC = ROOT / "docs" / "pipelines.md"
BLOCKS = re.findall(r"```python\n(.*?)```", DOC.read_text(encoding="utf-8"), re.S)


def run_block(code: str, where: Path) -> str:
    """Run ``code`` as a script in ``where`` (holding a copy of seeds/), as a reader of the page would."""
    shutil.copytree(ROOT / "seeds", where / "seeds")
    done = subprocess.run([sys.executable, "-c", code], cwd=where, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-3000:]
    return done.stdout


def test_the_page_has_its_two_examples() -> None:
    assert len(BLOCKS) == 2
    assert "NewscleanFilter" in BLOCKS[0] and "clean_batch" in BLOCKS[1]


def test_the_datatrove_example(tmp_path: Path) -> None:
    need("datatrove")
    need("orjson")
    out = run_block(BLOCKS[0], tmp_path)
    printed = [line.split() for line in out.splitlines()]
    assert [words[:4] for words in printed] == [
        ["page-0", "<urn:uuid:0>", "suara", "id"], ["page-1", "<urn:uuid:1>", "kompastv", "id"],
        ["page-2", "<urn:uuid:2>", "republika", "id"], ["page-3", "<urn:uuid:3>", "pikiran-rakyat", "id"],
        ["page-4", "<urn:uuid:4>", "okezone", "id"]]
    assert "page-0 <urn:uuid:0> suara id 2339 chars kept" in DOC.read_text(encoding="utf-8")
    assert out.splitlines()[0] == "page-0 <urn:uuid:0> suara id 2339 chars kept"
    steps = json.loads((tmp_path / "logs" / "stats.json").read_text(encoding="utf-8"))
    ours = next(step["stats"] for step in steps if "newsclean" in step["name"])
    assert {k: ours[k] for k in ("total", "forwarded", "dropped", "dropped_empty_body")} == {
        "total": 6, "forwarded": 5, "dropped": 1, "dropped_empty_body": 1}
    dropped = [json.loads(line) for p in (tmp_path / "dropped").glob("*.jsonl") for line in p.open()]
    assert [doc["id"] for doc in dropped] == ["menu-only"]


def test_the_datasets_example(tmp_path: Path) -> None:
    need("datasets")
    out = run_block(BLOCKS[1], tmp_path).splitlines()
    assert out[0] == str(['text', 'file', 'outlet', 'title', 'published', 'language', 'kept_chars', 'error'])
    assert [line.split()[:2] for line in out[1:]] == [
        ["000_50aa4a79afe1eb76.txt", "suara"], ["001_53b09ad841259d56.txt", "kompastv"],
        ["002_7bd733d8d3d2c4d1.txt", "republika"], ["003_cc0c1b5db0ae53db.txt", "pikiran-rakyat"],
        ["004_a4567067c457243c.txt", "okezone"]]
    assert ("004_a4567067c457243c.txt okezone 2022-01-07T05:52:00+07:00 id Kerusuhan Berdarah Pecah di Kazakhstan, "
            "Rusia Kirimkan Pasukan") in out
    rows = [json.loads(line) for line in (tmp_path / "clean.jsonl").open(encoding="utf-8")]
    assert len(rows) == 5 and all(row["text"] and row["error"] is None for row in rows)
