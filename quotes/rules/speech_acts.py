"""Speech acts with an object: ``X accused Y of ...``, ``X urged Y to ...`` (``called on Y to ...``,
``called for Z``), ``X denied the allegations``, ``X criticized Y for ...``, ``X announced a settlement``.

What was said is the act's object and its complement, not a clause: kind ``indirect`` (``mixed`` when it
holds a quoted fragment), rule ``speech-act-<act>``. A verb that has a clausal complement ("denied that
...") is the reported-speech rules' business; they run first, and this pass only takes the verbs they
left. The object comes from the tree (the constituent of the verb that starts right after it), else from
the surface (the noun phrase there); the complement likewise (``of`` / ``for`` / ``as`` / ``to`` right
after the object). The notes say which evidence gave each part. The verbs and their options are data,
``quotes/data/speech_acts.txt``.

The same pass gives verbs of judging that are no reporting verbs of the lexicon ("branded", "hailed")
to the agentive mixed rule (:func:`quotes.rules.mixed.agentive`).
"""

from __future__ import annotations

from collections.abc import Sequence

from attrs import define, evolve

from quotes.data.lexicon import Lexicon, Verb, regular_forms, sections
from quotes.rules.assemble import build_reported
from quotes.rules.base import (
    ADVERBIAL_OPENERS,
    DEICTIC_TIME,
    NOMINAL,
    QUESTION_WORDS,
    SENTENCE_END,
    TIME_WORDS,
    Attribution,
    Frame,
    Proposal,
)
from quotes.rules.clauses import content_span, left_tokens
from quotes.rules.mixed import agentive
from quotes.rules.nominal import nominal_cue, reads_as_noun
from quotes.rules.occasion import FRAME_NOUNS
from quotes.rules.registry import Rule, register
from quotes.rules.tree import FoundSpeaker, speaker_of


@define(frozen=True)
class Act:
    lemma: str
    name: str
    particles: frozenset[str] = frozenset()
    comps: frozenset[str] = frozenset()
    claim_object: bool = False
    needs_comp: bool = False

    @property
    def rule(self) -> str:
        return f"speech-act-{self.name}"


_DATA = sections("speech_acts.txt")


def _load() -> tuple[dict[str, tuple[Act, ...]], frozenset[str], frozenset[str]]:
    data = _DATA
    acts: dict[str, tuple[Act, ...]] = {}
    for line in data["act"]:
        lemma, name, *options = line.split()
        opts = dict(o.split("=", 1) for o in options)
        act = Act(
            lemma=lemma.lower(),
            name=name,
            particles=frozenset(opts.get("particle", "").split(",")) - {""},
            comps=frozenset(opts.get("comp", "").split(",")) - {""},
            claim_object=opts.get("object") == "claim",
            needs_comp="needs" in opts,
        )
        acts[act.lemma] = (*acts.get(act.lemma, ()), act)
    claims = frozenset(w.lower() for w in data["claim"])
    judging = frozenset(w.lower() for w in data["judging"])
    return acts, claims, judging


ACTS, CLAIM_NOUNS, JUDGING = _load()
# Openers of a participle adjunct whose act took place ("by criticizing", "after praising").
PERFORMED_ADJUNCTS = frozenset(w.lower() for w in _DATA["performed-adjunct"])
# Verbs of doing whose complement's act took place ("began criticizing", "continued to defend").
PERFORMED_GOVERNORS = frozenset(w.lower() for w in _DATA["performed-governor"])
# How a verb hangs on another as a clause of its own (where an act may be only wanted or planned).
_SUBORDINATE_RELS = frozenset({"xcomp", "advcl", "acl", "ccomp", "csubj"})
# Verbs whose purpose infinitive names an act not (yet) done ("needs to", "wants to" as advcl by a parser).
PURPOSE_UNDONE = frozenset(w.lower() for w in _DATA["purpose-undone"])
# Nouns that name a share of people ("64 percent", "a majority of the delegates").
SHARES = frozenset(w.lower() for w in _DATA["share"])
# Readings of a verb that a speech act of the same verb may replace (resolve.speech_act_reads_better).
WEAKER_READINGS = frozenset({"indirect-infinitival", "indirect-surface"})
# One rule per act of the data file: its construction in the suite has the act's name ("accuse", "urge").
_VERBS_OF = {
    a.name: sorted({b.lemma for v in ACTS.values() for b in v if b.name == a.name}) for v in ACTS.values() for a in v
}
RULES = register(
    *(
        Rule(f"speech-act-{name}", "speech-acts", "speech-acts", (name,), f"the {name} act ({', '.join(verbs)})")
        for name, verbs in _VERBS_OF.items()
    )
)
# Forms of the judging verbs, for a lemmatizer that leaves "branded" as it is.
JUDGING_FORMS = {form: lemma for lemma in JUDGING for form in regular_forms(lemma)}

