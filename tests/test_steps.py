"""The pipeline steps with the real libraries: the datatrove filter and the datasets map function.

Where the library is missing they skip, except in CI (CI set), which installs the ``pipelines`` extra: there a
missing library fails the test instead of hiding it.
"""

from __future__ import annotations

import html
import importlib
import json
import os
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

import newsclean
from conftest import Page, fold_all, seed_pages
from newsclean import record, registry
from newsclean.model import Label
from newsclean.record import DEFAULT_FIELDS, FIELDS, Layout, article_fields
from newsclean.steps.hf import ERROR, clean_batch, features

PAGES = seed_pages()


def need(module: str) -> ModuleType:
    """``module``, imported; skips the test where it is missing, except in CI, where that is a failure."""
    if os.environ.get("CI"):
        return importlib.import_module(module)
    found: ModuleType = pytest.importorskip(module)
    return found


def as_html(text: str) -> str:
    """A page's text as HTML, one <p> per line: html_to_text gives the lines back."""
    body = "".join(f"<p>{html.escape(line)}</p>\n" for line in text.splitlines() if line.strip())
    return f"<!doctype html><html><head><title>x</title></head><body>{body}</body></html>"


def other_outlet(page: Page) -> tuple[str, str]:
    """A rule set that is not the page's own, and a URL of its host."""
    own = newsclean.clean(page.text, language=False).outlet
    for name in registry.rulesets():
        ruleset = registry.get(name)
        if ruleset.name != own and ruleset.hosts:
            return ruleset.name, f"https://{ruleset.hosts[0]}/read/1"
    raise AssertionError("no other rule set with a host")


# ---------------------------------------------------------------------------
# datatrove


def documents(datatrove: ModuleType, texts: list[Any]) -> list[Any]:
    return [datatrove.data.Document(text=text, id=str(i), metadata={"warc_id": f"<urn:{i}>", "nested": {"a": [i]}})
            for i, text in enumerate(texts)]


def test_datatrove_filter_gives_each_document_its_gold_body_and_newscleans_fields() -> None:
    datatrove = need("datatrove")
    from newsclean.steps.datatrove import NewscleanFilter

    docs = documents(datatrove, [page.text for page in PAGES])
    step = NewscleanFilter()
    kept = list(step.run(iter(docs)))
    assert [doc.id for doc in kept] == [doc.id for doc in docs]
    for doc, page in zip(kept, PAGES, strict=True):
        assert fold_all(doc.text.split("\n\n")) == fold_all(page.gold["body"])
        assert doc.metadata["warc_id"] == f"<urn:{doc.id}>" and doc.metadata["nested"] == {"a": [int(doc.id)]}
        fields = article_fields(newsclean.clean(page.text))
        del fields["body"]
        assert {k: v for k, v in doc.metadata.items() if k not in ("warc_id", "nested")} == fields
        assert doc.metadata["language"] == "id" and doc.metadata["language_probability"] > 0.5
    assert step.stats["total"].total == step.stats["forwarded"].total == len(PAGES)


def test_datatrove_filter_drops_empty_and_failed_documents_with_their_reason_in_the_stats() -> None:
    datatrove = need("datatrove")
    from newsclean.steps.datatrove import NewscleanFilter

    texts: list[Any] = [PAGES[0].text, "", "\n \n", "x" * 50_000, None, PAGES[1].text]
    docs = documents(datatrove, texts)
    step = NewscleanFilter(max_chars=40_000)
    kept = list(step.run(iter(docs)))
    assert [doc.id for doc in kept] == ["0", "5"]
    assert step.stats["dropped"].total == 4
    assert step.stats["dropped_empty_body"].total == 2
    assert step.stats["dropped_too_large"].total == 1
    assert step.stats["dropped_error"].total == 1
    # a dropped document is left as it came, with the reason it failed
    assert docs[3].text == "x" * 50_000 and docs[3].metadata["error"] == "too large: 50000 characters, limit 40000"
    assert docs[4].metadata["error"] == "not text: got NoneType"
    assert "error" not in docs[1].metadata and "outlet" not in docs[1].metadata


