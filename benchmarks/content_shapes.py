"""The shape of a piece of reported content, read off the parse: what benchmarks/cue_frames.py counts per
cue lemma and benchmarks/polnear.py reports recall by.

Shapes (quotes.data.lexicon.FRAME_SHAPES): ``quote`` (opens with a quotation mark), ``that`` (a
complementizer), ``wh`` (whether, if or a wh-word), ``to`` (a to-infinitive), ``prep`` (a preposition
opens it), ``clause`` (its top word is a verb with a subject, or finite), ``np`` (anything else: a noun
phrase, as in "denounced the merger").
"""

from __future__ import annotations

from quotes.parse.model import Parse

OPENING_MARKS = "\"“‘'«„"
WH_WORDS = frozenset({"whether", "if", "what", "why", "how", "who", "whom", "whose", "when", "where", "which"})
SUBJECTS = frozenset({"nsubj", "expl", "csubj"})


def content_shape(parse: Parse, start: int, end: int) -> str | None:
    """The shape of the content ``[start, end)`` in one of :data:`FRAME_SHAPES`; None when it holds no word."""
    text = parse.text
    while start < end and text[start].isspace():
        start += 1
    if start < end and text[start] in OPENING_MARKS:
        return "quote"
    toks = [i for i in parse.tokens_in(start, end) if any(c.isalnum() for c in parse.tokens[i].form)]
    if not toks:
        return None
    first = parse.tokens[toks[0]]
    word = first.form.lower()
    if word == "that" and first.rel == "mark":
        return "that"
    if word in WH_WORDS and (first.rel in {"mark", "advmod", "nsubj", "obj", "det"} or word == "whether"):
        return "wh"
    if word == "to" and first.upos == "PART" and first.rel in {"mark", "aux"}:  # UD "mark", ClearNLP "aux"
        return "to"
    if first.upos == "ADP" and first.rel == "case":
        return "prep"
    inside = set(toks)
    tops = [i for i in toks if parse.tokens[i].head is None or parse.tokens[i].head not in inside]
    for top in tops:
        tok = parse.tokens[top]
        if tok.upos in {"VERB", "AUX"} or tok.feat("VerbForm") == "Fin":
            has_subject = any(parse.tokens[c].rel in SUBJECTS for c in parse.children[top] if c in inside)
            if has_subject or tok.feat("VerbForm") == "Fin":
                return "clause"
        elif any(parse.tokens[c].rel in SUBJECTS and c in inside for c in parse.children[top]):
            return "clause"  # a copular clause: "the plan is dead" has "dead" at the top
    return "np"
