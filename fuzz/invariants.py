"""The invariants a fuzz harness checks on every ``clean()`` result (a light copy of tests/test_properties.py's).

Kept free of hypothesis and pytest so that the harnesses need only newsclean and atheris.
"""

from __future__ import annotations

from newsclean import Article, Label, registry
from newsclean.normalize import DEFAULT, Normalization, normalize_line

ASCII_SPACE = " \t\r\n\f\v"


def check_article(text: str, article: Article, how: Normalization = DEFAULT) -> None:
    """Raise AssertionError when ``article`` loses or invents a line of ``text``."""
    raw = text.split("\n")
    lines = article.lines
    # never lose a line: one Line per input line, in order, each with a label and a rule
    assert [line.no for line in lines] == list(range(len(raw))), "line numbers do not follow the input"
    assert all(isinstance(line.label, Label) and line.rule for line in lines), "a line without a label or rule"
    assert [line.label is Label.BLANK for line in lines] == [not r.strip(ASCII_SPACE) for r in raw], "blank lines"
    normalised = [normalize_line(r, how) for r in raw]
    assert [line.text for line in lines] == normalised, "a line's text is not its normalised input line"
    names = {rule.name for rule in registry.compiled(article.outlet or registry.FALLBACK).rules}
    for line in lines:
        rule = line.rule.partition(":")[0]
        assert rule.startswith("structure.") or rule in names or line.prefix, f"unknown rule {line.rule!r}"
        assert line.text.startswith(line.prefix)
    # the body is made of input lines, in input order
    body = [line for line in lines if line.label is Label.BODY]
    assert article.paragraphs == tuple(line.content for line in body)
    assert article.body == "\n\n".join(article.paragraphs)
    j = 0
    for k, paragraph in enumerate(article.paragraphs):
        assert paragraph and "\n" not in paragraph
        while j < len(normalised) and not (normalised[j] == paragraph
                                           or (k == 0 and normalised[j].endswith(paragraph))):
            j += 1
        assert j < len(normalised), f"paragraph {k} is no input line after paragraph {k - 1}"
        j += 1


def check_idempotent(article: Article) -> None:
    """Cleaning the body again, with the same rule set, gives the same body."""
    import newsclean

    again = newsclean.clean(article.body, outlet=article.outlet or registry.FALLBACK, language=False)
    assert again.body == article.body, "cleaning the body again changed it"