def test_datatrove_exclusion_writer_keeps_the_dropped_documents(tmp_path: Path) -> None:
    datatrove = need("datatrove")
    from datatrove.pipeline.writers import JsonlWriter

    from newsclean.steps.datatrove import NewscleanFilter

    step = NewscleanFilter(exclusion_writer=JsonlWriter(str(tmp_path), compression=None), max_chars=40_000)
    kept = list(step.run(iter(documents(datatrove, [PAGES[0].text, "", "x" * 50_000]))))
    assert [doc.id for doc in kept] == ["0"]
    written = [json.loads(line) for p in sorted(tmp_path.glob("*.jsonl")) for line in p.read_text().splitlines()]
    assert [(doc["id"], doc.get("text", "")[:3], doc["metadata"]["filter_reason"]) for doc in written] == [
        ("1", "", "empty_body"), ("2", "xxx", "too_large")]
    assert written[1]["metadata"]["error"] == "too large: 50000 characters, limit 40000"


def test_datatrove_filter_reads_the_url_html_fields_and_batches() -> None:
    datatrove = need("datatrove")
    from newsclean.steps.datatrove import NewscleanFilter

    name, url = other_outlet(PAGES[0])
    doc = documents(datatrove, [PAGES[0].text])[0]
    doc.metadata["link"] = url
    (kept,) = NewscleanFilter(url_key="link", fields=["outlet", "kept_chars"], language=False).run(iter([doc]))
    assert set(kept.metadata) == {"warc_id", "nested", "link", "outlet", "kept_chars"}
    assert kept.metadata["outlet"] == name == newsclean.clean(PAGES[0].text, url=url).outlet

    need("selectolax")
    pages = [as_html(page.text) for page in PAGES]
    one_by_one = list(NewscleanFilter(html=True).run(iter(documents(datatrove, pages))))
    batched = list(NewscleanFilter(html=True, batch_size=3).run(iter(documents(datatrove, pages))))
    assert [(d.text, d.metadata) for d in one_by_one] == [(d.text, d.metadata) for d in batched]
    for doc, page in zip(one_by_one, PAGES, strict=True):
        assert fold_all(doc.text.split("\n\n")) == fold_all(page.gold["body"])


def test_datatrove_filter_refuses_bad_options_when_made() -> None:
    need("datatrove")
    from newsclean.steps.datatrove import NewscleanFilter

    with pytest.raises(TypeError, match="workers"):
        NewscleanFilter(workers=4)
    with pytest.raises(ValueError, match="unknown language identifier"):
        NewscleanFilter(language="fasttext")
    with pytest.raises(ValueError, match="unknown record field"):
        NewscleanFilter(fields=["bodies"])


# ---------------------------------------------------------------------------
# datasets


ROWS: dict[str, list[Any]] = {
    "text": [None, "", "x" * 50_000, *(page.text for page in PAGES)],
    "url": [None, None, None, *(None for _ in PAGES)],
    "warc_id": [f"<urn:{i}>" for i in range(3 + len(PAGES))],
    "meta": [{"crawl": "2024-10", "n": i} for i in range(3 + len(PAGES))],
}


def test_clean_batch_keeps_every_column_and_adds_newscleans_with_errors_as_a_column() -> None:
    out = clean_batch(ROWS, max_chars=40_000)
    ours = [name for name in FIELDS if name in DEFAULT_FIELDS]
    assert list(out) == [*ROWS, *ours, ERROR]
    assert all(len(column) == len(ROWS["text"]) for column in out.values())
    assert {name: out[name] for name in ROWS} == ROWS
    assert out[ERROR][:3] == ["not text: got NoneType", None, "too large: 50000 characters, limit 40000"]
    assert [out[name][0] for name in ours] == [None] * len(ours)
    assert out["body"][1] == "" and out["kept_chars"][1] == 0
    for i, page in enumerate(PAGES, start=3):
        assert out[ERROR][i] is None
        assert fold_all(out["body"][i].split("\n\n")) == fold_all(page.gold["body"])
        # every label but body and blank counted, 0 when no line of it was dropped: one shape for Arrow
        counts = record.dropped(newsclean.clean(page.text, language=False))
        assert out["dropped"][i] == {label.value: counts.get(label.value, 0) for label in Label
                                     if label not in (Label.BODY, Label.BLANK)}


