"""Reported speech whose content is a noun phrase: ``The mayor denounced the merger``, ``She promised a
full inquiry into the collapse``, ``The union has rejected the offer``, ``He called for an overhaul of
the bail system``, ``She spoke about her time in prison``.

What was said is the verb's object (``obj``) with its whole phrase and the complement the verb takes
after it (``hailed the treaty as a turning point``, ``blamed the delay on the contractor``), or, with no
object, the phrase of a preposition that carries what was said (``called for``, ``spoke about``,
``warned of``). Rule ``speech-act-object``; kind ``indirect`` (``mixed`` when it holds a quoted fragment).

Which verbs take such content is data, not a list per verb. Two counts from PolNeAR's train
compartment (the project's development set), both in ``quotes/data/``:

- ``cue_frames.txt``: how often each cue lemma's content was a noun phrase or a prepositional phrase at
  all (a cue that nearly always takes a clause, like "say", is not read this way);
- ``np_readings.txt``: how often this very reading was right when it was tried on every reporting verb
  (``benchmarks/np_readings.py`` tries it, before the gate, with :func:`noun_readings` and counts), by lemma and by the
  frame (``obj`` or the preposition). "Reported profits" and "posted a picture" are kept out this way:
  a verb whose object reading is mostly no speech there is not read so here.

This stage runs after the clause and speech-act rules and takes only verbs they left: a verb with a
clause ("denied that ...") or an earlier act ("accused Y of ...") keeps that reading.
"""

from __future__ import annotations

from collections.abc import Sequence

from attrs import define, evolve

from quotes.data.lexicon import CueFrame, Lexicon, Verb, regular_forms, sections
from quotes.rules.assemble import build_reported
from quotes.rules.base import ADDRESSEE_VERBS, NOMINAL, SENTENCE_END, TIME_WORDS, Attribution, Frame, Proposal
from quotes.rules.clauses import content_span
from quotes.rules.occasion import FRAME_NOUNS, OCCASION_PREPOSITIONS
from quotes.rules.registry import Rule, register
from quotes.rules.speech_acts import (
    ACTS,
    JUDGING_FORMS,
    OBJECT_PREPOSITIONS,
    act_speaker,
    cut_at_clause_break,
    not_performed,
    plausible_source,
    stranded_phrase,
)

RULE = "speech-act-object"
register(
    Rule(
        RULE,
        "speech-acts",
        "np-content",
        ("np-object", "np-complement", "np-preposition"),
        "a verb of saying whose content is its object or prepositional phrase (frames from data)",
    )
)

_DATA = sections("np_content.txt")
# Prepositions whose phrase, right after the verb, carries what was said ("called for", "spoke about").
CONTENT_PREPOSITIONS = frozenset(_DATA["content-preposition"])
# Prepositions that open the complement of an object ("hailed X as Y", "accused X of Y").
COMPLEMENT_PREPOSITIONS = frozenset(_DATA["complement-preposition"])
# Prepositions whose phrase right after the object belongs to it even where the tree hangs it on the
# verb ("a sharp fall in prices", "profits above expectations"), besides the speech-act rules' own.
STRANDED_PREPOSITIONS = frozenset(_DATA["object-preposition"])
# Prepositions of a trailing phrase of time or medium ("on Friday", "in a podcast", "for the first time")
CIRCUMSTANCE_PREPOSITIONS = OCCASION_PREPOSITIONS | frozenset(_DATA["circumstance-preposition"])
# Nouns, besides those of time and of the occasion, that end such a phrase ("for the first time").
CIRCUMSTANCE_NOUNS = frozenset(_DATA["circumstance-noun"])
# Events at which things are said, a trailing phrase of which is the act's occasion ("at a rally"), and
# the prepositions that never open what was said and so may name them ("at", "during").
EVENT_NOUNS = frozenset(_DATA["event-noun"])
EVENT_PREPOSITIONS = frozenset(_DATA["event-preposition"])
# Objects that name the act itself rather than what was said ("asked a question"), by verb.
COGNATE_OBJECTS = frozenset(tuple(line.split()) for line in _DATA["cognate-object"])
# Verbs that make a text: their object is the text made ("wrote a book", "posted a photograph", "issued
# a statement"), not what it says; what it says is their about-phrase ("wrote about ...").
TEXT_VERBS = frozenset(_DATA["text-verb"])
# Verbs of speaking that take no clause ("talked about", "discussed"), besides the lexicon's.
SPEAKING_VERBS = frozenset(_DATA["speaking-verb"])
# Phrasal verbs whose object is what was said ("called out", "played down"), by lemma and particle.
PHRASAL_VERBS = frozenset(tuple(line.split()) for line in _DATA["phrasal-verb"])
PHRASAL_FORMS: dict[str, set[str]] = {}  # each regular form of a phrasal verb's lemma -> the lemmas
for _lemma, _ in PHRASAL_VERBS:
    for _form in regular_forms(_lemma):
        PHRASAL_FORMS.setdefault(_form, set()).add(_lemma)
