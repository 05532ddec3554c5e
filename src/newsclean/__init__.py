"""newsclean: clean article records from the raw text of Indonesian news pages.

>>> import newsclean
>>> article = newsclean.clean(page_text)          # doctest: +SKIP
>>> article.body, article.title, article.published  # doctest: +SKIP
"""

from .batch import Result, clean_many
from .core import clean
from .html import clean_html, html_to_text
from .model import Article, Label, Line
from .normalize import Normalization
from .registry import UnknownOutletError, UnknownOutletWarning, detect, get, register, rulesets
from .rules import Dateline, MatchTimeout, Rule, RuleSet, RuleSetError, Signature, ruleset_from_toml

__all__ = [
    "Article",
    "Dateline",
    "Label",
    "Line",
    "MatchTimeout",
    "Normalization",
    "Result",
    "Rule",
    "RuleSet",
    "RuleSetError",
    "Signature",
    "UnknownOutletError",
    "UnknownOutletWarning",
    "clean",
    "clean_html",
    "clean_many",
    "detect",
    "get",
    "html_to_text",
    "register",
    "ruleset_from_toml",
    "rulesets",
]
__version__ = "0.1.0"
