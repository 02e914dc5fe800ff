"""Inverted and parenthetical cues: the reported clause comes first, or the cue interrupts it.

* ``CLAUSE, X said [in a statement / on Tuesday / told reporters].`` and ``CLAUSE, said X, a title.``
  (``indirect-inverted``);
* the same without the comma, ``CLAUSE police said.`` (``indirect-inverted-bare``): only the surface
  tells the clause's last words from the speaker's first;
* ``The plan, X said, would ...`` and ``The rules, said X, a lawyer, would ...``
  (``indirect-parenthetical``): the content is the whole clause, the cue and speaker inside it.

Read off the surface first: around an inverted cue is where small parsers err most (the cue becomes a
conjunct of the clause's verb, the speaker an object inside the clause), while the shape itself (a
speaker and a cue with nothing of their own after them but modifiers) is plain in the words.
"""

from __future__ import annotations

from attrs import define, evolve

from quotes.data.lexicon import Lexicon, Verb, word_sets
from quotes.rules.assemble import build_reported
from quotes.rules.base import (
    ADDRESSEE_VERBS,
    NOMINAL,
    QUESTION_WORDS,
    RELATIVE_PRONOUNS,
    SENTENCE_END,
    TIME_WORDS,
    Attribution,
    Frame,
)
from quotes.rules.clauses import MIN_CONTENT_WORDS, content_span, count_words, root_of
from quotes.rules.coordinated import COORDINATORS, is_participle
from quotes.rules.frame import finite
from quotes.rules.registry import Rule, register
from quotes.rules.surface import NP_INSIDE, NP_START, surface_cue_ok

RULES = register(
    Rule("indirect-inverted", "inverted", "reported", ("inverted-comma",), "CLAUSE, X said"),
    Rule("indirect-inverted-bare", "inverted", "reported", ("inverted-nocomma",), "CLAUSE X said (no comma)"),
    Rule(
        "indirect-parenthetical",
        "inverted",
        "reported",
        ("parenthetical",),
        "The plan, X said, would ...: the whole clause the cue interrupts",
    ),
)


_WORDS = word_sets("reported_words.txt")
ADD_ON_OPENERS = _WORDS["participle_opener"]
INVERTING_VERBS = _WORDS["inverting_verb"]
# With no comma, only these: after "observed" or "wrote" a noun phrase and the cue are as often a
# relative clause without its pronoun ("the images Wikinews observed").
BARE_INVERTING_VERBS = _WORDS["bare_inverting_verb"]
# The most tokens a speaker phrase (with an apposition) may run.
SPEAKER_TOKENS = 14
# Words a clause cannot end on: with no comma, they show the "speaker" began inside the clause.
_NO_CLAUSE_END = frozenset({"ADP", "DET", "CCONJ", "SCONJ"})


@define(frozen=True)
class _Speaker:
    head: int
    first: int  # the speaker phrase's first and last tokens (an apposition included)
    last: int
    after_cue: bool  # "said X" rather than "X said"
    how: str


def inverted(frame: Frame, lexicon: Lexicon, verb: Verb, cue: int) -> Attribution | None:
    """``CLAUSE, X said.``, ``CLAUSE X said.``, ``CLAUSE, said X.`` or ``The plan, X said, would ...``."""
    parse = frame.parse
    if verb.section == "cognition" or frame.in_quote(cue) or frame.negated(cue):
        return None  # "The dam could fail, residents fear": a belief, not speech
    if is_participle(frame, cue) or not surface_cue_ok(frame, verb, cue):
        return None  # "without saying a word", "had been labelled with ...": no inverted cue
    sentence = parse.sentences[parse.tokens[cue].sentence]
    end = sentence.last
    while end > cue + 1 and (parse.tokens[end - 1].form in SENTENCE_END or parse.tokens[end - 1].upos == "PUNCT"):
        end -= 1
    speaker = _speaker_after(frame, verb, cue, end) or _speaker_before(frame, cue, sentence.first)
    if speaker is None:
        return None
    stop = _cue_modifiers_end(frame, verb, cue, speaker.last + 1 if speaker.after_cue else cue + 1, end)
    if stop is None:
        return None  # the cue has content of its own after it: not inverted
    boundary = cue if speaker.after_cue else speaker.first
    comma = boundary - 1 if boundary - 1 >= sentence.first and parse.tokens[boundary - 1].form == "," else None
    first = _clause_first(frame, sentence.first, boundary)
    before = list(range(first, comma if comma is not None else boundary))
    if not before:
        return None
    rest = list(range(stop + 1, end)) if stop < end and parse.tokens[stop].form == "," else []
    if rest and comma is not None and _continues_clause(frame, rest):
        return _parenthetical(frame, verb, cue, speaker, before, list(range(first, end)), rest)
    bare_ok = (
        verb.lemma in BARE_INVERTING_VERBS
        and stop == end
        and _bare_boundary_ok(frame, before)
        and _known_speaker(frame, lexicon, speaker)
    )
    if comma is None and not bare_ok:
        return None
    if not _is_clause(frame, before, strict=comma is None):
        return None
    opener = parse.tokens[before[0]]
    if (opener.upos == "SCONJ" or opener.form.lower() in QUESTION_WORDS) and not any(
        parse.tokens[j].form == "," for j in before
    ):
        return None  # "When we do the payroll, we state ...": an adverbial clause, no report of its own
    content = content_span(frame, before, anchor=before[-1])
    if content is None or count_words(content.text) < MIN_CONTENT_WORDS:
        return None
    rule = "indirect-inverted" if comma is not None else "indirect-inverted-bare"
    where = "the clause before the comma that precedes" if comma is not None else "the clause right before (no comma)"
    notes = [speaker.how, f"content: {where} the speaker and cue, which end the sentence (surface)"]
    code = "content:inverted-comma" if comma is not None else "content:inverted-bare"
    att = build_reported(frame, rule, verb, cue, speaker.head, root_of(frame, before), content, notes, (code,))
    return _clip_speaker(frame, att, speaker)


