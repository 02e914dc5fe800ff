"""Nominal cues: ``X's statement that CLAUSE``, ``a claim by X that CLAUSE``.

A speech-act noun (``quotes/data/nominal_cues.txt``) with its source and its that-clause. Each part is
read off the tree where the tree has it and off the surface where a parser lost it (a possessor the
parser made a subject, a by-phrase hung on the main verb, a that-clause run on into the main
predicate); the notes say which.
"""

from __future__ import annotations

from quotes.parse.model import Parse
from quotes.rules.assemble import whole_fragments
from quotes.rules.base import NOMINAL, SENTENCE_END, TIME_WORDS, Attribution, Frame
from quotes.rules.clauses import MIN_CONTENT_WORDS, content_span, count_words, fragments_in
from quotes.rules.confidence import confidence
from quotes.rules.frame import finite_or_bare_participle
from quotes.rules.registry import Rule, register
from quotes.rules.tree import edge_path, mention_span, np_head

RULES = register(
    Rule("nominal-cue", "nominal", "reported", ("nominal",), "X's statement that CLAUSE / a claim by X that CLAUSE"),
)


_POSSESSIVE = frozenset({"'s", "’s", "'", "’"})
_FUSED_POSSESSIVE = ("'s", "’s", "s'", "s’")
_SOURCE_PREPOSITIONS = frozenset({"by", "from"})
# Words before a noun that say it is one, whatever the tagger made of it ("the minister's assurance[VERB]").
_NOUN_MARKERS = frozenset({"the", "a", "an", "this", "that", "his", "her", "its", "their", "our", "my", "your"})


def nominal_cue(frame: Frame, noun: int) -> Attribution | None:
    """``X's statement that CLAUSE`` / ``a claim by X that CLAUSE``: a speech-act noun with its source."""
    parse = frame.parse
    notes: list[str] = []
    source, after_source, how = speech_noun_source(parse, noun)
    if source is None or frame.in_quote(source):
        return None
    notes.append(how)
    that = after_source
    while that < len(parse.tokens) and parse.tokens[that].form.lower() in TIME_WORDS:
        that += 1  # "X's statement on Monday that ..."
    if that >= len(parse.tokens) or parse.tokens[that].form.lower() != "that":
        return None
    if parse.tokens[that].sentence != parse.tokens[noun].sentence:
        return None
    tokens, how = _clause(frame, noun, that)
    notes.append(how)
    content = content_span(frame, tokens, anchor=noun)
    if content is None or count_words(content.text) < MIN_CONTENT_WORDS:
        return None
    content = whole_fragments(frame, content)
    fragments = fragments_in(frame, content)
    tree_linked = parse.tokens[source].head == noun
    return Attribution(
        content=content,
        kind="mixed" if fragments else "indirect",
        rule="nominal-cue",
        confidence=confidence("nominal-cue", speaker_from_tree=tree_linked),
        cue=parse.span(noun, noun),
        cue_token=noun,
        speaker=mention_span(parse, source, [noun, that]),
        speaker_token=source,
        sentence=parse.tokens[noun].sentence,
        path=tuple(edge_path(parse, tokens[0], noun)) + tuple(edge_path(parse, noun, source)),
        fragments=tuple(r.content for r in fragments),
        regions=tuple(fragments),
        notes=tuple(notes),
    )


