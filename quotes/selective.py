"""Selective parsing: give the dependency parser only the sentences that can hold an attribution.

Most of a parser's time goes to tagging and parsing, and an attribution needs a tree only around a
quotation mark, a reporting verb or a cue such as "according to". :class:`SelectiveBackend` wraps any
backend that can parse an arbitrary piece of text (stanza, spaCy; not the gold-tree ``conllu`` backend)
and, for each document:

1. splits the text into sentences cheaply (:func:`split_sentences`: paragraphs as
   :func:`quotes.marks.split_paragraphs` finds them, then sentence-final punctuation followed by a
   capital, a digit or an opening mark, minus common abbreviations and initials);
2. selects a sentence when it overlaps a quoted passage (:func:`quotes.marks.scan`), holds a
   reporting-verb form (a key of ``Lexicon.verb_forms`` or a verb lemma, matched on the lower-cased
   surface), a cue preposition (``according to``, ``as reported by`` ... from ``nominal_cues.txt``) or a
   cue noun (``statement``, ``statements``, ...); then adds ``context`` neighbours on each side (one before,
   one after by default) for continuations, split quotes and speakers named in the sentence before;
3. sends each run of consecutive selected sentences, as one piece of text, through the inner backend's
   ``parse_many`` (so the inner backend still batches across documents), and shifts the offsets back;
4. tokenizes the other sentences with a regular expression and gives them a flat stand-in tree
   (:func:`surface_sentence`): punctuation ``PUNCT`` hung as ``punct``, words ``X`` hung as ``dep`` under
   the first word (the sentence's ``root``), and runs of two or more adjacent capitalized words tagged
   ``PROPN`` and joined by ``flat``, so that the speaker resolver still finds the people named there.

The result is an ordinary :class:`~quotes.parse.Parse` holding every sentence, so the rules and the speaker
resolver run unchanged and every offset slices the original text. An unselected sentence has no quotation
mark, reporting verb or cue by construction, so no rule starts from it; what it can still change is speaker
resolution (the stand-in tree never marks a name as a clause's subject) and rules that read a
neighbouring sentence beyond the ``context`` window. ``benchmarks/RESULTS.md`` gives the measured speed-up
and F1 change; selective parsing is off unless asked for (``selective=True`` in :func:`load_backend`).
"""

from __future__ import annotations

import re
from collections import deque
from collections.abc import Iterable, Iterator, Mapping
from typing import Any

from attrs import define, evolve, field

from quotes import marks
from quotes.backends import Backend
from quotes.backends import load_backend as _load_inner
from quotes.backends.align import GAP_CLASS, build_parse, sentences_from_tokens, space_after
from quotes.errors import BackendError
from quotes.lexicon import Lexicon
from quotes.lexicon import load as load_lexicon
from quotes.parse import Parse, Token

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
# Surface tokens: words (with inner hyphens and apostrophes), else one non-space, non-gap character.
_GAP_CHARS = GAP_CLASS[1:-1]
_TOKEN = re.compile(rf"\w+(?:[-'’]\w+)*|[^\w\s{_GAP_CHARS}]")
_WORD = re.compile(r"[^\W\d_]+")


@define(frozen=True)
class Plan:
    """How one document is parsed: sentence spans, which are selected, and the runs that go to the parser."""

    sentences: tuple[tuple[int, int], ...]
    triggered: tuple[bool, ...]  # the sentence itself holds a mark, cue or reporting verb
    selected: tuple[bool, ...]  # triggered, or within ``context`` sentences of one that is
    runs: tuple[tuple[int, int, bool], ...] = field(factory=tuple)  # (start, end, parsed), in text order

    @property
    def parsed_runs(self) -> list[tuple[int, int]]:
        return [(start, end) for start, end, parsed in self.runs if parsed]


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


def trigger_words(lexicon: Lexicon) -> frozenset[str]:
    """Lower-cased single words that make a sentence worth parsing: reporting-verb forms and lemmas, and
    cue nouns with their plurals."""
    words = set(lexicon.verb_forms)
    words |= {lemma for lemma in lexicon.verbs if " " not in lemma}
    for noun in lexicon.cue_nouns:
        words |= {noun, noun + "s"} if " " not in noun else set()
    return frozenset(words)