_SETTINGS = dict(line.split() for line in _DATA["setting"])
# A frame is read when the development data (np_readings.txt) tried it at least ``MIN_TRIED`` times or
# saw the verb fewer than ``MIN_SEEN`` times in any frame (:func:`seen_enough`), and its share of
# right readings there, drawn toward the share of its class (object, object with complement,
# preposition) as if the class had been seen ``PRIOR_WEIGHT`` more times, is at least ``MIN_RIGHT``; and
# an object is read only for a cue whose content was a noun phrase in at least ``MIN_SHARE`` of its uses
# (cue_frames.txt), where the cue was counted at all.
MIN_TRIED = int(_SETTINGS["min-tried"])
MIN_SEEN = int(_SETTINGS["min-seen"])
PRIOR_WEIGHT = float(_SETTINGS["prior-weight"])
MIN_RIGHT = float(_SETTINGS["min-right"])
MIN_SHARE = float(_SETTINGS["min-share"])
# The frame of a bare object that names people ("dismissed two managers", "questioned the suspect"):
# counted apart as well as among the verb's objects, since a verb whose object is mostly what was said
# ("dismissed the claims") may take people in another sense.
PERSON_OBJECT = "obj:person"
# A bare gerund clause as object ("proposed raising the tax"): counted apart, judged as an object.
GERUND = "obj:gerund"


def frame_class(frame: str) -> str:
    """The class of a frame, whose share of right readings is a verb's prior: "obj" (a gerund clause
    too), "obj:person" (an object that names people), "obj+comp", "prep"."""
    if frame in {"obj", PERSON_OBJECT}:
        return frame
    if frame == GERUND:
        return "obj"
    return "obj+comp" if frame.startswith("obj+") else "prep"


def _readings() -> tuple[dict[tuple[str, str], tuple[int, int]], dict[str, tuple[int, int]]]:
    data = sections("np_readings.txt")
    table: dict[tuple[str, str], tuple[int, int]] = {}
    for line in data["readings"]:
        lemma, frame, tried, right = line.rsplit(maxsplit=3)  # a phrasal lemma has a space ("lay out")
        table[(lemma, frame)] = (int(tried), int(right))
    classes = {name: (int(tried), int(right)) for name, tried, right in (line.split() for line in data["class"])}
    return table, classes


READINGS, CLASSES = _readings()


def right_share(
    readings: dict[tuple[str, str], tuple[int, int]], classes: dict[str, tuple[int, int]], lemma: str, frame: str
) -> float:
    """The share of right readings of ``lemma``'s ``frame``, drawn toward its class's share. An object
    that names people (a subset of the verb's objects, counted in ``obj`` as well) is drawn toward the
    verb's own object share, scaled by how much less often such objects were right across all verbs."""
    tried, right = readings.get((lemma, frame), (0, 0))
    prior = _share(classes, frame_class(frame))
    if frame == PERSON_OBJECT:
        scale = prior / _share(classes, "obj") if _share(classes, "obj") else 0.0
        prior = right_share(readings, classes, lemma, "obj") * scale
    return (right + PRIOR_WEIGHT * prior) / (tried + PRIOR_WEIGHT)


def _share(classes: dict[str, tuple[int, int]], name: str) -> float:
    tried, right = classes.get(name, (0, 0))
    return right / tried if tried else 0.0


