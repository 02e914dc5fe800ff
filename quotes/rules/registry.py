"""The registry of named rules: what each rule is, where it runs, how sure it is, what it serves.

Each family module declares its rules with :func:`register` (the way stanza registers processors and
spaCy names its pattern rules): an id (the ``rule`` of every record it makes), its family, the stage of
the engine that proposes it, the constructions of the suite (``tests/constructions``) it serves, and a
one-line summary. Its base confidence is data (``quotes/data/confidence.txt``); :func:`check` holds the
table and the registry to each other once every family is loaded, so a rule with no line, or a line
for no rule, is an error when the engine loads, never a silent default.
"""

from __future__ import annotations

from attrs import define, field
from attrs.validators import in_

from quotes.rules import confidence
from quotes.rules.confidence import RuleError

# The engine's steps that make readings, in the order they run (quotes.rules.engine.STEPS): a rule
# belongs to the first that proposes it ("merge" is the resolver's, which gives "quote-according-to";
# "boundaries" cuts the merged readings' contents to their edges, and gives "mid-cue-piece").
STAGES = (
    "direct",
    "continued",
    "reported",
    "speech-acts",
    "np-content",
    "written",
    "as-clause",
    "fragments",
    "headlines",
    "colon",
    "merge",
    "boundaries",
)


@define(frozen=True)
class Rule:
    """One named rule of the engine."""

    id: str
    family: str
    stage: str = field(validator=in_(STAGES))
    constructions: tuple[str, ...]
    summary: str

    @property
    def confidence(self) -> float:
        """The rule's base confidence (the table's line)."""
        return confidence.base(self.id)


_RULES: dict[str, Rule] = {}


def register(*rules: Rule) -> tuple[Rule, ...]:
    """Add ``rules`` to the registry (a family module calls this once, at import)."""
    for rule in rules:
        known = _RULES.get(rule.id)
        if known is not None and known != rule:
            raise RuleError(f"rule {rule.id!r} is registered twice, by families {known.family!r} and {rule.family!r}")
        _RULES[rule.id] = rule
    return rules


def rule(rule_id: str) -> Rule:
    """The registered rule of that id; :class:`RuleError` for an unknown one."""
    try:
        return _RULES[rule_id]
    except KeyError:
        raise RuleError(f"unknown rule {rule_id!r} (not registered by any rule family)") from None


def registered() -> dict[str, Rule]:
    """Every registered rule by id, in stage order."""
    return dict(sorted(_RULES.items(), key=lambda item: (STAGES.index(item[1].stage), item[0])))


def check() -> None:
    """The confidence table and the registry name the same rules: :class:`RuleError` naming each rule
    that has no line in the table and each line that names no registered rule."""
    table, known = set(confidence.RULES), set(_RULES)
    missing, unknown = sorted(known - table), sorted(table - known)
    problems = []
    if missing:
        problems.append(f"no line in {confidence.TABLE} for rule(s) {', '.join(missing)}")
    if unknown:
        problems.append(f"{confidence.TABLE} has line(s) for unknown rule(s) {', '.join(unknown)}")
    if problems:
        raise RuleError("; ".join(problems))
