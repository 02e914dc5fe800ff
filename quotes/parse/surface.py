"""Parser-free sentences and tokens: what selective parsing gives the sentences it does not parse.

:func:`split_sentences` cuts a text into sentences cheaply (paragraphs as
:func:`quotes.text.marks.split_paragraphs` finds them, then sentence-final punctuation followed by a capital,
a digit or an opening mark, minus common abbreviations and initials); :func:`surface_sentence` tokenizes
one with a regular expression (a possessive "'s" apart, as parsers have it) and gives it a flat stand-in
tree: punctuation ``PUNCT`` hung as ``punct``, words ``X`` hung as ``dep`` under the first word that is not
a pronoun (the sentence's ``root``), and what the speaker resolver reads there tagged as a parser would:
names (runs of capitalized words joined by ``flat``, or one capitalized word inside the sentence; not an
opening function word such as "For" or "And", which English capitalizes anyway) as ``PROPN``, and
pronouns as ``PRON`` with the function their case gives them (``nsubj``, ``obj``, ``nmod:poss`` of the
next word). The word lists are ``quotes/data/surface_words.txt``. :class:`SurfaceBackend` does both for a
whole text."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from quotes.data.lexicon import sections
from quotes.parse.backends.align import GAP_CLASS, build_parse, space_after
from quotes.parse.model import Parse, Token
from quotes.text import marks

# Sentence ends: final punctuation (closing marks and brackets may follow), whitespace, then something
# that can start a sentence. The whitespace is group 1: the sentence ends before it, the next starts after.
_SENTENCE_END = re.compile(r"[.!?…]+[\"'”’»)\]]*(\s+)(?=[\"“‘'«(\[]?[A-Z0-9])")
_WORD_BEFORE_DOT = re.compile(r"(\w+)\.$")
# Words whose period does not end a sentence ("Mr.", "Gen.", "Jan."); one capital letter (an initial) neither.
# fmt: off
ABBREVIATIONS = frozenset({
    "mr", "mrs", "ms", "dr", "prof", "st", "sr", "jr", "gen", "gov", "sen", "rep", "lt", "col", "capt", "sgt",
    "maj", "adm", "cmdr", "supt", "insp", "rev", "hon", "pres", "inc", "corp", "co", "ltd", "bros", "no",
    "nos", "vol", "vs", "etc", "approx", "dept", "est", "fig", "jan", "feb", "mar", "apr", "jun", "jul", "aug",
    "sep", "sept", "oct", "nov", "dec", "mt", "ft", "ave", "blvd", "rd",
})
# fmt: on
_WORDS = sections("surface_words.txt")
# A pronoun's function in a sentence no parser read: its case says it ("her" is taken as a possessive
# when a word follows it, else as an object).
_PRONOUN_REL = {
    **dict.fromkeys(_WORDS["pronoun_subject"], "nsubj"),
    **dict.fromkeys(_WORDS["pronoun_object"], "obj"),
    **dict.fromkeys(_WORDS["pronoun_possessive"], "nmod:poss"),
}
_NOT_NAME_START = frozenset(_WORDS["function"]) | frozenset(_PRONOUN_REL)
# Surface tokens: words (with inner hyphens and apostrophes), else one non-space, non-gap character.
_GAP_CHARS = GAP_CLASS[1:-1]
# A possessive "'s" is a token of its own, as parsers have it, so that "Paine's" names Paine.
_TOKEN = re.compile(rf"\w+(?:-\w+|['’](?![sS]\b)\w+)*|['’][sS]\b|[^\w\s{_GAP_CHARS}]")


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Cheap sentence spans: paragraphs split at sentence-final punctuation (not after an abbreviation or
    a one-letter initial). Spans never start or end with whitespace; they cover every non-space character."""
    spans: list[tuple[int, int]] = []
    for para in marks.split_paragraphs(text):
        start = para.start
        for m in _SENTENCE_END.finditer(text, para.start, para.end):
            dot = text.rfind(".", m.start(), m.start(1))
            if dot == m.start() and m.start(1) - m.start() == 1:  # a lone "." right before the space
                before = _WORD_BEFORE_DOT.search(text, max(start, m.start() - 16), m.start() + 1)
                if before is not None:
                    word = before.group(1)
                    if word.lower() in ABBREVIATIONS or (len(word) == 1 and word.isupper()):
                        continue
            spans.append((start, m.start(1)))
            start = m.end(1)
        if start < para.end:
            spans.append((start, para.end))
    return [(s, e) for s, e in spans if e > s]