# What may open the object: a noun phrase, or (for object=claim) a gerund.
_OBJECT_START = frozenset({"DET", "PRON", "PROPN", "NOUN", "ADJ", "NUM"})
# Words that open an adverbial clause inside a phrase; not "as", which opens a complement ("hailed the
# treaty as marking a turning point").
_CLAUSE_OPENERS = (ADVERBIAL_OPENERS - {"as"}) | {"when"}
# Pronouns that cannot name a source ("there was denied ...").
_NOT_SOURCES = frozenset({"there", "this", "that", "which", "what"})
# Prepositions that open a phrase of the object ("a settlement with", "routes to") rather than a
# circumstance of the act ("after the match", "at its annual dinner").
OBJECT_PREPOSITIONS = frozenset(
    {"to", "with", "into", "against", "between", "from", "over", "of", "about", "in", "for"}
)
_FINITE = frozenset({"VBD", "VBZ", "VBP"})
_DEFINITE = frozenset({"the", "this", "that", "these", "those", "its", "his", "her", "their", "our", "my", "your"})


def speech_act_proposals(
    frame: Frame, lexicon: Lexicon, taken: set[int], reported: Sequence[Attribution]
) -> list[Proposal]:
    """The speech acts of verbs no other reading used (``taken``: cues of direct quotes), and of verbs
    with only a weaker reading (which the act may replace: ``resolve.speech_act_reads_better``); the
    nominal reading of a speech-act noun the tagger made a verb, which replaces that verb's reading."""
    parse = frame.parse
    out: list[Proposal] = []
    used = set(taken) | {a.cue_token for a in reported if a.cue_token is not None}
    weaker = {a.cue_token: a for a in reported if a.rule in WEAKER_READINGS and a.cue_token not in taken}
    by_cue = {a.cue_token: a for a in reported if a.cue_token is not None}
    for i, tok in enumerate(parse.tokens):
        if frame.in_quote(i) or i in taken:
            continue
        if tok.upos != "NOUN" and reads_as_noun(parse, lexicon.cue_nouns, i):
            # A speech-act noun the tagger made a verb ("the union's warning[VBG] that ..."): the nominal
            # reading replaces the verb's.
            att = nominal_cue(frame, i)
            if att is not None:
                out.append(Proposal(att, by_cue.get(i)))
            continue
        if tok.upos != "VERB" or (i in used and i not in weaker):
            continue
        verb = frame.reporting_word(i)
        if verb is None:
            judging = JUDGING_FORMS.get(tok.lemma.lower()) or JUDGING_FORMS.get(tok.form.lower())
            if i not in used and judging is not None:
                att = agentive(frame, Verb(judging, "claim"), i)
                if att is not None:
                    out.append(Proposal(att))
            continue
        att = next(
            (a for act in ACTS.get(verb.lemma, ()) if (a := speech_act(frame, lexicon, verb, act, i)) is not None), None
        )
        if att is not None:
            out.append(Proposal(att, weaker.get(i), "speech-act-reads-better"))
    return out


