"""Prepositional cues: ``according to X, CLAUSE``, ``CLAUSE, according to X``, ``in the words of X``."""

from __future__ import annotations

from quotes.data.lexicon import Lexicon
from quotes.rules.base import SENTENCE_END, Attribution, Frame
from quotes.rules.clauses import MIN_CONTENT_WORDS, content_span, count_words, fragments_in
from quotes.rules.confidence import RULES
from quotes.rules.tree import edge_path, mention_span, np_head


def prepositional_cue(frame: Frame, lexicon: Lexicon, i: int) -> int:
    """How many tokens from ``i`` spell a prepositional cue of the lexicon ("according to", "in the
    words of"); 0 when none does."""
    tokens = frame.parse.tokens
    first = tokens[i].form.lower()
    for words in lexicon.prepositions:
        if words[0] != first:  # the cheap test first: this runs for every word of a document
            continue
        n = len(words)
        if (
            i + n <= len(tokens)
            and all(tokens[i + k].form.lower() == w for k, w in enumerate(words))
            and tokens[i + n - 1].sentence == tokens[i].sentence
        ):
            return n
    return 0


def according_to(frame: Frame, according: int, length: int = 2) -> Attribution | None:
    """``according to X, CLAUSE`` / ``CLAUSE, according to X`` (and the other prepositional cues of
    the lexicon, "in the words of X"): X is the source of the clause."""
    parse = frame.parse
    last = according + length - 1  # the cue's last token
    sentence = parse.sentences[parse.tokens[according].sentence]
    # The source phrase is read off the surface: from "to" up to the next comma or the sentence end.
    # (Small parsers often hang "according" on the main verb, so its head is no guide.)
    phrase: list[int] = []
    for j in range(last + 1, sentence.last):
        tok = parse.tokens[j]
        if tok.form in {",", ";", ":"} or tok.form in SENTENCE_END or frame.in_quote(j):
            break
        phrase.append(j)
    ends_sentence = (bool(phrase) and phrase[-1] == sentence.last - 1) or (
        bool(phrase) and parse.tokens[phrase[-1] + 1].form in SENTENCE_END
    )
    tree_source = parse.tokens[according].head
    if ends_sentence and tree_source is not None and tree_source in phrase:
        # "According to Rathbun the property was returned ...": no comma closes the source phrase,
        # so the tree says where it ends.
        phrase = [j for j in parse.subtree(tree_source) if j in phrase]
    nominal = [j for j in phrase if parse.tokens[j].upos in {"PROPN", "NOUN", "PRON", "NUM", "X"}]
    if not nominal:
        return None
    source = np_head(parse, phrase)
    lo, hi = according, phrase[-1]
    # Sentence-initial "According to X, ..." reports what follows; otherwise what precedes.
    # "According to X, CLAUSE" (sentence-initial, or opening a new clause after "," / "and") reports
    # what follows; "CLAUSE, according to X." reports what precedes.
    opening = all(parse.tokens[j].upos in {"PUNCT", "CCONJ", "ADV"} for j in range(sentence.first, lo))
    after = list(range(hi + 1, sentence.last))
    starts_clause = lo > sentence.first and parse.tokens[lo - 1].form.lower() in {",", "and", "but", ";"}
    follows = opening or (
        starts_clause and count_words(" ".join(parse.tokens[j].form for j in after)) >= MIN_CONTENT_WORDS
    )
    tokens = after if follows else list(range(sentence.first, lo))
    content = content_span(frame, tokens, anchor=according)
    if content is None or count_words(content.text) < MIN_CONTENT_WORDS:
        return None
    cue_span = parse.span(according, last)
    cue_tokens = list(range(according, last + 1))
    speaker_span = mention_span(
        parse,
        source,
        [*cue_tokens, *(j for j in range(sentence.first, sentence.last) if j < lo or j > hi)],
    )
    fragments = fragments_in(frame, content)
    return Attribution(
        content=content,
        kind="mixed" if fragments else "indirect",
        rule="according-to" if length == 2 else "prepositional-cue",
        confidence=RULES["according-to"],
        cue=cue_span,
        cue_token=according,
        speaker=speaker_span,
        speaker_token=source,
        sentence=sentence.index,
        path=tuple(edge_path(parse, according, source)),
        fragments=tuple(r.content for r in fragments),
        regions=tuple(fragments),
        notes=(f"speaker: the object of '{cue_span.text}'", "content: the rest of the sentence"),
    )
