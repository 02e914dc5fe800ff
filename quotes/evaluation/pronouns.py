"""Every third-person pronoun's resolution, scored on GUM's gold coreference: a development diagnostic.

The speaker figure (:mod:`quotes.evaluation.speakers`) rests on a few dozen speaker pronouns per
split; the discourse model resolves every third-person pronoun outside quotes, and GUM annotates the
entity of each, so the same documents give a far larger signal. A pronoun counts when GUM marks it
as a mention of its own; its link is right when the linked entity is the pronoun's gold entity: the
majority of the entity's named mentions (names, roles) lie in mentions of that gold entity.

The *oracle* says whether the right entity was there to choose at all: among the entities known when
the pronoun is read (``oracle``), and among those that also pass number and gender (``agreeing``). A
gap between accuracy and the oracle is ranking; a gap between the oracle and 1 is entities never
found (a narrator only called "I", a person only called "she").

Use it on development documents only (:func:`quotes.evaluation.speakers.dev_documents`); of held-out
documents read nothing but the totals.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from pathlib import Path

from attrs import define, field

from quotes.data.lexicon import load as load_lexicon
from quotes.evaluation.speakers import dev_documents, gold_mentions
from quotes.parse.backends.conllu import parse_from_conllu
from quotes.parse.backends.conllu_reader import ConlluDocument, read_conllu
from quotes.parse.model import Parse
from quotes.pipeline import records_from_parse
from quotes.rules.base import Attribution
from quotes.speakers.discourse import Discourse
from quotes.speakers.entities import PRONOUNS, Entity, Weights
from quotes.speakers.resolver import RuleResolver


@define
class PronounScore:
    """Scores of the pronouns whose gold entity is a person or an organisation (the speakers' kinds);
    ``other`` scores the rest (mostly "it" for things, which the model does not track)."""

    total: int = 0
    right: int = 0
    linked: int = 0
    oracle: int = 0  # the gold entity is among the entities known at the pronoun
    agreeing: int = 0  # ... and passes number and gender
    by_form: dict[str, list[int]] = field(factory=dict)  # form -> [right, total]
    # (document, token, context, linked name, gold entity, whether an agreeing candidate was right)
    errors: list[tuple[str, int, str, str | None, str, bool]] = field(factory=list)
    other: list[int] = field(factory=lambda: [0, 0])  # [right, total] for things, places, ...
    speakers: list[int] = field(factory=lambda: [0, 0])  # [right, total] for the quotes' speakers

    def add(self, form: str, right: bool, linked: bool, oracle: bool, agreeing: bool) -> None:
        self.total += 1
        self.right += right
        self.linked += linked
        self.oracle += oracle
        self.agreeing += agreeing
        tally = self.by_form.setdefault(form, [0, 0])
        tally[0] += right
        tally[1] += 1

    @property
    def accuracy(self) -> float:
        return self.right / self.total if self.total else 0.0

    def summary(self, label: str = "") -> str:
        n = self.total or 1
        groups: Counter[str] = Counter()
        totals: Counter[str] = Counter()
        for form, (r, t) in self.by_form.items():
            key = _FORM_GROUP.get(form, form)
            groups[key] += r
            totals[key] += t
        forms = ", ".join(f"{k} {groups[k]}/{totals[k]}" for k in sorted(totals))
        return (
            f"third-person pronouns{' ' + label if label else ''}: right {self.right}/{self.total} = "
            f"{self.accuracy:.3f}; linked {self.linked / n:.3f}; oracle {self.oracle / n:.3f}; "
            f"agreeing {self.agreeing / n:.3f}; by form {forms}; speakers {self.speakers[0]}/{self.speakers[1]}; "
            f"other entities {self.other[0]}/{self.other[1]}"
        )


_FORM_GROUP = {
    **dict.fromkeys(("he", "him", "his", "himself"), "he"),
    **dict.fromkeys(("she", "her", "hers", "herself"), "she"),
    **dict.fromkeys(("they", "them", "their", "theirs", "themselves"), "they"),
    **dict.fromkeys(("it", "its"), "it"),
}


SPEAKER_TYPES = frozenset({"person", "organization"})
_OPENING = re.compile(r"\((\d+)-([a-z]+)")


class _Capturing(RuleResolver):
    """The rule resolver, keeping the discourse it built for the document."""

    built: Discourse | None = None

    def discourse(self, parse: Parse, attributions: Sequence[Attribution]) -> Discourse:
        self.built = super().discourse(parse, attributions)
        return self.built


def score_documents(
    documents: Iterable[ConlluDocument], weights: Weights | None = None, score: PronounScore | None = None
) -> PronounScore:
    score = score or PronounScore()
    lexicon = load_lexicon()
    for document in documents:
        try:
            parse = parse_from_conllu(document.text(), document)
        except Exception:  # as in the speaker figure: a document the aligner cannot map is skipped
            continue
        resolver = _Capturing(lexicon, weights)
        records_from_parse(parse, document.id or "gum", lexicon, resolver)
        if resolver.built is not None:
            types = gold_types(document)
            _score_document(document.id or "", parse, resolver.built, gold_mentions(document), types, score)
    return score


def gold_types(document: ConlluDocument) -> dict[str, str]:
    """Each gold entity's type ("person", "organization", "object", ...), from where it opens."""
    return {
        m.group(1): m.group(2)
        for sentence in document.sentences
        for word in sentence.words
        for m in _OPENING.finditer(word.misc_dict.get("Entity", ""))
    }


def _score_document(
    doc_id: str,
    parse: Parse,
    discourse: Discourse,
    mentions: list[tuple[int, int, str]],
    types: dict[str, str],
    score: PronounScore,
) -> None:
    def gold_of(token: int) -> tuple[int, int, str] | None:
        inside = [m for m in mentions if m[0] <= token <= m[1]]
        return min(inside, key=lambda m: m[1] - m[0]) if inside else None

    def entity_gold(entity: Entity) -> str | None:
        votes = Counter()
        for span in entity.names:
            tokens = parse.tokens_in(span.start, span.end)
            found = gold_of(tokens[-1]) if tokens else None
            if found is not None:
                votes[found[2]] += 1
        return votes.most_common(1)[0][0] if votes else None

    for tok in parse.tokens:
        form = tok.form.lower()
        if form not in PRONOUNS or tok.upos != "PRON" or discourse._in_quote(tok.start):
            continue
        gold = gold_of(tok.index)
        if gold is None or gold[0] != gold[1]:
            continue  # not a mention of its own: pleonastic "it", or part of a longer mention
        link = discourse.links.get(tok.index)
        if types.get(gold[2]) not in SPEAKER_TYPES:
            score.other[0] += link is not None and entity_gold(link.entity) == gold[2]
            score.other[1] += 1
            continue
        known = discourse.candidates_at.get(tok.index, ())
        right = link is not None and entity_gold(link.entity) == gold[2]
        oracle = any(entity_gold(e) == gold[2] for e, _ in known)
        agreeing = any(ok and entity_gold(e) == gold[2] for e, ok in known)
        score.add(form, right, link is not None, oracle, agreeing)
        if tok.index in discourse.speakers:
            score.speakers[0] += right
            score.speakers[1] += 1
        if not right:
            name = link.entity.name if link is not None else None
            score.errors.append((doc_id, tok.index, _context(parse, tok.index), name, gold[2], agreeing))


def _context(parse: Parse, token: int) -> str:
    lo, hi = max(0, token - 12), min(len(parse.tokens), token + 4)
    return " ".join(("[" + t.form + "]") if t.index == token else t.form for t in parse.tokens[lo:hi])


def score_split(
    paths: Iterable[str | Path], weights: Weights | None = None, dev: frozenset[str] | None = None
) -> tuple[PronounScore, PronounScore]:
    """``(development, held-out)`` pronoun scores; the held-out errors are cleared unread."""
    dev = dev_documents() if dev is None else dev
    development, held_out = PronounScore(), PronounScore()
    for path in paths:
        for doc in read_conllu(Path(path)):
            if any("Entity=" in w.misc for s in doc.sentences[:3] for w in s.words):
                score_documents([doc], weights, development if doc.id in dev else held_out)
    held_out.errors.clear()
    return development, held_out