def speech_act(frame: Frame, lexicon: Lexicon, verb: Verb, act: Act, cue: int) -> Attribution | None:
    """The speech act of verb token ``cue``: its object and complement, its subject as the speaker."""
    parse = frame.parse
    tokens = parse.tokens
    sentence = parse.sentences[tokens[cue].sentence]
    if frame.passive_by_auxiliary(cue) or not_performed(frame, cue):
        return None
    start, last_cue = _after_time(parse, cue + 1, sentence.last), cue
    if act.particles:
        if start >= sentence.last or tokens[start].form.lower() not in act.particles:
            return None
        last_cue, start = start, _after_time(parse, start + 1, sentence.last)
    if start >= sentence.last or (frame.in_quote(start) and tokens[start].upos == "PUNCT"):
        return None
    first = tokens[start]
    gerund = first.upos == "VERB" and first.xpos == "VBG"
    if first.form.lower() in QUESTION_WORDS or first.form.lower() == "that":
        return None  # a clause: the reported-speech rules' reading, not an object
    if first.upos not in _OBJECT_START and not (gerund and act.claim_object):
        return None
    if tokens[cue].xpos in {"VBN", "VBG"} and tokens[cue].rel in {"acl", "amod", "advcl"} and first.upos == "ADJ":
        return None  # a participle modifying a noun ("the man accused ...") rarely takes an object
    notes: list[str] = []
    obj, how = _constituent(frame, cue, last_cue, start, sentence.last)
    notes.append(f"object: {how}")
    if act.claim_object and not gerund and not _names_a_claim(parse, obj):
        return None
    run = list(obj)
    while run[-1] + 1 < sentence.last:
        nxt = run[-1] + 1
        word = tokens[nxt].form.lower()
        if word in act.comps:
            comp, how = _constituent(frame, cue, last_cue, nxt, sentence.last)
            notes.append(f"complement: {how}")
        elif word in OBJECT_PREPOSITIONS and stranded_phrase(frame, cue, nxt, sentence.last):
            # "announced new routes to three cities": the parser hung the object's own phrase on the verb.
            comp = stranded_phrase(frame, cue, nxt, sentence.last)
            notes.append("object: takes in a phrase of the object that the tree hung on the verb")
        else:
            comp = _modified_object(parse, act, nxt, sentence.last)
            if not comp:
                break
            notes.append("complement: after the object's own modifier, read off the surface")
        run.extend(comp)
    if act.needs_comp and not any(n.startswith("complement") for n in notes):
        return None  # "called on a Friday" is a telephone call; "called on Y to ..." is the act
    run = _trim_time(parse, cue, run)
    content = content_span(frame, run, anchor=cue)
    if content is None:
        return None
    (speaker, how), doer = act_speaker(frame, cue)
    if speaker is None or speaker > doer or not plausible_source(frame, lexicon, speaker):
        return None
    att = build_reported(frame, act.rule, verb, cue, speaker, obj[0], content, [how, *notes])
    if last_cue == cue + 1:
        att = evolve(att, cue=parse.span(cue, last_cue))  # "called on", "called for"
    return att


def not_performed(frame: Frame, cue: int) -> bool:
    """``did not deny``, ``avoided criticising``, ``to announce something``: no act took place, or the
    act hangs on another verb whose subject need not be the speaker; unless it was done in the time of
    its clause (:func:`performed_under`)."""
    parse = frame.parse
    tok = parse.tokens[cue]
    if frame.negation_dependent(cue):
        return True
    if tok.xpos not in {"VBG", "VB"} or tok.rel not in _SUBORDINATE_RELS:
        return False
    if absolute_subject(frame, cue) is not None:
        return False  # "with O'Malley calling Trump a fascist": a participle with a subject of its own did it
    return performed_under(frame, cue) is None


def absolute_subject(frame: Frame, cue: int) -> int | None:
    """The subject of an absolute participle (``with the senator accusing the minister of ...``): the
    participle's own subject in the tree, else the noun of a "with" phrase that ends right before it and
    hangs on the same verb (a parser's reading of the same words)."""
    parse = frame.parse
    tok = parse.tokens[cue]
    if tok.xpos != "VBG" or tok.rel != "advcl":
        return None
    own = next((c for c in parse.children[cue] if parse.tokens[c].rel == "nsubj" and c < cue), None)
    if own is not None:
        return own
    before = cue - 1
    noun = (
        next((k for k in parse.children[tok.head] if k < cue and max(parse.subtree(k)) == before), None)
        if tok.head is not None
        else None
    )
    if noun is None or parse.tokens[noun].upos not in NOMINAL:
        return None
    marked = any(parse.tokens[c].rel == "case" and parse.tokens[c].form.lower() == "with" for c in parse.children[noun])
    return noun if marked else None


