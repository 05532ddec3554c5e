"""registry.compiled(): its look-up without the lock gives what get() names, for a name, an alias, or a name in
another case or with spaces around it."""

from __future__ import annotations

import pytest

from newsclean import registry


@pytest.mark.parametrize("name", ["okezone", "OKEZONE", " okezone ", "prdepok", "generic", "suara"])
def test_compiled_is_the_rule_set_get_names(name: str) -> None:
    ruleset = registry.get(name)
    first = registry.compiled(name)
    assert first.name == ruleset.name
    # cached: the second look-up, whatever the spelling, is the same compiled set
    assert registry.compiled(name) is first is registry.compiled(ruleset.name)


def test_an_unknown_name_is_refused_even_once_other_sets_are_compiled() -> None:
    registry.compiled("okezone")
    with pytest.raises(registry.UnknownOutletError):
        registry.compiled("no-such-outlet")
