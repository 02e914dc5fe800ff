"""People named in a document: proper-name chains with the titles written before them.

"Azerbaijani President Ilham Aliyev" gives the person "Ilham Aliyev" with the title "president"; a
bare surname ("Aliyev") is matched to the person of that surname named most often.
"""

from __future__ import annotations

from attrs import define

from quotes.data.lexicon import Lexicon, word_sets
from quotes.parse.model import Parse
from quotes.text.spans import Span

# Honorifics that may stand inside a surname mention ("Mr Baird", "Ms Bauchtman").
TITLE_WORDS = word_sets("rule_words.txt")["name_title"]
NAME_PARTICLES = word_sets("speaker_words.txt")["name_particle"]
HYPHENS = frozenset({"-", "‐"})
AMPERSAND = "&"  # "Larsen & Holt", "Procter & Gamble": a firm's name, never a person's
NAME_TAGS = frozenset({"PROPN", "NOUN", "ADJ", "X"})


@define(frozen=True)
class Person:
    """A proper name met in the document, with the titles written before it."""

    name: str
    span: Span
    tokens: tuple[str, ...]
    titles: frozenset[str]
    subject: bool = False  # named as the subject of a clause somewhere: people act, places rarely do


def surname_match(text: str, people: list[Person]) -> Person | None:
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
        if i is not None and name_like(parse, i) and (not run or joined(parse, run[-1], i)):
            run.append(i)
            continue
        person = _person_from_run(parse, run, lexicon)
        if person is not None:
            people.append(person)
        run = [i] if i is not None and name_like(parse, i) else []
    return people


def starts_sentence(parse: Parse, i: int) -> bool:
    if i == 0:
        return True
    prev = parse.tokens[i - 1]
    gap = parse.text[prev.end : parse.tokens[i].start]
    return prev.form in {".", "!", "?", '"', "“", "‘", ":"} or "\n" in gap or "\r" in gap


def joined(parse: Parse, a: int, b: int) -> bool:
    """Adjacent capitalized words belong to one name unless the tree says otherwise.

    "Governor of Washington Chris Gregoire": "Washington" and "Chris" are adjacent, but the tree hangs
    them on different heads. Across a sentence break the tokenizer put inside a name, the tree cannot
    speak, and adjacency decides.
    """
    gap = parse.text[parse.tokens[a].end : parse.tokens[b].start]
    if b != a + 1 or gap not in {" ", ""}:
        return False
    ta, tb = parse.tokens[a], parse.tokens[b]
    if ta.sentence != tb.sentence or _article_in_name(parse, b) or _particle(parse, a) or _particle(parse, b):
        return True
    if _hyphen_tail(parse, a) or _hyphen_tail(parse, b):
        return True
    if tb.head == a and tb.deprel == "flat":
        return True  # "of Dennis Hopper": the preposition is the whole name's, UD hangs it on "Dennis"
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


def _article_in_name(parse: Parse, i: int) -> bool:
    """ "Nguyen Van An": a capital "An" right after a name word (a segmenter may even start a sentence
    there) is the name's last word, whatever the tagger made of it."""
    tok = parse.tokens[i]
    if tok.upos != "DET" or not tok.form[:1].isupper() or i == 0 or parse.tokens[i - 1].upos != "PROPN":
        return False
    return parse.text[parse.tokens[i - 1].end : tok.start] == " "


def name_like(parse: Parse, i: int) -> bool:
    tok = parse.tokens[i]
    if not tok.form[:1].isupper():
        # A particle or a hyphenated name's tail continues a name; it never starts one.
        return (_particle(parse, i) and name_like(parse, i - 1)) or (_hyphen_tail(parse, i) and name_like(parse, i - 2))
    if _article_in_name(parse, i):
        return True
    if tok.upos not in NAME_TAGS:
        return False
    # A capital at the start of a sentence says nothing; elsewhere it marks a name the tagger missed.
    return tok.upos == "PROPN" or not starts_sentence(parse, i)


def occupation(lexicon: Lexicon, lowered: list[str], k: int) -> bool:
    """ "Engineer Tomasz Zielinski", "Father Tomás Quiroga": a person noun capitalized before a name of two
    words or more is its title, as "Judge" is."""
    return k == 0 and len(lowered) >= 3 and lexicon.is_person_noun(lowered[0])


def _particle(parse: Parse, i: int) -> bool:
    """ "de" in "Anneke de Vries", "&" in "Larsen & Holt", "-" in "Al-Maeena": a particle between two
    capitalized words of one name (after "&", a company's)."""
    form = parse.tokens[i].form
    if form not in NAME_PARTICLES | {AMPERSAND} | HYPHENS or i == 0 or i + 1 >= len(parse.tokens):
        return False
    before, after = parse.tokens[i - 1], parse.tokens[i + 1]
    gaps = {parse.text[before.end : parse.tokens[i].start], parse.text[parse.tokens[i].end : after.start]}
    # "Khaled Al-Maeena": a hyphen inside a name, with no space on either side.
    if gaps != ({""} if form in HYPHENS else {" "}):
        return False
    if form in HYPHENS and _hyphen_tail(parse, i + 1):
        return True
    return before.form[:1].isupper() and after.form[:1].isupper() and after.upos == "PROPN"


def _hyphen_tail(parse: Parse, i: int) -> bool:
    """ "ho" in "Joon-ho Park": the lower-case end of a hyphenated given name, a name word before the
    hyphen and the surname after it."""
    tok = parse.tokens[i]
    if i < 2 or i + 1 >= len(parse.tokens) or not tok.form.isalpha() or not tok.form.islower():
        return False
    hyphen, before, after = parse.tokens[i - 1], parse.tokens[i - 2], parse.tokens[i + 1]
    glued = parse.text[before.end : hyphen.start] == "" == parse.text[hyphen.end : tok.start]
    return (
        hyphen.form in HYPHENS
        and glued
        and before.form[:1].isupper()
        and parse.text[tok.end : after.start] == " "
        and after.form[:1].isupper()
        and after.upos == "PROPN"
    )


def _person_from_run(parse: Parse, run: list[int], lexicon: Lexicon) -> Person | None:
    if not run:
        return None
    # Split titles off the front: everything up to the last title word is the description.
    lowered = [parse.tokens[i].form.lower().rstrip(".") for i in run]
    cut = 0
    titles: set[str] = set()
    for k, low in enumerate(lowered):
        if low in lexicon.titles or occupation(lexicon, lowered, k):
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
    if any(parse.tokens[i].form == AMPERSAND for i in name_tokens):
        return None
    if any(parse.tokens[i].form.lower() in lexicon.groups for i in name_tokens):
        return None
    # "the United States", "the Artisan Force": a name after an article is not a person's; nor the end
    # of a body's "of" name ("Ministry of Water Resources", "University of Alder Bay").
    if not titles and j >= 0 and parse.tokens[j].form.lower() == "the":
        return None
    if not titles and j >= 1 and parse.tokens[j].form == "of" and parse.tokens[j - 1].form[:1].isupper():
        return None
    if parse.tokens[name_tokens[-1]].form.lower() in lexicon.not_person:
        return None
    span = parse.span(name_tokens[0], name_tokens[-1])
    inside = set(run)
    heads = [i for i in run if parse.tokens[i].head is None or parse.tokens[i].head not in inside]
    subject = any(parse.tokens[i].rel == "nsubj" for i in heads)
    forms = tuple(parse.tokens[i].form.lower() for i in name_tokens)
    return Person(span.text, span, forms, frozenset(titles), subject)
