"""A cue in an ``as`` clause: ``As the Gazette reported, CLAUSE`` / ``CLAUSE, as X noted``.

News credits a source for a whole sentence by a clause of manner ("as X noted", "as the Post first
reported", "as she pointed out in her memo"): the verb has no complement of its own, and what it reports
is the clause the ``as`` clause hangs on. Read off the surface (``as``, a short noun phrase, the cue,
and no object or clausal complement of the cue inside its clause), the content too: the rest of the sentence
after the ``as`` clause's comma when it opens the sentence, the sentence before its comma when it
closes it. An ``as`` clause in the middle ("The vote, as the mayor noted, was close") is not read. Only
verbs that credit a clause count (``[as_clause_verb]`` in rule_words.txt): a belief ("as many expect"),
a time clause ("as the hearing began", "as the crowd laughed") and a verb with a content of its own
("as she told them") give nothing.
"""

from __future__ import annotations

from collections.abc import Sequence

from quotes.data.lexicon import Lexicon, word_sets
from quotes.rules.assemble import build_reported
from quotes.rules.base import EXPLETIVES, NOMINAL, SENTENCE_END, Attribution, Frame, Proposal
from quotes.rules.clauses import MIN_CONTENT_WORDS, content_span, count_words
from quotes.rules.registry import Rule, register
from quotes.rules.tree import np_head

RULES = register(
    Rule(
        "as-parenthetical",
        "as-clause",
        "as-clause",
        ("as-cue",),
        "As the Gazette reported, CLAUSE / CLAUSE, as X noted: the clause the as-clause hangs on",
    ),
)

# Dependents that give the verb a content of its own ("as she said it", "as he told them to").
_OWN_CONTENT = frozenset({"obj", "ccomp", "xcomp", "iobj"})
_VERBS = word_sets("rule_words.txt")["as_clause_verb"]
# The most words of the subject between "as" and its verb ("as the cooperative's regional manager").
MAX_SUBJECT = 8
# What may come before a sentence-opening "as" ("But as ...", "And, as ...").
_OPENERS = frozenset({"CCONJ", "ADV", "PUNCT"})


def as_clause_proposals(
    frame: Frame, lexicon: Lexicon, taken: set[int], reported: Sequence[Attribution]
) -> list[Proposal]:
    """A reading for every cue of saying marked by ``as`` that no direct quote used; an earlier reading
    of the same cue gives way when it read a part of the clause the as-clause credits
    (``resolve.as_clause_reads_better``)."""
    parse = frame.parse
    by_cue = {a.cue_token: a for a in reported if a.cue_token is not None}
    out: list[Proposal] = []
    for i, tok in enumerate(parse.tokens):
        if tok.upos != "VERB" or i in taken or frame.in_quote(i):
            continue
        verb = frame.cue(i)
        if verb is None or verb.section == "cognition" or tok.lemma.lower() not in _VERBS:
            continue
        att = _as_reading(frame, verb, i)
        if att is not None:
            out.append(Proposal(att, by_cue.get(i), "as-clause-reads-better"))
    return out


def _as_reading(frame: Frame, verb, cue: int) -> Attribution | None:
    parse = frame.parse
    tokens = parse.tokens
    sentence = parse.sentences[tokens[cue].sentence]
    marker = _marker(frame, cue, sentence.first)
    if marker is None or frame.passive_by_auxiliary(cue):
        return None  # "as was reported": no one named
    subject = [j for j in range(marker + 1, cue) if tokens[j].rel != "aux"]
    while subject and (tokens[subject[-1]].upos in {"ADV", "ADJ"} or tokens[subject[-1]].rel == "advmod"):
        subject.pop()  # "as the Post first reported", "as she recently noted"
    if not subject:
        return None
    speaker = np_head(parse, subject)
    if tokens[speaker].upos not in NOMINAL or tokens[speaker].form.lower() in EXPLETIVES:
        return None
    comma = next((j for j in range(cue + 1, sentence.last) if tokens[j].form == ","), None)
    clause_end = comma if comma is not None else sentence.last
    if any(tokens[c].rel in _OWN_CONTENT and cue < c < clause_end for c in parse.children[cue]):
        return None  # "as she told them", "as he said it would": the verb reports something of its own
    opens = all(tokens[j].upos in _OPENERS for j in range(sentence.first, marker))
    if opens and comma is not None:
        run = list(range(comma + 1, sentence.last))
        where = "content: the rest of the sentence after the as-clause"
    elif comma is None and marker > sentence.first and tokens[marker - 1].form == ",":
        run = list(range(sentence.first, marker - 1))
        where = "content: the sentence before the as-clause"
    else:
        return None
    run = [j for j in run if tokens[j].form not in SENTENCE_END or frame.in_quote(j)]
    if not any(tokens[j].upos in {"VERB", "AUX"} for j in run):
        return None  # "As X said, no." a clause, not a word, is what the as-clause credits
    content = content_span(frame, run, anchor=run[0])
    if content is None or count_words(content.text) < MIN_CONTENT_WORDS:
        return None
    notes = [
        f"speaker: the noun phrase between 'as' and '{tokens[cue].form}'",
        f"cue: '{tokens[cue].form}' in a clause opened by 'as' (surface)",
        where,
    ]
    return build_reported(frame, "as-parenthetical", verb, cue, speaker, run[0], content, notes)


def _marker(frame: Frame, cue: int, first: int) -> int | None:
    """The ``as`` that opens the cue's clause: the word right before a short noun phrase (and auxiliaries,
    adverbs) that ends at the cue; None when a verb, a clause break or a quotation lies between. Read off
    the surface: small parsers hang this "as" on the noun as a preposition as often as on the verb."""
    tokens = frame.parse.tokens
    k = cue - 1
    while k >= first and cue - k <= MAX_SUBJECT + 1:
        tok = tokens[k]
        if tok.form.lower() == "as":
            return k if k + 1 < cue else None
        if frame.in_quote(k) or (tok.upos in {"SCONJ", "PUNCT"} and tok.form not in {"'s", "’s", "-"}):
            return None
        if tok.upos in {"VERB", "AUX"} and tok.rel not in {"aux", "amod", "compound"}:
            return None
        k -= 1
    return None