def test_clean_batch_refuses_a_batch_without_its_text_column() -> None:
    with pytest.raises(KeyError, match="no column 'content'"):
        clean_batch(ROWS, text_column="content")


@pytest.mark.parametrize(("body_column", "fields"), [("body", None), ("text", ["outlet", "lines", "paragraphs"])])
def test_features_name_the_columns_clean_batch_writes(body_column: str, fields: list[str] | None) -> None:
    need("datasets")
    out = clean_batch(ROWS, body_column=body_column, fields=fields, language=False)
    assert set(features(None, body_column=body_column, fields=fields)) == {
        name for name in out if name not in ROWS or name == body_column}


def test_dataset_map_cleans_every_row_with_columns_arrow_accepts() -> None:
    datasets = need("datasets")
    dataset = datasets.Dataset.from_dict(ROWS)
    fields = [*DEFAULT_FIELDS, "paragraphs", "lines"]
    # small batches: the first ones hold only errors and empty bodies, every newsclean column None or empty there
    cleaned = dataset.map(clean_batch, batched=True, batch_size=2, fn_kwargs={"fields": fields, "max_chars": 40_000},
                          features=features(dataset.features, fields=fields))
    assert cleaned.column_names == list(clean_batch(ROWS, fields=fields))
    assert cleaned["warc_id"] == ROWS["warc_id"] and cleaned["meta"] == ROWS["meta"] and cleaned["text"] == ROWS["text"]
    assert cleaned[ERROR][:3] == ["not text: got NoneType", None, "too large: 50000 characters, limit 40000"]
    for row, page in zip(cleaned.select(range(3, len(ROWS["text"]))), PAGES, strict=True):
        assert row[ERROR] is None
        assert fold_all(row["paragraphs"]) == fold_all(page.gold["body"])
        article = newsclean.clean(page.text)
        assert row["outlet"] == article.outlet and row["language"] == "id"
        assert row["published"] == (None if article.published is None else article.published.isoformat())
        assert [line["label"] for line in row["lines"]] == [line.label.value for line in article.lines]


def test_dataset_map_with_the_body_as_text_and_html_rows() -> None:
    datasets = need("datasets")
    need("selectolax")
    dataset = datasets.Dataset.from_dict({"text": [as_html(page.text) for page in PAGES], "url": [None] * len(PAGES)})
    layout = Layout(body_field="text")
    cleaned = dataset.map(clean_batch, batched=True, fn_kwargs={"body_column": "text", "html": True},
                          features=features(dataset.features, body_column="text"))
    assert "body" not in cleaned.column_names and set(cleaned.column_names) >= {"text", "outlet", ERROR}
    for row, page in zip(cleaned, PAGES, strict=True):
        assert fold_all(row["text"].split("\n\n")) == fold_all(page.gold["body"])
        assert row["outlet"] == article_fields(newsclean.clean(page.text), layout)["outlet"]


def test_html_pages_the_converter_refuses_are_error_rows_said_as_for_text() -> None:
    need("selectolax")
    out = clean_batch({"text": [as_html(PAGES[0].text), "<p>" + "x" * 50_000, b"<p>ok</p>", 7]}, html=True,
                      max_chars=40_000, language=False)
    assert out[ERROR] == [None, "too large: 50003 characters, limit 40000", None, "not text: got int"]
    assert out["body"][0] and out["body"][2] == ""
