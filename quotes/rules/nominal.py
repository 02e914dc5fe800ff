"""Nominal cues: ``X's statement that CLAUSE``, ``a claim by X that CLAUSE``."""

from __future__ import annotations

from quotes.rules.base import Attribution, Frame
from quotes.rules.clauses import MIN_CONTENT_WORDS, clause_tokens, content_span, count_words, fragments_in
from quotes.rules.confidence import RULES
from quotes.rules.tree import edge_path, mention_span


def nominal_cue(frame: Frame, noun: int) -> Attribution | None:
    """``X's statement that CLAUSE`` / ``a claim by X that CLAUSE``: a speech-act noun with its source."""
    parse = frame.parse

    def has_child(token: int, forms: set[str]) -> bool:
        return any(parse.tokens[m].form.lower() in forms for m in parse.children[token])

    clause = next(
        (
            c
            for c in parse.children[noun]
            if parse.tokens[c].rel in {"acl", "ccomp"} and c > noun and has_child(c, {"that"})
        ),
        None,
    )
    source = next(
        (
            c
            for c in parse.children[noun]
            if parse.tokens[c].deprel == "nmod:poss" or (parse.tokens[c].rel == "nmod" and has_child(c, {"by", "from"}))
        ),
        None,
    )
    if clause is None or source is None:
        return None
    tokens = clause_tokens(frame, clause, noun, source)
    if tokens and parse.tokens[tokens[0]].form.lower() == "that":
        tokens = tokens[1:]
    content = content_span(frame, tokens, anchor=noun)
    if content is None or count_words(content.text) < MIN_CONTENT_WORDS:
        return None
    fragments = fragments_in(frame, content)
    return Attribution(
        content=content,
        kind="mixed" if fragments else "indirect",
        rule="nominal-cue",
        confidence=RULES["nominal-cue"],
        cue=parse.span(noun, noun),
        cue_token=noun,
        speaker=mention_span(parse, source, [noun]),
        speaker_token=source,
        sentence=parse.tokens[noun].sentence,
        path=tuple(edge_path(parse, clause, noun)) + tuple(edge_path(parse, noun, source)),
        fragments=tuple(r.content for r in fragments),
        regions=tuple(fragments),
        notes=("speaker: the possessor or by-phrase of the speech-act noun", "content: the noun's that-clause"),
    )
