"""``NewscleanFilter``: newsclean as a datatrove pipeline step (docs/pipelines.md; the ``pipelines`` extra).

::

    from datatrove.executor import LocalPipelineExecutor
    from datatrove.pipeline.readers import JsonlReader
    from datatrove.pipeline.writers import JsonlWriter
    from newsclean.steps.datatrove import NewscleanFilter

    LocalPipelineExecutor([JsonlReader("raw/"), NewscleanFilter(), JsonlWriter("clean/")]).run()

A filter in datatrove's sense (a ``BaseFilter``): each document's text (HTML with ``html=True``) is cleaned, its
text becomes the cleaned body and newsclean's fields (those of :func:`newsclean.record.article_fields`, without
the body) join its metadata, replacing same-named keys and keeping the others. A document whose body comes out
empty, or that cannot be cleaned, is dropped, and its reason is counted in the step's stats as datatrove's own
filters count theirs (``dropped_empty_body``, ``dropped_too_large``, ``dropped_timeout``, ``dropped_error``); a
dropped document keeps its text, and one that failed gets the reason in ``metadata["error"]``, so an
``exclusion_writer`` keeps both.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

try:
    from datatrove.pipeline.filters.base_filter import BaseFilter
except ImportError as exc:  # pragma: no cover - exercised only where datatrove is missing
    raise ImportError(f"newsclean.steps.datatrove needs datatrove: pip install 'newsclean[pipelines]' ({exc})") from exc

from ..batch import Result
from ..record import article_fields
from . import clean_texts, step_settings

__all__ = ["NewscleanFilter", "drop_reason"]


class NewscleanFilter(BaseFilter):  # type: ignore[misc]  # datatrove is untyped (Any here)
    """Clean each document with newsclean: the body as its text, newsclean's fields in its metadata.

    ``html``: the documents' text is HTML (converted by :func:`newsclean.html_to_text`; the ``html`` extra).
    ``url_key``: the metadata key of the page's URL, which picks the outlet's rule set (datatrove's readers write
    ``url``). ``fields``: newsclean's fields to put in the metadata (default
    :data:`newsclean.record.DEFAULT_FIELDS`; ``paragraphs`` and ``lines`` on request). ``options`` are
    :class:`newsclean.settings.Settings`' (``language``, ``normalization``, ``timeout``, ``max_chars``, a default
    ``outlet``...), as for ``clean_many``. ``exclusion_writer`` and
    ``batch_size`` are datatrove's: a batch is cleaned in one ``clean_many`` call.
    """

    name = "📰 newsclean"

    def __init__(self, *, html: bool = False, url_key: str = "url", fields: Iterable[str] | None = None,
                 exclusion_writer: Any = None, batch_size: int = 1, **options: Any) -> None:
        super().__init__(exclusion_writer, batch_size)
        self.html = html
        self.url_key = url_key
        self.settings = step_settings(options, fields)

    def filter(self, doc: Any) -> bool | tuple[bool, str]:
        """Clean ``doc`` in place and keep it, or leave it as it was and drop it with a reason."""
        return self.filter_batch([doc])[0]

    def filter_batch(self, batch: list[Any]) -> list[bool | tuple[bool, str]]:
        """:meth:`filter` for each document of ``batch``, cleaned in one ``clean_many`` call."""
        urls = (doc.metadata.get(self.url_key) for doc in batch)
        results = clean_texts([doc.text for doc in batch], urls, self.settings, html=self.html)
        return [self._apply(doc, result) for doc, result in zip(batch, results, strict=True)]

    def _apply(self, doc: Any, result: Result) -> bool | tuple[bool, str]:
        if result.article is None:
            doc.metadata["error"] = result.error
            return False, drop_reason(result.error)
        if not result.article.body:
            return False, "empty_body"
        layout = self.settings.layout
        record = article_fields(result.article, layout, from_html=result.from_html)
        doc.text = record.pop(layout.body_field)
        doc.metadata.update(record)
        return True


def drop_reason(error: str | None) -> str:
    """The reason a failed record is counted under: ``too_large``, ``timeout`` or ``error``."""
    if error is not None and error.startswith("too large"):
        return "too_large"
    if error is not None and error.startswith("MatchTimeout"):
        return "timeout"
    return "error"
