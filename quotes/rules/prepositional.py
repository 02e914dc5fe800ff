"""Prepositional cues: ``according to X, CLAUSE``, ``CLAUSE, according to X``, ``in the words of X``."""

from __future__ import annotations

from quotes.data.lexicon import Lexicon, sections
from quotes.parse.model import Parse
from quotes.rules.base import SENTENCE_END, Attribution, Frame
from quotes.rules.clauses import MIN_CONTENT_WORDS, content_span, count_words, fragments_in, surface_sentence
from quotes.rules.confidence import base
from quotes.rules.frame import finite
from quotes.rules.registry import Rule, register
from quotes.rules.surface import QUANTITY_WORDS, clause_starts
from quotes.rules.tree import edge_path, mention_span, np_head

RULES = register(
    Rule(
        "according-to",
        "prepositional",
        "reported",
        ("according-to",),
        "according to X, CLAUSE / CLAUSE, according to X",
    ),
    Rule(
        "prepositional-cue",
        "prepositional",
        "reported",
        ("according-to",),
        "in the words of X, CLAUSE: a prepositional cue of more than two words",
    ),
)


_DOCUMENT_WORDS = sections("nominal_cues.txt")
# Nouns for a document or figures that carry someone's words: their "from"/"by" names the source.
DOCUMENTS = frozenset(w.lower() for w in _DOCUMENT_WORDS.get("noun", []) + _DOCUMENT_WORDS.get("document", []))
# Verbs that put a document out on its source's behalf ("a statement released by X"); "reviewed by",
# "seen by", "obtained by" name who read it, not who wrote it.
_RELEASING = frozenset({"released", "issued", "published", "sent", "posted", "circulated", "distributed", "signed"})
# Marks that set a trailing "according to X" off from the clause it sources.
_SET_OFF = ",(—–-;"
_CLOSING_MARKS = "\"'”’»›"


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


def according_to(frame: Frame, lexicon: Lexicon, according: int, length: int = 2) -> Attribution | None:
    """``according to X, CLAUSE`` / ``CLAUSE, according to X`` (and the other prepositional cues of
    the lexicon, "in the words of X"): X is the source of the clause."""
    parse = frame.parse
    last = according + length - 1  # the cue's last token
    sentence = surface_sentence(frame, according)
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
    # "According to Rathbun the property was returned ...": no comma closes the source phrase. A clause
    # that visibly starts inside it ends it ("police | the driver had been"); else, at the sentence's
    # end, the tree.
    split = _clause_inside(parse, phrase) if phrase else None
    if split is not None:
        phrase = [j for j in phrase if j < split]
    elif ends_sentence and tree_source is not None and tree_source in phrase:
        phrase = [j for j in parse.subtree(tree_source) if j in phrase]
    # The object of "according to" is a noun phrase whatever the tagger says ("police"[VERB]).
    nominal = [j for j in phrase if parse.tokens[j].upos not in {"ADP", "DET", "CCONJ", "SCONJ", "PART", "AUX"}]
    if not nominal:
        return None
    source = np_head(parse, phrase)
    source, source_note = _behind_document(parse, phrase, source)
    lo, hi = according, phrase[-1]
    # Sentence-initial "According to X, ..." reports what follows; otherwise what precedes.
    # "According to X, CLAUSE" (sentence-initial, or opening a new clause after "," / "and") reports
    # what follows; "CLAUSE, according to X." reports what precedes.
    opening = all(parse.tokens[j].upos in {"PUNCT", "CCONJ", "ADV"} for j in range(sentence.first, lo))
    after = list(range(hi + 1, sentence.last))
    before = list(range(sentence.first, lo))
    starts_clause = lo > sentence.first and parse.tokens[lo - 1].form.lower() in {",", "and", "but", ";"}
    follows = opening or (
        starts_clause
        and count_words(" ".join(parse.tokens[j].form for j in after)) >= MIN_CONTENT_WORDS
        # "CLAUSE, according to the union, one of three representing the staff.": what follows the
        # source's comma is the source described, not what it said.
        and (not before or not _describes_source(parse, after, phrase))
        # "CLAUSE, according to the bureau, and wages rose ...", "..., ending two centuries of ...": the
        # source closes the clause before it; what follows is the writer's next clause or gloss.
        and not _closes_clause_before(parse, before, after)
    )
    set_off = _set_off(parse.text, parse.tokens[lo].start)
    if not follows and (not before or not (set_off or _source_like(parse, lexicon, source))):
        # "The trains ran according to the timetable": a cue of manner, not of source, unless set off
        # or its object is a source ("... according to the port authority", "... to Joseph Mwangi").
        return None
    tokens = after if follows else before
    if not follows and not set_off:
        tokens = _last_clause(parse, tokens)
    if follows and starts_clause and _subject_only(parse, frame, before[:-1]) and parse.tokens[hi + 1].form == ",":
        # "The boat, according to the coast guard, had been drifting": the cue interrupts its clause.
        tokens = list(range(sentence.first, sentence.last))
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
    rule = "according-to" if length == 2 else "prepositional-cue"
    return Attribution(
        content=content,
        kind="mixed" if fragments else "indirect",
        rule=rule,
        confidence=base(rule),
        cue=cue_span,
        cue_token=according,
        speaker=speaker_span,
        speaker_token=source,
        sentence=sentence.index,
        path=tuple(edge_path(parse, according, source)),
        fragments=tuple(r.content for r in fragments),
        regions=tuple(fragments),
        notes=(f"speaker: the object of '{cue_span.text}'{source_note}", "content: the rest of the sentence"),
    )


