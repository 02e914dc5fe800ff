"""The entities of the discourse model and the weights and word classes it uses.

See :mod:`quotes.speakers.discourse` for how mentions become entities and pronouns are resolved.
"""

from __future__ import annotations

import difflib
import re

from attrs import define, field

from quotes.data.lexicon import Lexicon, numbers, word_sets
from quotes.parse.model import Parse
from quotes.speakers.people import joined, name_like, occupation, starts_sentence
from quotes.text.spans import Span

# Grammar, not vocabulary: the forms of the third-person pronouns with gender and number.
PRONOUNS = {
    **dict.fromkeys(("he", "him", "his", "himself"), ("m", "sg")),
    **dict.fromkeys(("she", "her", "hers", "herself"), ("f", "sg")),
    **dict.fromkeys(("they", "them", "their", "theirs", "themselves"), ("x", "pl")),
    **dict.fromkeys(("it", "its"), ("n", "sg")),
}
EMBEDDED = frozenset({"nmod", "compound", "det", "amod", "conj"})  # inside another noun phrase
NOT_NAMES = word_sets("rule_words.txt")["not_name"]
LOCATIVE = word_sets("rule_words.txt")["locative"]
_BLANK_LINE = re.compile(r"\n[ \t\r\f\v]*\n")


@define(frozen=True)
class Weights:
    """The salience weights (data: ``quotes/data/salience.txt``, where each is explained)."""

    recency: float
    subject: float
    object: float
    oblique: float
    head: float
    non_adverbial: float
    main_clause: float
    quoted: float
    topic: float
    topic_cap: float
    agrees: float
    collective: float
    relative: float
    vote_margin: float
    decay: float

    @classmethod
    def load(cls, name: str = "salience.txt") -> Weights:
        return cls(**numbers(name, "weight"))


@define
class Entity:
    """A person, role, group or organisation the document talks about."""

    id: int
    kind: str  # "person" | "role" | "group" | "org"
    number: str  # "sg" | "pl"
    names: list[Span] = field(factory=list)  # name mentions, full names first-class
    titles: set[str] = field(factory=set)
    votes: dict[str, float] = field(factory=dict)
    evidence: list[str] = field(factory=list)
    weights: dict[int, float] = field(factory=dict)  # sentence -> best mention weight there
    mentions: int = 0
    label: str | None = None  # the name of people named together: "Ngozi Eze and Tunde Bello"
    # The gender a given name of the world suggests ("Aigerim"): it ranks, it never excludes.
    hint: str | None = None
    hint_evidence: str = ""
    narrated: bool = False  # mentioned outside quoted passages: "my father" in a quote is not

    @property
    def gender(self) -> str | None:
        m, f = self.votes.get("m", 0.0), self.votes.get("f", 0.0)
        if m >= 1 and m >= 2 * f:
            return "m"
        if f >= 1 and f >= 2 * m:
            return "f"
        return None

    @property
    def name(self) -> str:
        """The fullest name: the most frequent of the longest names given, the latest on a tie."""
        if self.label:
            return self.label
        longest = max(len(s.text.split()) for s in self.names)
        full = [s.text for s in self.names if len(s.text.split()) == longest]
        return max(reversed(full), key=full.count)

    @property
    def naming_span(self) -> Span:
        if self.label:
            return self.names[-1]
        name = self.name
        return next(s for s in self.names if s.text == name)

    def vote(self, gender: str, weight: float, why: str) -> None:
        if gender in {"m", "f"}:
            self.votes[gender] = self.votes.get(gender, 0.0) + weight
            self.evidence.append(why)

    def salience(self, sentence: int, weights: Weights) -> float:
        recent = sum(w * weights.decay ** (sentence - s) for s, w in self.weights.items() if s <= sentence)
        topic = min(weights.topic_cap, weights.topic * self.mentions) if self.kind == "person" else 0.0
        return recent + topic


@define(frozen=True)
class PronounLink:
    """Who a pronoun was resolved to, and why (for the record's chain and notes)."""

    entity: Entity
    antecedent: Span  # the latest mention of the entity before the pronoun
    score: float
    runner_up: float
    reasons: tuple[str, ...]

    @property
    def factor(self) -> float:
        """0.8 for a clear, recent winner, down to 0.6 for a close call (the margin over the runner-up)
        or an antecedent sentences away (salience under 150: no subject in the last sentence).

        Never more than 0.8, so a name found through a pronoun stays below the high-confidence band
        (``quotes.evaluation.speakers.HIGH_CONFIDENCE``): on GUM's held-out documents salience picks
        the right person for about half of the speaker pronouns, whatever its margin."""
        margin = (self.score - self.runner_up) / self.score if self.score > 0 else 0.0
        return round(0.6 + 0.2 * min(1.0, max(0.0, margin) * 2) * min(1.0, self.score / 150), 3)


ROLE_RELS = frozenset({"det", "amod", "compound", "nummod", "nmod:poss", "case", "flat"})