def noun_share(counted: CueFrame) -> float:
    """The share of a cue's uses whose content was a noun phrase, or a phrase of a preposition the
    annotators left out of the cue ("warned of [delays]" counts as a noun phrase, the preposition being
    the cue's)."""
    return counted.share("np") + counted.share("prep")


def seen_enough(readings: dict[tuple[str, str], tuple[int, int]], lemma: str, frame: str) -> bool:
    """A frame the data tried often enough, or a verb the data never tried at all (a rare verb of the
    lexicon, "labelled", is judged by its frame's class); a frame the data never showed with a verb it
    did see ("written for the Post", where "wrote about" was seen) is not read."""
    if readings.get((lemma, frame), (0, 0))[0] >= MIN_TRIED:
        return True
    # Only a verb seen often enough says which frames it takes: one reading of "brushed aside X for Y"
    # says nothing against "brushed aside X".
    return sum(n for (known, _), (n, _) in readings.items() if known == lemma) < MIN_SEEN


Table = dict[tuple[str, str], tuple[int, int]]


def reads_right(
    lexicon: Lexicon, lemma: str, frame: str, readings: Table = READINGS, classes: dict[str, tuple[int, int]] = CLASSES
) -> bool:
    """Whether the development data says this verb's ``frame`` (``obj``, ``obj+as``, a preposition)
    carries what was said: the reading was mostly right when tried, and where the cue was counted its
    content was often a noun phrase. A complement the data never showed with this verb ("labelled X
    a Y") is judged by the verb's bare object: the complement only adds to that evidence. ``readings``
    and ``classes`` are the shipped tables unless a benchmark passes its own (benchmarks/np_readings.py)."""
    if (frame.startswith("obj+") or frame == GERUND) and (lemma, frame) not in readings:
        frame = "obj"  # a gerund clause is a noun phrase's kind of object ("proposed raising the tax")
    if not seen_enough(readings, lemma, frame) or right_share(readings, classes, lemma, frame) < MIN_RIGHT:
        return False
    counted = lexicon.frame(lemma)
    # A preposition names its frame ("argued for", "warned of"); an object could be anything the verb
    # does ("answered the phone"), so a verb must take noun-phrase content often enough to be read so.
    return not frame.startswith("obj") or counted is None or noun_share(counted) >= MIN_SHARE


@define(frozen=True)
class Reading:
    """A verb's noun-phrase content before the gate: its frame, and the tokens of the content."""

    cue: int
    verb: Verb
    frame: str  # "obj", "obj:gerund", "obj+as" (with its complement), "obj+predicate", or the preposition
    head: int
    last_cue: int  # the preposition right after the verb ("called for") is part of the cue
    tokens: tuple[int, ...]
    notes: tuple[str, ...]


def np_content_proposals(
    frame: Frame, lexicon: Lexicon, taken: set[int], reported: Sequence[Attribution]
) -> list[Proposal]:
    """The noun-phrase content of every reporting verb no earlier reading used, where the development
    counts let the verb's frame be read so (:func:`reads_right`)."""
    return [
        Proposal(att)
        for reading, att in noun_readings(frame, lexicon, taken, reported)
        if reads_right(lexicon, reading.verb.lemma, reading.frame)
    ]


def noun_readings(
    frame: Frame, lexicon: Lexicon, taken: set[int], reported: Sequence[Attribution]
) -> list[tuple[Reading, Attribution]]:
    """Every verb's noun-phrase reading with its record, before the gate (``benchmarks/np_readings.py``
    counts them): verbs that are no cue of a direct quote or an earlier reading, and lie in no
    reported content (a verb there is the reported speaker's, not the writer's)."""
    out: list[tuple[Reading, Attribution]] = []
    for i in free_tokens(frame, taken, reported, "VERB"):
        reading = noun_reading(frame, i)
        att = attribution(frame, lexicon, reading) if reading is not None else None
        if reading is not None and att is not None:
            out.append((reading, att))
    return out


def free_tokens(frame: Frame, taken: set[int], reported: Sequence[Attribution], upos: str) -> list[int]:
    """The tokens tagged ``upos`` that a noun-phrase reading may start from: no cue of an earlier
    reading, not quoted, and in no reported content (a word there is the reported speaker's, not the
    writer's)."""
    used = set(taken) | {a.cue_token for a in reported if a.cue_token is not None}
    inside = [(a.content.start, a.content.end) for a in reported]
    return [
        i
        for i, tok in enumerate(frame.parse.tokens)
        if tok.upos == upos
        and i not in used
        and not frame.in_quote(i)
        and not any(s <= tok.start < e for s, e in inside)
    ]


