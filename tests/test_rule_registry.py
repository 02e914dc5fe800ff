"""The registry of named rules (quotes/rules/registry.py) against the confidence table and the suite.

Every rule the engine can write into a record is registered, with a line in quotes/data/confidence.txt
and at least one construction of the suite (tests/constructions) it serves; the table and the registry
are checked against each other when the engine loads, so a rule with no line is an error, not a default.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import quotes.pipeline  # noqa: F401  (loads every rule family)
from quotes.evaluation.construction_suite import load_suite
from quotes.rules import confidence, registry
from quotes.rules.confidence import RuleError

SUITE = Path(__file__).parent / "constructions"


def test_every_rule_has_a_confidence_line_and_every_line_a_rule() -> None:
    registry.check()
    rules = registry.registered()
    assert set(rules) == set(confidence.RULES)
    for rule in rules.values():
        assert 0.0 <= rule.confidence <= 1.0
        assert rule.confidence == confidence.RULES[rule.id]


def test_every_rule_serves_a_construction_of_the_suite() -> None:
    constructions = {doc.construction for doc in load_suite(SUITE)}
    for rule in registry.registered().values():
        assert rule.constructions, rule.id
        assert set(rule.constructions) <= constructions, (rule.id, set(rule.constructions) - constructions)


def test_a_rule_missing_from_the_table_or_a_line_for_no_rule_is_an_error(monkeypatch: pytest.MonkeyPatch) -> None:
    table = dict(confidence.RULES)
    monkeypatch.setattr(confidence, "RULES", {k: v for k, v in table.items() if k != "prepositional-cue"})
    with pytest.raises(RuleError, match=r"no line .* prepositional-cue"):
        registry.check()
    with pytest.raises(RuleError, match="prepositional-cue"):
        confidence.confidence("prepositional-cue")
    monkeypatch.setattr(confidence, "RULES", {**table, "made-up-rule": 0.5})
    with pytest.raises(RuleError, match=r"unknown rule.* made-up-rule"):
        registry.check()


def test_an_unknown_rule_id_is_an_error_not_a_default() -> None:
    with pytest.raises(RuleError, match="unknown rule 'no-such-rule'"):
        registry.rule("no-such-rule")
    with pytest.raises(RuleError, match="no-such-rule"):
        confidence.base("no-such-rule")
    assert registry.rule("quote-cue").family == "direct"


def test_a_rule_registered_twice_with_another_meaning_is_an_error() -> None:
    known = registry.rule("quote-cue")
    with pytest.raises(RuleError, match="registered twice"):
        registry.register(registry.Rule(known.id, "other", "direct", ("quote-cue",), "a clash"))
    assert registry.register(known) == (known,)  # the same declaration again (a module re-imported) is fine


def test_the_registry_stages_are_the_engine_steps_in_order() -> None:
    from quotes.rules.engine import STEPS

    names = [step.name for step in STEPS]
    assert [s for s in names if s in registry.STAGES] == list(registry.STAGES)
    for rule in registry.registered().values():
        assert rule.stage in names, rule.id
