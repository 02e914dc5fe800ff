"""That-clauses the tree hung elsewhere: ``X wrote on Twitter that C``, ``X said in a memo to staff that
C``, ``X told the hospital in a letter that C``, ``In an open letter, X warned that C``.

Written sources put where the words appeared between the verb and its clause. A small parser then
often hangs the clause on the verb as an adverbial (``advcl``) or on the adjunct's noun, so the verb
has no complement, or reads the sentence as ``ADJUNCT, X warned`` (an inverted cue). Read off the
surface and held to a strict shape: after the verb come only prepositional phrases and words of time
(and, for verbs like "tell", the addressee), then ``that``, a subject and a clause with a verb of its
own. Rule ``indirect-that-surface``; the notes say where the clause's end came from.
"""

from __future__ import annotations

from collections.abc import Sequence

from quotes.data.lexicon import Lexicon
from quotes.rules.assemble import build_reported
from quotes.rules.base import ADDRESSEE_VERBS, EXPLETIVES, SENTENCE_END, TIME_WORDS, Attribution, Frame, Proposal
from quotes.rules.clauses import MIN_CONTENT_WORDS, content_span, count_words, left_tokens
from quotes.rules.registry import Rule, register
from quotes.rules.tree import speaker_of

RULES = register(
    Rule(
        "indirect-that-surface",
        "written",
        "written",
        ("wrote", "in-a-letter"),
        "X wrote on Twitter that CLAUSE, where the tree hung the clause elsewhere",
    ),
)


# The most words an adjunct chain between the verb and "that" may hold ("in an opinion piece for the
# Harbour Gazette").
MAX_ADJUNCT = 12
_ADJUNCT_TAGS = frozenset({"ADP", "DET", "ADJ", "NOUN", "PROPN", "NUM", "PRON", "ADV", "PART"})


def that_clause_proposals(
    frame: Frame, lexicon: Lexicon, taken: set[int], reported: Sequence[Attribution]
) -> list[Proposal]:
    """The that-clauses of verbs whose adjuncts hid them from the other rules.

    A verb no reading used gets one; a verb read as an inverted cue (``In a letter ..., X warned``)
    though ``that`` and a clause follow it gets this reading instead, when the inverted reading ends
    before the cue (``resolve.that_clause_after_inverted``).
    """
    parse = frame.parse
    out: list[Proposal] = []
    by_cue = {a.cue_token: a for a in reported if a.cue_token is not None}
    for i, tok in enumerate(parse.tokens):
        if tok.upos != "VERB" or i in taken or frame.in_quote(i):
            continue
        old = by_cue.get(i)
        if old is not None and old.rule != "indirect-inverted":
            continue
        verb = frame.cue(i)
        if verb is None or verb.section == "cognition":
            continue
        att = _that_clause(frame, verb, i)
        if att is not None:
            out.append(Proposal(att, old, "that-clause-after-inverted"))
    return out


def _that_clause(frame: Frame, verb, cue: int) -> Attribution | None:
    parse = frame.parse
    tokens = parse.tokens
    sentence = parse.sentences[tokens[cue].sentence]
    if frame.passive_by_auxiliary(cue):
        return None  # "we were told that ...": the subject is the addressee, not the speaker
    that = _that_after_adjuncts(parse, verb.lemma, cue, sentence.last)
    if that is None:
        return None
    start = that + 1
    run, how = _clause(frame, that, start, sentence.last)
    if not run or not any(tokens[j].upos in {"VERB", "AUX"} for j in run):
        return None
    speaker, how_speaker = speaker_of(frame, cue, before=left_tokens(frame, cue), after=[])
    if speaker is None or speaker > cue or tokens[speaker].form.lower() in EXPLETIVES:
        return None
    content = content_span(frame, run, anchor=cue)
    if content is None or count_words(content.text) < MIN_CONTENT_WORDS:
        return None
    notes = [how_speaker, "content: the that-clause after the cue's adjuncts (surface)", how]
    return build_reported(frame, "indirect-that-surface", verb, cue, speaker, run[0], content, notes)


def _that_after_adjuncts(parse, lemma: str, cue: int, end: int) -> int | None:
    """The ``that`` after a chain of prepositional phrases (or the addressee) right after the verb."""
    tokens = parse.tokens
    j = cue + 1
    if j >= end:
        return None
    opener = tokens[j]
    addressee = lemma in ADDRESSEE_VERBS and opener.upos in {"NOUN", "PROPN", "PRON", "DET"}
    if not (addressee or opener.upos in {"ADP", "ADV"} or opener.form.lower() in TIME_WORDS | {"that"}):
        # An object ("announced the locations that ...": a relative clause) or a degree ("added such
        # strength ... that": a result clause), not an adjunct before a reported clause.
        return None
    for k in range(j, min(j + MAX_ADJUNCT + 1, end)):
        tok = tokens[k]
        if tok.form.lower() == "that":
            # "that" and a subject: a complement clause; "that" and a verb is a relative clause on the
            # adjunct's noun ("in a statement that was released ...").
            nxt = tokens[k + 1] if k + 1 < end else None
            return k if nxt is not None and nxt.upos in {"DET", "NOUN", "PROPN", "PRON", "NUM", "ADJ"} else None
        low = tok.form.lower()
        # "in a memo to staff that": a tagger may make the addressee after "to" a verb.
        after_to = tok.upos == "VERB" and k > j and tokens[k - 1].form.lower() == "to"
        if (
            tok.upos not in _ADJUNCT_TAGS
            and low not in TIME_WORDS
            and tok.form not in {"-", "'s", "’s"}
            and not after_to
        ):
            return None
        if tok.form in SENTENCE_END:
            return None
    return None


def _clause(frame: Frame, that: int, start: int, end: int) -> tuple[list[int], str]:
    """The clause ``that`` opens: the subtree of its verb in the tree when that starts right after it,
    else the words up to the next clause break."""
    parse = frame.parse
    tokens = parse.tokens
    head = tokens[that].head
    if head is not None and head > that:
        while tokens[head].head is not None and tokens[head].head > that and tokens[tokens[head].head].upos != "NOUN":
            head = tokens[head].head
        run = frame.subtree_run(head, start, end)
        if run:
            return run, "the clause's end: the subtree of its verb in the tree"
    run = []
    for j in range(start, end):
        if tokens[j].form in {";", ":"} or tokens[j].form in SENTENCE_END:
            break
        run.append(j)
    return run, "the clause's end: the next clause break (surface)"