def _closes_clause_before(parse, before: list[int], after: list[int]) -> bool:
    """A finite clause before the cue (a subject and a finite verb), and after the source's comma a
    coordinator or a participle: the cue closes the clause before it."""
    rest = [j for j in after if parse.tokens[j].upos != "PUNCT"]
    if not before or not rest or parse.tokens[after[0]].form != ",":
        return False
    first = parse.tokens[rest[0]]
    if not (first.upos == "CCONJ" or (first.xpos == "VBG" and first.upos == "VERB")):
        return False
    inside = set(before)
    has_finite = any(finite(parse.tokens[j]) for j in before)
    subject = any(parse.tokens[j].rel in {"nsubj", "expl"} and parse.tokens[j].head in inside for j in before)
    return has_finite and subject


def _describes_source(parse: Parse, after: list[int], phrase: list[int]) -> bool:
    """What follows the source's comma hangs on the source phrase in the tree, every part of it (``, one
    of the unions ...``, ``, which ordered them``, ``, including one released Thursday``): the source
    described, not a clause of the sentence."""
    inside, source = set(after), set(phrase)
    tops = [j for j in after if parse.tokens[j].upos != "PUNCT" and parse.tokens[j].head not in inside]
    return bool(tops) and all(parse.tokens[j].head in source for j in tops)


def _behind_document(parse, phrase: list[int], head: int) -> tuple[int, str]:
    """``according to a statement from X`` / ``a report by X`` / ``a statement released by X``: the
    source is X, the document only its vehicle. A document someone else saw (``documents reviewed by
    the AP``) stays the source."""
    tokens = parse.tokens
    if tokens[head].lemma.lower() not in DOCUMENTS and tokens[head].form.lower() not in DOCUMENTS:
        return head, ""
    rest = [j for j in phrase if j > head]
    k = 0
    if rest and tokens[rest[0]].form.lower() in _RELEASING:
        k = 1
    if len(rest) <= k + 1 or tokens[rest[k]].form.lower() not in {"from", "by"}:
        return head, ""
    if tokens[rest[k]].form.lower() == "from" and k == 1:
        return head, ""
    behind = rest[k + 1 :]
    if not any(tokens[j].upos in {"PROPN", "NOUN", "PRON"} for j in behind):
        return head, ""
    note = f" ('{tokens[head].form}' is the document; its source follows '{tokens[rest[k]].form}')"
    return np_head(parse, behind), note


def _clause_inside(parse, phrase: list[int]) -> int | None:
    """Where a clause starts inside an unclosed source phrase: a new noun phrase (a determiner, number,
    quantity or personal pronoun right after a noun) that a finite verb soon follows."""
    last = phrase[-1] + 1
    for j in phrase[1:]:
        tok, prev = parse.tokens[j], parse.tokens[j - 1]
        opens = tok.upos in {"DET", "NUM"} or tok.form.lower() in QUANTITY_WORDS or tok.xpos == "PRP"
        # The phrase's first word is the source's head whatever its tag ("police"[VERB]).
        nominal = prev.upos in {"NOUN", "PROPN"} or (j - 1 == phrase[0] and prev.upos not in {"ADP", "DET"})
        if opens and nominal and clause_starts(parse, j, last):
            return j
    return None


def _last_clause(parse, tokens: list[int]) -> list[int]:
    """``A attended and this year B expects ... according to X``: a source phrase not set off by a comma
    belongs to the clause right before it, the last of two joined by "and"/"but"."""
    verbs = [j for j in tokens if finite(parse.tokens[j])]
    for k in reversed(tokens):
        if parse.tokens[k].upos == "CCONJ" and any(j < k for j in verbs) and any(j > k for j in verbs):
            return [j for j in tokens if j > k]
    return tokens


def _source_like(parse, lexicon: Lexicon, head: int) -> bool:
    """A name, a person or group, or a document: what can be a source, unlike a plan or a tradition."""
    tok = parse.tokens[head]
    low, lemma = tok.form.lower(), (tok.lemma or tok.form).lower()
    if tok.upos == "PROPN":
        return True
    return (
        lexicon.is_person_noun(low)
        or lexicon.is_person_noun(lemma)
        or low in lexicon.groups
        or lemma in lexicon.groups
        or lemma in DOCUMENTS
        or lemma in lexicon.documents
    )


def _set_off(text: str, offset: int) -> bool:
    """A comma (or dash, parenthesis) before ``offset``, also inside a closing mark (``"...," according to``)."""
    before = text[:offset].rstrip()
    if before[-1:] and before[-1] in _CLOSING_MARKS:
        before = before[:-1]
    return bool(before) and before[-1] in _SET_OFF


def _subject_only(parse, frame: Frame, tokens: list[int]) -> bool:
    """A bare noun phrase or a gerund subject before the cue (no clause of its own): the subject of the
    interrupted clause ("The boat, according to ...", "Recruiting new drivers, according to ...")."""
    if not tokens or any(parse.tokens[j].upos == "PUNCT" or frame.in_quote(j) for j in tokens):
        return False
    if all(parse.tokens[j].upos not in {"VERB", "AUX"} for j in tokens):
        return True
    heads = [j for j in tokens if parse.tokens[j].head not in tokens]
    return len(heads) == 1 and parse.tokens[heads[0]].rel in {"nsubj", "csubj"} and parse.tokens[heads[0]].xpos == "VBG"
