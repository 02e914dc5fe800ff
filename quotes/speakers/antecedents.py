"""Which entity a third-person pronoun stands for: the filters, then the salience ranking.

Filters first (an entity that fails one is never chosen): number and gender (:func:`agrees`), the
binding of an object to its own clause's subject ("Byron told him": not Byron), and the names a
subject pronoun commands ("He described Montalvo": not Montalvo). Among the rest the most salient
wins (:meth:`Entity.salience`, weights in ``quotes/data/salience.txt``), with a bonus for a gender the
document gave the entity.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from quotes.parse.model import Parse
from quotes.speakers.entities import PRONOUNS, Entity, PronounLink

if TYPE_CHECKING:
    from quotes.speakers.discourse import Discourse


def choose(discourse: Discourse, head: int, form: str) -> PronounLink | None:
    """The pronoun's link to the most salient entity that passes the filters, or None."""
    gender, number = PRONOUNS[form]
    parse, weights = discourse.parse, discourse.w
    sentence = discourse.step[parse.tokens[head].sentence]
    best: tuple[float, Entity, list[str]] | None = None
    second = 0.0
    named_here = named_in_clause(discourse, head)
    known = discourse.candidates_at.setdefault(head, [])
    for entity in discourse.entities:
        if entity.id not in discourse.last_mention or not entity.names:
            continue
        if (
            not agrees(entity, gender, number)
            or bound(parse, discourse.token_entity, entity, head)
            or entity.id in named_here
        ):
            known.append((entity, False))
            continue
        known.append((entity, True))
        score = entity.salience(sentence, weights)
        reasons = []
        if number == "pl" and entity.number == "sg":
            score -= weights.collective  # "they" for "the church": English allows it, less often
            reasons.append(f"'{form}' for the body {entity.name}")
        if gender in {"m", "f"} and entity.gender == gender:
            score += weights.agrees
            reasons.append(f"gender {gender} from {entity.evidence[0]}")
        if best is None or score > best[0]:
            second = best[0] if best else second
            best = (score, entity, reasons)
        elif score > second:
            second = score
    if best is None:
        return None
    score, entity, reasons = best
    return PronounLink(entity, discourse.last_mention[entity.id], score, second, tuple(reasons))


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


def named_in_clause(discourse: Discourse, head: int) -> set[int]:
    """Entities named by a full noun phrase in the clause a subject pronoun governs ("He described
    Montalvo as ...": not Montalvo); a pronoun never points to a name it commands."""
    parse = discourse.parse
    tok = parse.tokens[head]
    if tok.rel != "nsubj" or tok.head is None:
        return set()
    clause = set(parse.subtree(tok.head)) - set(parse.subtree(head))
    found: set[int] = set()
    for run, _ in discourse.name_runs:
        if run[-1] in clause and run[-1] > head:
            words = [parse.tokens[i].form.lower().strip(".") for i in run]
            entity = discourse.find_person(words)
            if entity is not None:
                found.add(entity.id)
    return found


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