def performed_under(frame: Frame, cue: int, depth: int = 0) -> int | None:
    """The verb whose subject did the act of a subjectless verb ``cue``, where the act took place: a
    participle adjunct opened by "by", "after", "while" ... ("opened her speech by criticizing ...",
    "After praising ..., the mayor") or set off after its clause with no opener ("stepped up her
    attacks, criticizing its authors ..."), a purpose infinitive of a verb done ("took the stage to
    acknowledge his victory"), or the complement of a verb of doing ("began criticizing",
    "continued to defend", "spent the morning denouncing") that was itself done. Else None: an act
    wanted, planned, refused or avoided ("refused to criticize", "instead of praising")."""
    parse = frame.parse
    tok = parse.tokens[cue]
    head = tok.head
    if head is None or depth > 2 or any(parse.tokens[c].rel in {"nsubj", "nsubj:pass"} for c in parse.children[cue]):
        return None
    opener = [
        parse.tokens[c].form.lower() for c in parse.children[cue] if c < cue and parse.tokens[c].rel in {"mark", "case"}
    ]
    if tok.rel == "advcl" and tok.xpos == "VBG" and opener:
        return head if opener[0] in PERFORMED_ADJUNCTS else None
    if tok.rel == "advcl" and tok.xpos == "VBG" and head < cue and parse.tokens[cue - 1].form == ",":
        return head  # "..., criticizing its authors": a participle set off after its clause was done
    governor = parse.tokens[head]
    # A purpose infinitive: "took the stage to acknowledge his victory", "used the debate to attack Cruz":
    # the act is what the done verb was for, by its subject, unless that verb is only wanted or planned.
    purpose = (
        tok.rel == "advcl"
        and tok.xpos == "VB"
        and any(parse.tokens[c].form.lower() == "to" and c < cue for c in parse.children[cue])
    )
    doing = tok.rel in {"xcomp", "advcl"} and governor.lemma.lower() in PERFORMED_GOVERNORS
    if not (purpose or doing) or head > cue:
        return None
    if purpose and (governor.upos != "VERB" or governor.lemma.lower() in PURPOSE_UNDONE):
        return None
    if frame.negation_dependent(head):
        return None  # "did not call a press conference to ...", "did not keep criticizing"
    if governor.xpos in {"VBG", "VB"} and governor.rel in _SUBORDINATE_RELS:
        return head if performed_under(frame, head, depth + 1) is not None else None
    return head


def act_speaker(frame: Frame, cue: int) -> tuple[FoundSpeaker, int]:
    """The speaker of a speech act and the verb whose subject it is: the cue's own, or for an act done
    in an adjunct the subject of the verb the adjunct hangs on ("After praising ..., the mayor left")."""
    absolute = absolute_subject(frame, cue)
    if absolute is not None:
        return FoundSpeaker(absolute, "speaker: the subject of the absolute participle ('with X accusing ...')"), cue
    doer = performed_under(frame, cue) if frame.parse.tokens[cue].rel == "advcl" else None
    if doer is None:
        return speaker_of(frame, cue, before=left_tokens(frame, cue), after=[]), cue
    found = speaker_of(frame, doer, before=left_tokens(frame, doer), after=[])
    how = "speaker: the subject of the verb the act's adjunct hangs on"
    return FoundSpeaker(found.head, how if found.head is not None else found.how, found.surface), doer


def _modified_object(parse, act: Act, start: int, end: int) -> list[int]:
    """``urged anyone who finds a seal to call ...``, ``urged people living on the coast to move``: an
    object with a relative clause or participle the tree cut off, then the act's complement. Read off
    the surface: the modifier and the complement run to the next clause break."""
    tokens = parse.tokens
    first = tokens[start]
    if not act.comps or not (
        first.form.lower() in {"who", "which", "that", "whose"} or first.xpos in {"VBG", "VBN"} or first.upos == "ADP"
    ):
        return []
    run = cut_at_clause_break(parse, list(range(start, end)))
    if not any(tokens[j].form.lower() in act.comps for j in run[1:]):
        return []
    return run


def _constituent(frame: Frame, cue: int, last_cue: int, start: int, end: int) -> tuple[list[int], str]:
    """The phrase that starts at ``start``: the subtree of the verb's dependent holding it, cut where it
    starts, else the noun phrase or complement read off the surface up to the next clause break."""
    parse = frame.parse
    branch = start
    while parse.tokens[branch].head is not None and parse.tokens[branch].head not in {cue, last_cue}:
        branch = parse.tokens[branch].head
        if branch < start or branch >= end:
            break
    run: list[int] = []
    if parse.tokens[branch].head in {cue, last_cue} and start <= branch < end:
        run = frame.subtree_run(branch, start, end)
    if run:
        return cut_at_clause_break(parse, run), "the verb's dependent in the tree"
    return _surface_phrase(parse, start, end), "read off the surface (the tree gave the verb no such dependent)"


