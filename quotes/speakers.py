"""Name the speaker behind each mention: "he", "the president" and "Aliyev" -> "Ilham Aliyev".

No coreference model is available offline, so the default resolver works on the parse alone:
proper-name chains (with the titles written before them), surnames, titles and pronouns with their
gender and number. It sits behind the small :class:`SpeakerResolver` interface so a coreference model
can replace it without touching the rules.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from typing import Protocol

from attrs import define

from quotes.attribution import Attribution
from quotes.lexicon import Lexicon
from quotes.parse import Parse
from quotes.spans import Span

NAME_TAGS = frozenset({"PROPN", "NOUN", "ADJ", "X"})
NAME_RELS = frozenset({"compound", "flat", "amod", "nmod", "appos", "root"})


@define(frozen=True)
class Resolution:
    name: str | None
    method: str  # "name" | "surname" | "title" | "pronoun" | "group" | "mention" | "none"
    chain: tuple[Span, ...] = ()  # the mention, then the antecedents used, latest first
    factor: float = 1.0  # how much the resolution lowers the attribution's confidence
    number: str | None = None  # "sg" for a person, "pl" for a group, None when unknown


class SpeakerResolver(Protocol):
    def resolve(self, parse: Parse, attributions: Sequence[Attribution]) -> list[Resolution]:
        """One resolution per attribution, in the same order."""
        ...


@define(frozen=True)
class Person:
    """A proper name met in the document, with the titles written before it."""

    name: str
    span: Span
    tokens: tuple[str, ...]
    titles: frozenset[str]


class RuleResolver:
    """Resolve speaker mentions from proper-name chains, titles and pronouns in the parse."""

    def __init__(self, lexicon: Lexicon) -> None:
        self.lexicon = lexicon

    def resolve(self, parse: Parse, attributions: Sequence[Attribution]) -> list[Resolution]:
        people = find_people(parse, self.lexicon)
        order = sorted(range(len(attributions)), key=lambda i: _mention_start(attributions[i]))
        out: list[Resolution | None] = [None] * len(attributions)
        resolved: list[tuple[int, Resolution, Attribution]] = []  # (offset, resolution, attribution)
        for i in order:
            att = attributions[i]
            res = self._resolve_one(parse, att, people, resolved)
            out[i] = res
            if att.speaker is not None:
                resolved.append((att.speaker.start, res, att))
        return [r if r is not None else Resolution(None, "none") for r in out]

    def _resolve_one(
        self, parse: Parse, att: Attribution, people: list[Person], resolved: list[tuple[int, Resolution, Attribution]]
    ) -> Resolution:
        mention = att.speaker
        if mention is None:
            return Resolution(None, "none")
        head = att.speaker_token
        head_form = parse.tokens[head].form.lower() if head is not None else mention.text.lower()
        if head is not None and head_form in self.lexicon.pronouns:
            return self._pronoun(mention, head_form, people, resolved)
        words = _words(mention.text)
        # A name written in the mention itself, or a surname of a name given earlier.
        before = [p for p in people if p.span.start <= mention.start]
        for person in reversed(before):
            if person.span.start >= mention.start and person.span.end <= mention.end:
                return Resolution(person.name, "name", (mention,), number="sg")
        for person in reversed(before):
            if set(person.tokens) & set(words) and _capitalized_overlap(mention.text, person.tokens):
                chain = (mention,) if person.span.start >= mention.start else (mention, person.span)
                return Resolution(person.name, "surname" if len(person.tokens) > 1 else "name", chain, number="sg")
        inside = [p for p in people if mention.start <= p.span.start and p.span.end <= mention.end]
        if inside:
            return Resolution(inside[-1].name, "name", (mention,), number="sg")
        titles = {w for w in words if w in self.lexicon.titles}
        titles |= {f"{a} {b}" for a, b in itertools.pairwise(words) if f"{a} {b}" in self.lexicon.titles}
        if titles and not _capitalized_overlap(mention.text, ()):
            for person in reversed(before):
                if person.titles & titles:
                    return Resolution(person.name, "title", (mention, person.span), 0.95, "sg")
            # "the president said" with no titled name given: the most recent singular speaker who
            # holds no other title is not enough evidence; keep the mention.
        return Resolution(
            _strip_determiner(mention.text), "group" if _is_group(words, self.lexicon) else "mention", (mention,)
        )

    def _pronoun(
        self, mention: Span, form: str, people: list[Person], resolved: list[tuple[int, Resolution, Attribution]]
    ) -> Resolution:
        gender, number = self.lexicon.pronouns[form]
        if number == "sg" and gender in {"m", "f"}:
            # A pronoun speaker is, in news prose, almost always the last person quoted before it.
            for _, res, att in reversed(resolved):
                if res.name and res.number == "sg" and att.speaker is not None:
                    return Resolution(res.name, "pronoun", (mention, att.speaker), 0.9, "sg")
            earlier = [p for p in people if p.span.end <= mention.start and len(p.tokens) > 1]
            if earlier:
                return Resolution(earlier[-1].name, "pronoun", (mention, earlier[-1].span), 0.8, "sg")
        elif number == "pl" and form == "they":
            for _, res, att in reversed(resolved):
                if res.number == "pl" and res.name and att.speaker is not None:
                    return Resolution(res.name, "pronoun", (mention, att.speaker), 0.8, "pl")
        return Resolution(None, "pronoun", (mention,), 0.7, number)


def find_people(parse: Parse, lexicon: Lexicon) -> list[Person]:
    """Proper-name chains of two or more capitalized words, with titles before the name split off.

    "Azerbaijani President Ilham Aliyev" gives the name "Ilham Aliyev" with the title "president";
    "Artsakh leader Arayik Harutyunyan" gives "Arayik Harutyunyan" with "leader". Rare names that the
    tagger marks NOUN are still caught by their capital letters, and a chain runs across a sentence
    break the tokenizer put inside a name (no punctuation, no line break between the words).
    """
    people: list[Person] = []
    run: list[int] = []
    for i in [*range(len(parse.tokens)), None]:
        if i is not None and _name_like(parse, i) and (not run or _joined(parse, run[-1], i)):
            run.append(i)
            continue
        person = _person_from_run(parse, run, lexicon)
        if person is not None:
            people.append(person)
        run = [i] if i is not None and _name_like(parse, i) else []
    return people


def _starts_sentence(parse: Parse, i: int) -> bool:
    if i == 0:
        return True
    prev = parse.tokens[i - 1]
    gap = parse.text[prev.end : parse.tokens[i].start]
    return prev.form in {".", "!", "?", '"', "“", "‘", ":"} or "\n" in gap or "\r" in gap


def _joined(parse: Parse, a: int, b: int) -> bool:
    """Adjacent capitalized words belong to one name unless the tree says otherwise.

    "Governor of Washington Chris Gregoire": "Washington" and "Chris" are adjacent, but the tree hangs
    them on different heads. Across a sentence break the tokenizer put inside a name, the tree cannot
    speak, and adjacency decides.
    """
    gap = parse.text[parse.tokens[a].end : parse.tokens[b].start]
    if b != a + 1 or gap not in {" ", ""}:
        return False
    ta, tb = parse.tokens[a], parse.tokens[b]
    if ta.sentence != tb.sentence:
        return True
    if any(parse.tokens[c].rel == "case" for c in parse.children[a]):
        return False  # "of Washington" modifies the name that follows; it is not part of it
    name_rels = {"compound", "flat", "appos", "nmod", "amod"}
    return (
        (ta.head == b and ta.rel in name_rels)
        or (tb.head == a and tb.rel in name_rels)
        or (ta.head == tb.head and ta.rel in name_rels and tb.rel in name_rels)
        or (ta.head == tb.head and ta.rel in name_rels and tb.head is not None and tb.head > b)
    )


def _name_like(parse: Parse, i: int) -> bool:
    tok = parse.tokens[i]
    if not tok.form[:1].isupper() or tok.upos not in NAME_TAGS:
        return False
    # A capital at the start of a sentence says nothing; elsewhere it marks a name the tagger missed.
    return tok.upos == "PROPN" or not _starts_sentence(parse, i)


def _person_from_run(parse: Parse, run: list[int], lexicon: Lexicon) -> Person | None:
    if not run:
        return None
    # Split titles off the front: everything up to the last title word is the description.
    lowered = [parse.tokens[i].form.lower().rstrip(".") for i in run]
    cut = 0
    titles: set[str] = set()
    for k, low in enumerate(lowered):
        if low in lexicon.titles:
            cut = k + 1
            titles.add(low)
    # Lower-case titles written just before the run ("leader Arayik Harutyunyan").
    j = run[0] - 1
    while j >= 0 and parse.tokens[j].form.lower() in lexicon.titles:
        titles.add(parse.tokens[j].form.lower())
        j -= 1
    name_tokens = run[cut:]
    if len(name_tokens) < 2 or parse.tokens[name_tokens[-1]].upos == "ADJ":
        return None
    if any(parse.tokens[i].form.lower() in lexicon.groups for i in name_tokens):
        return None
    # "the United States", "the Artisan Force": a name after an article is not a person's.
    if not titles and j >= 0 and parse.tokens[j].form.lower() == "the":
        return None
    span = parse.span(name_tokens[0], name_tokens[-1])
    return Person(span.text, span, tuple(parse.tokens[i].form.lower() for i in name_tokens), frozenset(titles))


def _mention_start(att: Attribution) -> int:
    return att.speaker.start if att.speaker is not None else att.content.start


def _words(text: str) -> list[str]:
    return [w.strip(".,'’\"").lower() for w in text.split() if w.strip(".,'’\"")]


def _capitalized_overlap(text: str, name_tokens: Sequence[str]) -> bool:
    caps = {w.strip(".,'’\"").lower() for w in text.split()[1:] + text.split()[:1] if w[:1].isupper()}
    caps = {c[:-2] if c.endswith(("'s", "’s")) else c for c in caps}
    return bool(caps & set(name_tokens)) if name_tokens else bool(caps - {"the", "a", "an"})


def _strip_determiner(text: str) -> str:
    first, _, rest = text.partition(" ")
    return rest if rest and first.lower() in {"the", "a", "an", "this", "that", "these", "those"} else text


def _is_group(words: Sequence[str], lexicon: Lexicon) -> bool:
    return bool(words) and words[-1] in lexicon.groups
