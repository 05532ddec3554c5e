"""Coverage-guided fuzzing of the rule-set loader (``newsclean.ruleset_from_toml``) with atheris.

The fuzzer's bytes are TOML text.  Loading must either give a RuleSet or raise RuleSetError (the
documented error type), never anything else and never hang.  A rule set that loads is compiled (its
bases looked up among the installed rule sets) and matched against its own examples and a few long
hostile lines: the ReDoS check at load time is what keeps that quick, so a hang here (-timeout) is a
pattern the check let through.
"""

from __future__ import annotations

import sys

import atheris

with atheris.instrument_imports(include=["newsclean"]):
    import newsclean
    from newsclean import registry
    from newsclean.rules import RuleSet, RuleSetError, compile_ruleset, ruleset_from_toml

HOSTILE_LINES = ["a" * 3000 + "!", " " * 3000 + "x", "1" * 3000 + "x", "Aa " * 1000 + "!", "#a " * 1000 + ",",
                 "-" * 3000, "é" * 2000 + "\x00"]


def resolve(ruleset: RuleSet) -> object:
    def get(name: str) -> RuleSet:
        if name == ruleset.name:
            return ruleset
        try:
            return registry.get(name)
        except newsclean.UnknownOutletError as exc:
            raise RuleSetError(str(exc)) from None

    return get


def test_one_input(data: bytes) -> None:
    text = data.decode("utf-8", "replace")
    try:
        ruleset = ruleset_from_toml(text)
    except RuleSetError:
        return
    try:
        compiled = compile_ruleset(ruleset, resolve(ruleset))  # type: ignore[arg-type]
    except RuleSetError:
        return  # extends a rule set that does not exist, or itself
    for rule in ruleset.rules:
        for line in (*rule.examples, *rule.counterexamples):
            compiled.match(line)
            compiled.dateline(line)
    for line in HOSTILE_LINES:
        compiled.match(line)
        compiled.dateline(line)


def main() -> None:
    newsclean.rulesets()  # the installed rule sets, loaded once before fuzzing starts
    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
