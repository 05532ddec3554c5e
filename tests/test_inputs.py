"""Inputs by content, not only by name: JSON Lines whatever the file is called, every compression, an explicit
input format, one record picked by ``FILE:LINE``; and HTML in, converted in the worker."""

from __future__ import annotations

import bz2
import gzip
import io
import json
import lzma
import sys
from pathlib import Path
from typing import Any

import pytest

from conftest import seed_pages
from newsclean import clean, clean_html, cli, corpus
from newsclean.record import FIELDS
from test_html import HTML_PAGES, needs_pages, paragraph_f1, text_version

PAGES = seed_pages()
HTML_PAGE = "<!DOCTYPE html><html><head><title>Judul</title></head><body>{}</body></html>"


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = cli.main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def records_of(out: str) -> list[dict[str, Any]]:
    return [json.loads(line) for line in out.splitlines()]


def jsonl_bytes(records: list[dict[str, Any]]) -> bytes:
    return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records).encode("utf-8")


def article_part(record: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in record.items() if k in FIELDS}


COMPRESS = {"": lambda b: b, ".gz": gzip.compress, ".bz2": bz2.compress, ".xz": lzma.compress}


@pytest.mark.parametrize("name", ["c.json", "c.ndjson", "c.jsonl", "records", "c.txt"])
@pytest.mark.parametrize("suffix", list(COMPRESS))
def test_json_lines_are_records_whatever_the_file_is_called(capsys: pytest.CaptureFixture[str], tmp_path: Path,
                                                            name: str, suffix: str) -> None:
    data = b"\n  \n" + jsonl_bytes([{"id": p.name, "text": p.text} for p in PAGES[:2]])  # blank lines first
    path = tmp_path / (name + suffix)
    path.write_bytes(COMPRESS[suffix](data))
    code, out, _ = run(capsys, "clean", "--workers", "1", "--no-language", str(path))
    assert code == 0
    records = records_of(out)
    assert [r["source"] for r in records] == [f"{path}:3", f"{path}:4"]
    assert [article_part(r)["body"] for r in records] == [clean(p.text, language=False).body for p in PAGES[:2]]


def test_a_compression_is_told_by_its_bytes_when_the_name_does_not_say(capsys: pytest.CaptureFixture[str],
                                                                       tmp_path: Path) -> None:
    path = tmp_path / "c.jsonl"  # gzip inside, no .gz
    path.write_bytes(gzip.compress(jsonl_bytes([{"id": "a", "text": PAGES[0].text}])))
    code, out, _ = run(capsys, "clean", "--workers", "1", "--no-language", str(path))
    assert code == 0 and records_of(out)[0]["id"] == "a"


