"""newsclean as a step of other tools' pipelines (docs/pipelines.md).

* :mod:`newsclean.steps.datatrove`: ``NewscleanFilter``, a datatrove filter that cleans each document
  (the ``pipelines`` extra brings datatrove).
* :mod:`newsclean.steps.hf`: ``clean_batch``, a function for Hugging Face ``datasets.Dataset.map(batched=True)``
  (it needs no import of ``datasets`` itself).

Both clean through :func:`newsclean.clean_many` in the calling process, so a record fails (an error, never an
exception) for the same reasons and with the same message as in a corpus run, and both write newsclean's fields
as :func:`newsclean.record.article_fields` gives them. This module holds what they share.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import Any

from ..batch import Result, clean_many
from ..record import DEFAULT, Layout

#: The options of :func:`newsclean.clean_many` a step passes on: how a page is cleaned. The others (workers, the
#: record's field names, render) are the step's own business.
CLEAN_OPTIONS = frozenset({"language", "normalization", "timeout", "max_chars"})


def checked_options(options: Mapping[str, Any]) -> dict[str, Any]:
    """``options`` when they are :data:`CLEAN_OPTIONS` with good values; else ``TypeError`` or ``ValueError`` now,
    before any record (``clean_many`` checks the values, as it does for a corpus run)."""
    unknown = sorted(set(options) - CLEAN_OPTIONS)
    if unknown:
        raise TypeError(f"unknown option(s) {', '.join(unknown)}: a step takes {', '.join(sorted(CLEAN_OPTIONS))}")
    list(clean_many([], workers=1, **options))
    return dict(options)


def step_layout(fields: Iterable[str] | None, body_field: str = DEFAULT.body_field) -> Layout:
    """The record layout of a step: ``fields`` (default: the default fields), and always the body."""
    return Layout(body_field=body_field, fields=DEFAULT.fields if fields is None else frozenset(fields) | {"body"})


def clean_texts(texts: Sequence[object], urls: Iterable[object], *, html: bool = False,
                options: Mapping[str, Any]) -> Iterator[Result]:
    """One :class:`~newsclean.batch.Result` per text, in order: ``clean_many(workers=1)`` of the texts with their
    URLs (None for none). With ``html``, each text is a page's HTML, converted as ``clean_many`` converts a record's
    ``html`` field (:func:`~newsclean.html_to_text`; ``Result.from_html``); a page it refuses (too large, not text,
    selectolax missing) is an error result."""
    field = "html" if html else "text"
    records = ({field: text, "url": url} for text, url in zip(texts, urls, strict=True))
    yield from clean_many(records, workers=1, **options)