def noun_reading(frame: Frame, cue: int) -> Reading | None:
    """The object (or content phrase) of reporting verb ``cue`` as the tree gives it, or None."""
    parse = frame.parse
    tok = parse.tokens[cue]
    particle = _phrasal_particle(frame, cue)
    if particle is not None:
        verb: Verb | None = Verb(f"{tok.lemma.lower()} {parse.tokens[particle].form.lower()}", "claim")
    else:
        verb = frame.reporting_word(cue) or _judging(tok) or _speaking(tok)
        if verb is not None and verb.particle is not None:
            return None  # a particle verb of the lexicon whose particle is elsewhere, or one not listed
    if verb is None or verb.section not in {"speech", "claim"}:
        return None
    if any(not act.particles for act in ACTS.get(verb.lemma, ())):
        return None  # the speech-act rules own this verb's object ("denied the allegations", not "access")
    if frame.passive_by_auxiliary(cue) or not _performed(frame, cue):
        return None
    if tok.xpos in {"VBN", "VBG"} and tok.rel in {"acl", "amod"} and tok.deprel != "acl:relcl":
        return None  # "the figures reported on Monday": a participle of a noun (not "who have praised")
    sentence = parse.sentences[tok.sentence]
    if any(frame.in_quote(c) for c in parse.children[cue] if c > cue):
        return None  # a quoted dependent ("characterized X as "a skirmish ...""): the mixed rules' reading
    kids = [c for c in parse.children[cue] if c > cue and not frame.in_quote(c) and c != particle]
    if any(parse.tokens[c].rel in {"ccomp", "csubj"} for c in kids):
        return None  # a clause: the reported-speech rules' reading
    obj = next((c for c in kids if parse.tokens[c].rel == "obj" or _nominal_gerund(frame, c)), None)
    gerund = None if obj is not None else next((c for c in kids if _gerund_object(frame, c)), None)
    if obj is None and particle is not None:
        # "brushed aside[case] rumours[obl]": a parser may make the particle the object's preposition.
        obj = next((c for c in kids if parse.tokens[c].rel == "obl" and particle in parse.subtree(c)), None)
    if obj is not None and _addressee(frame, verb, obj):
        # "told POLITICO", "asked Admiral Harris just that question": the object is who was spoken to.
        obj = next((c for c in kids if c > obj and parse.tokens[c].rel == "obj"), None)
        if obj is None:
            return None
    addressee = _addressee_phrase(frame, cue, kids)
    if obj is not None:
        name, head = "obj", obj
    elif gerund is not None:
        name, head = GERUND, gerund
    else:
        found = _content_phrase(frame, cue, kids, addressee)
        if found is None:
            return None
        name, head = found
    first = min(parse.subtree(head))
    last_cue = cue if particle is None else particle
    if particle is not None and first <= particle:
        first = particle + 1
    if name not in {"obj", GERUND}:
        if particle is not None:
            return None  # a phrasal verb's content is its object
        # The preposition belongs to the cue ("complained about"), as the particle of "called for" does.
        if parse.tokens[first].form.lower() != name:
            return None
        last_cue, first = (first, first + 1) if first == cue + 1 else (cue, first + 1)
    if first <= last_cue or not _adjacent(frame, cue, first if last_cue == cue else last_cue, addressee):
        return None
    if parse.tokens[head].upos not in NOMINAL | {"NUM", "VERB"} or parse.tokens[head].xpos in {"VBZ", "VBD", "VBP"}:
        return None
    if parse.tokens[head].xpos == "PRP$" or parse.tokens[head].feat("Poss") == "Yes":
        return None  # "recounted her[obj] eleven months ...": the tree split the object's determiner off
    run = cut_at_clause_break(parse, frame.subtree_run(head, first, sentence.last))
    if (verb.lemma, parse.tokens[head].lemma.lower()) in COGNATE_OBJECTS:
        return None  # "asked the first question": the object names the act, not what was asked
    if verb.lemma in TEXT_VERBS and name in {"obj", GERUND}:
        return None  # "wrote a book", "posted a photograph": the object is the text made, not what it says
    comp = _complement(frame, cue, run, kids, sentence.last) if name == "obj" else []
    # A pronoun is what was said only with words of its own or a complement that says what it is
    # ("called them parasites", "described him as a loyal deputy"); a bare "it" leaves the content to
    # another sentence, and "called us to offer help" is a telephone call.
    if comp and parse.tokens[head].upos == "PRON" and parse.tokens[comp[0]].form.lower() == "to":
        return None
    if (
        parse.tokens[head].upos == "PRON"
        and not comp
        and (_split_object(frame, head, sentence.last) or not _names_something(frame, head))
    ):
        return None
    what = {"obj": "object", GERUND: "gerund clause (its object)"}.get(name, f"{name!r} phrase")
    notes = [f"content: the verb's {what} in the tree"]
    if particle is not None:
        notes.append(f"cue: the phrasal verb {verb.lemma!r}, its particle part of the cue")
    if name == "obj":
        stranded = [] if comp or run[-1] + 1 >= sentence.last else _stranded(frame, cue, run[-1] + 1, sentence.last)
        if stranded:
            run = run + stranded
            notes.append("content: takes in a phrase of the object that the tree hung on the verb")
        if not comp and _names_people(frame, head):
            name = PERSON_OBJECT
        if comp:
            # A frame of its own in the readings table: "called the plan a disgrace" is speech far more
            # often than "called a taxi".
            opener = parse.tokens[comp[0]].form.lower()
            name = f"obj+{opener}" if opener in COMPLEMENT_PREPOSITIONS else "obj+predicate"
            run = run + comp
            notes.append(f"complement: the {opener!r} phrase the verb takes after its object")
    run = trim_tail(frame, run, clause=name == GERUND)
    if not run:
        return None
    return Reading(cue, verb, name, head, last_cue, tuple(run), tuple(notes))