def test_a_compressed_page_is_a_page(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = tmp_path / "page.txt.xz"
    path.write_bytes(lzma.compress(PAGES[0].text.encode("utf-8")))
    code, out, _ = run(capsys, "clean", "--format", "json", "--no-language", str(path))
    assert code == 0 and json.loads(out)["body"] == clean(PAGES[0].text, language=False).body


def test_a_damaged_compressed_file_is_reported(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = tmp_path / "c.jsonl.bz2"
    path.write_bytes(bz2.compress(jsonl_bytes([{"text": PAGES[0].text}]))[:-30])
    code, _, err = run(capsys, "clean", "--workers", "1", "--no-language", str(path))
    assert code == cli.EXIT_INPUT and f"{path}: cannot read" in err


def test_the_input_format_overrides_name_and_content(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = tmp_path / "c.txt"
    path.write_bytes(jsonl_bytes([{"id": "a", "text": PAGES[0].text}]))
    code, out, _ = run(capsys, "clean", "--format", "json", "--no-language", "--input-format", "page", str(path))
    assert code == 0 and json.loads(out)["file"] == str(path)  # one page, its text a JSON line
    html = tmp_path / "page.txt"
    html.write_text("<p>" + "</p><p>".join(PAGES[0].text.splitlines()) + "</p>", encoding="utf-8")
    code, out, _ = run(capsys, "clean", "--format", "json", "--no-language", "--input-format", "html", str(html))
    assert code == 0 and json.loads(out)["from_html"] is True


def test_standard_input_takes_an_input_format(capsys: pytest.CaptureFixture[str],
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    data = jsonl_bytes([{"id": "a", "text": PAGES[0].text}, {"id": "b", "text": PAGES[1].text}])
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
    code, out, _ = run(capsys, "clean", "--workers", "1", "--no-language", "--input-format", "jsonl", "-")
    assert code == 0 and [r["id"] for r in records_of(out)] == ["a", "b"]


def test_sniff_tells_jsonl_html_and_pages() -> None:
    assert corpus.sniff(b"\xef\xbb\xbf \n{\"text\": 1}") == corpus.JSONL
    assert corpus.sniff(b"\n<!DOCTYPE HTML>\n<html>") == corpus.HTML
    assert corpus.sniff(b"<html lang=id>") == corpus.HTML
    assert corpus.sniff(b"Berita hari ini\n{bukan json}") == corpus.PAGE
    assert corpus.sniff(b"<b>not a document</b>") == corpus.PAGE


# ---------------------------------------------------------------------------
# FILE:LINE


def test_explain_and_learn_pick_one_record_by_its_source(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = tmp_path / "c.jsonl"
    path.write_bytes(jsonl_bytes([{"id": p.name, "text": p.text} for p in PAGES[:2]]) + b"\n"
                     + jsonl_bytes([{"id": "last", "text": PAGES[2].text}]))
    _, corpus_out, _ = run(capsys, "clean", "--workers", "1", "--no-language", str(path))
    source = records_of(corpus_out)[2]["source"]
    assert source == f"{path}:4"
    code, out, _ = run(capsys, "explain", source)
    assert code == 0
    assert out.splitlines()[0].startswith(f"# {source}: outlet ")
    assert len(out.splitlines()) == 1 + len(clean(PAGES[2].text, language=False).lines)
    code, _, err = run(capsys, "explain", f"{path}:3")  # the blank line
    assert code == cli.EXIT_INPUT and "no record there" in err
    code, _, err = run(capsys, "explain", str(path))
    assert code == cli.EXIT_USAGE and "name one as FILE:LINE" in err
    code, out, _ = run(capsys, "learn", "--name", "site", f"{path}:1", f"{path}:2")
    assert code == 0 and "name = \"site\"" in out
    code, whole, _ = run(capsys, "learn", "--name", "site", str(path))
    assert code == 0 and whole  # every record of the file


def test_explain_picks_a_parquet_row(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    pa = pytest.importorskip("pyarrow")
    parquet = pytest.importorskip("pyarrow.parquet")
    path = tmp_path / "c.parquet"
    parquet.write_table(pa.table({"text": [p.text for p in PAGES[:3]]}), path)
    code, out, _ = run(capsys, "explain", f"{path}:2")
    assert code == 0 and out.startswith(f"# {path}:2: ")
    assert len(out.splitlines()) == 1 + len(clean(PAGES[1].text, language=False).lines)


# ---------------------------------------------------------------------------
# HTML in


def test_a_record_with_html_is_converted_in_the_worker(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    pytest.importorskip("selectolax")
    paragraphs = [line for line in PAGES[0].text.splitlines() if line.strip()]
    html = HTML_PAGE.format("".join(f"<p>{p}</p>" for p in paragraphs))
    path = tmp_path / "c.jsonl"
    path.write_bytes(jsonl_bytes([{"id": "h", "html": html, "warc": "x"}, {"id": "t", "text": PAGES[0].text},
                                  {"id": "bad", "html": 5}]))
    code, out, _ = run(capsys, "clean", "--workers", "2", "--no-language", str(path))
    assert code == 0
    h, t, bad = records_of(out)
    assert (h["from_html"], t["from_html"]) == (True, False)
    assert "html" not in h and h["warc"] == "x"  # the HTML is consumed, like a text
    assert h["body"] == clean_html(html, language=False).body
    assert bad["error"] == "not text: got int"  # said as of a text page: the same kind of error


def test_the_html_field_can_be_named(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    pytest.importorskip("selectolax")
    path = tmp_path / "c.jsonl"
    path.write_bytes(jsonl_bytes([{"content": HTML_PAGE.format("<p>" + PAGES[1].text + "</p>")}]))
    code, out, _ = run(capsys, "clean", "--no-language", "--workers", "1", "--html-field", "content", str(path))
    assert code == 0 and records_of(out)[0]["from_html"] is True


def test_html_too_large_is_an_error_record(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = tmp_path / "c.jsonl"
    path.write_bytes(jsonl_bytes([{"id": "big", "html": "<p>" + "x" * 3000 + "</p>"}]))
    code, out, _ = run(capsys, "clean", "--no-language", "--workers", "1", "--max-chars", "2000", str(path))
    assert code == 0 and records_of(out)[0]["error"] == "too large: 3007 characters, limit 2000"


@needs_pages
def test_every_shared_html_page_cleans_to_its_gold_body_through_the_command(capsys: pytest.CaptureFixture[str],
                                                                           tmp_path: Path) -> None:
    """The issue's bar, through ``newsclean clean`` of the folder (read as bytes, converted in the workers)."""
    folder = HTML_PAGES[0].parent.parent
    output = tmp_path / "out.jsonl"
    code, _, _ = run(capsys, "clean", "--workers", "2", "--no-language", "--with", "paragraphs", str(folder),
                     "-o", str(output))
    assert code == 0
    records = {Path(r["source"]): r for r in records_of(output.read_text(encoding="utf-8"))}
    assert set(records) == set(HTML_PAGES)
    assert all(r["from_html"] for r in records.values())
    scores = {path: paragraph_f1(tuple(records[path]["paragraphs"]), text_version(path)[1]) for path in HTML_PAGES}
    assert sum(scores.values()) / len(scores) >= 0.90, scores
