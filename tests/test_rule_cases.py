"""The rule cases (tests/rules/*.conllu, read by tests/rule_cases.py): one parametrized test for all.

Each case is a tree (a real parser's, or a hand-written one with a parser's typical error) and the
records the rules must give for it; a new case is one block in a case file, not a test function.
"""

from __future__ import annotations

import pytest

from quotes.rules import registry
from tests.rule_cases import Case, all_cases, records_of

CASES = all_cases()
# Rules with no case yet: each needs a tree that only a parser's error gives (the tree the suite's
# parsers make reads the sentence another way). The test below keeps this list exact.
NO_CASE_YET = frozenset({"indirect-that-surface", "mixed-surface"})


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.id)
def test_rule_case(case: Case) -> None:
    got = records_of(case)
    if case.expected is not None:
        assert got == list(case.expected)
    assert not [g for g in got if g["rule"] in case.absent]
    for record in got:  # the offsets behind each text are the text's: a case cannot pass on a drifted span
        assert record["content"] in case.text


def test_every_rule_has_a_case() -> None:
    covered = set().union(*(case.rules for case in CASES))
    missing = set(registry.registered()) - covered
    assert missing == NO_CASE_YET, f"rules with no case: {sorted(missing)} (expected {sorted(NO_CASE_YET)})"


def test_case_ids_are_unique_and_name_a_rule_or_family() -> None:
    ids = [case.id for case in CASES]
    assert len(ids) == len(set(ids))
    families = {rule.family for rule in registry.registered().values()}
    for case in CASES:
        head = case.id.split("/", 1)[0]
        assert head in registry.registered() or head in families, case.id


def test_the_rules_codes_of_how_they_found_a_reading_are_declared() -> None:
    """``Attribution.found`` holds only the codes quotes.rules.base.FOUND declares (the benchmarks and
    the resolver test them by code, never by the words of a note)."""
    from quotes.data.lexicon import load
    from quotes.rules.base import FOUND
    from quotes.rules.engine import attribute

    seen: set[str] = set()
    for case in CASES:
        for att in attribute(case.parse, load(), evidence=True):
            seen.update(att.found)
    assert seen <= FOUND, seen - FOUND
    assert {"content:tree", "content:inverted-comma", "content:wh-tree"} <= seen