def attribution(frame: Frame, lexicon: Lexicon, reading: Reading) -> Attribution | None:
    """The record of a gated reading: its speaker is the verb's subject, a source that can speak."""
    content = content_span(frame, list(reading.tokens), anchor=reading.cue)
    if content is None:
        return None
    (speaker, how), doer = act_speaker(frame, reading.cue)
    if speaker is None or speaker > doer or not plausible_source(frame, lexicon, speaker):
        return None
    att = build_reported(frame, RULE, reading.verb, reading.cue, speaker, reading.head, content, [how, *reading.notes])
    if reading.last_cue != reading.cue:
        att = evolve(att, cue=frame.parse.span(reading.cue, reading.last_cue))
    return att


def _names_people(frame: Frame, head: int) -> bool:
    """An object that names people by a common noun ("two managers", "the jury", "several witnesses")."""
    tok = frame.parse.tokens[head]
    lemma = tok.lemma.lower()
    people = frame.lexicon.collectives | frame.lexicon.proxies
    return tok.upos == "NOUN" and (frame.lexicon.is_person_noun(lemma) or lemma in people)


def _phrasal_particle(frame: Frame, cue: int) -> int | None:
    """The particle right after the verb that makes it a phrasal verb of saying ("called out", "played
    down": data, PHRASAL_VERBS), or None."""
    parse = frame.parse
    nxt = cue + 1
    if nxt >= len(parse.tokens) or parse.tokens[nxt].sentence != parse.tokens[cue].sentence:
        return None
    # The pair is listed, so the particle's tag need not be trusted ("brushed aside[ADV]").
    word = parse.tokens[nxt]
    if parse.tokens[cue].upos != "VERB" or word.upos not in {"ADP", "ADV", "PART"}:
        return None
    particle = word.form.lower()
    tok = parse.tokens[cue]
    # By form too: a lemmatizer may leave a regular form as its own lemma ("spelled").
    lemmas = {tok.lemma.lower()} | PHRASAL_FORMS.get(tok.form.lower(), set())
    return nxt if any((lemma, particle) in PHRASAL_VERBS for lemma in lemmas) else None


