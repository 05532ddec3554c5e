"""The Dask adapter on a local cluster of two worker processes: one record out per record in, as clean() gives it."""

from __future__ import annotations

import gzip
import json
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("distributed")  # the `dask` extra (the `test` extra brings it)

import dask
import fsspec
from distributed import Client, LocalCluster

import newsclean
from conftest import seed_pages
from newsclean import Result
from newsclean.engines.dask import clean_jsonl

WIRE = "daskwire"
WIRE_TOML = """
name = "daskwire"
description = "A made-up wire, registered only in the test process."
hosts = ["daskwire.example"]
extends = ["base"]

[[signatures]]
pattern = '(?m)^(?:\\p{Lu}+, )?DASKWIRE - '
weight = 3

[[datelines]]
name = "site"
pattern = '(?:(?P<city>\\p{Lu}[\\p{Lu} ]+), )?DASKWIRE - '
examples = ["MEDAN, DASKWIRE - Warga"]

[[rules]]
name = "classifieds"
label = "ad"
lines = ["DASKWIRE - iklan baris murah"]
examples = ["DASKWIRE - iklan baris murah"]
"""
WIRE_BODY = [
    "Warga Medan menyambut jalur kereta baru yang dibuka pemerintah pada Senin pagi.",
    "Kereta pertama berangkat tepat waktu dan penuh penumpang, kata petugas stasiun.",
]
WIRE_PAGE = "\n".join([
    "Warga Medan Sambut Jalur Kereta Baru", "Senin, 10 Januari 2022 09:00 WIB", "",
    f"MEDAN, DASKWIRE - {WIRE_BODY[0]}", "", WIRE_BODY[1], "", "DASKWIRE - iklan baris murah",
])


@pytest.fixture(scope="module")
def client() -> Iterator[Client]:
    with LocalCluster(n_workers=2, processes=True, threads_per_worker=1, dashboard_address=None) as cluster, \
            Client(cluster) as c:
        yield c


def _line(record: dict[str, Any]) -> bytes:
    return json.dumps(record, ensure_ascii=False).encode("utf-8")


Expected = list[tuple[int, int, dict[str, Any] | str]]


def _corpus() -> tuple[list[list[bytes]], Expected]:
    """Three JSONL files (one empty) as lists of lines, and what each record must give: its file's number, its line
    number (from 1), and a record or the start of an error."""
    seeds = [p.text for p in seed_pages()]
    a = [
        _line({"id": "seed-0", "text": seeds[0], "url": "https://jogja.suara.com/read/2022/01/01/x"}),
        _line({"id": "seed-1", "text": seeds[1]}),
        b"",  # blank lines are not records
        b'{"id": "broken", "text": "no closing quote}',
        _line({"id": "seed-2", "text": seeds[2], "outlet": "generic"}),
        b"   \r",
        _line({"id": "seed-3", "text": seeds[3]}),
    ]
    b = [
        b"\xef\xbb\xbf" + _line({"id": 4, "text": seeds[3]}),  # a byte-order mark; a number for an id
        _line({"id": "wire-by-url", "text": WIRE_PAGE, "url": "https://www.daskwire.example/2022/kereta"}),
        b"[1, 2]",
        _line({"id": "no-text", "body": seeds[4]}),
        b'{"id": "latin-1", "text": "caf\xe9"}',
        _line({"id": "wire-by-text", "text": WIRE_PAGE}),
        _line({"id": "seed-4", "text": seeds[4]}),
        _line({"id": "u2028", "text": seeds[4] + "\u2028tail", "url": None}),
    ]
    expected: Expected = []
    for f, raw, line in [(f, raw, n + 1) for f, lines in enumerate([a, b]) for n, raw in enumerate(lines)]:
        if raw.strip():
            expected.append((f, line, _expect(raw, len(expected))))
    return [a, b, []], expected