def role_span(parse: Parse, head: int) -> Span:
    """A role mention's own words: "the old man", "the company's chief executive", without the
    appositions and clauses the speaker mention may carry ("a woman, a season ticket holder")."""
    keep = {head}
    stack = [head]
    while stack:
        node = stack.pop()
        for c in parse.children[node]:
            tok = parse.tokens[c]
            if (
                (tok.deprel in ROLE_RELS or tok.rel in ROLE_RELS)
                and c < head
                and not (node == head and tok.rel == "case")
            ):
                keep.add(c)
                stack.append(c)
    lo = head
    while lo - 1 in keep:
        lo -= 1
    return parse.span(lo, head)


def is_surname(entity: Entity, word: str) -> bool:
    return any(s.text.split()[-1].lower().strip(".") == word for s in entity.names)


def same_given(a: str, b: str) -> bool:
    return a == b or a.strip(".") == b.strip(".") or difflib.SequenceMatcher(None, a, b).ratio() >= 0.75


def paragraph_of(text: str, offset: int) -> int:
    return len(_BLANK_LINE.findall(text, 0, offset))


def name_runs(
    parse: Parse, lexicon: Lexicon, bodies: list[list[int]] | None = None
) -> list[tuple[list[int], set[str]]]:
    """Runs of capitalized name words with the titles before them split off, one word or more:
    ``(name tokens, titles)``. "Mr. Okafor" gives ``([Okafor], {"mr"})``. A name after "the" ("the
    Senate", "the University of Ohio") names no person; it goes to ``bodies`` when given."""
    out: list[tuple[list[int], set[str]]] = []
    run: list[int] = []
    for i in [*range(len(parse.tokens)), None]:
        if i is not None and name_like(parse, i) and (not run or joined(parse, run[-1], i)):
            run.append(i)
            continue
        if run:
            lowered = [parse.tokens[k].form.lower().rstrip(".") for k in run]
            cut = 0
            titles: set[str] = set()
            for n, low in enumerate(lowered):
                if low in lexicon.titles or lexicon.gender(low) or occupation(lexicon, lowered, n):
                    cut = n + 1
                    titles.add(low)
            j = run[0] - 1
            while j >= 0 and (parse.tokens[j].form.lower() in lexicon.titles or lexicon.gender(parse.tokens[j].form)):
                titles.add(parse.tokens[j].form.lower())
                j -= 1
            name = run[cut:]
            article = j >= 0 and parse.tokens[j].form.lower() == "the" and not titles
            lone_capital = len(name) == 1 and starts_sentence(parse, name[0]) and parse.tokens[name[0]].upos != "PROPN"
            if name and not lone_capital and parse.tokens[name[-1]].upos != "ADJ":
                if not article:
                    out.append((name, titles))
                elif bodies is not None:
                    bodies.append(name)
        run = [i] if i is not None and name_like(parse, i) else []
    return out


def description(parse: Parse, entity: Entity) -> str:
    """The words that introduced a person: the noun phrase before the name, and its appositions."""
    first = parse.tokens_in(entity.names[0].start, entity.names[0].end)
    if not first:
        return ""
    lo = first[0]
    while lo > 0 and parse.tokens[lo - 1].upos in {"PROPN", "NOUN", "ADJ", "DET", "PART"}:
        lo -= 1
    words = [parse.tokens[i].form for i in range(lo, first[0])]
    for i in first:
        for c in parse.children[i]:
            if parse.tokens[c].rel == "appos":
                words += [parse.tokens[t].form for t in parse.subtree(c)]
    return " ".join(words)


def main_clause(parse: Parse, head: int) -> bool:
    """The mention belongs to its sentence's main clause: its verb is the root, or one joined to it."""
    tokens = parse.tokens
    node = tokens[head].head
    if tokens[head].rel == "appos" and node is not None:
        node = tokens[node].head
    while node is not None and tokens[node].rel == "conj":
        node = tokens[node].head
    return node is None or tokens[node].head is None


def locative(parse: Parse, head: int) -> bool:
    children = parse.children[head]
    return any(parse.tokens[c].rel == "case" and parse.tokens[c].form.lower() in LOCATIVE for c in children)


RELATIVE_PERSON = frozenset({"who", "whom", "whose"})


def animate_nouns(parse: Parse) -> set[str]:
    """Noun lemmas the document itself shows to be people, beyond the lexicon's person nouns: those a
    "who" clause describes ("a cosplayer who ...")."""
    out: set[str] = set()
    for tok in parse.tokens:
        if tok.upos != "NOUN":
            continue
        for c in parse.children[tok.index]:
            if parse.tokens[c].deprel == "acl:relcl" and any(
                parse.tokens[r].form.lower() in RELATIVE_PERSON for r in parse.subtree(c)[:3]
            ):
                out.add((tok.lemma or tok.form).lower())
    return out


def described_name(parse: Parse, token_entity: dict[int, Entity], span: Span) -> Entity | None:
    """The person named right before a role set off by a comma, in the same sentence: the surface
    apposition a noisy parse may miss."""
    tokens = parse.tokens_in(span.start, span.end)
    if not tokens or tokens[0] < 2 or parse.tokens[tokens[0] - 1].form != ",":
        return None
    before = tokens[0] - 2
    if parse.tokens[before].sentence != parse.tokens[tokens[0]].sentence:
        return None
    entity = token_entity.get(before)
    return entity if entity is not None and entity.kind == "person" else None