def _nominal_gerund(frame: Frame, token: int) -> bool:
    """An -ing noun the tagger made a verb's clause ("welcomed the court's ruling[VBG] on rents"): with a
    determiner or a possessive of its own it is a noun phrase, the verb's object."""
    parse = frame.parse
    tok = parse.tokens[token]
    if tok.xpos != "VBG" or tok.rel not in {"xcomp", "ccomp"}:
        return False
    return any(
        parse.tokens[k].rel == "det" or parse.tokens[k].deprel == "nmod:poss"
        for k in parse.children[token]
        if k < token
    )


def _gerund_object(frame: Frame, token: int) -> bool:
    """A bare gerund clause the parser made the verb's "xcomp" ("proposed raising the tax", "reported
    seeing a drone"): the verb's object, as a noun phrase would be. Not one with a subject, a "to" or a
    subordinator of its own, and not one with words of its phrase before it (a participle adjunct)."""
    parse = frame.parse
    tok = parse.tokens[token]
    if tok.xpos != "VBG" or tok.rel != "xcomp" or min(parse.subtree(token)) != token:
        return False
    return not any(
        parse.tokens[c].rel in {"mark", "nsubj", "aux", "ccomp"} or parse.tokens[c].form.lower() == "to"
        for c in parse.children[token]
    )


def _addressee(frame: Frame, verb: Verb, obj: int) -> bool:
    """The object of a verb that takes its addressee as object ("told", "asked") names a person or group
    spoken to, not what was said."""
    tok = frame.parse.tokens[obj]
    if verb.lemma not in ADDRESSEE_VERBS | {"ask"}:
        return False
    return tok.upos in {"PROPN", "PRON"} or tok.lemma.lower() in frame.lexicon.groups


def _names_something(frame: Frame, head: int) -> bool:
    """A pronoun object stands for what was said only with words of its own ("something about the
    vote", "nothing new"): a bare "it", "that" or "them" leaves the content to another sentence."""
    return len(frame.parse.subtree(head)) > 1


def _stranded(frame: Frame, cue: int, start: int, end: int) -> list[int]:
    """A phrase of the object the tree hung on the verb ("proposed a levy on polluters", "denounced the
    promotion of the standards through grants"), not a circumstance of the act."""
    tokens = frame.parse.tokens
    if tokens[start].form.lower() not in OBJECT_PREPOSITIONS | STRANDED_PREPOSITIONS:
        return []
    phrase = stranded_phrase(frame, cue, start, end)
    if not phrase or _circumstance(frame, phrase[0], phrase[1:]):
        return []
    return phrase


def _split_object(frame: Frame, head: int, end: int) -> bool:
    """A pronoun object right before a noun phrase the tree hung elsewhere ("recounted her[obj] eleven
    months in captivity"): the pronoun is the phrase's determiner, and the phrase is lost."""
    tokens = frame.parse.tokens
    nxt = head + 1
    return (
        nxt < end
        and tokens[nxt].upos in {"DET", "NUM", "ADJ", "NOUN", "PROPN"}
        and nxt not in frame.parse.subtree(head)
    )


def _performed(frame: Frame, cue: int) -> bool:
    """The act took place and its subject is the speaker: not negated, not a mere plan or refusal ("to
    criticize", "declined to comment on"), but a participle set off after its clause is ("..., calling
    the plan a disgrace": the clause's subject did call it so; speech_acts.performed_under)."""
    return not not_performed(frame, cue)


def _speaking(tok) -> Verb | None:
    """A verb of speaking that takes no clause, so no reporting verb of the lexicon ("talked about",
    "discussed"): its content is only ever a noun phrase."""
    lemma = tok.lemma.lower()
    return Verb(lemma, "speech") if lemma in SPEAKING_VERBS and tok.upos == "VERB" else None


def _judging(tok) -> Verb | None:
    """A verb of judging that is no reporting verb of the lexicon ("denounced", "hailed"): a claim."""
    lemma = JUDGING_FORMS.get(tok.lemma.lower()) or JUDGING_FORMS.get(tok.form.lower())
    return Verb(lemma, "claim") if lemma is not None else None