def _expect(raw: bytes, index: int) -> dict[str, Any] | str:
    try:
        record = json.loads(raw.removeprefix(b"\xef\xbb\xbf").decode("utf-8"))
    except UnicodeDecodeError:
        return "not UTF-8"
    except json.JSONDecodeError:
        return "not JSON"
    if not isinstance(record, dict):
        return "not a JSON object"
    if "text" not in record:
        return "no 'text' field"
    ident = None if record.get("id") is None else str(record["id"])
    article = newsclean.clean(record["text"], url=record.get("url"), outlet=record.get("outlet"))
    # the record's other fields pass through (here: its url and outlet)
    return Result(index, ident, article=article, item=record).to_dict()


def _write(tmp_path: Path, files: list[list[bytes]], *, gz: bool = False) -> list[Path]:
    paths = []
    for n, lines in enumerate(files):
        data = b"\n".join(lines) + (b"\n" if n % 2 == 0 and lines else b"")  # one file has no final newline
        path = tmp_path / "in" / (f"{n}.jsonl.gz" if gz else f"{n}.jsonl")
        path.parent.mkdir(exist_ok=True)
        path.write_bytes(gzip.compress(data) if gz else data)
        paths.append(path)
    return paths


def _output(parts: tuple[str, ...]) -> list[dict[str, Any]]:
    assert [Path(p).name for p in parts] == sorted(Path(p).name for p in parts)
    return [json.loads(line) for p in parts for line in Path(p).read_text(encoding="utf-8").split("\n") if line]


def _check(out: list[dict[str, Any]], expected: Expected, paths: list[Path]) -> None:
    assert len(out) == len(expected)
    for i, (got, (f, line, want)) in enumerate(zip(out, expected, strict=True)):
        assert list(got)[:3] == ["index", "id", "source"]
        assert (got.pop("index"), got.pop("source")) == (i, f"{paths[f]}:{line}")
        if isinstance(want, str):
            assert set(got) - {"body"} == {"id", "error"}  # a record without text keeps its other fields
            assert got["error"].startswith(want), got
        else:
            want = json.loads(json.dumps(want, ensure_ascii=False))
            del want["index"]
            assert got == want, got["id"]


def test_a_corpus_cleans_on_two_worker_processes_as_clean_does_in_process(client: Client, tmp_path: Path) -> None:
    pids = client.run(os.getpid)
    assert len(pids) == 2 and os.getpid() not in pids.values()
    # the workers know only the installed rule sets: this one can reach them only through the run
    assert not any(client.run(lambda: WIRE in newsclean.rulesets()).values())
    newsclean.register(newsclean.ruleset_from_toml(WIRE_TOML), replace=True)

    files, expected = _corpus()
    paths = _write(tmp_path, files)
    # a tiny blocksize: every line is a partition of its own, or in one with blank lines, so records and
    # lines are numbered across partitions; the blocks that hold no record write no part file
    summary = clean_jsonl([str(p) for p in paths], tmp_path / "out", blocksize=1000, client=client)

    out = _output(summary.parts)
    _check(out, expected, paths)
    assert len(paths) < len(summary.parts) <= summary.records
    assert summary.records == len(out) == summary.cleaned + summary.errors
    assert summary.errors == sum(isinstance(w, str) for _, _, w in expected) == 4
    assert [n for _, n in summary.files] == [5, 8, 0]

    by_id = {r["id"]: r for r in out}
    assert by_id["seed-4"]["body"] == newsclean.clean(seed_pages()[4].text).body
    for ident in ("wire-by-url", "wire-by-text"):
        wire = by_id[ident]
        assert (wire["outlet"], wire["body"], wire["dateline"]) == (WIRE, "\n\n".join(WIRE_BODY), "MEDAN")
        assert wire["dropped"].get("ad") == 1

    with pytest.raises(FileExistsError):
        clean_jsonl([str(p) for p in paths], tmp_path / "out", client=client)


def test_whole_files_and_gzip_give_the_same_records(client: Client, tmp_path: Path) -> None:
    newsclean.register(newsclean.ruleset_from_toml(WIRE_TOML), replace=True)
    files, expected = _corpus()
    paths = _write(tmp_path, files, gz=True)
    summary = clean_jsonl(str(tmp_path / "in" / "*.jsonl.gz"), str(tmp_path / "out"), blocksize=None,
                          client=client)
    assert len(summary.parts) == 2  # one per file, none for the empty one
    _check(_output(summary.parts), expected, paths)


