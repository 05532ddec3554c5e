"""``Settings``: how every record of a batch or corpus run is read, cleaned and written, in one frozen value.

Every entry point that cleans records (``clean_many``, ``newsclean clean``, the corpus run, the engines and the
Dask adapter) builds one :class:`Settings` and hands it down: an option is added here, once, and every entry point
has it.  What is not about a record (worker processes, chunk sizes, the output files) stays with its entry point.
"""

from __future__ import annotations

from dataclasses import dataclass, fields, replace
from typing import Any

from .core import TIMEOUT, clean
from .language import identifier
from .model import Article
from .normalize import DEFAULT, Normalization
from .record import DEFAULT as DEFAULT_LAYOUT
from .record import Layout
from .rules import checked_timeout

#: Records longer than this many characters are refused (an error record), not cleaned.
MAX_CHARS = 10_000_000
#: The settings that name an input record's fields (each one a command line option, ``--text-field`` ...).
FIELD_OPTIONS = ("text_field", "html_field", "id_field", "url_field", "outlet_field")


@dataclass(frozen=True, slots=True)
class Settings:
    """How each record is read (its fields), cleaned (``clean()``'s options) and written (``layout``).

    A record is a mapping with its page text under ``text_field`` (or the page's HTML under ``html_field``),
    and optionally an id, a URL and an outlet name.  ``outlet`` and ``url`` apply to records that name none of
    their own.  ``max_chars``: a longer page is an error record.  ``language``, ``normalization`` and
    ``timeout`` are :func:`newsclean.clean`'s.  ``layout`` says which of newsclean's fields an output record
    holds and the name of its body field (:class:`newsclean.record.Layout`).

    A bad ``timeout`` or ``max_chars`` raises ``ValueError`` here; :meth:`checked` also checks that the
    language identifier exists and is installed.
    """

    text_field: str = "text"
    id_field: str = "id"
    url_field: str = "url"
    outlet_field: str = "outlet"
    html_field: str = "html"
    outlet: str | None = None
    url: str | None = None
    max_chars: int = MAX_CHARS
    language: bool | str = True
    normalization: Normalization = DEFAULT
    timeout: float | None = TIMEOUT
    layout: Layout = DEFAULT_LAYOUT

    def __post_init__(self) -> None:
        object.__setattr__(self, "timeout", checked_timeout(self.timeout))
        if isinstance(self.max_chars, bool) or not isinstance(self.max_chars, int) or self.max_chars < 1:
            raise ValueError(f"max_chars must be a whole number of at least 1, got {self.max_chars!r}")
        for name in FIELD_OPTIONS:
            value = getattr(self, name)
            if not isinstance(value, str) or not value:
                raise ValueError(f"{name} needs a field name, got {value!r}")

    def checked(self) -> Settings:
        """These settings, once the language identifier is known to exist and be installed (``ValueError``,
        ``ImportError``): the caller's error, raised before any record is read rather than once per record."""
        identifier(self.language)
        return self

    def replace(self, **changes: Any) -> Settings:
        """A copy with ``changes`` (the names of :class:`Settings`' fields; ``TypeError`` for any other)."""
        return replace(self, **changes) if changes else self

    @property
    def consumed(self) -> frozenset[str]:
        """The input fields newsclean reads the page from: the text and the HTML, not written back."""
        return frozenset({self.text_field, self.html_field})

    def to_dict(self) -> dict[str, Any]:
        """Every setting as JSON-ready data (what a resumed run must share with the run it goes on with)."""
        out: dict[str, Any] = {}
        for f in fields(self):
            value = getattr(self, f.name)
            if isinstance(value, Normalization):
                value = [value.mojibake, value.spaces]
            elif isinstance(value, Layout):
                value = {"body_field": value.body_field, "fields": sorted(value.fields)}
            out[f.name] = value
        return out


def clean_with(text: str, settings: Settings, *, outlet: str | None = None, url: str | None = None) -> Article:
    """:func:`newsclean.clean` of ``text`` with the cleaning options of ``settings``; a record's own ``outlet`` and
    ``url`` come before the settings' defaults."""
    return clean(text, outlet=settings.outlet if outlet is None else outlet, url=settings.url if url is None else url,
                 normalization=settings.normalization, language=settings.language, timeout=settings.timeout)


def settings_of(settings: Settings | None, options: dict[str, Any]) -> Settings:
    """``settings`` (default: ``Settings()``) with the keyword ``options`` of an entry point applied, checked."""
    return (settings or Settings()).replace(**options).checked()


#: The default settings.
DEFAULTS = Settings()
