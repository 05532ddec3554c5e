"""Records pass through: the fields of an input record newsclean does not consume come back in its output record."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from conftest import seed_pages
from newsclean import clean, clean_many, cli
from newsclean.record import CLASHES, FIELDS, HEAD, record_fields

PAGES = seed_pages()
NESTED = {"crawl": {"date": "2024-05-01", "ids": [1, 2, {"deep": None}]}, "licence": "cc-by"}


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, list[dict[str, Any]], str]:
    code = cli.main(list(argv))
    out, err = capsys.readouterr()
    return code, [json.loads(line) for line in out.splitlines()], err


def write_jsonl(path: Path, records: list[dict[str, Any]]) -> Path:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    return path


def test_url_warc_id_and_nested_fields_come_back_unchanged(capsys: pytest.CaptureFixture[str],
                                                            tmp_path: Path) -> None:
    url = "https://jogja.suara.com/read/2022/01/01/x"
    records = [{"url": url, "warc_id": f"<urn:uuid:{i}>", "text": p.text, **NESTED} for i, p in enumerate(PAGES)]
    code, out, _ = run(capsys, "clean", "--workers", "1", "--no-language", str(write_jsonl(tmp_path / "c.jsonl",
                                                                                               records)))
    assert code == 0 and len(out) == len(PAGES)
    for given_record, record in zip(records, out, strict=True):
        assert list(record)[:3] == list(HEAD)
        for key in ("url", "warc_id", "crawl", "licence"):
            assert record[key] == given_record[key]
        assert "text" not in record  # the page is consumed: its cleaned body is the record's body
        # the input's fields come before newsclean's, in their order
        assert list(record)[3:7] == ["url", "warc_id", "crawl", "licence"]
    # the url chose the rule set, and stays in the record
    assert out[0]["outlet"] == "suara"


def test_the_body_can_be_written_as_text_in_place_of_the_input_text(capsys: pytest.CaptureFixture[str],
                                                                     tmp_path: Path) -> None:
    path = write_jsonl(tmp_path / "c.jsonl", [{"id": "a", "text": PAGES[0].text, "meta": {"x": 1}}])
    code, out, _ = run(capsys, "clean", "--workers", "1", "--no-language", "--body-field", "text", str(path))
    assert code == 0
    (record,) = out
    assert record["text"] == clean(PAGES[0].text, language=False).body
    assert "body" not in record and record["meta"] == {"x": 1}


def test_fields_and_with_choose_newscleans_fields(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = write_jsonl(tmp_path / "c.jsonl", [{"id": "a", "text": PAGES[0].text, "lang": "id"}])
    _, out, _ = run(capsys, "clean", "--workers", "1", "--no-language", "--fields", "title,body", str(path))
    assert list(out[0]) == ["index", "id", "source", "lang", "title", "body"]
    _, out, _ = run(capsys, "clean", "--workers", "1", "--no-language", "--with", "paragraphs,lines", str(path))
    article = clean(PAGES[0].text, language=False)
    assert out[0]["paragraphs"] == list(article.paragraphs) and len(out[0]["lines"]) == len(article.lines)
    assert [k for k in out[0] if k in FIELDS] == list(FIELDS)


def test_an_unknown_field_is_a_usage_error(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = write_jsonl(tmp_path / "c.jsonl", [{"text": "x"}])
    code, _, err = run(capsys, "clean", "--fields", "title,bodies", str(path))
    assert code == cli.EXIT_USAGE and "unknown record field(s) bodies" in err
    code, _, err = run(capsys, "clean", "--body-field", "title", str(path))
    assert code == cli.EXIT_USAGE and "cannot be written as 'title'" in err


def test_an_input_field_named_as_one_of_newscleans_is_kept_under_input(capsys: pytest.CaptureFixture[str],
                                                                        tmp_path: Path) -> None:
    page = next(p for p in PAGES if p.gold["title"])
    article = clean(page.text, language=False)
    records = [{"id": 7, "title": "the crawler's title", "dateline": article.dateline, "source": "cc-2024",
                "text": page.text}]
    code, out, _ = run(capsys, "clean", "--workers", "1", "--no-language", str(write_jsonl(tmp_path / "c.jsonl",
                                                                                               records)))
    assert code == 0
    (record,) = out
    assert record["title"] == article.title and record["id"] == "7"
    # an equal value is written once; another value is kept, never dropped
    assert record[CLASHES] == {"id": 7, "title": "the crawler's title", "source": "cc-2024"}
    assert record["source"].endswith("c.jsonl:1")


def test_error_records_keep_their_fields_and_go_where_asked(capsys: pytest.CaptureFixture[str],
                                                            tmp_path: Path) -> None:
    path = write_jsonl(tmp_path / "c.jsonl", [{"id": "ok", "text": PAGES[0].text, **NESTED},
                                              {"id": "bad", "text": 5, **NESTED}])
    code, out, _ = run(capsys, "clean", "--workers", "1", "--no-language", str(path))
    assert code == 0 and [r.get("error") for r in out] == [None, "not text: got int"]
    assert out[1]["crawl"] == NESTED["crawl"] and out[1]["licence"] == "cc-by"
    errors = tmp_path / "errors.jsonl"
    code, out, _ = run(capsys, "clean", "--workers", "1", "--no-language", "--errors", str(errors), str(path))
    assert [r["id"] for r in out] == ["ok"]
    (failed,) = [json.loads(line) for line in errors.read_text(encoding="utf-8").splitlines()]
    assert (failed["id"], failed["crawl"], failed["error"]) == ("bad", NESTED["crawl"], "not text: got int")


@pytest.mark.parametrize("workers", [1, 2])
def test_clean_many_results_carry_their_input_item(workers: int) -> None:
    items: list[object] = [{"id": "a", "text": PAGES[0].text, **NESTED}, PAGES[1].text, {"id": "b", "text": None}]
    results = list(clean_many(items, workers=workers, language=False))
    assert [r.item for r in results] == items
    assert results[0].to_dict()["crawl"] == NESTED["crawl"]


def test_parquet_columns_pass_through(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    pa = pytest.importorskip("pyarrow")
    parquet = pytest.importorskip("pyarrow.parquet")
    import datetime

    crawled = datetime.datetime(2024, 5, 1, 12, 30, tzinfo=datetime.UTC)
    table = pa.table({"text": [PAGES[0].text], "warc_id": ["<urn:1>"], "crawled": [crawled],
                      "tags": [["a", "b"]]})
    path = tmp_path / "c.parquet"
    parquet.write_table(table, path)
    code, out, _ = run(capsys, "clean", "--workers", "1", "--no-language", str(path))
    assert code == 0
    (record,) = out
    assert (record["warc_id"], record["crawled"], record["tags"]) == ("<urn:1>", crawled.isoformat(), ["a", "b"])


_KEYS = st.text(min_size=1, max_size=8) | st.sampled_from([*FIELDS, *HEAD, CLASHES, "text", "html", "error"])
_VALUES = st.recursive(st.none() | st.booleans() | st.integers() | st.text(max_size=5),
                       lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=3), inner,
                                                                                     max_size=3), max_leaves=8)


@given(st.dictionaries(_KEYS, _VALUES, max_size=8), st.dictionaries(st.sampled_from(FIELDS), _VALUES, max_size=5),
       st.none() | st.text(max_size=3))
def test_no_input_field_is_lost(item: dict[str, Any], own: dict[str, Any], ident: str | None) -> None:
    fields = record_fields(ident, item, {"text", "html"}, own)
    head = {"id": ident}
    for key, value in item.items():
        if key in ("text", "html"):
            continue
        kept = fields.get(key, head.get(key)) == value and key not in ("index", "source", CLASHES)
        assert kept or fields[CLASHES][key] == value, key
    for key, value in own.items():
        assert fields[key] == value
