"""The frame of a statement: its occasion or medium (``in an interview with ...``, ``in a statement``, ``at
a briefing``) and the source's request for anonymity (``who asked not to be named``).

Such a phrase belongs to the cue's frame, never to what was said, wherever the parser hangs it: on the
cue (``_extend_over_stranded`` must not take it in) or on the reported clause's verb (it is cut off the
end of the content). Surface shape: a preposition, an indefinite article, up to three modifiers and a
noun of the occasion (``quotes/data/rule_words.txt``, ``[frame_noun]``); ``on condition of anonymity``
needs no article. A definite or possessive phrase (``lied in his statement to parliament``) names a
statement the content talks about, and stays.

``who asked not to be named`` is the same frame: the source's terms, not reported content, however
much it parses like ``asked the council to help``.
"""

from __future__ import annotations

from collections.abc import Sequence

from quotes.data.lexicon import word_sets
from quotes.parse.model import Parse
from quotes.rules.frame import verb_group

FRAME_NOUNS = word_sets("rule_words.txt")["frame_noun"]
OCCASION_PREPOSITIONS = frozenset({"in", "at", "during", "on", "via", "through"})
MODIFIER_TAGS = frozenset({"ADJ", "NOUN", "PROPN", "VERB", "NUM"})
MAX_MODIFIERS = 3


def occasion_at(parse: Parse, j: int) -> bool:
    """An occasion phrase starts at token ``j`` (``in a written statement``, ``on condition of``)."""
    tokens = parse.tokens
    if tokens[j].form.lower() not in OCCASION_PREPOSITIONS:
        return False
    k = j + 1
    article = k < len(tokens) and tokens[k].form.lower() in {"a", "an"}
    k += article
    for _ in range(MAX_MODIFIERS + 1):
        if k >= len(tokens) or tokens[k].sentence != tokens[j].sentence:
            return False
        tok = tokens[k]
        nxt = tokens[k + 1] if k + 1 < len(tokens) else None
        last_noun = nxt is None or nxt.upos not in {"NOUN", "PROPN"}
        if tok.lemma.lower() in FRAME_NOUNS and tok.upos in {"NOUN", "PROPN"} and last_noun:
            return article or tok.lemma.lower() == "condition"
        if tok.upos not in MODIFIER_TAGS:
            return False
        k += 1
    return False


def trim_occasion(parse: Parse, tokens: Sequence[int], keep: int) -> list[int]:
    """The content tokens up to a trailing occasion phrase; at least ``keep`` tokens stay."""
    out = list(tokens)
    for k in range(keep, len(out)):
        if occasion_at(parse, out[k]) and not any(verb_group(parse, j) for j in out[k:]):
            return out[:k]
    return out
