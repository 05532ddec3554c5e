"""The built-in rule sets, one TOML file each, registered through the ``newsclean.rulesets`` entry points.

(The package is not called ``rulesets`` so that it cannot shadow :func:`newsclean.rulesets`.)
"""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path

from ..rules import RuleSet, ruleset_from_toml


def _load(name: str) -> RuleSet:
    return ruleset_from_toml(Path(str(files(__name__).joinpath(f"{name}.toml"))))


def base() -> RuleSet:
    """Boilerplate shared by Indonesian news sites."""
    return _load("base")


def generic() -> RuleSet:
    """The fallback for pages of no known outlet."""
    return _load("generic")


def suara() -> RuleSet:
    """suara.com and the Suara network (SuaraJogja, SuaraBali, ...)."""
    return _load("suara")


def kompastv() -> RuleSet:
    """kompas.tv."""
    return _load("kompastv")


def republika() -> RuleSet:
    """republika.co.id and its sub-sites (ihram, ameera, ...)."""
    return _load("republika")


def pikiran_rakyat() -> RuleSet:
    """pikiran-rakyat.com and the PR network's regional sites (PR Depok, Jurnal Soreang, ...)."""
    return _load("pikiran-rakyat")


def okezone() -> RuleSet:
    """okezone.com and its channels."""
    return _load("okezone")