def surface_sentence(
    text: str, start: int, end: int, first_index: int, sentence: int, *, first_root: bool = False
) -> list[Token]:
    """Tokens for ``text[start:end]`` with a stand-in tree (see the module docstring): exact offsets,
    ``X``/``PUNCT``/``NUM``/``PROPN``/``PRON`` tags, lemma = form, the first word that is not a pronoun as
    root (with ``first_root``, the first word: a quote's, which takes its stand-in's place in the tree)."""
    spans = [m.span() for m in _TOKEN.finditer(text, start, end)]
    if not spans:
        return []
    forms = [text[s:e] for s, e in spans]
    lower = [f.lower() for f in forms]
    is_word = [any(ch.isalnum() for ch in f) for f in forms]
    first_word = next((k for k, w in enumerate(is_word) if w), 0)
    # A capitalized word is a name's unless it is the sentence's first word and a function word or
    # pronoun ("For Kevin Allton, ..." names Kevin Allton; "And Paine wrote" names Paine).
    capital = [
        is_word[k] and forms[k][:1].isupper() and not (k == first_word and lower[k] in _NOT_NAME_START)
        for k in range(len(forms))
    ]
    pronoun = {  # "US" and "IT" in capitals are names, not pronouns
        k: _PRONOUN_REL[lower[k]] for k in range(len(forms)) if lower[k] in _PRONOUN_REL and not _capitals(forms[k])
    }
    root = first_word if first_root else next((k for k, w in enumerate(is_word) if w and k not in pronoun), first_word)
    # Runs of adjacent capitalized words (one space or nothing between) are names, joined by "flat"; a
    # lone one is a name too, except as the sentence's first word, which English capitalizes anyway.
    name_of: dict[int, int] = {}  # token -> first token of its name
    k = 0
    while k < len(forms):
        j = k
        while capital[k] and j + 1 < len(forms) and capital[j + 1] and text[spans[j][1] : spans[j + 1][0]] in {"", " "}:
            j += 1
        if j > k or (capital[k] and k != first_word and not _capitals(forms[k])):
            for m in range(k, j + 1):
                name_of[m] = k
        k = j + 1
    tokens: list[Token] = []
    for k, ((s, e), form) in enumerate(zip(spans, forms, strict=True)):
        head: int | None = first_index + root
        if not is_word[k]:
            upos, rel = "PUNCT", "punct"
        elif k in pronoun:
            upos, rel = "PRON", pronoun[k]
            if rel == "nmod:poss":
                nxt = k + 1 if k + 1 < len(forms) and is_word[k + 1] else None
                if nxt is None:  # "told her." : an object, not a possessive
                    rel = "obj"
                else:
                    head = first_index + nxt
        elif k in name_of:
            upos, rel = "PROPN", "dep"
            if name_of[k] != k:
                head, rel = first_index + name_of[k], "flat"
        elif form.isdigit():
            upos, rel = "NUM", "dep"
        else:
            upos, rel = "X", "dep"
        if k == root:
            head, rel = None, "root"
        tokens.append(
            Token(
                index=first_index + k,
                start=s,
                end=e,
                form=form,
                lemma=form,
                upos=upos,
                head=head,
                deprel=rel,
                sentence=sentence,
                space_after=space_after(text, e),
            )
        )
    return tokens


def _capitals(form: str) -> bool:
    """All capitals and longer than one letter ("US", "NASA"): an acronym, never "I" or a pronoun."""
    return len(form) > 1 and form.isupper()


class SurfaceBackend:
    """A parser-free backend: :func:`split_sentences` and :func:`surface_sentence` for the whole text.

    What an unselected sentence gets, for every sentence: exact offsets, stand-in tags and trees. Useful
    in tests and to time everything but the parser; its records are not meant to be good.
    """

    name = "surface"
    model = "surface:regex"
    provides = frozenset({"upos", "deps", "lemma"})
    versions: dict[str, str] = {}  # noqa: RUF012 - read-only, as the Backend protocol has it

    def parse(self, text: str, doc_id: str | None = None) -> Parse:
        tokens: list[Token] = []
        for start, end in split_sentences(text):
            made = surface_sentence(text, start, end, len(tokens), tokens[-1].sentence + 1 if tokens else 0)
            tokens.extend(made)
        return build_parse(self, text, tokens)

    def parse_many(self, texts: Iterable[tuple[str | None, str]]) -> Iterator[Parse]:
        for doc_id, text in texts:
            yield self.parse(text, doc_id)
