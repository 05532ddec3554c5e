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
from ..settings import Settings


def step_settings(options: Mapping[str, Any], fields: Iterable[str] | None,
                  body_field: str = DEFAULT.body_field) -> Settings:
    """The :class:`~newsclean.settings.Settings` of a step: ``options`` (their names and checks are Settings' own:
    ``outlet``, ``url``, ``language``, ``normalization``, ``timeout``, ``max_chars``...), the record layout of
    :func:`step_layout`; an unknown option is a ``TypeError`` and a bad value a ``ValueError`` or ``ImportError``
    now, before any record."""
    return Settings(**options, layout=step_layout(fields, body_field)).checked()


def step_layout(fields: Iterable[str] | None, body_field: str = DEFAULT.body_field) -> Layout:
    """The record layout of a step: ``fields`` (default: the default fields), and always the body."""
    return Layout(body_field=body_field, fields=DEFAULT.fields if fields is None else frozenset(fields) | {"body"})


def clean_texts(texts: Sequence[object], urls: Iterable[object], settings: Settings, *,
                html: bool = False) -> Iterator[Result]:
    """One :class:`~newsclean.batch.Result` per text, in order: ``clean_many(workers=1)`` of the texts with their
    URLs (None for none). With ``html``, each text is a page's HTML, converted as ``clean_many`` converts a record's
    ``html`` field (:func:`~newsclean.html_to_text`; ``Result.from_html``); a page it refuses (too large, not text,
    selectolax missing) is an error result."""
    field = settings.html_field if html else settings.text_field
    records = ({field: text, settings.url_field: url} for text, url in zip(texts, urls, strict=True))
    yield from clean_many(records, settings, workers=1)
