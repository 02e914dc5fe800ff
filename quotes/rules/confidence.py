"""How sure a rule is: the one confidence table (data, ``quotes/data/confidence.txt``) and the one formula.

A record's confidence is its rule's base, times a factor for each weakness of its evidence: only the
surface links quote and cue, no speaker, a speaker read off the surface, a belief verb, broken marks.
"""

from __future__ import annotations

from quotes.data.lexicon import sections

TABLE = "quotes/data/confidence.txt"
_TABLE = sections("confidence.txt")
RULES: dict[str, float] = {rule: float(value) for rule, value in (line.split() for line in _TABLE["rule"])}
FACTORS: dict[str, float] = {name: float(value) for name, value in (line.split() for line in _TABLE["factor"])}


class RuleError(LookupError):
    """A rule id that is not registered, registered twice, or out of step with the confidence table."""

    def __str__(self) -> str:
        return str(self.args[0]) if self.args else ""


def base(rule: str) -> float:
    """The rule's base confidence: its line in the table. A rule with no line is an error (the engine
    checks the table against the rule registry when it loads: quotes.rules.registry.check)."""
    try:
        return RULES[rule]
    except KeyError:
        raise RuleError(f"rule {rule!r} has no line in {TABLE}") from None


def rebase(score: float, source: str, rule: str) -> float:
    """A confidence ``score`` earned under rule ``source``, carried over to ``rule`` (a split piece, a
    continuation, a quote that takes its source from "according to"): the weaknesses it counted stay,
    the base becomes ``rule``'s. Unrounded: the caller may apply a factor before rounding."""
    return score * base(rule) / base(source)


def confidence(
    rule: str,
    *,
    tree_linked: bool = True,
    speaker: bool = True,
    speaker_from_tree: bool = True,
    cognition: bool = False,
    broken_marks: bool = False,
) -> float:
    """The rule's base times the factor of each weakness that applies, rounded to three places."""
    score = base(rule)
    if not tree_linked:
        score *= FACTORS["surface-link"]
    if not speaker:
        score *= FACTORS["no-speaker"]
    elif not speaker_from_tree:
        score *= FACTORS["surface-speaker"]
    if cognition:
        score *= FACTORS["cognition"]
    if broken_marks:
        score *= FACTORS["broken-marks"]
    return round(min(score, 1.0), 3)