def stranded_phrase(frame: Frame, cue: int, start: int, end: int) -> list[int]:
    """The phrase at ``start`` when it is a dependent of the verb and no phrase of time, medium or
    measure ("denied any role | in the stoppage", where the parser hung the object's phrase on the
    verb): else nothing."""
    parse = frame.parse
    branch = start
    while parse.tokens[branch].head is not None and parse.tokens[branch].head != cue:
        branch = parse.tokens[branch].head
    if parse.tokens[branch].head != cue or parse.tokens[branch].rel not in {"obl", "nmod", "advcl"}:
        return []
    head = parse.tokens[branch]
    if head.form.lower() in TIME_WORDS or head.lemma.lower() in FRAME_NOUNS:
        return []  # "on Friday", "in a statement": the act's time or medium, not its object's phrase
    if any(parse.tokens[k].rel == "nummod" for k in parse.children[branch]):
        return []  # "for two hours"
    return cut_at_clause_break(parse, frame.subtree_run(branch, start, end))


def cut_at_clause_break(parse, run: list[int]) -> list[int]:
    """A phrase never runs on into a new clause: ``, saying ...``, ``and said ...``, ``;``, or an adverbial
    clause the tree hung inside it (``denied any knowledge of the payments when questioned ...``)."""
    for k, j in enumerate(run[1:], start=1):
        tok = parse.tokens[j]
        nxt = parse.tokens[j + 1] if j + 1 < len(parse.tokens) else None
        if tok.form in {";", ":"} or tok.form in SENTENCE_END or _opens_adverbial(parse, j):
            return run[:k]
        if tok.form == "," and nxt is not None and (nxt.upos in {"VERB", "CCONJ", "SCONJ"} or nxt.xpos == "VBG"):
            return run[:k]
        if tok.upos == "CCONJ" and nxt is not None and nxt.upos in {"VERB", "AUX"} and nxt.xpos in _FINITE:
            return run[:k]
    return run


def _mistagged_name(parse, i: int) -> bool:
    """A capitalized subject tagged as a singular common noun or a bare verb, with no word of its own:
    English lets no bare singular noun be a subject ("*Hunter denounced ..." is only a name), and a verb
    is none, so it is a name the tagger misread, as small models often do with a surname that is also
    a word ("Trump", "Hunter")."""
    tok = parse.tokens[i]
    if tok.rel != "nsubj" or tok.xpos not in {"NN", "VB", "VBP"} or not tok.form[:1].isupper():
        return False
    if not tok.form[1:].islower():
        return False  # "NATO", "McCain" are tagged as names already; "US" could be the pronoun
    return not parse.children[i]


def _beside_name(parse, i: int) -> bool:
    """Noun ``i`` stands in apposition to a name ("Ana Ruiz, a consultant"): as the tree has it, or as a
    second dependent of the same kind beside the name, which is how a parser may read such a pair."""
    tok = parse.tokens[i]
    if tok.rel == "appos" and tok.head is not None and parse.tokens[tok.head].upos == "PROPN":
        return True
    first = min(k for k in parse.subtree(i) if parse.tokens[k].upos != "PUNCT")
    if first < 2 or parse.tokens[first - 1].form != ",":
        return False
    name = first - 2
    while parse.tokens[name].rel in {"flat", "compound"} and parse.tokens[name].head is not None:
        name = parse.tokens[name].head
    other = parse.tokens[name]
    return other.upos == "PROPN" and other.head == tok.head and other.deprel == tok.deprel


def _opens_adverbial(parse, j: int) -> bool:
    """Token ``j`` opens an adverbial clause of time, cause or contrast that the tree hung on a noun ("any
    knowledge of the payments when questioned by the inquiry": a clause no noun takes, so the act's
    occasion); one on a verb inside the phrase stays ("accused X of lying when he claimed ..."), as does
    one after a preposition, which makes it a content ("knowledge of when ...")."""
    tok = parse.tokens[j]
    if tok.form.lower() not in _CLAUSE_OPENERS or tok.head is None or parse.tokens[j - 1].upos == "ADP":
        return False
    verb = parse.tokens[tok.head]
    return verb.upos in {"VERB", "AUX"} and verb.deprel == "acl" and tok.head > j


def _surface_phrase(parse, start: int, end: int) -> list[int]:
    """A complement (opened by a preposition, ``to`` or ``that``) up to the next clause break; an object:
    the noun phrase (with its ``of`` phrases) or the gerund phrase there."""
    tokens = parse.tokens
    if tokens[start].upos in {"ADP", "PART", "SCONJ"} or tokens[start].xpos == "VBG":
        return cut_at_clause_break(parse, list(range(start, end)))
    run = []
    j = start
    while j < end:
        tok = tokens[j]
        noun_word = tok.upos in _OBJECT_START or tok.form in {"-", "'s", "’s", "'", "’"}
        of_phrase = tok.form.lower() == "of" and bool(run) and j + 1 < end and tokens[j + 1].upos in _OBJECT_START
        if not (noun_word or of_phrase):
            break
        run.append(j)
        j += 1
    return run or [start]