def _content_phrase(
    frame: Frame,
    cue: int,
    kids: Sequence[int],
    addressee: tuple[int, set[int]] | None = None,
    rels: frozenset[str] = frozenset({"obl", "advcl"}),
) -> tuple[str, int] | None:
    """The first prepositional dependent of the verb whose preposition carries content ("called for
    X", "spoke about X"), not a phrase of time ("spoke for an hour on Monday"); after the people
    spoken to (``addressee``: "talked to reporters about X", "spoke with residents about X", where a
    parser may hang the about phrase on the people). ``rels``: the relations a phrase may hang by."""
    parse = frame.parse
    for c in kids:
        if parse.tokens[c].rel not in rels:
            continue
        case = [k for k in parse.children[c] if parse.tokens[k].rel in {"case", "mark"} and k < c]
        if not case:
            continue
        if addressee is not None and c == addressee[0]:
            # Only "about" on the people is what was said: "spoke to the club of Washington" is a name.
            inner = _content_phrase(frame, c, [k for k in parse.children[c] if k > c], None, frozenset({"nmod"}))
            if inner is not None and inner[0] == "about":
                return inner
            continue
        word = parse.tokens[case[0]].form.lower()
        if word in CONTENT_PREPOSITIONS and not circumstance_head(frame, c):
            return word, c
        return None  # the first phrase is a circumstance ("in a podcast"): not content
    return None


def _addressee_phrase(frame: Frame, cue: int, kids: Sequence[int]) -> tuple[int, set[int]] | None:
    """The verb's first phrase after it when it names the people spoken to ("to reporters", "with
    residents", "to Ms. Kelly"): its head and its tokens, or None."""
    parse = frame.parse
    phrases = [c for c in kids if parse.tokens[c].rel == "obl"]
    if not phrases:
        return None
    head = phrases[0]
    case = [k for k in parse.children[head] if parse.tokens[k].rel == "case" and k < head]
    if not case or case[0] != cue + 1:
        return None
    word = parse.tokens[case[0]].form.lower()
    # "with" names the people spoken with only after a verb of speaking ("agreed with X on Y" does not).
    if word != "to" and not (word == "with" and parse.tokens[cue].lemma.lower() in SPEAKING_VERBS):
        return None
    tok = parse.tokens[head]
    people = frame.lexicon.groups | frame.lexicon.collectives | frame.lexicon.proxies
    if tok.upos in {"PROPN", "PRON"} or _names_people(frame, head) or tok.lemma.lower() in people:
        return head, set(parse.subtree(head))
    return None


def circumstance_head(frame: Frame, head: int) -> bool:
    """The phrase headed by ``head`` is one of time, medium or measure ("on Friday", "on condition of
    anonymity", "for more than 45 minutes"), judged by its head noun and its numeral."""
    parse = frame.parse
    tok = parse.tokens[head]
    words = {tok.form.lower(), tok.lemma.lower()}
    if words & (TIME_WORDS | FRAME_NOUNS | CIRCUMSTANCE_NOUNS):
        return True
    return any(parse.tokens[k].rel == "nummod" for k in parse.children[head])


def _adjacent(frame: Frame, cue: int, first: int, addressee: tuple[int, set[int]] | None = None) -> bool:
    """Only adverbs and particles lie between the verb and its content ("strongly denounced", "has
    since rejected"), or the people spoken to and the content's preposition ("talked to reporters
    about"): content further off is the tree's guess, not the sentence's."""
    tokens = frame.parse.tokens
    between = set(range(cue + 1, first))
    if addressee is not None:
        between -= addressee[1]
        between.discard(first - 1)  # the content's preposition after the people spoken to
    return all(tokens[j].upos in {"ADV", "PART"} and tokens[j].form not in SENTENCE_END for j in between)


