"""Reported questions: ``X asked (Y) whether / if / how / why ... C`` (``indirect-wh``).

Only verbs of asking take a wh-clause as what was said; after "say" or "decline to say" a wh-clause
names a topic ("did not say how many officers ..."), and a question put to someone ("Asked whether
..., X said ...") is not the asker's speech. The question is read off the surface: the cue, at most an
addressee, then the wh-word; the content runs from the wh-word to the clause's end.
"""

from __future__ import annotations

from quotes.data.lexicon import Verb, word_sets
from quotes.rules.assemble import build_reported
from quotes.rules.base import EXPLETIVES, QUESTION_WORDS, SENTENCE_END, Attribution, Frame
from quotes.rules.clauses import MIN_CONTENT_WORDS, content_span, count_words, left_tokens
from quotes.rules.frame import finite
from quotes.rules.registry import Rule, register
from quotes.rules.surface import NP_START, relative_antecedent, surface_cue_ok
from quotes.rules.tree import speaker_of

RULES = register(
    Rule(
        "indirect-wh", "questions", "reported", ("asked-whether",), "X asked (Y) whether / how ...: a reported question"
    ),
)


QUESTION_VERBS = word_sets("reported_words.txt")["question_verb"]
# The most tokens an addressee may run between the cue and the wh-word ("asked the defence minister").
ADDRESSEE_TOKENS = 6


def reported_question(frame: Frame, verb: Verb, cue: int, speaker: tuple[int, str] | None = None) -> Attribution | None:
    """``Senator X asked the minister how many troops remained``: the wh-clause, the wh-word included."""
    parse = frame.parse
    if verb.lemma not in QUESTION_VERBS or frame.negated(cue) or not surface_cue_ok(frame, verb, cue):
        return None
    sentence = parse.sentences[parse.tokens[cue].sentence]
    last = sentence.last
    j = cue + 1
    while j < last and j <= cue + ADDRESSEE_TOKENS and parse.tokens[j].form.lower() not in QUESTION_WORDS:
        if parse.tokens[j].upos not in NP_START | {"PART"} or frame.in_quote(j):
            return None
        j += 1
    if j >= last or parse.tokens[j].form.lower() not in QUESTION_WORDS:
        return None
    if speaker is None:
        head, how = speaker_of(frame, cue, before=left_tokens(frame, cue), after=[])
    else:
        head, how = speaker
    if head is None or head > cue or parse.tokens[head].form.lower() in EXPLETIVES:
        return None
    found = relative_antecedent(frame, head, how)
    if found is None:
        return None
    head, how = found
    end = last
    for k in range(j, last):
        if parse.tokens[k].form in {";"} or (parse.tokens[k].form in SENTENCE_END and not frame.in_quote(k)):
            end = k
            break
        if parse.tokens[k].form == "," and k + 1 < last and finite(parse.tokens[k + 1]):
            # "The coach, asked whether ..., said ...": the question was put to the subject, who answers.
            return None
    content = content_span(frame, list(range(j, end)), anchor=j)
    if content is None or count_words(content.text) < MIN_CONTENT_WORDS:
        return None
    in_tree = j in parse.subtree(cue)
    notes = [
        how,
        "content: the wh-clause after the cue"
        + (" (the tree hangs it on the cue)" if in_tree else " (surface; the tree hangs it elsewhere)"),
    ]
    found = ("content:wh-tree" if in_tree else "content:wh-surface",) + ("speaker:shared",) * (speaker is not None)
    return build_reported(frame, "indirect-wh", verb, cue, head, j, content, notes, found)