def _phrase_pattern(lexicon: Lexicon) -> re.Pattern[str]:
    phrases = [tuple(p) for p in lexicon.prepositions]
    phrases += [tuple(n.split()) for n in lexicon.cue_nouns if " " in n]
    alternatives = sorted((r"\s+".join(re.escape(w) for w in words) for words in phrases if words), key=len)
    return re.compile(r"\b(?:" + "|".join(reversed(alternatives)) + r")\b", re.IGNORECASE)


class Selector:
    """Decides which sentences of a text need a dependency parse (see the module docstring)."""

    def __init__(self, lexicon: Lexicon | None = None, context: int = 1) -> None:
        if context < 0:
            raise ValueError(f"context must be >= 0, got {context}")
        self.lexicon = lexicon or load_lexicon()
        self.context = context
        self.words = trigger_words(self.lexicon)
        self.phrases = _phrase_pattern(self.lexicon)

    def plan(self, text: str) -> Plan:
        sentences = split_sentences(text)
        quoted = sorted((r.outer_start, r.outer_end) for r in marks.scan(text).regions)
        triggered = []
        q = 0
        for start, end in sentences:
            while q < len(quoted) and quoted[q][1] <= start:
                q += 1
            in_quote = any(qs < end and start < qe for qs, qe in quoted[q : q + 64])
            triggered.append(in_quote or self._has_cue(text, start, end))
        n = len(sentences)
        k = self.context
        selected = [any(triggered[max(0, i - k) : i + k + 1]) for i in range(n)]
        runs: list[tuple[int, int, bool]] = []
        for i, (start, end) in enumerate(sentences):
            if runs and runs[-1][2] == selected[i]:
                runs[-1] = (runs[-1][0], end, selected[i])
            else:
                runs.append((start, end, selected[i]))
        return Plan(tuple(sentences), tuple(triggered), tuple(selected), tuple(runs))

    def _has_cue(self, text: str, start: int, end: int) -> bool:
        piece = text[start:end]
        if any(m.group().lower() in self.words for m in _WORD.finditer(piece)):
            return True
        return self.phrases.search(piece) is not None


def surface_sentence(text: str, start: int, end: int, first_index: int, sentence: int) -> list[Token]:
    """Tokens for ``text[start:end]`` with a stand-in tree (see the module docstring): exact offsets,
    ``X``/``PUNCT``/``NUM``/``PROPN`` tags, lemma = form, the first word as root."""
    spans = [m.span() for m in _TOKEN.finditer(text, start, end)]
    if not spans:
        return []
    forms = [text[s:e] for s, e in spans]
    is_word = [any(ch.isalnum() for ch in f) for f in forms]
    root = next((k for k, w in enumerate(is_word) if w), 0)
    capital = [is_word[k] and forms[k][:1].isupper() for k in range(len(forms))]
    # Runs of two or more adjacent capitalized words (one space or nothing between) are names: "flat".
    name_of: dict[int, int] = {}  # token -> first token of its name
    k = 0
    while k < len(forms):
        j = k
        while capital[k] and j + 1 < len(forms) and capital[j + 1] and text[spans[j][1] : spans[j + 1][0]] in {"", " "}:
            j += 1
        for m in range(k, j + 1 if j > k else k):
            name_of[m] = k
        k = j + 1
    tokens: list[Token] = []
    for k, ((s, e), form) in enumerate(zip(spans, forms, strict=True)):
        head: int | None = first_index + root
        if not is_word[k]:
            upos, rel = "PUNCT", "punct"
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
        return Parse(
            text=text,
            tokens=tuple(tokens),
            sentences=sentences_from_tokens(tokens),
            parser=self.name,
            model=self.model,
            versions={},
            provides=self.provides,
        )

    def parse_many(self, texts: Iterable[tuple[str | None, str]]) -> Iterator[Parse]:
        for doc_id, text in texts:
            yield self.parse(text, doc_id)