def _complement(frame: Frame, cue: int, run: list[int], kids: Sequence[int], end: int) -> list[int]:
    """The phrase right after the object that the verb takes as its complement: ``as``/``of``/``for``
    and the rest (``hailed X as Y``), or a predicate of the object (``called the plan a disgrace``,
    which a parser may make a second object)."""
    parse = frame.parse
    nxt = run[-1] + 1
    if nxt >= end:
        return []
    holder = next((c for c in kids if nxt in parse.subtree(c) and min(parse.subtree(c)) == nxt), None)
    if holder is None:
        return []
    word = parse.tokens[nxt].form.lower()
    if parse.tokens[holder].xpos in {"VBD", "VBN", "VBZ", "VBP"}:
        return []  # a verb of its own ("praised the budget warned[xcomp] that ..."): no predicate of the object
    if parse.tokens[holder].rel in {"xcomp", "obj"} or (
        word in COMPLEMENT_PREPOSITIONS and parse.tokens[holder].form.lower() not in TIME_WORDS
    ):
        phrase = cut_at_clause_break(parse, frame.subtree_run(holder, nxt, end))
        # "questioned the suspect for six hours": a phrase of time or measure is no complement.
        return [] if phrase and _circumstance(frame, phrase[0], phrase[1:]) else phrase
    return []


def trim_tail(frame: Frame, run: list[int], clause: bool = False) -> list[int]:
    """What was said ends before the writer's trailing participle ("..., ending months of detours") or
    apposition ("..., the presumptive nominee"), and
    before a last phrase of the time or medium of the act ("on Friday", "in a podcast", "in her column",
    "for the first time"), wherever the parser hung it; never before the content's first word. In a
    gerund ``clause`` a phrase hung on one of its own verbs is that verb's ("described arriving at a
    gathering"), and stays, unless it is one of time ("proposed raising the tax on Friday": the
    proposal's day, wherever the parser hung it)."""
    tokens = frame.parse.tokens
    for k, j in enumerate(run):
        if tokens[j].form == "," and k + 1 < len(run) and tokens[run[k + 1]].xpos in {"VBG", "VBN"}:
            run = run[:k]
            break
        if tokens[j].form == "," and any(
            tokens[i].rel == "appos" and tokens[i].head is not None and tokens[i].head < j for i in run[k + 1 :]
        ):
            # "his support for Mr. Trump, the presumptive nominee": the writer's description of a name.
            run = run[:k]
            break
    cut = next(
        (
            k
            for k in range(1, len(run))
            if tokens[run[k]].upos == "ADP"
            and _circumstance(frame, run[k], run[k + 1 :])
            and not (clause and _on_verb_of(frame, run[k], run) and not _of_time(frame, run[k]))
        ),
        None,
    )
    if cut is not None:
        run = run[:cut]
    while run and tokens[run[-1]].upos == "PUNCT" and tokens[run[-1]].form not in {'"', "”", "’", "'"}:
        run = run[:-1]
    return run


def _on_verb_of(frame: Frame, prep: int, run: Sequence[int]) -> bool:
    """The phrase of preposition ``prep`` hangs on a verb among ``run``."""
    tokens = frame.parse.tokens
    noun = tokens[prep].head
    verb = tokens[noun].head if noun is not None else None
    return verb is not None and verb in run and tokens[verb].upos == "VERB"


def _of_time(frame: Frame, prep: int) -> bool:
    """The phrase of preposition ``prep`` names a time ("on Friday", "in 2012")."""
    tokens = frame.parse.tokens
    noun = tokens[prep].head
    if noun is None:
        return False
    return tokens[noun].upos == "NUM" or bool({tokens[noun].form.lower(), tokens[noun].lemma.lower()} & TIME_WORDS)


def _circumstance(frame: Frame, prep: int, tail: Sequence[int]) -> bool:
    """``prep`` and ``tail`` are a phrase of time or of the medium: a preposition of the occasion whose
    noun is one of time, of the occasion or of measure ("on Friday", "in a podcast released this week",
    "for the first time"), and no clause of its own."""
    tokens = frame.parse.tokens
    if tokens[prep].form.lower() not in CIRCUMSTANCE_PREPOSITIONS or not tail:
        return False
    if any(tokens[j].xpos in {"VBD", "VBZ", "VBP", "MD"} or tokens[j].form in {",", ";"} for j in tail):
        return False
    head = tokens[prep].head
    if head is None or head not in tail:
        nouns = [j for j in tail if tokens[j].upos in {"NOUN", "PROPN"}]
        if not nouns:
            return False
        head = nouns[0]
    if tokens[prep].form.lower() in EVENT_PREPOSITIONS and tokens[head].lemma.lower() in EVENT_NOUNS:
        return True  # "at a rally in Ohio", "during the opening of the bridge": where it was said
    return circumstance_head(frame, head)
