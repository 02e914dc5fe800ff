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

from quotes.data.lexicon import Lexicon
from quotes.parse.model import Parse
from quotes.rules.base import Attribution
from quotes.text.spans import Span

# Honorifics that may stand inside a surname mention ("Mr Baird", "Ms Bauchtman").
TITLE_WORDS = frozenset({"mr", "mrs", "ms", "miss", "dr", "prof", "sir", "dame", "president", "minister", "senator"})
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
    subject: bool = False  # named as the subject of a clause somewhere: people act, places rarely do


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
        # A full name written in the mention itself ("Azerbaijani President Ilham Aliyev").
        inside = [p for p in people if mention.start <= p.span.start and p.span.end <= mention.end]
        if inside:
            return Resolution(inside[0].name, "name", (mention,), number="sg")
        # A surname of a name given before ("Aliyev"): the most mentioned person of that surname.
        surname = _surname_match(mention.text, [p for p in people if p.span.start <= mention.start])
        if surname is not None:
            return Resolution(surname.name, "surname", (mention, surname.span), number="sg")
        # "Pavit, the head house-servant": a name with its description in apposition is the name.
        name_part, comma, _ = mention.text.partition(", ")
        if comma and name_part[:1].isupper() and len(name_part.split()) <= 4:
            return Resolution(name_part, "name", (mention,), number="sg")
        titles = {w for w in words if w in self.lexicon.titles}
        titles |= {f"{a} {b}" for a, b in itertools.pairwise(words) if f"{a} {b}" in self.lexicon.titles}
        if titles and not _capitalized_overlap(mention.text, ()):
            for person in reversed([p for p in people if p.span.start <= mention.start]):
                if person.titles & titles:
                    return Resolution(person.name, "title", (mention, person.span), 0.95, "sg")
            # "the president said" with no titled name before it: keep the mention, guess nothing.
        group = _is_group(words, self.lexicon)
        if group or (head is not None and parse.tokens[head].feat("Number") == "Plur"):
            number: str | None = "pl"
        elif head is not None and parse.tokens[head].upos == "PROPN":
            number = "sg"
        else:
            number = None
        return Resolution(_strip_determiner(mention.text), "group" if group else "mention", (mention,), number=number)

    def _pronoun(
        self, mention: Span, form: str, people: list[Person], resolved: list[tuple[int, Resolution, Attribution]]
    ) -> Resolution:
        gender, number = self.lexicon.pronouns[form]
        if number == "sg" and gender in {"m", "f"}:
            # A pronoun speaker is, in news prose, almost always the last person quoted before it.
            for _, res, att in reversed(resolved):
                if res.name and res.number == "sg" and att.speaker is not None:
                    return Resolution(res.name, "pronoun", (mention, att.speaker), 0.9, "sg")
            # Else the last person named as the subject of a clause, else the last person named.
            earlier = [p for p in people if p.span.end <= mention.start]
            pick = _salient(earlier)
            if pick is not None:
                return Resolution(pick.name, "pronoun", (mention, pick.span), 0.8, "sg")
        elif number == "pl" and form == "they":
            for _, res, att in reversed(resolved):
                if res.number == "pl" and res.name and att.speaker is not None:
                    return Resolution(res.name, "pronoun", (mention, att.speaker), 0.8, "pl")
        return Resolution(None, "pronoun", (mention,), 0.7, number)


def _salient(people: list[Person]) -> Person | None:
    """The person a story is about so far: named most often (full name or surname), then latest.

    Only people named as the subject of some clause count when there are any: places and works
    that slipped through as names are rarely subjects.
    """
    if not people:
        return None
    subjects = [p for p in people if p.subject] or people
    counts: dict[str, int] = {}
    for p in people:
        counts[p.tokens[-1]] = counts.get(p.tokens[-1], 0) + 1
    best = max(counts.get(p.tokens[-1], 0) for p in subjects)
    return next(p for p in reversed(subjects) if counts.get(p.tokens[-1], 0) == best)


def _surname_match(text: str, people: list[Person]) -> Person | None:
    """The person a bare surname or partial name refers to: all its capitalized words are in the name,
    and the name's last word is among them. Among several, the one named most often wins."""
    caps = [w.strip(".,'’\"").lower() for w in text.split() if w[:1].isupper()]
    caps = [c[:-2] if c.endswith(("'s", "’s")) else c for c in caps]
    caps = [c for c in caps if c]
    if not caps:
        return None
    matches = [p for p in people if p.tokens[-1] in caps and set(caps) <= set(p.tokens) | TITLE_WORDS]
    if not matches:
        return None
    counts: dict[str, int] = {}
    for p in matches:
        counts[p.name] = counts.get(p.name, 0) + 1
    best = max(counts.values())
    return next(p for p in reversed(matches) if counts[p.name] == best)


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
        name_like = i is not None and _name_like(parse, i)
        if name_like and (not run or _joined(parse, run[-1], i)):
            run.append(i)
            continue
        person = _person_from_run(parse, run, lexicon)
        if person is not None:
            people.append(person)
        run = [i] if name_like else []
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
    if ta.upos == tb.upos == "PROPN":
        return True  # two proper nouns side by side are one name, whatever a noisy tree says
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
    if parse.tokens[name_tokens[-1]].form.lower() in lexicon.not_person:
        return None
    span = parse.span(name_tokens[0], name_tokens[-1])
    inside = set(run)
    heads = [i for i in run if parse.tokens[i].head is None or parse.tokens[i].head not in inside]
    subject = any(parse.tokens[i].rel == "nsubj" for i in heads)
    forms = tuple(parse.tokens[i].form.lower() for i in name_tokens)
    return Person(span.text, span, forms, frozenset(titles), subject)


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