def test_fsspec_urls_are_read_and_written_on_their_own_filesystem(tmp_path: Path) -> None:
    fs = fsspec.filesystem("memory")
    root = f"/newsclean-{tmp_path.name}"
    page = seed_pages()[0].text
    fs.pipe(f"{root}/in/a.jsonl", _line({"id": "m", "text": page}) + b"\n" + b"nope\n")
    # the memory filesystem lives in this process: Dask's scheduler that runs here, not the cluster
    with dask.config.set(scheduler="synchronous"):
        summary = clean_jsonl(f"memory://{root}/in/*.jsonl", f"memory://{root}/out", language=False)
    assert summary.files == ((f"memory://{root}/in/a.jsonl", 2),)
    assert summary.parts == (f"memory://{root}/out/part-00000.jsonl",)
    out = [json.loads(line) for line in fs.cat(f"{root}/out/part-00000.jsonl").decode("utf-8").splitlines()]
    assert out[0]["body"] == newsclean.clean(page, language=False).body
    assert out[1]["error"].startswith("not JSON")
    assert not Path(root).exists()
    fs.rm(root, recursive=True)


def test_the_cleaning_options_reach_the_workers(tmp_path: Path) -> None:
    fs = fsspec.filesystem("memory")
    root = f"/newsclean-options-{tmp_path.name}"
    page = seed_pages()[0].text
    spaced = page.replace(" ", "\u00a0", 40)  # NBSPs that normalisation would turn into spaces
    longer = page + "\nSatu baris lagi."
    fs.pipe(f"{root}/in/a.jsonl", b"\n".join(_line({"id": i, "text": t}) for i, t in (("a", spaced), ("b", longer))))
    with dask.config.set(scheduler="synchronous"):
        summary = clean_jsonl(f"memory://{root}/in/a.jsonl", f"memory://{root}/out", language=False,
                              normalization=newsclean.Normalization(spaces=False), max_chars=len(page))
    out = [json.loads(line) for line in fs.cat(summary.parts[0]).decode("utf-8").splitlines()]
    assert out[0]["body"] == newsclean.clean(spaced, language=False,
                                             normalization=newsclean.Normalization(spaces=False)).body
    assert "\u00a0" in out[0]["body"]
    assert out[1]["error"] == f"too large: {len(longer)} characters, limit {len(page)}"


def test_a_json_number_too_long_for_python_is_an_error_record(tmp_path: Path) -> None:
    big = "9" * 5000
    path = tmp_path / "big.jsonl"
    path.write_text(f'{{"id": "a", "text": "x"}}\n{{"id": "b", "n": {big}, "text": "y"}}\n{{"id": "c", "text": "z"}}\n',
                    encoding="utf-8")
    with dask.config.set(scheduler="synchronous"):
        summary = clean_jsonl(str(path), str(tmp_path / "out"), language=False)
    assert (summary.records, summary.errors) == (3, 1)
    out = _output(summary.parts)
    assert out[1]["error"].startswith("not JSON: Exceeds the limit (4300 digits)")


def test_a_lone_surrogate_in_a_record_is_written_escaped_as_newsclean_clean_writes_it(tmp_path: Path) -> None:
    # "\ud800" is valid JSON for a string no UTF-8 can hold: the CLI's corpus run writes it back as its escape
    page = seed_pages()[0].text
    path = tmp_path / "odd.jsonl"
    path.write_text('{"id": "a", "note": "\\udc80", "text": ' + json.dumps(page) + "}\n", encoding="utf-8")
    with dask.config.set(scheduler="synchronous"):
        summary = clean_jsonl(str(path), str(tmp_path / "out"), language=False)
    assert (summary.records, summary.errors) == (1, 0)
    written = b"".join(Path(part).read_bytes() for part in summary.parts)
    assert b'"note": "\\udc80"' in written
    assert json.loads(written)["note"] == "\udc80"
