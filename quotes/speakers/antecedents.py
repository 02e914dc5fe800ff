"""Which entity a third-person pronoun stands for: the filters, then the salience ranking.

Filters first (an entity that fails one is never chosen): number and gender (:func:`agrees`), the
binding of an object to its own clause's subject ("Byron told him": not Byron), and the names a
subject pronoun commands ("He described Montalvo": not Montalvo). Among the rest the most salient
wins (:meth:`Entity.salience`, weights in ``quotes/data/salience.txt``), with a bonus for a gender the
document gave the entity.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence

from quotes.parse.model import Parse
from quotes.speakers.entities import PRONOUNS, Entity, PronounLink, Weights
from quotes.text.spans import Span


def choose(
    parse: Parse,
    weights: Weights,
    entities: Sequence[Entity],
    last_mention: Mapping[int, Span],
    token_entity: Mapping[int, Entity],
    head: int,
    form: str,
    sentence: int,
    excluded: Collection[int] = (),
    speaker: bool = False,
) -> tuple[PronounLink | None, list[tuple[Entity, bool]]]:
    """The pronoun's link to the most salient entity that passes the filters (or None), and every
    entity known there with whether it passed (for the diagnostics).

    ``sentence`` is the pronoun's salience step, ``excluded`` the ids of entities it may not stand for
    (the names its clause commands), ``last_mention`` each entity's latest mention so far. A speaker
    "it" may also take a name the document never showed to be a person's (no gender, no title): a
    company the lexicon does not know ("Meridia recalled ... it said"), at the cost of a body's "they".
    A given name of the world (``Entity.hint``) that says the other gender keeps an entity out only
    while a named person's own evidence agrees with the pronoun (Aigerim against Yerlan for "she"):
    the dictionary counts names, not people, and "Ilham" is a woman's name in one country and a man's
    in another.
    """
    gender, number = PRONOUNS[form]
    scored: list[tuple[float, Entity, list[str]]] = []
    known: list[tuple[Entity, bool]] = []
    # Entities a name of the world gives the other gender: out only while a named person whose own
    # evidence (a gender, or a name of the world) agrees with the pronoun is there to take it.
    hinted_away: list[tuple[float, Entity, list[str]]] = []
    for entity in entities:
        if entity.id not in last_mention or not entity.names:
            continue
        unknown_kind = speaker and gender == "n" and _unknown_kind(entity)
        if (
            not (agrees(entity, gender, number) or unknown_kind)
            or bound(parse, token_entity, entity, head)
            or entity.id in excluded
            or (speaker and not entity.narrated)  # "'My father never saw this,' he said": not the father
        ):
            known.append((entity, False))
            continue
        known.append((entity, True))
        score = entity.salience(sentence, weights)
        reasons = []
        if number == "pl" and entity.number == "sg":
            score -= weights.collective  # "they" for "the church": English allows it, less often
            reasons.append(f"'{form}' for the body {entity.name}")
        if unknown_kind and entity.kind != "org":
            score -= weights.collective
            reasons.append(f"'{form}' for {entity.name}, a name never shown to be a person's")
        if gender in {"m", "f"} and entity.gender == gender:
            score += weights.agrees
            reasons.append(f"gender {gender} from {entity.evidence[0]}")
        elif gender in {"m", "f"} and entity.gender is None and entity.hint in {"m", "f"} and entity.hint != gender:
            reasons.append(f"gender {entity.hint} from {entity.hint_evidence}, but no other agrees")
            hinted_away.append((score, entity, reasons))
            continue
        scored.append((score, entity, reasons))
    if not any(e.kind == "person" and gender in {e.gender, e.hint} for _, e, _ in scored):
        scored += hinted_away  # "Ilham Aliyev ... he": a name of the world never blocks on its own
    if speaker:
        scored = _relatives_behind(parse, token_entity, scored, weights)
    if not scored:
        return None, known
    scored.sort(key=lambda found: -found[0])  # stable: the first entity on a tie, as before
    score, entity, reasons = scored[0]
    second = scored[1][0] if len(scored) > 1 else 0.0
    return PronounLink(entity, last_mention[entity.id], score, second, tuple(reasons)), known


def _relatives_behind(
    parse: Parse,
    token_entity: Mapping[int, Entity],
    scored: list[tuple[float, Entity, list[str]]],
    weights: Weights,
) -> list[tuple[float, Entity, list[str]]]:
    """ "Viktor Horvath has lived in the village ... His father worked for a miner. '...,' he said": a
    role introduced as someone's relative ("his father", "her lawyer") gives way, as a quote's speaker,
    to the person it belongs to when that person may take the pronoun too."""
    passing = {id(e) for _, e, _ in scored}
    out = []
    for score, entity, reasons in scored:
        owner = _owner(parse, token_entity, entity) if entity.kind == "role" else None
        if owner is not None and owner is not entity and id(owner) in passing:
            score -= weights.relative
            reasons = [*reasons, f"a relative of {owner.name}, who may speak"]
        out.append((score, entity, reasons))
    return out


def _owner(parse: Parse, token_entity: Mapping[int, Entity], entity: Entity) -> Entity | None:
    """The entity whose possessive pronoun opens a role's first mention ("His" in "His father")."""
    tokens = parse.tokens_in(entity.names[0].start, entity.names[0].end) if entity.names else []
    first = parse.tokens[tokens[0]] if tokens else None
    if first is None or first.upos != "PRON" or first.deprel != "nmod:poss":
        return None
    return token_entity.get(first.index)


def _unknown_kind(entity: Entity) -> bool:
    return entity.kind == "person" and not entity.votes and not entity.titles and entity.hint is None


def agrees(entity: Entity, gender: str, number: str) -> bool:
    if gender == "n":
        return entity.kind == "org"
    if number == "pl":
        if entity.number == "sg":
            return entity.kind == "org"  # a body's members: "the church ... they said"
        return entity.kind in {"group", "role", "person"}
    if entity.number != "sg" or entity.kind not in {"person", "role"}:
        return False
    return entity.gender in {None, gender}


def bound(parse: Parse, token_entity: dict[int, Entity], entity: Entity, head: int) -> bool:
    """An object pronoun is not the subject of its own verb ("Byron told him"; "Her professor,
    Koolhaas, described her": nor the name in apposition to the subject); a possessive is not the
    noun phrase it stands in ("Philonise, his brother": his is not Philonise)."""
    tok = parse.tokens[head]
    if tok.deprel == "nmod:poss" and tok.head is not None:
        owner = parse.tokens[tok.head]
        phrase = [tok.head, *(a for a in parse.children[tok.head] if parse.tokens[a].rel in {"appos", "flat"})]
        if owner.rel == "appos" and owner.head is not None:
            phrase.append(owner.head)
        return any(token_entity.get(n) is entity for n in phrase)
    if tok.rel not in {"obj", "iobj", "obl"} or tok.head is None:
        return False
    for c in parse.children[tok.head]:
        if parse.tokens[c].rel != "nsubj":
            continue
        named = [c, *(a for a in parse.children[c] if parse.tokens[a].rel in {"appos", "flat"})]
        if any(token_entity.get(n) is entity for n in named):
            return True
    return False
