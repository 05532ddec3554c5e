"""``clean()``: the order of the stages, and nothing else."""

from __future__ import annotations

from . import label, metadata, native, normalize, registry
from .language import identifier
from .model import Article
from .normalize import DEFAULT, Normalization
from .rules import checked_timeout, time_limit

# The stages, each by its native version while the native core is on (the same answers).
# split_normalized: the raw and the normalised lines, natively cut from the text in one pass
split_normalized = native.structural("split_normalized", normalize.split_normalized)
label_lines = native.structural("label_lines", label.label_lines)
extract = native.structural("extract", metadata.extract)
paragraphs_of = native.structural("paragraphs", label.paragraphs)
# An Article made by setting its slots in C (see native.record): the same object, without 13 object.__setattr__ calls.
new_article = native.record(Article)

#: Seconds of pattern matching a page may take by default (a 50 MB page needs a few).
TIMEOUT = 60.0


def clean(
    text: str,
    *,
    outlet: str | None = None,
    url: str | None = None,
    normalization: Normalization = DEFAULT,
    language: bool | str = True,
    timeout: float | None = TIMEOUT,
) -> Article:
    """Clean the raw text of one news page into an :class:`~newsclean.model.Article`.

    ``outlet`` forces a rule set by name or alias (``"okezone"``, ``"prdepok"``);
    otherwise ``url``'s host picks it, or else the page's own text does.  Pages of
    no known outlet are cleaned with the generic rule set and get ``outlet=None``;
    so are pages whose ``outlet`` names no registered rule set (a site of the
    corpus newsclean has no rules for), with an :class:`UnknownOutletWarning`.
    ``normalization`` chooses the character fixes (see :mod:`newsclean.normalize`);
    ``language=False`` skips language identification; a name from
    :data:`newsclean.language.IDENTIFIERS` (``"cld2"``) chooses the identifier.

    ``timeout`` bounds, in seconds, the pattern matching on the page's long lines
    and the outlet signature search (``None``: no bound); a page that runs past it
    raises :class:`~newsclean.rules.MatchTimeout` rather than stall its caller.
    A limit longer than :data:`~newsclean.rules.LONGEST_TIMEOUT` (``float("inf")``)
    is clamped to it; NaN or a negative limit is a ``ValueError``.

    Raises ``TypeError`` when ``text`` is not a ``str``, ``ValueError`` for an
    unknown identifier or a bad ``timeout``, ``ImportError`` when the identifier is not installed.
    """
    if not isinstance(text, str):
        raise TypeError(f"clean() needs the page text as str, got {type(text).__name__}")
    timeout = checked_timeout(timeout)
    identify = identifier(language)
    raw, lines = split_normalized(text, normalization)
    with time_limit(timeout):
        # signatures look at the normalised text, so stray spaces or NBSPs cannot hide an outlet (the lines are
        # joined only when the URL's host does not decide)
        ruleset = registry.choose(lines, outlet=outlet, url=url)
        rules = registry.compiled(ruleset.name)
        layout = label_lines(raw, lines, rules)
        meta = extract(layout, rules)
    paragraphs = paragraphs_of(layout.lines)
    body = "\n\n".join(paragraphs)
    guess = identify(body) if identify is not None else None
    return new_article(
        body=body,
        paragraphs=paragraphs,
        outlet=None if rules.ruleset.generic else rules.name,
        title=meta.title,
        subtitle=meta.subtitle,
        published=meta.published,
        authors=meta.authors,
        editors=meta.editors,
        sources=meta.sources,
        dateline=meta.dateline,
        language=guess.code if guess is not None else None,
        language_probability=guess.probability if guess is not None else None,
        lines=layout.lines,
    )