def _names_a_claim(parse, obj: Sequence[int]) -> bool:
    """``denied the allegations / any wrongdoing / reports that ...``: the object's head is a claim noun."""
    nouns = [j for j in obj if parse.tokens[j].upos in {"NOUN", "PROPN"}]
    if not nouns:
        return False
    head = next((j for j in nouns if parse.tokens[j].head not in obj), nouns[0])
    words = {parse.tokens[head].lemma.lower(), parse.tokens[head].form.lower()}
    return bool(words & CLAIM_NOUNS)


def _after_time(parse, j: int, end: int) -> int:
    """The index after a phrase of time at ``j`` ("announced on Monday the closure ...", "called on
    Tuesday for ..."), else ``j``."""
    tokens = parse.tokens
    k = j
    if k < end and tokens[k].upos == "ADP":
        k += 1
    while k < end and tokens[k].upos in {"DET", "ADJ", "NUM"}:
        k += 1
    if k < end and tokens[k].upos in {"NOUN", "PROPN"} and tokens[k].form.lower() in TIME_WORDS:
        k += 1
        while k < end and tokens[k].form.lower() in TIME_WORDS and tokens[k].upos in {"NOUN", "PROPN"}:
            k += 1  # "on Tuesday night"
        # "criticized this year's budget": a time that owns what follows is part of the object
        return j if k < end and tokens[k].xpos == "POS" else k
    return j


def _trim_time(parse, cue: int, run: list[int]) -> list[int]:
    """Leave out a trailing phrase of time the parser hung inside the object ("her resignation on Friday",
    "the merger last year"), not one of a clause inside it ("the library, which closed in March")."""
    tokens = parse.tokens
    while len(run) > 2:
        k = len(run) - 1
        last = tokens[run[k]]
        if last.form.lower() not in TIME_WORDS or last.upos not in {"NOUN", "PROPN"}:
            return run
        if last.head is not None and last.head != cue and tokens[last.head].upos in {"VERB", "AUX"}:
            return run
        k -= 1
        while k > 0 and tokens[run[k]].upos in {"DET", "ADJ", "NUM"}:
            k -= 1
        if k > 0 and tokens[run[k]].upos == "ADP":
            run = run[:k]
        elif k + 1 < len(run) - 1 and tokens[run[k + 1]].form.lower() in DEICTIC_TIME:
            run = run[: k + 1]  # a bare phrase of time: "the merger of the two utilities last year"
        else:
            return run
    return run


def plausible_source(frame: Frame, lexicon: Lexicon, speaker: int) -> bool:
    """A speaker can perform a speech act: a name, a personal pronoun, a group or title word, a noun that
    names a person ("a neighbour") or stands in apposition with a name, people in the plural, a share
    of people ("64 percent", "a majority"), or a definite noun phrase ("the festival"); not "a siren",
    which announces by sound."""
    parse = frame.parse
    tok = parse.tokens[speaker]
    form = tok.form.lower()
    if tok.upos == "PROPN":
        return True
    if tok.upos == "PRON":
        return form not in _NOT_SOURCES
    if _mistagged_name(parse, speaker):
        return True  # "Trump[NN] defended the ruling": a name the tagger took for a word
    if tok.upos not in NOMINAL:
        return False
    if tok.lemma.lower() in lexicon.groups or form in lexicon.groups or tok.lemma.lower() in lexicon.titles:
        return True
    if lexicon.is_person_noun(tok.lemma) or tok.lemma.lower() in lexicon.proxies:
        return True  # "a neighbour", "a former aide": a person speaks, named or not
    if any(parse.tokens[c].rel == "appos" and parse.tokens[c].upos == "PROPN" for c in parse.children[speaker]):
        return True  # "one councillor, Rita Osei,"
    if _beside_name(parse, speaker):
        return True  # "Ana Ruiz, a consultant who criticized ..."
    if tok.xpos in {"NNS", "NNPS"} or tok.feat("Number") == "Plur":
        return True
    if tok.lemma.lower() in SHARES or tok.form.lower() in SHARES or tok.form == "%":
        return True  # "64 percent called him competent": a share of people
    dets = [parse.tokens[c] for c in parse.children[speaker] if parse.tokens[c].rel in {"det", "nmod"}]
    return any(d.form.lower() in _DEFINITE or d.deprel == "nmod:poss" for d in dets)