class SelectiveBackend:
    """Wrap ``inner`` so that only the selected sentences are tagged and parsed (see the module docstring).

    ``context`` is how many neighbouring sentences on each side of a triggering one are parsed too.
    ``words_total`` and ``words_parsed`` count whitespace-separated words seen and sent to the parser.
    """

    def __init__(self, inner: Backend, *, context: int = 1, lexicon: Lexicon | None = None) -> None:
        self.inner = inner
        self.selector = Selector(lexicon, context)
        self.name = inner.name
        self.provides = inner.provides
        self.versions = dict(getattr(inner, "versions", {}))
        self.model = f"{inner.model} +selective(context={context})"
        self.words_total = 0
        self.words_parsed = 0

    def parse(self, text: str, doc_id: str | None = None) -> Parse:
        return next(self.parse_many([(doc_id, text)]))

    def parse_many(self, texts: Iterable[tuple[str | None, str]]) -> Iterator[Parse]:
        """Parse ``(doc_id, text)`` pairs in order; the selected runs of all documents stream through the
        inner backend's ``parse_many`` (lazily: at most about one inner batch of documents is held)."""
        pending: deque[tuple[str, Plan, list[Parse]]] = deque()

        def runs() -> Iterator[tuple[str, str]]:
            for doc_id, text in texts:
                plan = self.selector.plan(text)
                pending.append((text, plan, []))
                self.words_total += len(text.split())
                for start, end in plan.parsed_runs:
                    self.words_parsed += len(text[start:end].split())
                    yield f"{doc_id or '<text>'} [{start}:{end}]", text[start:end]

        def ready() -> bool:
            return bool(pending) and len(pending[0][2]) == len(pending[0][1].parsed_runs)

        for piece in self.inner.parse_many(runs()):
            while ready():
                text, plan, parses = pending.popleft()
                yield self._assemble(text, plan, parses)
            next(item for item in pending if len(item[2]) < len(item[1].parsed_runs))[2].append(piece)
        while pending:
            text, plan, parses = pending.popleft()
            yield self._assemble(text, plan, parses)

    def _assemble(self, text: str, plan: Plan, parses: list[Parse]) -> Parse:
        tokens: list[Token] = []
        sentence = 0
        pieces = iter(parses)
        spans = iter(plan.sentences)  # the cheap sentences, in order: each run is a stretch of them
        for start, end, parsed in plan.runs:
            if not parsed:
                for s_start, s_end in spans:
                    made = surface_sentence(text, s_start, s_end, len(tokens), sentence)
                    if made:
                        tokens.extend(made)
                        sentence += 1
                    if s_end >= end:
                        break
                continue
            for _, s_end in spans:  # skip the run's own sentences: the parser splits it itself
                if s_end >= end:
                    break
            piece = next(pieces)
            if piece.text != text[start:end]:
                raise AssertionError(f"selective parse: the run {start}-{end} came back with another text")
            base = len(tokens)
            for tok in piece.tokens:
                tokens.append(
                    evolve(
                        tok,
                        index=base + tok.index,
                        start=start + tok.start,
                        end=start + tok.end,
                        head=None if tok.head is None else base + tok.head,
                        sentence=sentence + tok.sentence,
                    )
                )
            if piece.tokens and tokens[-1].space_after:  # the run's end is not the text's end
                tokens[-1] = evolve(tokens[-1], space_after=space_after(text, tokens[-1].end))
            sentence += len(piece.sentences)
        return build_parse(self, text, tokens)


def load_backend(parser: str | Backend, **options: Any) -> Backend:
    """A backend by name with its options, like :func:`quotes.backends.load_backend`, plus two options of
    its own: ``selective`` (wrap it in :class:`SelectiveBackend`) and ``selective_context`` (neighbours
    parsed on each side; default 1). A ready backend is wrapped (or returned) as it is."""
    selective = bool(options.pop("selective", False))
    context = int(options.pop("selective_context", 1))  # type: ignore[call-overload]
    backend = _load_inner(parser, **options) if isinstance(parser, str) else parser
    if selective:
        if getattr(backend, "name", "") == "conllu":
            raise BackendError("selective parsing needs a parser of raw text; the conllu parser reads gold trees")
        return SelectiveBackend(backend, context=context)
    return backend


def options_key(options: Mapping[str, Any]) -> tuple[tuple[str, str], ...]:
    """A hashable key for a backend's options (for per-process caches)."""
    return tuple(sorted((str(k), repr(v)) for k, v in options.items()))