def _parenthetical(
    frame: Frame, verb: Verb, cue: int, speaker: _Speaker, before: list[int], tokens: list[int], rest: list[int]
) -> Attribution | None:
    """``The cuts, officials said, will take effect in April``: the whole clause, the cue inside it."""
    parse = frame.parse
    outside = before + rest
    if not any(parse.tokens[j].upos in {"VERB", "AUX"} for j in outside) or any(frame.in_quote(j) for j in rest[:1]):
        return None
    content = content_span(frame, tokens, anchor=cue)
    if content is None or count_words(content.text) < MIN_CONTENT_WORDS + 2:
        return None
    notes = [speaker.how, "content: the whole clause the speaker and cue interrupt, set off by commas (surface)"]
    att = build_reported(
        frame,
        "indirect-parenthetical",
        verb,
        cue,
        speaker.head,
        root_of(frame, outside),
        content,
        notes,
        ("content:parenthetical",),
    )
    return _clip_speaker(frame, att, speaker)


def _speaker_before(frame: Frame, cue: int, first: int) -> _Speaker | None:
    """``..., the head of the mission, Carmen Velásquez, said`` / ``... police said``: the noun phrase
    (with an apposition set off by commas) that ends right before the cue."""
    parse = frame.parse
    j = cue - 1
    while j > first and parse.tokens[j].upos in {"AUX", "ADV", "PART"} and cue - j <= 3:
        j -= 1  # "officials have said", "police later said"
    if j < first or frame.in_quote(j) or parse.tokens[j].upos in {"CCONJ", "SCONJ"}:
        return None  # "... and noted": a coordinated cue (quotes.rules.coordinated), not an inverted one
    last = j
    if parse.tokens[j].form == ",":
        # An apposition: "NAME, TITLE, said" or "TITLE, NAME, said"; the phrase starts before both.
        inner = _np_run(frame, j - 1, first)
        if inner is None or inner == j or inner - 1 < first or parse.tokens[inner - 1].form != ",":
            return None
        outer = _np_run(frame, inner - 2, first)
        if outer is None or outer > inner - 2:
            return None
        group = list(range(outer, j))
        start = outer
        if outer - 1 >= first and parse.tokens[outer - 1].form != ",":
            start = _phrase_start(frame, cue, list(range(outer, inner - 1)))
    else:
        start = _np_run(frame, j, first)
        if start is None:
            return None
        group = list(range(start, j + 1))
        if start - 1 >= first and parse.tokens[start - 1].form != ",":
            start = _phrase_start(frame, cue, group)
    if cue - start > SPEAKER_TOKENS:
        return None
    head = _head(frame, cue, [k for k in group if k >= start])
    if head is None:
        return None
    return _Speaker(head, start, last, False, "speaker: the noun phrase right before the inverted cue (surface)")


