"""docs/usage.md's corpus-builder path runs as written: its commands, in a copy of the layout they expect."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
USAGE = ROOT / "docs" / "usage.md"
SHARED = ROOT.parent / "shared"


def corpus_builder_commands() -> str:
    found = re.search(r"<!-- corpus-builder: [^>]*-->\n```sh\n(.*?)```", USAGE.read_text(encoding="utf-8"), re.S)
    assert found is not None, "docs/usage.md lost its corpus-builder block"
    return found.group(1)


@pytest.mark.skipif(not (SHARED / "html").is_dir(), reason="needs the workplace's shared/html beside the clone")
def test_the_corpus_builder_path_runs_as_documented(tmp_path: Path) -> None:
    pytest.importorskip("selectolax")
    pytest.importorskip("pyarrow")
    clone = tmp_path / "repo"
    clone.mkdir()
    (clone / "seeds").symlink_to(ROOT / "seeds")
    (tmp_path / "shared").symlink_to(SHARED)
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}"}
    done = subprocess.run(["bash", "-euo", "pipefail", "-c", corpus_builder_commands()], cwd=clone, env=env,
                          capture_output=True, text=True, timeout=300, check=False)
    assert done.returncode == 0, done.stderr
    out = clone / "out"

    html = [json.loads(line) for line in (out / "html.jsonl").read_text(encoding="utf-8").splitlines()]
    assert len(html) == 25 and all(r["from_html"] and r["text"] for r in html)
    assert (out / "html-errors.jsonl").read_text(encoding="utf-8") == ""
    summary = json.loads((out / "html-summary.json").read_text(encoding="utf-8"))
    assert summary["records"] == 25 and summary["languages"] == {"id": 25}
    assert round(100 * summary["kept_chars"] / (summary["kept_chars"] + summary["dropped_chars"])) == 28

    crawl = [json.loads(line) for line in (out / "crawl-clean.jsonl").read_text(encoding="utf-8").splitlines()]
    assert [r["warc_id"] for r in crawl] == [f"<urn:uuid:{n:08d}>" for n in range(5)]
    assert all(r["crawl"] == {"date": "2026-11-01"} and r["url"].startswith("https://example.org/") for r in crawl)

    explained = (out / "explain-3.tsv").read_text(encoding="utf-8").splitlines()
    assert explained[0].startswith("# out/crawl.jsonl.gz:3: outlet ")

    train = (out / "train.jsonl").read_text(encoding="utf-8").splitlines()
    assert len(train) == 28
    parquet = pytest.importorskip("pyarrow.parquet")
    assert parquet.read_metadata(out / "train.parquet").num_rows == 28
