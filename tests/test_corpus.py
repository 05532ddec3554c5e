"""``newsclean clean`` on a corpus: the readers of each input format, the JSONL records, error records, atomic output,
resuming an interrupted run, progress and summary.

Runs go through ``cli.main`` in this process with ``--workers 1`` unless worker processes are the point, so that
a test can stand in for ``clean()`` (``newsclean.settings.clean``) to interrupt a run at a chosen record.
"""

from __future__ import annotations

import functools
import gzip
import io
import json
import os
import pickle
import signal
import subprocess
import sys
import threading
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

import pytest

from conftest import Page, seed_pages
from newsclean import batch, clean, cli, corpus, settings
from newsclean.record import FIELDS, Layout, dropped, kept_and_dropped
from newsclean.settings import Settings

PAGES = seed_pages()
RECORD_KEYS = ["index", "id", "source", "outlet", "title", "subtitle", "published", "authors", "editors", "sources",
               "dateline", "language", "language_probability", "from_html", "body", "kept_chars", "dropped_chars",
               "dropped"]


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = cli.main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def read_records(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def jsonl(records: Sequence[dict[str, Any] | str]) -> str:
    """JSONL text: a dict is dumped, a string is a line as it stands."""
    return "".join((r if isinstance(r, str) else json.dumps(r, ensure_ascii=False)) + "\n" for r in records)


def page_records(pages: tuple[Page, ...] = PAGES) -> list[dict[str, Any]]:
    return [{"id": page.name, "text": page.text} for page in pages]


def expected(text: str, **options: Any) -> dict[str, Any]:
    """The article fields of a record by default, as ``clean()`` gives them (``paragraphs`` only on request)."""
    article = clean(text, language=False, **options)
    view = article.to_dict(lines=False)
    del view["paragraphs"]
    kept, removed = kept_and_dropped(article)
    return {**view, "from_html": False, "kept_chars": kept, "dropped_chars": removed, "dropped": dropped(article)}


def article_fields(record: dict[str, Any]) -> dict[str, Any]:
    """newsclean's fields of an output record (not its head, nor the fields passed through from its input)."""
    return {k: v for k, v in record.items() if k in FIELDS}


@pytest.fixture
def pages_folder(tmp_path: Path) -> Path:
    """A folder of seed pages, one in a subfolder, with files a folder does not stand for."""
    folder = tmp_path / "pages"
    (folder / "sub").mkdir(parents=True)
    (folder / ".hidden").mkdir()
    for page in PAGES[:3]:
        (folder / f"{page.name}.txt").write_text(page.text, encoding="utf-8")
    (folder / "sub" / f"{PAGES[3].name}.txt").write_text(PAGES[3].text, encoding="utf-8")
    (folder / ".hidden" / "skip.txt").write_text(PAGES[4].text, encoding="utf-8")
    (folder / "notes.md").write_text("not a page", encoding="utf-8")
    (folder / f"{PAGES[0].name}.gold.json").write_text('{"title": "a gold file, not records"}\n', encoding="utf-8")
    return folder


# ---------------------------------------------------------------------------
# readers


def test_a_folder_gives_one_record_per_page_file_in_name_order(
    capsys: pytest.CaptureFixture[str], pages_folder: Path
) -> None:
    code, out, err = run(capsys, "clean", "--workers", "1", "--no-language", str(pages_folder))
    assert code == 0
    records = [json.loads(line) for line in out.splitlines()]
    names = [f"{pages_folder}/{p.name}.txt" for p in PAGES[:3]] + [f"{pages_folder}/sub/{PAGES[3].name}.txt"]
    assert [r["source"] for r in records] == names
    assert [r["id"] for r in records] == names
    assert [r["index"] for r in records] == [0, 1, 2, 3]
    for page, record in zip(PAGES, records, strict=False):
        assert list(record) == RECORD_KEYS
        assert article_fields(record) == expected(page.text)
    assert err.startswith("newsclean: 4 records: 4 cleaned, 0 errors;")


def test_jsonl_records_keep_their_ids_and_give_their_line_as_source(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    lines: list[dict[str, Any] | str] = [*page_records(PAGES[:2]), "", "   ", *page_records(PAGES[2:])]
    path = tmp_path / "corpus.jsonl"
    path.write_bytes(b"\xef\xbb\xbf" + jsonl(lines).encode("utf-8"))  # a byte-order mark opens the file
    code, out, _ = run(capsys, "clean", "--workers", "1", "--no-language", str(path))
    records = [json.loads(line) for line in out.splitlines()]
    assert code == 0
    assert [r["id"] for r in records] == [p.name for p in PAGES]
    assert [r["source"] for r in records] == [f"{path}:{n}" for n in (1, 2, 5, 6, 7)]
    for page, record in zip(PAGES, records, strict=True):
        assert article_fields(record) == expected(page.text)


@pytest.mark.parametrize("compression", ["gz", "zst"])
def test_compressed_jsonl_reads_as_plain_jsonl(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, compression: str
) -> None:
    data = jsonl(page_records()).encode("utf-8")
    plain = tmp_path / "corpus.jsonl"
    plain.write_bytes(data)
    packed = tmp_path / f"corpus.jsonl.{compression}"
    if compression == "gz":
        packed.write_bytes(gzip.compress(data))
    else:
        zstandard = pytest.importorskip("zstandard")
        # two frames one after the other, as appending to a .zst file makes
        half = len(data) // 2
        cut = data.index(b"\n", half) + 1
        packed.write_bytes(zstandard.ZstdCompressor().compress(data[:cut])
                           + zstandard.ZstdCompressor().compress(data[cut:]))
    _, plain_out, _ = run(capsys, "clean", "--workers", "1", "--no-language", str(plain))
    code, packed_out, _ = run(capsys, "clean", "--workers", "1", "--no-language", str(packed))
    assert code == 0
    plain_records, packed_records = ([json.loads(line) for line in out.splitlines()] for out in (plain_out,
                                                                                                 packed_out))
    assert [r["source"] for r in packed_records] == [f"{packed}:{n}" for n in range(1, len(PAGES) + 1)]
    assert [article_fields(r) for r in packed_records] == [article_fields(r) for r in plain_records]


@pytest.mark.parametrize("compression", ["gz", "zst"])
def test_a_compressed_file_cut_short_is_reported_and_its_records_before_the_cut_kept(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, compression: str
) -> None:
    data = jsonl(page_records() * 4).encode("utf-8")
    if compression == "gz":
        packed = gzip.compress(data)
    else:
        # a frame per record (one frame of such repetitive text is a single block, which a cut leaves unreadable)
        compressor = pytest.importorskip("zstandard").ZstdCompressor()
        packed = b"".join(compressor.compress(line) for line in data.splitlines(keepends=True))
    path = tmp_path / f"corpus.jsonl.{compression}"
    path.write_bytes(packed[: len(packed) * 2 // 3])
    output = tmp_path / "out.jsonl"
    code, _, err = run(capsys, "clean", "--workers", "1", "--no-language", str(path), "-o", str(output))
    assert code == cli.EXIT_INPUT == 1
    assert f"newsclean: {path}: cannot read after line " in err
    records = read_records(output)
    assert 0 < len(records) < 4 * len(PAGES)
    assert all("error" not in r for r in records)  # the cut line is not half read as a record


def test_a_zst_file_without_zstandard_is_a_clear_error(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "zstandard", None)  # as if it were not installed
    path = tmp_path / "corpus.jsonl.zst"
    path.write_bytes(b"\x28\xb5\x2f\xfd")
    output = tmp_path / "out.jsonl"
    code, out, err = run(capsys, "clean", "--workers", "1", str(path), "-o", str(output))
    assert (code, out) == (1, "")
    assert err == f"newsclean: {path}: reading .zst files needs the zstandard package: pip install 'newsclean[zst]'\n"
    assert list(tmp_path.iterdir()) == [path]


def _parquet_file(path: Path, rows: list[dict[str, Any]], **kwargs: Any) -> None:
    pa = pytest.importorskip("pyarrow")
    parquet = pytest.importorskip("pyarrow.parquet")
    parquet.write_table(pa.Table.from_pylist(rows), path, **kwargs)


def test_parquet_rows_read_as_jsonl_records(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    # numbers for ids, a row without text, a column newsclean does not read
    rows: list[dict[str, Any]] = [{"id": 100 + n, "text": p.text, "url": None, "extra": "<p>not read</p>"}
                                  for n, p in enumerate(PAGES)]
    rows[2]["text"] = None
    plain = tmp_path / "corpus.jsonl"
    plain.write_text(jsonl(list(rows)), encoding="utf-8")
    table = tmp_path / "corpus.parquet"
    _parquet_file(table, rows, row_group_size=2)  # rows spread over row groups and read batches
    _, plain_out, _ = run(capsys, "clean", "--workers", "1", "--no-language", str(plain))
    code, out, _ = run(capsys, "clean", "--workers", "1", "--no-language", str(table))
    assert code == 0
    records = [json.loads(line) for line in out.splitlines()]
    plain_records = [json.loads(line) for line in plain_out.splitlines()]
    assert [r["source"] for r in records] == [f"{table}:{n}" for n in range(1, len(rows) + 1)]
    assert [r["id"] for r in records] == [r["id"] for r in plain_records] == [str(100 + n) for n in range(len(rows))]
    assert records[2]["error"] == plain_records[2]["error"] == "not text: got NoneType"
    assert [article_fields(r) for r in records] == [article_fields(r) for r in plain_records]
    assert all(r["extra"] == "<p>not read</p>" for r in records + plain_records)  # passed through


def test_a_folder_stands_for_its_parquet_files_too(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    _parquet_file(tmp_path / "b.parquet", page_records(PAGES[1:2]))
    (tmp_path / "a.txt").write_text(PAGES[0].text, encoding="utf-8")
    code, out, _ = run(capsys, "clean", "--workers", "1", "--no-language", str(tmp_path))
    assert code == 0
    assert [json.loads(line)["source"] for line in out.splitlines()] == [f"{tmp_path / 'a.txt'}",
                                                                          f"{tmp_path / 'b.parquet'}:1"]


def test_a_parquet_file_without_the_text_column_or_not_parquet_is_reported(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    wrong = tmp_path / "wrong.parquet"
    _parquet_file(wrong, [{"id": "a", "body": PAGES[0].text}])
    broken = tmp_path / "broken.parquet"
    broken.write_bytes(b"PAR1 this is not a Parquet file")
    good = tmp_path / "good.parquet"
    _parquet_file(good, page_records(PAGES[:1]))
    output = tmp_path / "out.jsonl"
    code, _, err = run(capsys, "clean", "--workers", "1", "--no-language", str(wrong), str(broken), str(good),
                       "-o", str(output))
    assert code == cli.EXIT_INPUT
    assert f"newsclean: {wrong}: no column 'text' (the text field); columns: body, id" in err
    assert f"newsclean: {broken}: cannot read: " in err
    assert [r["id"] for r in read_records(output)] == [PAGES[0].name]
    # the text field named on the command line is the column looked for
    code, out, _ = run(capsys, "clean", "--workers", "1", "--no-language", "--text-field", "body", str(wrong))
    assert code == 0 and json.loads(out)["body"] == expected(PAGES[0].text)["body"]


def test_a_parquet_file_without_pyarrow_is_a_clear_error(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "corpus.parquet"
    path.write_bytes(b"PAR1")
    monkeypatch.setitem(sys.modules, "pyarrow", None)  # as if it were not installed
    monkeypatch.setitem(sys.modules, "pyarrow.parquet", None)
    code, out, err = run(capsys, "clean", "--workers", "1", str(path), "-o", str(tmp_path / "out.jsonl"))
    assert (code, out) == (1, "")
    assert err == f"newsclean: {path}: reading .parquet files needs pyarrow: pip install 'newsclean[parquet]'\n"


def test_a_parquet_run_resumes_after_its_checkpoint(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    table = tmp_path / "corpus.parquet"
    _parquet_file(table, page_records() * 3, row_group_size=4)
    output = tmp_path / "out.jsonl"
    code, _, _ = run(capsys, "clean", "--workers", "1", "--no-language", str(table), "-o", str(output))
    reference = output.read_bytes()
    output.unlink()
    monkeypatch.setattr(corpus.job, "CHECKPOINT_RECORDS", 3)
    interrupt_at(monkeypatch, 8, ctrl_c)
    code, _, _ = run(capsys, "clean", "--workers", "1", "--no-language", str(table), "-o", str(output))
    assert code == cli.EXIT_INTERRUPTED
    monkeypatch.undo()
    code, _, err = run(capsys, "clean", "--workers", "1", "--no-language", str(table), "-o", str(output), "--resume")
    assert code == 0 and "(resumed after " in err
    assert output.read_bytes() == reference


def test_standard_input_is_a_page_or_jsonl_records(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    page = PAGES[0]

    def stdin(text: str) -> None:
        monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(text.encode("utf-8"))))

    stdin(page.text)
    code, out, _ = run(capsys, "clean", "--format", "jsonl", "--workers", "1", "--no-language", "-")
    (record,) = map(json.loads, out.splitlines())
    assert (code, record["id"], record["source"]) == (0, "<stdin>", "<stdin>")
    assert article_fields(record) == expected(page.text)
    stdin(jsonl(page_records()))
    code, out, _ = run(capsys, "clean", "--stdin-format", "jsonl", "--workers", "1", "--no-language", "-")
    records = [json.loads(line) for line in out.splitlines()]
    assert code == 0
    assert [r["source"] for r in records] == [f"<stdin>:{n}" for n in range(1, len(PAGES) + 1)]
    assert [r["id"] for r in records] == [p.name for p in PAGES]


def test_field_options_name_the_fields_and_outlet_and_url_fill_in_for_records_without_theirs(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    text = PAGES[1].text
    okezone = "https://news.okezone.com/read/1"
    path = tmp_path / "corpus.jsonl"
    path.write_text(jsonl([
        {"key": "a", "content": text, "link": okezone},
        {"key": "b", "content": text, "site": "suara"},
        {"key": "c", "content": text},
    ]), encoding="utf-8")
    code, out, _ = run(capsys, "clean", "--workers", "1", "--no-language", "--text-field", "content", "--id-field",
                       "key", "--url-field", "link", "--outlet-field", "site", "--outlet", "republika", str(path))
    records = [json.loads(line) for line in out.splitlines()]
    assert code == 0
    assert [r["id"] for r in records] == ["a", "b", "c"]
    # the fields newsclean reads but does not write pass through; the text field does not
    assert [(r["key"], r.get("link"), r.get("site"), "content" in r) for r in records] == [
        ("a", okezone, None, False), ("b", None, "suara", False), ("c", None, None, False)]
    # a record's own outlet or URL is more specific than the command line's
    assert article_fields(records[0]) == expected(text, url=okezone, outlet="republika")
    assert article_fields(records[1]) == expected(text, outlet="suara")
    assert article_fields(records[2]) == expected(text, outlet="republika")


def test_reader_refuses_a_line_too_long_without_holding_it() -> None:
    reader = corpus.Reader(Settings(max_chars=10), report=pytest.fail)
    stream = io.BytesIO(b'{"text": "short"}\n' + b"x" * (reader.max_line * 3) + b'\n{"text": "after"}\n')
    lines = list(corpus.readers._lines(stream, reader.max_line))
    assert [(number, line is None) for number, line, _ in lines] == [(1, False), (2, True), (3, False)]
    assert lines[1][2] == reader.max_line * 3 + 1


# ---------------------------------------------------------------------------
# records and error records


def bad_corpus(tmp_path: Path) -> tuple[list[Path], list[tuple[str, str | None, str]]]:
    """Inputs with good and bad records, and the (source, id, error) of each bad one, in order."""
    folder = tmp_path / "pages"
    folder.mkdir()
    (folder / "a.txt").write_text(PAGES[0].text[:2000], encoding="utf-8")
    (folder / "b.txt").write_bytes("Berita: café\n".encode("latin-1"))
    (folder / "c.txt").write_text("x" * 2001, encoding="utf-8")
    path = tmp_path / "corpus.jsonl"
    lines: list[dict[str, Any] | str] = [
        {"id": "good", "text": PAGES[1].text[:2000]},
        "{not json",
        "[1, 2]",
        {"id": "no-text", "body": "..."},
        {"id": 7, "text": 12},
        {"id": "long", "text": "y" * 2001},
        {"id": "good-too", "text": PAGES[2].text[:2000]},
    ]
    path.write_bytes(jsonl(lines).encode("utf-8") + b'{"id": "bytes", "text": "caf\xe9"}\n')
    bad = [
        (f"{folder}/b.txt", f"{folder}/b.txt", "not UTF-8: invalid continuation byte at byte 11"),
        (f"{folder}/c.txt", f"{folder}/c.txt", "too large: 2001 characters, limit 2000"),
        (f"{path}:2", None, "not JSON: Expecting property name enclosed in double quotes at column 2"),
        (f"{path}:3", None, "not a JSON object: got an array"),
        (f"{path}:4", "no-text", "no 'text' field"),
        (f"{path}:5", "7", "not text: got int"),
        (f"{path}:6", "long", "too large: 2001 characters, limit 2000"),
        (f"{path}:8", None, "not UTF-8: invalid continuation byte at byte 28"),
    ]
    return [folder, path], bad


def test_every_bad_record_is_an_error_record_and_the_errors_file_names_each(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    inputs, bad = bad_corpus(tmp_path)
    output, errors = tmp_path / "out.jsonl", tmp_path / "errors.jsonl"
    code, out, err = run(capsys, "clean", "--workers", "1", "--no-language", "--max-chars", "2000", *map(str, inputs),
                         "-o", str(output), "--errors", str(errors))
    assert (code, out) == (0, "")  # error records are reported, not a failure
    # with --errors, the output holds the cleaned records and the errors file the others
    records, failed = read_records(output), read_records(errors)
    assert len(records) + len(failed) == 3 + 8  # records in = records out
    assert sorted(r["index"] for r in records + failed) == list(range(11))
    assert not any("error" in r for r in records)
    assert [(r["source"], r["id"], r["error"]) for r in failed] == bad
    # an error record keeps the fields of its input record that newsclean does not consume
    assert [list(r) for r in failed] == [["index", "id", "source", "error"]] * 4 + [
        ["index", "id", "source", "body", "error"], ["index", "id", "source", "error", "input"],
        ["index", "id", "source", "error"], ["index", "id", "source", "error"]]
    assert failed[4]["body"] == "..." and failed[5]["input"] == {"id": 7}
    assert [r["id"] for r in records] == [f"{inputs[0]}/a.txt", "good", "good-too"]
    assert "8 errors" in err.splitlines()[0]


def test_lines_option_adds_every_line_to_the_records(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    page = PAGES[0]
    path = tmp_path / "corpus.jsonl"
    path.write_text(jsonl(page_records(PAGES[:1])), encoding="utf-8")
    _, out, _ = run(capsys, "clean", "--workers", "1", "--no-language", "--lines", str(path))
    record = json.loads(out)
    assert record["lines"] == [line.to_dict() for line in clean(page.text, language=False).lines]


def test_worker_processes_write_the_same_records(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    inputs, _ = bad_corpus(tmp_path)
    argv = ["clean", "--no-language", "--max-chars", "2000", "--chunksize", "2", *map(str, inputs)]
    _, one, _ = run(capsys, *argv, "--workers", "1")
    code, two, _ = run(capsys, *argv, "--workers", "2")
    assert code == 0
    assert two == one


def test_a_record_rendered_with_none_of_newsclean_s_fields_is_still_json() -> None:
    # --fields "" and nothing passed through: the rendered part is "{}", and the line must stay one JSON object
    asked = Settings(language=False, layout=Layout(fields=frozenset()))
    item = corpus.Item("a.txt", 10, {"text": seed_pages()[0].text})
    [(_, whole)] = corpus.clean_items([item], asked, workers=1)
    [(_, rendered)] = corpus.clean_items([item], asked, workers=1, render=corpus.rendering(asked))
    line = corpus.output_line(item, rendered, asked)
    assert json.loads(line) == {"index": 0, "id": None, "source": "a.txt"}
    assert line == corpus.to_line(corpus.output_record(item, whole, asked))


@pytest.mark.parametrize("lines", [False, True])
def test_records_rendered_in_the_workers_are_the_records_of_the_articles(lines: bool) -> None:
    asked = Settings(language=False, layout=Layout.with_extra(["lines"] if lines else []))
    pages = seed_pages()
    items = [corpus.Item(f"{p.name}.txt", len(p.text), {"text": p.text, "id": p.name}) for p in pages]
    whole = [r for _, r in corpus.clean_items(items, Settings(language=False), workers=1)]
    rendered = [r for _, r in corpus.clean_items(items, Settings(language=False), workers=1,
                                                  render=corpus.rendering(asked))]
    for item, a, b in zip(items, whole, rendered, strict=True):
        assert corpus.output_line(item, b, asked) == corpus.to_line(corpus.output_record(item, a, asked))
    by_article, by_rendering = corpus.Summary(), corpus.Summary()
    for item, a, b in zip(items, whole, rendered, strict=True):
        by_article.add(a, item.size)
        by_rendering.add(b, item.size)
    assert by_rendering == by_article and by_article.labels


# ---------------------------------------------------------------------------
# output, interrupted runs and resuming


@pytest.fixture
def corpus_files(tmp_path: Path) -> list[str]:
    """A folder of the 5 seed pages and a JSONL file of 11 records, one of them not JSON."""
    folder = tmp_path / "pages"
    folder.mkdir()
    for page in PAGES:
        (folder / f"{page.name}.txt").write_text(page.text, encoding="utf-8")
    path = tmp_path / "corpus.jsonl"
    path.write_text(jsonl([*page_records(), "{broken", *page_records()[::-1]]), encoding="utf-8")
    return [str(folder), str(path)]


def clean_run(capsys: pytest.CaptureFixture[str], inputs: list[str], output: Path, *more: str) -> tuple[int, str]:
    code, out, err = run(capsys, "clean", "--workers", "1", "--no-language", *inputs, "-o", str(output),
                         "--errors", str(output.with_name("errors.jsonl")), *more)
    assert out == ""
    return code, err


@pytest.fixture
def reference(capsys: pytest.CaptureFixture[str], corpus_files: list[str], tmp_path: Path) -> tuple[bytes, bytes]:
    """What an uninterrupted run writes: the output and the errors file."""
    folder = tmp_path / "reference"
    folder.mkdir()
    code, _ = clean_run(capsys, corpus_files, folder / "out.jsonl")
    assert code == 0
    return (folder / "out.jsonl").read_bytes(), (folder / "errors.jsonl").read_bytes()


@pytest.fixture(autouse=True)
def sigint_as_from_a_terminal() -> Iterator[None]:
    """Ctrl-C as a terminal delivers it.  A test run started in the background (``nohup``, ``&``) inherits
    SIGINT ignored, and ``newsclean clean`` then rightly leaves it ignored: the tests that press Ctrl-C
    would see nothing happen."""
    previous = signal.signal(signal.SIGINT, signal.default_int_handler)
    yield
    signal.signal(signal.SIGINT, previous)


def interrupt_at(monkeypatch: pytest.MonkeyPatch, call: int, how: Callable[[], None]) -> None:
    """Make the ``call``-th page cleaned interrupt the run (once)."""
    real = clean  # what newsclean.settings calls: it imports clean from newsclean.core
    calls = 0

    def cleaning(text: str, **options: Any) -> Any:
        nonlocal calls
        calls += 1
        if calls == call:
            how()
        return real(text, **options)

    monkeypatch.setattr(settings, "clean", cleaning)


def ctrl_c() -> None:
    os.kill(os.getpid(), signal.SIGINT)


def keyboard_interrupt() -> None:
    raise KeyboardInterrupt


@pytest.mark.parametrize("how", [ctrl_c, keyboard_interrupt], ids=["ctrl-c", "at-once"])
@pytest.mark.parametrize("chunksize", [None, 5, 1], ids=["default-chunks", "chunks-of-5", "one-at-a-time"])
def test_an_interrupted_run_leaves_no_output_and_resumes_without_duplicates(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, corpus_files: list[str], tmp_path: Path,
    reference: tuple[bytes, bytes], how: Callable[[], None], chunksize: int | None
) -> None:
    monkeypatch.setattr(corpus.job, "CHECKPOINT_RECORDS", 3)
    output, errors = tmp_path / "out.jsonl", tmp_path / "errors.jsonl"
    interrupt_at(monkeypatch, 9, how)
    code, err = clean_run(capsys, corpus_files, output, *([] if chunksize is None else ["--chunksize", str(chunksize)]))
    assert code == cli.EXIT_INTERRUPTED == 130
    assert not output.exists() and not errors.exists()  # nothing looks complete
    part = Path(f"{output}.part")
    checkpoint = json.loads(Path(f"{output}.checkpoint").read_text(encoding="utf-8"))
    assert f"interrupted: {part} is kept with its checkpoint" in err
    # the checkpoint agrees with the part file: Ctrl-C lets the page in hand finish (one worker asks between the
    # records of a chunk), a raise drops the chunk in hand (256 records by default: all 16 here)
    done = checkpoint["records"]
    size = chunksize or batch.CHUNKSIZE
    assert done == (9 if how is ctrl_c else 8 // size * size)
    assert part.read_bytes().splitlines(keepends=True)[:done] == reference[0].splitlines(keepends=True)[:done]
    code, err = clean_run(capsys, corpus_files, output, "--resume")
    assert code == 0
    assert (output.read_bytes(), errors.read_bytes()) == reference
    assert not part.exists() and not Path(f"{output}.checkpoint").exists()
    assert (f"(resumed after {done} records)" in err) == (done > 0)


def test_a_run_reads_chunks_but_one_worker_reads_standard_input_a_record_at_a_time() -> None:
    # a record from standard input is written as soon as it is cleaned (a producer may be slow): no chunk read ahead
    chunks = {names: corpus.job._chunksize(corpus.Job(names, workers=1)) for names in (("a.jsonl",), ("a.jsonl", "-"))}
    assert chunks == {("a.jsonl",): batch.CHUNKSIZE, ("a.jsonl", "-"): None}
    assert batch._sizes(1, None) == (1, 1)  # None: the batch default, one at a time for one worker
    assert corpus.job._chunksize(corpus.Job(("-",), workers=1, chunksize=8)) == 8


def test_resume_cuts_what_was_written_after_the_checkpoint(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, corpus_files: list[str], tmp_path: Path,
    reference: tuple[bytes, bytes]
) -> None:
    monkeypatch.setattr(corpus.job, "CHECKPOINT_RECORDS", 4)
    output = tmp_path / "out.jsonl"
    interrupt_at(monkeypatch, 11, keyboard_interrupt)
    clean_run(capsys, corpus_files, output)
    saved = json.loads(Path(f"{output}.checkpoint").read_text(encoding="utf-8"))
    # a run killed outright leaves whole records, and half a record, after its last checkpoint
    with open(f"{output}.part", "ab") as part:
        part.write(reference[0].splitlines(keepends=True)[saved["records"]] + b'{"index": 99, "id": "half')
    code, _ = clean_run(capsys, corpus_files, output, "--resume")
    assert code == 0
    assert output.read_bytes() == reference[0]


def test_a_run_stopped_between_its_two_renames_resumes(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, corpus_files: list[str], tmp_path: Path,
    reference: tuple[bytes, bytes]
) -> None:
    output, errors = tmp_path / "out.jsonl", tmp_path / "errors.jsonl"
    interrupted(capsys, monkeypatch, corpus_files, output)
    os.replace(f"{errors}.part", errors)  # the errors file is renamed first
    code, _ = clean_run(capsys, corpus_files, output, "--resume")
    assert code == 0
    assert (output.read_bytes(), errors.read_bytes()) == reference


def interrupted(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, inputs: list[str],
                output: Path, *more: str) -> None:
    monkeypatch.setattr(corpus.job, "CHECKPOINT_RECORDS", 3)
    interrupt_at(monkeypatch, 7, keyboard_interrupt)
    # one record at a time: the part file then holds the six records before the one the raise drops
    assert clean_run(capsys, inputs, output, "--chunksize", "1", *more)[0] == 130
    monkeypatch.setattr(settings, "clean", clean)


def test_resume_refuses_inputs_that_changed(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, corpus_files: list[str], tmp_path: Path
) -> None:
    output = tmp_path / "out.jsonl"
    interrupted(capsys, monkeypatch, corpus_files, output)
    Path(corpus_files[0], "added.txt").write_text(PAGES[0].text, encoding="utf-8")
    part = Path(f"{output}.part").read_bytes()
    code, err = clean_run(capsys, corpus_files, output, "--resume")
    assert code == cli.EXIT_OUTPUT == 4
    assert f"newsclean: cannot resume {output}: the inputs changed since it was started" in err
    assert Path(f"{output}.part").read_bytes() == part and not output.exists()


def test_resume_refuses_other_options(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, corpus_files: list[str], tmp_path: Path
) -> None:
    output = tmp_path / "out.jsonl"
    interrupted(capsys, monkeypatch, corpus_files, output)
    code, err = clean_run(capsys, corpus_files, output, "--resume", "--max-chars", "500")
    assert code == 4
    assert "it was started with other options (max_chars: 10000000 then, 500 now)" in err


def test_resume_refuses_a_part_file_that_changed(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, corpus_files: list[str], tmp_path: Path
) -> None:
    output = tmp_path / "out.jsonl"
    interrupted(capsys, monkeypatch, corpus_files, output)
    part = Path(f"{output}.part")
    part.write_bytes(part.read_bytes().replace(b'"index": 1,', b'"index": 5,'))
    code, err = clean_run(capsys, corpus_files, output, "--resume")
    assert code == 4
    assert f"cannot resume: {part} does not begin with the" in err


def test_a_run_without_resume_starts_again_and_replaces_the_output(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, corpus_files: list[str], tmp_path: Path,
    reference: tuple[bytes, bytes]
) -> None:
    output = tmp_path / "out.jsonl"
    interrupted(capsys, monkeypatch, corpus_files, output)
    code, err = clean_run(capsys, corpus_files, output)
    assert code == 0
    assert "starting again; the partial output of an earlier run is dropped" in err
    assert output.read_bytes() == reference[0]
    code, _ = clean_run(capsys, corpus_files, output)  # a rerun of a complete run: replaced, not appended to
    assert (code, output.read_bytes()) == (0, reference[0])


def test_resume_of_a_complete_output_does_nothing_and_without_a_checkpoint_starts_over(
    capsys: pytest.CaptureFixture[str], corpus_files: list[str], tmp_path: Path, reference: tuple[bytes, bytes]
) -> None:
    output = tmp_path / "out.jsonl"
    code, err = clean_run(capsys, corpus_files, output, "--resume")
    assert code == 0
    assert "no checkpoint to resume from; starting from the first record" in err
    assert output.read_bytes() == reference[0]
    code, err = clean_run(capsys, corpus_files, output, "--resume")
    assert (code, err) == (0, f"newsclean: {output} is complete: nothing to resume (rerun without --resume to clean "
                              "again)\n")


def test_the_output_in_an_input_folder_is_not_read_back(
    capsys: pytest.CaptureFixture[str], corpus_files: list[str]
) -> None:
    output = Path(corpus_files[0], "out.jsonl")
    for _ in range(2):
        code, _ = clean_run(capsys, corpus_files, output)
        assert code == 0
        assert len(read_records(output)) + len(read_records(output.with_name("errors.jsonl"))) == 16


def test_an_output_that_cannot_be_written_exits_4(capsys: pytest.CaptureFixture[str], corpus_files: list[str],
                                                  tmp_path: Path) -> None:
    code, _, err = run(capsys, "clean", "--workers", "1", *corpus_files, "-o", str(tmp_path / "no" / "out.jsonl"))
    assert code == cli.EXIT_OUTPUT
    assert err.startswith(f"newsclean: {tmp_path}/no/out.jsonl.part: cannot write: ")


# ---------------------------------------------------------------------------
# progress, summary, exit codes


class FakeTerminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_shows_on_a_terminal_only(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch,
                                           corpus_files: list[str]) -> None:
    _, _, err = run(capsys, "clean", "--workers", "1", "--no-language", *corpus_files)
    assert "\r" not in err and "\x1b" not in err
    assert err.startswith("newsclean: 16 records: 15 cleaned, 1 errors;")
    terminal = FakeTerminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    code = cli.main(["clean", "--workers", "1", "--no-language", *corpus_files])
    shown = terminal.getvalue()
    assert code == 0
    assert "\r\x1b[K" in shown
    last = shown.rsplit("\r\x1b[K", 2)[-2]  # the last progress line drawn before it is cleared
    assert "16 records" in last and "MB/s" in last and "1 errors" in last
    assert "100% [==========] ETA 0:00:00, 16 records" in last
    # the line is cleared, then comes the summary, as when stderr is not a terminal
    assert shown.rsplit("\r\x1b[K", 1)[1].startswith("newsclean: 16 records: 15 cleaned, 1 errors;")


def test_summary_counts_what_the_records_say(capsys: pytest.CaptureFixture[str], corpus_files: list[str],
                                            tmp_path: Path) -> None:
    output, summary_file = tmp_path / "out.jsonl", tmp_path / "summary.json"
    code, err = clean_run(capsys, corpus_files, output, "--summary", str(summary_file))
    records = read_records(output) + read_records(output.with_name("errors.jsonl"))
    summary = json.loads(summary_file.read_text(encoding="utf-8"))
    cleaned = [r for r in records if "error" not in r]
    assert code == 0
    assert (summary["records"], summary["cleaned"], summary["errors"]) == (len(records), len(cleaned), 1)
    assert summary["errors_by_reason"] == {"not JSON": 1}
    assert summary["outlets"] == dict(Counter(r["outlet"] or corpus.NO_OUTLET for r in cleaned))
    labels: Counter[str] = Counter()
    for r in cleaned:
        labels.update(r["dropped"])
    assert summary["dropped_by_label"] == dict(labels)
    assert summary["languages"] == {"(none)": len(cleaned)}  # --no-language
    assert summary["empty_bodies"] == sum(r["body"] == "" for r in cleaned)
    assert (summary["kept_chars"], summary["dropped_chars"]) == (sum(r["kept_chars"] for r in cleaned),
                                                                 sum(r["dropped_chars"] for r in cleaned))
    assert summary["kept_chars"] > 0 and summary["dropped_chars"] > 0
    rules = Counter(line.rule for r in cleaned for line in batch.dropped_lines(clean(text_of(r), language=False)))
    assert summary["dropped_by_rule"] == dict(rules)
    assert summary["unreadable_inputs"] == 0
    head, *rest = err.splitlines()
    assert head.startswith(f"newsclean: {len(records)} records: {len(cleaned)} cleaned, 1 errors; ")
    assert "  errors: 1 not JSON" in rest
    assert f"  languages: {len(cleaned)} (none)" in rest
    share = summary["kept_chars"] / (summary["kept_chars"] + summary["dropped_chars"])
    assert (f"  characters: {summary['kept_chars']:,} kept in the bodies ({share:.0%}), "
            f"{summary['dropped_chars']:,} dropped; empty bodies: {summary['empty_bodies']}") in rest
    top_outlet, count = Counter(summary["outlets"]).most_common(1)[0]
    assert any(line.startswith(f"  outlets: {count} {top_outlet}") for line in rest)
    assert any(line.startswith("  dropped lines by rule: ") for line in rest)


def text_of(record: dict[str, Any]) -> str:
    source, _, line = record["source"].rpartition(":")
    if source.endswith(".jsonl"):
        return str(json.loads(Path(source).read_text(encoding="utf-8").splitlines()[int(line) - 1])["text"])
    return Path(record["source"]).read_text(encoding="utf-8")


def test_a_missing_input_stops_the_run_before_anything_is_written(
    capsys: pytest.CaptureFixture[str], corpus_files: list[str], tmp_path: Path
) -> None:
    output = tmp_path / "out" / "out.jsonl"
    output.parent.mkdir()
    empty = tmp_path / "empty"
    empty.mkdir()
    code, out, err = run(capsys, "clean", *corpus_files, str(tmp_path / "nope.jsonl"), str(empty), "-o", str(output))
    assert (code, out) == (1, "")
    assert err.splitlines() == [f"newsclean: {tmp_path}/nope.jsonl: cannot read: No such file or directory",
                                f"newsclean: {empty}: no .txt, .jsonl, .ndjson, .html or .parquet files in this "
                                "folder"]
    assert list(output.parent.iterdir()) == []


@pytest.mark.parametrize(("argv", "message"), [
    (["--format", "text", "{folder}"], "folders and JSONL files give JSONL records (--format jsonl)"),
    (["--format", "json", "{jsonl}"], "folders and JSONL files give JSONL records (--format jsonl)"),
    (["--format", "text", "--workers", "2", "{page}"], "--workers is for JSONL output (--format jsonl)"),
    (["--resume", "{jsonl}"], "--resume goes on with the partial output of --output FILE"),
    (["--resume", "-o", "{out}", "-"], "standard input cannot be read again"),
    (["-o", "{out}", "--errors", "{out}", "{jsonl}"], "--output, --errors and --summary must be different files"),
])
def test_usage_errors(capsys: pytest.CaptureFixture[str], corpus_files: list[str], tmp_path: Path,
                      argv: list[str], message: str) -> None:
    names = {"folder": corpus_files[0], "jsonl": corpus_files[1], "page": str(next(Path(corpus_files[0]).iterdir())),
             "out": str(tmp_path / "out.jsonl")}
    code, out, err = run(capsys, "clean", *(arg.format(**names) for arg in argv))
    assert (code, out) == (cli.EXIT_USAGE, "")
    assert message in err and len(err.splitlines()) == 1


@pytest.mark.parametrize(("argv", "message"), [
    (["--errors", "{jsonl}"], "--errors {jsonl}: {jsonl} is an input ({jsonl})"),
    (["-o", "{jsonl}"], "--output {jsonl}: {jsonl} is an input ({jsonl})"),
    (["-o", "{out}", "--summary", "{link}"], "--summary {link}: {link} is an input ({jsonl})"),
    (["-o", "{out}", "--errors", "{hardlink}"], "--errors {hardlink}: {hardlink} is an input ({jsonl})"),
    (["-o", "{out}", "--errors", "{out}.part"], "--errors {out}.part: {out}.part is a file of --output too"),
    (["-o", "{out}", "--summary", "{out}.checkpoint"], "is a file of --output too"),
])
def test_an_output_that_names_an_input_or_another_output_is_a_usage_error(
    capsys: pytest.CaptureFixture[str], corpus_files: list[str], tmp_path: Path, argv: list[str], message: str
) -> None:
    jsonl = Path(corpus_files[1])
    before = jsonl.read_bytes()
    (tmp_path / "link.jsonl").symlink_to(jsonl)
    os.link(jsonl, tmp_path / "hardlink.jsonl")
    names = {"jsonl": str(jsonl), "out": str(tmp_path / "out.jsonl"), "link": str(tmp_path / "link.jsonl"),
             "hardlink": str(tmp_path / "hardlink.jsonl")}
    code, out, err = run(capsys, "clean", "--workers", "1", *(arg.format(**names) for arg in argv), str(jsonl))
    assert (code, out) == (cli.EXIT_USAGE, "")
    assert message.format(**names) in err and len(err.splitlines()) == 1
    assert jsonl.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith("out")) == []


def test_page_files_alone_still_give_text(capsys: pytest.CaptureFixture[str]) -> None:
    page = next(p for p in PAGES if p.gold["title"])
    code, out, err = run(capsys, "clean", "--no-language", str(Path("seeds", f"{page.name}.txt").resolve()))
    assert (code, err) == (0, "")
    assert out.startswith(page.gold["title"] + "\n")


BIG = "9" * 5000  # more digits than Python turns into an int (sys.get_int_max_str_digits(), 4,300)


def big_number_corpus(tmp_path: Path) -> Path:
    path = tmp_path / "big.jsonl"
    page = PAGES[0].text
    lines = [json.dumps({"id": "a", "text": page}), f'{{"id": "b", "views": {BIG}, "text": "x"}}',
             json.dumps({"id": "c", "text": page}), f'{{"id": {BIG}, "text": "y"}}',
             json.dumps({"id": "d", "text": page})]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.mark.parametrize("workers", ["1", "2"])
def test_a_json_number_too_long_for_python_is_an_error_record(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, workers: str
) -> None:
    path = big_number_corpus(tmp_path)
    code, out, err = run(capsys, "clean", "--workers", workers, "--chunksize", "1", "--no-language", str(path))
    assert code == 0, err
    records = [json.loads(line) for line in out.splitlines()]
    assert [r["index"] for r in records] == [0, 1, 2, 3, 4]  # records in = records out, none lost
    assert [r.get("error", "").split(":")[0] for r in records] == ["", "not JSON", "", "not JSON", ""]
    assert "Exceeds the limit (4300 digits)" in records[1]["error"]
    assert "Traceback" not in err


def test_a_json_number_too_long_for_python_resumes(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    path = big_number_corpus(tmp_path)
    reference = tmp_path / "reference.jsonl"
    assert run(capsys, "clean", "--workers", "1", "--no-language", str(path), "-o", str(reference))[0] == 0
    monkeypatch.setattr(corpus.job, "CHECKPOINT_RECORDS", 1)
    interrupt_at(monkeypatch, 2, keyboard_interrupt)
    output = tmp_path / "out.jsonl"
    assert run(capsys, "clean", "--workers", "1", "--no-language", str(path), "-o", str(output))[0] == 130
    monkeypatch.undo()
    code, _, err = run(capsys, "clean", "--workers", "2", "--no-language", str(path), "-o", str(output), "--resume")
    assert code == 0, err
    assert output.read_bytes() == reference.read_bytes()


def test_the_one_record_parser_gives_a_record_or_a_reason() -> None:
    assert batch.parse_record(b'{"text": "x"}') == ({"text": "x"}, None)
    assert batch.parse_record(f'{{"n": {BIG}}}')[1] == "not JSON: Exceeds the limit (4300 digits) for integer string " \
        "conversion: value has 5000 digits"
    assert batch.parse_record(b"[" * 100_000)[1] == "not JSON: nested too deeply"
    assert batch.parse_record(b"\xff")[1] == "not UTF-8: invalid start byte at byte 0"
    assert batch.parse_record("7")[1] == "not a JSON object: got a number"


def test_a_record_handed_to_clean_many_that_cannot_be_read_is_an_error_record() -> None:
    results = list(batch.clean_many([{"id": int(BIG[:4000]) ** 2, "text": "x"}, "y"], workers=1, language=False))
    assert [r.ok for r in results] == [False, True]
    assert (results[0].error or "").startswith("bad record: ValueError: Exceeds the limit")


def _fifo_writer(path: Path, data: bytes) -> threading.Thread:
    """A thread that writes ``data`` into the FIFO ``path`` (and stops quietly when the reader closes it early)."""
    def write() -> None:
        try:
            with open(path, "wb") as fifo:
                fifo.write(data)
        except BrokenPipeError:
            pass

    thread = threading.Thread(target=write, daemon=True)
    thread.start()
    return thread


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_a_page_that_is_not_a_regular_file_is_read_no_further_than_its_limit(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    fifo = tmp_path / "page.txt"
    os.mkfifo(fifo)
    writer = _fifo_writer(fifo, b"x" * 10_000_000)
    code, out, err = run(capsys, "clean", "--workers", "1", "--no-language", "--max-chars", "1000", "--format",
                         "jsonl", str(fifo), "/dev/zero")
    writer.join(10)
    assert code == 0, err
    records = [json.loads(line) for line in out.splitlines()]
    assert [r["error"] for r in records] == ["too large: more than 4003 bytes, limit 1000 characters"] * 2
    assert [r["source"] for r in records] == [str(fifo), "/dev/zero"]


def test_a_small_page_from_a_fifo_is_cleaned(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    fifo = tmp_path / "page.txt"
    os.mkfifo(fifo)
    _fifo_writer(fifo, PAGES[0].text.encode("utf-8"))
    code, out, err = run(capsys, "clean", "--workers", "1", "--no-language", "--format", "jsonl", str(fifo))
    assert code == 0, err
    assert article_fields(json.loads(out)) == expected(PAGES[0].text)


def test_a_page_command_refuses_an_endless_file_without_reading_it_whole(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    code, out, err = run(capsys, "clean", "--no-language", "/dev/zero")
    assert (code, out) == (cli.EXIT_INPUT, "")
    assert err == "newsclean: /dev/zero: too large: more than 40000003 bytes, limit 10000000 characters\n"
    code, out, err = run(capsys, "explain", "/dev/zero")
    assert code == cli.EXIT_INPUT and "too large" in err


def test_a_run_that_dies_just_after_its_renames_keeps_its_summary(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, corpus_files: list[str], tmp_path: Path
) -> None:
    real = corpus.job._Writer.commit

    def commit_then_die(self: Any) -> None:
        real(self)
        raise KeyboardInterrupt  # killed right after the output got its final name

    monkeypatch.setattr(corpus.job._Writer, "commit", commit_then_die)
    output, summary = tmp_path / "out.jsonl", tmp_path / "summary.json"
    code, _, _ = run(capsys, "clean", "--workers", "1", "--no-language", *corpus_files, "-o", str(output),
                     "--summary", str(summary))
    assert code == cli.EXIT_INTERRUPTED
    assert output.exists()
    assert json.loads(summary.read_text(encoding="utf-8"))["records"] == len(read_records(output))


def test_progress_shows_the_time_left_at_the_pace_so_far() -> None:
    terminal = FakeTerminal()
    now = [0.0]
    progress = corpus.Progress(terminal, total=4_000_000, clock=lambda: now[0])
    now[0] = 10.0
    progress.update(records=10, errors=0, size=1_000_000, position=1_000_000)
    # a quarter read in 10 s: 30 s to go
    assert terminal.getvalue() == "\r\x1b[K 25% [==        ] ETA 0:00:30, 10 records, 1.00 MB, 0.10 MB/s, 0 errors"
    unknown = FakeTerminal()
    corpus.Progress(unknown, total=None, clock=lambda: now[0]).update(records=1, errors=0, size=5, position=5)
    assert unknown.getvalue() == "\r\x1b[K1 records, 0.00 MB, 0.00 MB/s, 0 errors, 0:00:00"  # started at 10 s


def test_languages_are_counted(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = tmp_path / "corpus.jsonl"
    path.write_text(jsonl([*page_records(PAGES[:2]), {"id": "empty", "text": "Beranda\nIndeks"}]), encoding="utf-8")
    summary_file = tmp_path / "summary.json"
    code, out, _ = run(capsys, "clean", "--workers", "1", str(path), "--summary", str(summary_file))
    records = [json.loads(line) for line in out.splitlines()]
    summary = json.loads(summary_file.read_text(encoding="utf-8"))
    assert code == 0
    assert summary["languages"] == dict(Counter(r["language"] or "(none)" for r in records))
    assert summary["languages"].get("id") == 2 and summary["empty_bodies"] == 1


@pytest.mark.parametrize("workers", [1, 2])
def test_lines_parsed_in_the_workers_give_the_records_and_counts_of_lines_parsed_in_the_reader(
        tmp_path: Path, workers: int) -> None:
    path = tmp_path / "corpus.jsonl"
    records = [{"id": p.name, "text": p.text, "crawl": i} for i, p in enumerate(seed_pages())]
    lines = [json.dumps(r, ensure_ascii=False) for r in records]
    lines[2:2] = ["{bad", "[1]", '{"id": "no text"}', '{"id": "t", "text": "Halo", "title": "x", "index": 1}', "  "]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    asked = Settings(language=False)

    def written(parse: bool) -> tuple[list[str], corpus.Summary]:
        reader = corpus.Reader(asked, report=pytest.fail, parse=parse)
        items = reader.items(corpus.walk([str(path)], report=pytest.fail))
        summary = corpus.Summary()
        out = []
        for item, result in corpus.clean_items(items, asked, workers=workers, chunksize=3,
                                               render=corpus.rendering(asked)):
            out.append(corpus.output_line(item, result, asked))
            summary.add(result, item.size)
        return out, summary

    by_worker, by_reader = written(False), written(True)
    assert by_worker == by_reader
    assert len(by_worker[0]) == len(lines) - 1 and by_worker[1].errors == 3


def test_a_rendering_crosses_to_the_parent_unchanged() -> None:
    rendered = corpus.Rendered('{"body": "x"}', "okezone", (("nav", "base.menu", 2),), "id", 5, 7)
    assert pickle.loads(pickle.dumps(rendered)) == rendered


@pytest.mark.parametrize(("workers", "start", "errors_apart"), [(1, 0, False), (2, 5, True), (2, 0, False)])
def test_a_chunk_s_block_holds_the_lines_and_counts_of_its_records_one_by_one(
        tmp_path: Path, workers: int, start: int, errors_apart: bool) -> None:
    path = tmp_path / "corpus.jsonl"
    lines = [json.dumps({"id": p.name, "text": p.text, "crawl": i}, ensure_ascii=False)
             for i, p in enumerate(seed_pages())]
    lines[2:2] = ["{bad", "[1]", '{"id": "no text"}', '{"id": "t", "text": "Halo"}']
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    asked = Settings(language=False, layout=Layout.with_extra(["lines"]))
    items = list(corpus.Reader(asked, report=pytest.fail, parse=False).items(corpus.walk([str(path)],
                                                                                       report=pytest.fail)))
    items.insert(1, corpus.Item("unread.txt", 9, error="cannot read: gone", id="unread.txt"))
    # the reference: each record's line and count, one by one, in the parent
    output: list[str] = []
    errors: list[str] = []
    by_record = corpus.Summary()
    for item, result in corpus.clean_items(items, asked, start=start, workers=1, render=corpus.rendering(asked)):
        (errors if errors_apart and result.error is not None else output).append(corpus.output_line(item, result,
                                                                                                    asked))
        by_record.add(result, item.size)
    finish = functools.partial(corpus.block.finish_block, settings=asked, start=start, errors_apart=errors_apart)
    tagged = ((i.record if i.error is None else {}, (i.source, i.size, i.error, i.id)) for i in items)
    blocks = list(batch.clean_chunks(tagged, finish, asked, workers=workers, chunksize=3,
                                     render=corpus.rendering(asked)))
    assert len(blocks) == -(-len(items) // 3)
    assert b"".join(b.output for b in blocks) == "".join(output).encode("utf-8")
    assert b"".join(b.errors for b in blocks) == "".join(errors).encode("utf-8")
    merged = corpus.Summary()
    for block in blocks:
        merged.merge(block.summary)
    assert merged == by_record and by_record.errors == 4
    # the same counts in the same order: most_common() breaks ties by the order keys came in
    assert json.dumps(merged.to_dict()) == json.dumps(by_record.to_dict())


def test_stopping_a_jsonl_read_imports_no_reader_library(tmp_path: Path) -> None:
    # the except clauses of the reader are read when a stop (Ctrl-C, the generator closed) passes through them: an
    # import made there (pyarrow takes a second) is a window where a second Ctrl-C breaks it with a traceback
    pytest.importorskip("pyarrow")
    pytest.importorskip("zstandard")
    path = tmp_path / "corpus.jsonl"
    path.write_text(jsonl(page_records()), encoding="utf-8")
    script = f"""
import sys
from newsclean.corpus.inputs import walk
from newsclean.corpus.readers import Reader
items = Reader(report=print).items(walk([{str(path)!r}], report=print))
next(items)
items.close()
print(sorted(m for m in ("pyarrow", "zstandard") if m in sys.modules))
"""
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120, check=True)
    assert done.stdout == "[]\n", done.stderr