def _speaker_after(frame: Frame, verb: Verb, cue: int, end: int) -> _Speaker | None:
    """``..., said Yusuf Demir, the airport's operations director.``: a noun phrase right after the cue
    that runs to a comma (then an apposition) or to the sentence's end."""
    parse = frame.parse
    j = cue + 1
    if j >= end or parse.tokens[j].upos not in NP_START or parse.tokens[j].form.lower() in TIME_WORDS:
        return None
    if verb.lemma not in INVERTING_VERBS or parse.tokens[j].upos == "PRON":
        return None  # "witnesses told Reuters": after most cues a noun phrase is the addressee or object
    if parse.tokens[cue].xpos not in {"VBD", "VBZ", "VBP"} or (cue > 0 and parse.tokens[cue - 1].upos == "AUX"):
        return None  # only a simple finite cue inverts: "said X", never "had written X"
    k = j
    while k < end and parse.tokens[k].upos in NP_INSIDE | {"PUNCT"} and parse.tokens[k].form != ",":
        if parse.tokens[k].upos == "PUNCT" and parse.tokens[k].form not in {".", "-", "’", "'"}:
            return None
        k += 1
    if k == j or (k < end and parse.tokens[k].form != ","):
        return None
    last = k - 1
    if k < end:
        # ", the chief negotiator" / ", a lawyer for the tenants,": an apposition up to a comma or the end.
        m = k + 1
        while m < end and parse.tokens[m].upos in NP_INSIDE and parse.tokens[m].form != ",":
            m += 1
        if m > k + 1 and (m == end or parse.tokens[m].form == ","):
            last = m - 1
    head = _head(frame, cue, list(range(j, k)))
    if head is None:
        return None
    return _Speaker(head, j, last, True, "speaker: the noun phrase right after the cue (surface; inverted order)")


def _np_run(frame: Frame, j: int, first: int) -> int | None:
    """The first token of the run of noun-phrase words that ends at ``j`` (``None`` when ``j`` is none)."""
    parse = frame.parse
    k = j
    while k >= first and parse.tokens[k].upos in NP_INSIDE and not frame.in_quote(k):
        low = parse.tokens[k].form.lower()
        if (low in COORDINATORS and k < j) or low in RELATIVE_PRONOUNS or low in QUESTION_WORDS:
            break  # "..., which the Church describes as ...": a relative clause, not a speaker
        k -= 1
    return k + 1 if k < j else None


def _head(frame: Frame, cue: int, phrase: list[int]) -> int | None:
    """The speaker's head: the cue's subject in the tree when it lies in the phrase, else its last noun
    before any preposition."""
    parse = frame.parse
    inside = set(phrase)
    subjects = [c for c in parse.children[cue] if parse.tokens[c].rel == "nsubj" and c in inside]
    if subjects:
        return subjects[0]
    nouns: list[int] = []
    for k in phrase:
        if parse.tokens[k].upos == "ADP" and nouns:
            break
        possessive = parse.tokens[k].deprel == "nmod:poss" or parse.tokens[k].xpos == "PRP$"
        if (parse.tokens[k].upos in NOMINAL and not possessive) or parse.tokens[k].form.lower() in {"one", "another"}:
            nouns.append(k)
    return nouns[-1] if nouns else None


def _phrase_start(frame: Frame, cue: int, group: list[int]) -> int:
    """With no comma before it, where the speaker phrase starts inside a run of noun-phrase words
    ("... to the dock strike police said"): at its name, else at its last determiner, else its head."""
    parse = frame.parse
    head = _head(frame, cue, group)
    if head is None:
        return group[0]
    if parse.tokens[head].upos == "PRON":
        return head
    start = head
    if parse.tokens[head].upos == "PROPN":
        while (
            start - 1 >= group[0]
            and parse.tokens[start - 1].upos in {"PROPN", "NOUN", "ADJ"}
            and parse.tokens[start - 1].form[:1].isupper()
        ):
            start -= 1
        if start - 1 >= group[0] and parse.tokens[start - 1].upos == "DET":
            start -= 1
        return start
    dets = [k for k in group if k <= head and (parse.tokens[k].upos == "DET" or parse.tokens[k].deprel == "nmod:poss")]
    if dets:
        start = dets[-1]
    # "connected to the dock strike police said": a clause cannot end on a preposition or article, so
    # the phrase before the head was the clause's own.
    if start > group[0] and parse.tokens[start - 1].upos in _NO_CLAUSE_END:
        return head
    if start == group[0] and start > 0 and parse.tokens[start - 1].upos in {"ADP"}:
        return head
    return start


