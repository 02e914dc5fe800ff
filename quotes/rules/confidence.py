"""How sure a rule is: the one confidence table (data, ``quotes/data/confidence.txt``) and the one formula.

A record's confidence is its rule's base, times a factor for each weakness of its evidence: only the
surface links quote and cue, no speaker, a speaker read off the surface, a belief verb, broken marks.
"""

from __future__ import annotations

from quotes.data.lexicon import sections

_TABLE = sections("confidence.txt")
RULES: dict[str, float] = {rule: float(value) for rule, value in (line.split() for line in _TABLE["rule"])}
FACTORS: dict[str, float] = {name: float(value) for name, value in (line.split() for line in _TABLE["factor"])}
DEFAULT = float(_TABLE["default"][0])


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
    score = RULES.get(rule, DEFAULT)
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
