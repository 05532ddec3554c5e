"""``clean_batch``: newsclean as a Hugging Face ``datasets`` map function (docs/pipelines.md).

::

    from newsclean.steps.hf import clean_batch

    cleaned = dataset.map(clean_batch, batched=True, fn_kwargs={"body_column": "text"},
                          features=features(dataset.features, body_column="text"))

Every column of the dataset is kept; newsclean's fields are added as columns (those of
:func:`newsclean.record.article_fields`, the body under ``body_column``), and an ``error`` column says why a row
could not be cleaned (None when it was). A row that fails gets None in every newsclean column and its reason in
``error``: a bad page never raises. Each column holds one type, as Arrow needs: ``published`` an ISO 8601 string,
``dropped`` a count for every dropped label (0 when none), each of ``lines`` the same keys (``prefix`` "" when
none). A column of the dataset with the name of one of newsclean's is replaced.

Give ``map`` the output's :func:`features`: without them ``datasets`` guesses each column's type from the first
batch it writes, and a batch where a column is all None (no page of a known outlet, no subtitle, only errors)
leaves it no type to guess.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from ..model import Label
from ..record import DEFAULT, FIELDS, KEPT, article_fields
from . import clean_texts, step_layout, step_settings

#: The column that says why a row could not be cleaned (None when it was).
ERROR = "error"
_DROPPED_LABELS = tuple(label.value for label in Label if label not in KEPT)


def clean_batch(
    batch: Mapping[str, Sequence[Any]],
    *,
    text_column: str = "text",
    body_column: str = DEFAULT.body_field,
    url_column: str = "url",
    fields: Iterable[str] | None = None,
    html: bool = False,
    **options: Any,
) -> dict[str, Sequence[Any]]:
    """Clean a batch of rows (a mapping of column name to values, as ``Dataset.map(batched=True)`` passes it).

    ``text_column`` holds the page text (HTML with ``html=True``); ``url_column``, when the batch has it, the
    page's URL (it picks the outlet's rule set). The cleaned body goes under ``body_column`` (``"text"``
    replaces the page with its body, the layout corpus tools read); ``fields`` chooses newsclean's other fields
    (default: :data:`newsclean.record.DEFAULT_FIELDS`; ``paragraphs`` and ``lines`` on request; the body is
    always written). ``options`` are :class:`newsclean.settings.Settings`' (``language``, ``normalization``,
    ``timeout``, ``max_chars``, a default ``outlet``...), as for ``clean_many``.

    Returns the batch's columns and newsclean's, each a list as long as the batch, plus :data:`ERROR`. Raises
    ``KeyError`` when the batch has no ``text_column``, ``TypeError``/``ValueError`` for bad options.
    """
    settings = step_settings(options, fields, body_column)
    layout = settings.layout
    if text_column not in batch:
        raise KeyError(f"the batch has no column {text_column!r} (its columns: {', '.join(batch)})")
    texts = batch[text_column]
    urls = batch[url_column] if url_column in batch else [None] * len(texts)
    names = [body_column if name == "body" else name for name in FIELDS if name in layout.fields]
    columns: dict[str, list[Any]] = {name: [] for name in [*names, ERROR]}
    for result in clean_texts(texts, urls, settings, html=html):
        if result.article is None:
            for name in names:
                columns[name].append(None)
            columns[ERROR].append(result.error)
            continue
        record = _arrow_ready(article_fields(result.article, layout, from_html=result.from_html))
        for name in names:
            columns[name].append(record[name])
        columns[ERROR].append(None)
    return {**batch, **columns}


def features(base: Mapping[str, Any] | None = None, *, body_column: str = DEFAULT.body_field,
             fields: Iterable[str] | None = None) -> Any:
    """The ``datasets.Features`` of :func:`clean_batch`'s output: ``base`` (the dataset's own ``features``) with
    newsclean's columns and :data:`ERROR`, for the same ``body_column`` and ``fields``. Needs ``datasets``."""
    from datasets import Features, Value

    string, count = Value("string"), Value("int64")
    strings = [string]  # datasets reads a one-item list as "a list of these"
    types: dict[str, Any] = {
        "outlet": string, "title": string, "subtitle": string, "published": string, "authors": strings,
        "editors": strings, "sources": strings, "dateline": string, "language": string,
        "language_probability": Value("float64"), "from_html": Value("bool"), "body": string, "paragraphs": strings,
        "lines": [{"no": count, "text": string, "label": string, "rule": string, "prefix": string}],
        "kept_chars": count, "dropped_chars": count, "dropped": {label: count for label in _DROPPED_LABELS},
    }
    layout = step_layout(fields, body_column)
    ours = {(body_column if name == "body" else name): types[name] for name in FIELDS if name in layout.fields}
    return Features({**(base or {}), **ours, ERROR: string})


def _arrow_ready(record: dict[str, Any]) -> dict[str, Any]:
    """The record with one shape per column: every dropped label counted, every line with a prefix."""
    if "dropped" in record:
        counts = record["dropped"]
        record["dropped"] = {label: counts.get(label, 0) for label in _DROPPED_LABELS}
    if "lines" in record:
        record["lines"] = [{**line, "prefix": line.get("prefix", "")} for line in record["lines"]]
    return record