def _cue_modifiers_end(frame: Frame, verb: Verb, cue: int, j: int, end: int) -> int | None:
    """Where the cue's own trailing modifiers end (a comma or the sentence end): time words, adverbs,
    prepositional phrases ("in a statement", "on condition of anonymity"), and for verbs like "tell"
    the addressee. ``None`` when the cue has a clause or quote of its own after it."""
    parse = frame.parse
    addressee = verb.lemma in ADDRESSEE_VERBS and j == cue + 1
    while j < end:
        tok = parse.tokens[j]
        if tok.form == ",":
            return j
        if frame.in_quote(j) or finite(tok) or tok.form.lower() in {"that", *QUESTION_WORDS}:
            return None
        if tok.upos in {"ADV", "NUM"} or (tok.form.lower() in TIME_WORDS and tok.upos != "ADP"):
            j += 1
        elif tok.upos == "ADP":
            j += 1
            while j < end and parse.tokens[j].upos in NP_INSIDE - {"CCONJ"} and parse.tokens[j].form != ",":
                if parse.tokens[j].form.lower() == "that":
                    return None
                if parse.tokens[j].upos == "DET" and parse.tokens[j - 1].upos in NOMINAL:
                    break  # "recount for the customer the definition ...": an object after the phrase
                j += 1
        elif addressee and tok.upos in NP_START:
            while j < end and parse.tokens[j].upos in NP_START | {"PART"}:
                j += 1
            addressee = False
        else:
            return None
    return end


def _clause_first(frame: Frame, first: int, boundary: int) -> int:
    """The clause starts after the last clause break before the boundary: a semicolon, a colon, or a
    quote that stands as speech (punctuation at its end or right after it: ``"...," she said``). A quoted
    name or title inside the clause (``Operation "Clean Harbour" led to ...``) is no break."""
    parse = frame.parse
    for j in range(boundary - 1, first - 1, -1):
        if parse.tokens[j].form in {";", ":"}:
            return j + 1
        if frame.in_quote(j) and _speech_quote_ends_at(frame, j):
            return j + 1
    return first


def _speech_quote_ends_at(frame: Frame, j: int) -> bool:
    parse = frame.parse
    start = parse.tokens[j].start
    region = next((r for r in frame.scan.regions if r.depth == 0 and r.outer_start <= start < r.outer_end), None)
    if region is None:
        return True
    text = region.content.text.rstrip()
    after = parse.text[region.outer_end : region.outer_end + 2].lstrip()
    return not text or text[-1] in ",.?!:;…—-" or after[:1] in {",", ".", ";", ":", "—", "-"}


def _continues_clause(frame: Frame, rest: list[int]) -> bool:
    """After ``, X said,`` the rest of an interrupted clause, not an add-on ("adding ...", "and ...")."""
    tok = frame.parse.tokens[rest[0]]
    low = tok.form.lower()
    return not (
        low in COORDINATORS or low in ADD_ON_OPENERS or tok.upos in {"CCONJ", "SCONJ"} or is_participle(frame, rest[0])
    )


def _is_clause(frame: Frame, tokens: list[int], strict: bool) -> bool:
    """A clause of its own: a verb (finite, when no comma marks the boundary) outside quotes."""
    parse = frame.parse
    if (
        parse.tokens[tokens[-1]].upos in _NO_CLAUSE_END - {"ADP"}
        or parse.tokens[tokens[-1]].form.lower() in QUESTION_WORDS
    ):
        return False
    verbs = [j for j in tokens if parse.tokens[j].upos in {"VERB", "AUX"}]
    return any(finite(parse.tokens[j]) for j in verbs) if strict else bool(verbs)


def _bare_boundary_ok(frame: Frame, before: list[int]) -> bool:
    """With no comma, the word before the speaker must end a clause: not "than", "as", "that",
    "which", an article or a conjunction ("... than officials said", "... that he warned")."""
    tok = frame.parse.tokens[before[-1]]
    low = tok.form.lower()
    return tok.upos not in {"SCONJ", "CCONJ", "DET"} and low not in {"than", "as", *QUESTION_WORDS, *RELATIVE_PRONOUNS}


def _known_speaker(frame: Frame, lexicon: Lexicon, speaker: _Speaker) -> bool:
    """With no comma, only a phrase that reads as a source: a name, a personal pronoun, or a title or
    group noun ("police", "officials", "the spokesman") heads it ("the broadcasts continue" does not)."""
    tok = frame.parse.tokens[speaker.head]
    if tok.upos == "PROPN" or (tok.upos == "PRON" and tok.form.lower() in lexicon.pronouns):
        return True
    words = {tok.form.lower(), tok.lemma.lower()}
    return bool(words & (lexicon.titles | lexicon.groups))


def _clip_speaker(frame: Frame, att: Attribution, speaker: _Speaker) -> Attribution:
    """Keep the speaker mention inside the phrase the surface found (the tree may run it into the clause)."""
    if att.speaker is None:
        return att
    parse = frame.parse
    lo, hi = parse.tokens[speaker.first].start, parse.tokens[speaker.last].end
    if lo <= att.speaker.start and att.speaker.end <= hi:
        return att
    tokens = [
        j for j in frame.tokens_overlapping(att.speaker.start, att.speaker.end) if speaker.first <= j <= speaker.last
    ]
    if not tokens:
        return att
    return evolve(att, speaker=parse.span(tokens[0], tokens[-1]))
