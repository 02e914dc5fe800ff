"""A text's issuer speaks through it: ``The ferry operator released a statement saying C``, ``X sent a
letter to residents calling the plan "a tax"``. A reading whose speaker is the text, or a word of the
text's phrase right before the cue, gets as its speaker the subject of the verb that issued the text
(``[issuing_verb]`` of ``rule_words.txt``: issued, released, sent, posted ...): that is who said it, as
the news attribution corpora have it. A text someone received, found or read keeps the text as its
speaker (``The school received a letter saying C``), and so does a text with no issuer in its clause.
"""

from __future__ import annotations

from collections.abc import Sequence

from attrs import evolve

from quotes.data.lexicon import Lexicon
from quotes.rules.base import Attribution, Frame, issues_statement
from quotes.rules.tree import edge_path, mention_span

# The tags of a noun phrase with its prepositional phrases ("a letter to residents of the estate"), and
# the most words such a phrase may run to before the cue.
_PHRASE_TAGS = frozenset({"NOUN", "PROPN", "DET", "ADJ", "ADP", "NUM", "PRON"})
_PHRASE_WORDS = 7


def issuers_speak(frame: Frame, lexicon: Lexicon, readings: Sequence[Attribution]) -> list[Attribution]:
    """``readings`` with a text's speaker moved to who issued it, where the sentence says who did."""
    return [_issued(frame, lexicon, att) for att in readings]


def _issued(frame: Frame, lexicon: Lexicon, att: Attribution) -> Attribution:
    if att.speaker_token is None or att.cue_token is None:
        return att
    text = _text_around(frame, lexicon, att.speaker_token, att.cue_token)
    if text is None:
        return att
    issuer = _issuer(frame, text)
    if issuer is None:
        return att
    parse = frame.parse
    return evolve(
        att,
        speaker=mention_span(parse, issuer, [att.cue_token, *frame.quote_tokens]),
        speaker_token=issuer,
        path=tuple(edge_path(parse, att.cue_token, issuer)),
        notes=(*att.notes, f"speaker: who issued the {parse.tokens[text].form.lower()} the cue belongs to"),
        found=(*att.found, "speaker:text-issuer"),
    )


def _text_around(frame: Frame, lexicon: Lexicon, speaker: int, cue: int) -> int | None:
    """The text noun that is the speaker, or whose noun phrase (with its prepositional phrases) holds it
    and runs up to the cue ("a letter to residents | calling"): read off the surface, since a parser may
    hang the cue on the last noun."""
    parse = frame.parse
    if speaker >= cue:
        return None
    k = cue - 1
    while k >= 0 and k >= cue - _PHRASE_WORDS:
        tok = parse.tokens[k]
        if tok.upos not in _PHRASE_TAGS or frame.in_quote(k):
            return None
        if tok.upos == "NOUN" and tok.lemma.lower() in lexicon.documents and k <= speaker:
            return k
        k -= 1
    return None


def _issuer(frame: Frame, text: int) -> int | None:
    """The subject of the issuing verb whose object is ``text``."""
    parse = frame.parse
    tok = parse.tokens[text]
    verb = tok.head
    if tok.rel != "obj" or verb is None:
        return None
    if not issues_statement(parse.tokens[verb]):
        return None
    return next((c for c in parse.children[verb] if parse.tokens[c].deprel == "nsubj"), None)