def speech_noun_source(parse: Parse, noun: int) -> tuple[int | None, int, str]:
    """The source's head token, the index just past the source phrase (where ``that`` must stand), and
    how it was found: the possessor before the noun, or the object of ``by`` / ``from`` after it."""
    tokens = parse.tokens
    possessor = next((c for c in parse.children[noun] if tokens[c].deprel == "nmod:poss" and c < noun), None)
    if possessor is not None and tokens[possessor].upos in NOMINAL:
        return possessor, noun + 1, "speaker: the possessor of the speech-act noun in the tree"
    if noun >= 2 and tokens[noun - 1].form in _POSSESSIVE and tokens[noun - 2].upos in NOMINAL:
        return noun - 2, noun + 1, "speaker: the possessor before the speech-act noun (surface)"
    if noun >= 1 and tokens[noun - 1].form.endswith(_FUSED_POSSESSIVE) and tokens[noun - 1].upos in NOMINAL:
        # "Agency’s statement": a tokenizer that leaves the possessive on its noun.
        return noun - 1, noun + 1, "speaker: the possessor before the speech-act noun (surface)"
    if noun + 1 < len(tokens) and tokens[noun + 1].form.lower() in _SOURCE_PREPOSITIONS:
        phrase = []
        for j in range(noun + 2, min(noun + 12, len(tokens))):
            if tokens[j].form.lower() == "that" or tokens[j].upos in {"PUNCT", "VERB", "AUX"}:
                break
            phrase.append(j)
        nominal = [j for j in phrase if tokens[j].upos in NOMINAL]
        if nominal:
            head = np_head(parse, phrase)
            how = "the object of '" + tokens[noun + 1].form + "' after the speech-act noun"
            linked = tokens[head].head == noun
            return head, phrase[-1] + 1, f"speaker: {how}" + ("" if linked else " (surface)")
    return None, noun + 1, "no source"


def _clause(frame: Frame, noun: int, that: int) -> tuple[list[int], str]:
    """The that-clause's tokens: the subtree of the verb ``that`` introduces, from just after ``that``;
    cut before the sentence's own predicate when a parse ran the clause on into it."""
    parse = frame.parse
    tokens = parse.tokens
    sentence = parse.sentences[tokens[noun].sentence]
    start = that + 1
    verb = next(
        (j for j in range(start, min(start + 10, sentence.last)) if tokens[j].upos in {"VERB", "AUX"}),
        None,
    )
    head = tokens[that].head if tokens[that].head is not None and tokens[that].head > that else verb
    run: list[int] = []
    how = "content: the that-clause of the speech-act noun"
    if head is not None:
        while head is not None and tokens[head].head is not None and tokens[head].head > that:
            head = tokens[head].head  # the clause's own root, not a verb inside it
        inside = set(parse.subtree(head))
        j = start
        while j < sentence.last and j in inside:
            run.append(j)
            j += 1
    if not run:
        run = [j for j in range(start, sentence.last) if tokens[j].form not in {";", ":"}]
        how = "content: the that-clause of the speech-act noun, read off the surface"
    cut = _predicate_inside(frame, noun, that, run)
    if cut is not None:
        run = [j for j in run if j < cut]
        how += "; cut before the sentence's predicate, which the parse ran into it"
    return run, how


def _predicate_inside(frame: Frame, noun: int, that: int, run: list[int]) -> int | None:
    """``X's denial that he knew the buyer is central to the case``: when the noun phrase opens its
    sentence (so the sentence's predicate must follow the clause) and no finite verb is left after the
    clause, the clause's last finite verb is that predicate."""
    parse = frame.parse
    tokens = parse.tokens
    sentence = parse.sentences[tokens[noun].sentence]
    before = range(sentence.first, noun)
    if any(tokens[j].upos in {"VERB", "AUX"} and not frame.in_quote(j) for j in before):
        return None
    if not run:
        return None
    after = range(run[-1] + 1, sentence.last)
    if any(finite_or_bare_participle(parse, j) for j in after):
        return None
    finite = [j for j in run if finite_or_bare_participle(parse, j) and not frame.in_quote(j)]
    if len(finite) < 2:
        return None
    last = finite[-1]
    # Its own subject, if the parse gave it one inside the clause, stays with the clause.
    return last if not any(tokens[j].form in SENTENCE_END for j in run if j < last) else None


def reads_as_noun(parse: Parse, lexicon_nouns: frozenset[str], j: int) -> bool:
    """A speech-act noun by the surface, whatever its tag: a cue noun after a determiner or possessor
    (``the minister's assurance``, ``Agency’s statement``) with ``that`` or ``by``/``from`` after it."""
    tokens = parse.tokens
    tok = tokens[j]
    if tok.lemma.lower() not in lexicon_nouns and tok.form.lower() not in lexicon_nouns:
        return False
    if j == 0 or j + 1 >= len(tokens) or tokens[j + 1].form.lower() not in {"that", "by", "from"}:
        return False
    prev = tokens[j - 1]
    return prev.form.lower() in _NOUN_MARKERS or prev.form in _POSSESSIVE or prev.form.endswith(_FUSED_POSSESSIVE)
