"""Selective parsing: give the dependency parser only what can hold an attribution.

Most of a parser's time goes to tagging and parsing, and an attribution needs a tree only around a
quotation mark, a reporting verb or a cue such as "according to", and only for the frame of a quote,
not for the words inside it. :class:`SelectiveBackend` wraps any backend that can parse an arbitrary
piece of text (stanza, spaCy; not the gold-tree ``conllu`` backend) and, for each document:

1. splits the text into sentences cheaply (:func:`split_sentences`: paragraphs as
   :func:`quotes.text.marks.split_paragraphs` finds them, then sentence-final punctuation followed by a
   capital, a digit or an opening mark, minus common abbreviations and initials);
2. selects a sentence when it overlaps a quoted passage (:func:`quotes.text.marks.scan`), holds a
   reporting-verb form (a key of ``Lexicon.verb_forms`` or a verb lemma, matched on the lower-cased
   surface; a particle verb only with its particle, and not inside a capitalized name such as "United
   States" unless the line is in Title Case), a cue preposition (``according to``, ``as reported by`` ...
   from ``nominal_cues.txt``) or a cue noun (``statement``, ``statements``, ...); then adds ``context``
   neighbours on each side (none by default; measured, see below);
3. with ``standins`` (the default), replaces the words of each quote that stands as speech of its own
   (:func:`stand_ins`) by one stand-in word, :data:`STANDIN`, in the text the parser reads: its marks
   and closing punctuation stay, so the parser reads ``"Yes," Aliyev said.`` and hangs the stand-in from
   the cue as it would the quoted clause. Quotes are the longest sentences of a news article, and a
   parser's cost grows faster than their length;
4. sends a document's runs of consecutive selected sentences through the inner backend's ``parse_many``
   as one text, the runs joined by a blank line (:data:`RUN_SEPARATOR`; the inner backend still
   batches across documents), and maps every offset back (:class:`Rewrite`): a stand-in's place in the
   tree goes to the quote's first word, its other words hang from that one as ``dep`` (names as
   ``flat`` ``PROPN`` chains);
5. tokenizes the other sentences with a regular expression and gives them a flat stand-in tree
   (:func:`surface_sentence`): punctuation ``PUNCT`` hung as ``punct``, words ``X`` hung as ``dep`` under
   the first word (the sentence's ``root``), and runs of two or more adjacent capitalized words tagged
   ``PROPN`` and joined by ``flat``, so that the speaker resolver still finds the people named there.

The result is an ordinary :class:`~quotes.parse.model.Parse` holding every word, so the rules and the speaker
resolver run unchanged and every offset slices the original text. An unselected sentence has no quotation
mark, reporting verb or cue by construction, so no rule starts from it; what it can still change is speaker
resolution (the stand-in tree never marks a name as a clause's subject) and rules that read a
neighbouring sentence. Inside a stood-in quote there is no parse: nothing there is read as a cue, and a
record's dependency path reaches the quote through its first word. ``benchmarks/RESULTS.md`` gives the
measured speed-up and F1 change of each setting; selective parsing is off unless asked for (``quotes
extract --selective``, ``selective=True`` in :func:`load_backend`): the full parse gives every sentence a
real tree, which a reader auditing one article may want; selective parsing is for archives.
"""

from __future__ import annotations

import re
from collections import deque
from collections.abc import Iterable, Iterator, Mapping
from typing import Any, NamedTuple

from attrs import define, evolve, field

from quotes.data.lexicon import Lexicon
from quotes.data.lexicon import load as load_lexicon
from quotes.errors import BackendError
from quotes.parse.backends import Backend
from quotes.parse.backends import load_backend as _load_inner
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
# Surface tokens: words (with inner hyphens and apostrophes), else one non-space, non-gap character.
_GAP_CHARS = GAP_CLASS[1:-1]
_TOKEN = re.compile(rf"\w+(?:[-'’]\w+)*|[^\w\s{_GAP_CHARS}]")
_WORD = re.compile(r"[^\W\d_]+")
# The stand-in the parser reads in place of a quote's words: one word that can be said on its own and
# that parsers hang from a reporting verb as they hang a quoted clause.
STANDIN = "Yes"
STANDIN_MIN_WORDS = 4


@define(frozen=True)
class Plan:
    """How one document is parsed: sentence spans, which are selected, and the runs that go to the parser."""

    sentences: tuple[tuple[int, int], ...]
    triggered: tuple[bool, ...]  # the sentence itself holds a mark, cue or reporting verb
    selected: tuple[bool, ...]  # triggered, or within ``context`` sentences of one that is
    runs: tuple[tuple[int, int, bool], ...] = field(factory=tuple)  # (start, end, parsed), in text order
    # Stretches of the text the parser sees as one stand-in word (quote interiors: see stand_ins()).
    standins: tuple[tuple[int, int], ...] = field(factory=tuple)

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


def particle_words(lexicon: Lexicon) -> dict[str, str]:
    """Trigger words that stand only for a particle verb ("point" of "point out"), with the particle."""
    out: dict[str, str] = {}
    for form, key in lexicon.verb_forms.items():
        particle = lexicon.verbs[key].particle
        if particle is not None and form not in lexicon.verbs:
            out[form] = particle
    return out


def _phrase_pattern(lexicon: Lexicon) -> re.Pattern[str]:
    phrases = [tuple(p) for p in lexicon.prepositions]
    phrases += [tuple(n.split()) for n in lexicon.cue_nouns if " " in n]
    alternatives = sorted((r"\s+".join(re.escape(w) for w in words) for words in phrases if words), key=len)
    return re.compile(r"\b(?:" + "|".join(reversed(alternatives)) + r")\b", re.IGNORECASE)


def stand_ins(
    text: str, regions: Iterable[marks.QuoteRegion], min_words: int = STANDIN_MIN_WORDS
) -> list[tuple[int, int]]:
    """The quote interiors that the parser may see as one stand-in word: ``(start, end)`` of each
    top-level quotation that stands as speech of its own, from the start of its content to the end of
    its last word (its closing punctuation stays, so the parser still reads ``"Yes," he said.``).

    Who said a direct quote, and with which verb, is read off the frame around it (the marks, the
    punctuation, the clause outside); the words inside never name the speaker. So a quote is stood in
    only when that frame is all a rule needs: both marks found and trusted (no repair flags), not nested,
    at least ``min_words`` words, and standing as a sentence of its own: its content ends with its own
    punctuation (``,`` ``.`` ``?`` ``!``), or it opens its line or sentence. (After a colon a quotation is
    as often a title or a name as speech: ``dubbed it: "Scientology vs. the Internet, part XVII"``.)
    A quoted phrase inside a clause (``blamed the "detachment" of``, a mixed quote) is always parsed: its
    words are part of the reported clause.
    """
    spans: list[tuple[int, int]] = []
    for region in regions:
        if region.open is None or region.close is None or region.depth > 0 or region.flags:
            continue
        start, end = region.content.start, region.content.end
        while end > start and not text[end - 1].isalnum():
            end -= 1
        if len(text[start:end].split()) < min_words:
            continue
        own_punctuation = text[end : region.content.end].lstrip()[:1] in {",", ".", "?", "!", "…"}
        line_start = text.rfind("\n", 0, region.open.start) + 1
        before = text[max(0, region.open.start - 8) : region.open.start].rstrip()[-1:]
        opens_line = not text[line_start : region.open.start].strip()
        if own_punctuation or opens_line or before in {".", "?", "!"}:
            spans.append((start, end))
    return sorted(spans)


class Selector:
    """Decides which sentences of a text need a dependency parse, and which quote interiors the parser
    may see as a stand-in word (see the module docstring)."""

    def __init__(self, lexicon: Lexicon | None = None, context: int = 0, standins: bool = True) -> None:
        if context < 0:
            raise ValueError(f"context must be >= 0, got {context}")
        self.lexicon = lexicon or load_lexicon()
        self.context = context
        self.standins = standins
        self.words = trigger_words(self.lexicon)
        self.particles = particle_words(self.lexicon)
        self.phrases = _phrase_pattern(self.lexicon)

    def plan(self, text: str) -> Plan:
        sentences = split_sentences(text)
        regions = marks.scan(text).regions
        quoted = sorted((r.outer_start, r.outer_end) for r in regions)
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
        standins = tuple(stand_ins(text, regions)) if self.standins else ()
        return Plan(tuple(sentences), tuple(triggered), tuple(selected), tuple(runs), standins)

    def _has_cue(self, text: str, start: int, end: int) -> bool:
        piece = text[start:end]
        raw = [m.group() for m in _WORD.finditer(piece)]
        found = [w.lower() for w in raw]
        long_words = [w for w in raw if len(w) > 2]
        title_case = len(long_words) > 1 and sum(w[0].isupper() for w in long_words) >= 0.8 * len(long_words)
        for k, word in enumerate(found):
            if word not in self.words:
                continue
            if k > 0 and raw[k][0].isupper() and raw[k - 1][0].isupper() and not title_case:
                continue  # inside a name ("the United States"), unless the line is a title in Title Case
            # A particle verb is a cue only with its particle ("pointed out", not "the point"), as the
            # rules have it (quotes.rules.tree.is_cue): the particle within the next three words.
            particle = self.particles.get(word)
            if particle is None or particle in found[k + 1 : k + 4]:
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
        return build_parse(self, text, tokens)

    def parse_many(self, texts: Iterable[tuple[str | None, str]]) -> Iterator[Parse]:
        for doc_id, text in texts:
            yield self.parse(text, doc_id)


class SelectiveBackend:
    """Wrap ``inner`` so that only the selected sentences are tagged and parsed (see the module docstring).

    ``context`` is how many neighbouring sentences on each side of a triggering one are parsed too (0 by
    default: one neighbour each side bought no F1 on the corpus and cost a third of the speed-up);
    ``standins`` replaces the words of quotes that stand as speech by one stand-in word (:func:`stand_ins`).
    ``words_total`` and ``words_parsed`` count whitespace-separated words seen and sent to the parser (a
    stand-in counting as one).
    """

    def __init__(
        self, inner: Backend, *, context: int = 0, standins: bool = True, lexicon: Lexicon | None = None
    ) -> None:
        self.inner = inner
        self.selector = Selector(lexicon, context, standins)
        self.name = inner.name
        self.provides = inner.provides
        self.versions = dict(getattr(inner, "versions", {}))
        self.model = f"{inner.model} +selective(context={context}{', standins' if standins else ''})"
        self.words_total = 0
        self.words_parsed = 0

    def parse(self, text: str, doc_id: str | None = None) -> Parse:
        return next(self.parse_many([(doc_id, text)]))

    def parse_many(self, texts: Iterable[tuple[str | None, str]]) -> Iterator[Parse]:
        """Parse ``(doc_id, text)`` pairs in order. A document's selected runs go to the inner backend as
        one text, joined by blank lines (one call per document, not per run: stanza's fixed cost of a
        tokenizer call, 2-3 ms, came to 4% of a selective parse of the corpus), and the documents
        stream through the inner backend's ``parse_many`` (lazily: at most about one inner batch of
        documents is held)."""
        pending: deque[tuple[str, Plan, list[Rewrite]]] = deque()

        def inner_texts() -> Iterator[tuple[str, str]]:
            for doc_id, text in texts:
                plan = self.selector.plan(text)
                rewrites = [rewrite(text, start, end, plan.standins) for start, end in plan.parsed_runs]
                pending.append((text, plan, rewrites))
                self.words_total += len(text.split())
                self.words_parsed += sum(len(run.text.split()) for run in rewrites)
                # Every document sends one text, empty when nothing in it is parsed: one parse per
                # document keeps the two streams in step and the inner backend's batches bounded.
                yield doc_id or "<text>", RUN_SEPARATOR.join(run.text for run in rewrites)

        for piece in self.inner.parse_many(inner_texts()):
            yield self._assemble(*pending.popleft(), piece)

    def _assemble(self, text: str, plan: Plan, rewrites: list[Rewrite], piece: Parse) -> Parse:
        per_run = split_runs(piece, rewrites)
        tokens: list[Token] = []
        sentence = 0
        pieces = iter(zip(rewrites, per_run, strict=True))
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
            run, run_tokens = next(pieces)
            if (run.start, run.end) != (start, end):
                raise AssertionError(f"selective parse: the run {start}-{end} is out of step")
            restored = run.restore(text, run_tokens, len(tokens), sentence)
            tokens.extend(restored)
            if restored:
                sentence = restored[-1].sentence + 1
        return build_parse(self, text, tokens)


# Between two runs of one document in the text the inner parser reads: a paragraph break, which ends a
# sentence for every parser (runs are whole sentences, so no sentence is cut by it).
RUN_SEPARATOR = "\n\n"


class RunToken(NamedTuple):
    """A parser token seen from its run: offsets in the run's text, sentence counted from the run's first,
    and its head (a token index of the parse, or None) after any cut at a run boundary."""

    token: Token
    start: int
    end: int
    sentence: int
    head: int | None
    deprel: str


def split_runs(piece: Parse, rewrites: list[Rewrite]) -> list[list[RunToken]]:
    """The tokens of a parse of the runs joined by :data:`RUN_SEPARATOR`, run by run. A tree arc from one
    run into another (a parser that read on across the separator) is cut, and each run's part of a
    sentence keeps one root: the parser's root when it lies there, else the first token whose arc was
    cut; any other cut token hangs from that one."""
    expected = RUN_SEPARATOR.join(run.text for run in rewrites)
    if piece.text != expected:
        raise AssertionError("selective parse: the runs came back with another text")
    bounds: list[tuple[int, int]] = []
    offset = 0
    for run in rewrites:
        bounds.append((offset, offset + len(run.text)))
        offset += len(run.text) + len(RUN_SEPARATOR)
    run_of: list[int] = []
    k = 0
    for tok in piece.tokens:
        while k < len(bounds) - 1 and tok.start >= bounds[k][1]:
            k += 1
        run_of.append(k)
    first_sentence: dict[int, int] = {}
    root_of: dict[tuple[int, int], int] = {}
    for tok in piece.tokens:
        k = run_of[tok.index]
        key = (k, tok.sentence - first_sentence.setdefault(k, tok.sentence))
        if tok.head is None:
            root_of[key] = tok.index
        elif run_of[tok.head] != k:
            root_of.setdefault(key, tok.index)
    out: list[list[RunToken]] = [[] for _ in rewrites]
    for tok in piece.tokens:
        k = run_of[tok.index]
        base, limit = bounds[k]
        sentence = tok.sentence - first_sentence[k]
        head, deprel = tok.head, tok.deprel
        if head is None or run_of[head] != k:
            root = root_of[(k, sentence)]
            head, deprel = (None, "root") if root == tok.index else (root, "dep")
        out[k].append(RunToken(tok, max(0, tok.start - base), min(limit, tok.end) - base, sentence, head, deprel))
    return out


@define(frozen=True)
class Rewrite:
    """A run of the text as the parser reads it: ``text`` is ``original[start:end]`` with each stand-in
    stretch replaced by :data:`STANDIN`; ``standins`` holds ``(rw_start, rw_end, start, end)`` for each,
    in the rewritten and the original text."""

    start: int
    end: int
    text: str
    standins: tuple[tuple[int, int, int, int], ...] = ()

    def to_original(self, pos: int, is_end: bool) -> int:
        """An offset of :attr:`text` in the original text; inside a stand-in, its original start (or
        end, for a token's end)."""
        delta = self.start
        for rw_start, rw_end, start, end in self.standins:
            if pos <= rw_start:
                break
            if pos < rw_end:
                return end if is_end else start
            delta = end - rw_end
        return pos + delta

    def restore(self, original: str, tokens: list[RunToken], first_index: int, first_sentence: int) -> list[Token]:
        """The parser's tokens for this run (:func:`split_runs`) in the original text's offsets and
        numbering. The tokens a stand-in became give way to the quote's own words
        (:func:`surface_sentence` tokens): the first word takes the stand-in's place in the tree, the
        others hang from it."""
        # Which tokens make each stand-in (a stand-in is normally one token; a token that reaches past
        # it is taken in whole, so that no character is lost). Both lists are in text order.
        group_of: dict[int, int] = {}
        g = 0
        for rt in tokens:
            while g < len(self.standins) and self.standins[g][1] <= rt.start:
                g += 1
            if g < len(self.standins) and rt.start < self.standins[g][1] and self.standins[g][0] < rt.end:
                group_of[rt.token.index] = g
        # First pass: the new index of every token, and the quote's words for every stand-in.
        new_index: dict[int, int] = {}
        words_of: dict[int, tuple[RunToken, list[Token]]] = {}
        count = first_index
        for rt in tokens:
            g_of = group_of.get(rt.token.index)
            if g_of is None:
                new_index[rt.token.index] = count
                count += 1
                continue
            if g_of not in words_of:
                members = [m for m in tokens if group_of.get(m.token.index) == g_of]
                inside = {m.token.index for m in members}
                root = next((m for m in members if m.head is None or m.head not in inside), members[0])
                start = min(self.to_original(m.start, False) for m in members)
                end = max(self.to_original(m.end, True) for m in members)
                words = surface_sentence(original, start, end, count, first_sentence + root.sentence)
                words_of[g_of] = (root, words)
                count += len(words)
            root, words = words_of[g_of]
            new_index[rt.token.index] = next(w.index for w in words if w.head is None)
        # Second pass: the tokens, with heads in the new numbering.
        out: list[Token] = []
        placed: set[int] = set()
        for rt in tokens:
            g_of = group_of.get(rt.token.index)
            if g_of is not None:
                if g_of in placed:
                    continue
                placed.add(g_of)
                root, words = words_of[g_of]
                head = None if root.head is None else new_index[root.head]
                out += [evolve(w, head=head, deprel=root.deprel) if w.head is None else w for w in words]
                continue
            tok = rt.token
            start, end = self.to_original(rt.start, False), self.to_original(rt.end, True)
            out.append(
                Token(
                    index=new_index[tok.index],
                    start=start,
                    end=end,
                    form=tok.form if end - start == tok.end - tok.start else original[start:end],
                    lemma=tok.lemma,
                    upos=tok.upos,
                    head=None if rt.head is None else new_index[rt.head],
                    deprel=rt.deprel,
                    sentence=first_sentence + rt.sentence,
                    xpos=tok.xpos,
                    feats=tok.feats,
                    ner=tok.ner,
                    space_after=space_after(original, end),
                )
            )
        return out


def rewrite(text: str, start: int, end: int, standins: Iterable[tuple[int, int]]) -> Rewrite:
    """``text[start:end]`` with every stand-in stretch that lies inside it replaced by :data:`STANDIN`."""
    parts: list[str] = []
    found: list[tuple[int, int, int, int]] = []
    pos = start
    length = 0
    for s, e in standins:
        if s < start or e > end or s < pos:
            continue
        parts.append(text[pos:s])
        length += s - pos
        found.append((length, length + len(STANDIN), s, e))
        parts.append(STANDIN)
        length += len(STANDIN)
        pos = e
    parts.append(text[pos:end])
    return Rewrite(start, end, "".join(parts), tuple(found))


def load_backend(parser: str | Backend, **options: Any) -> Backend:
    """A backend by name with its options, like :func:`quotes.parse.backends.load_backend`, plus options of its
    own: ``selective`` (wrap it in :class:`SelectiveBackend`), ``selective_context`` (neighbours parsed on
    each side; default 0) and ``selective_standins`` (quote stand-ins; default True). A ready backend is
    wrapped (or returned) as it is."""
    selective = bool(options.pop("selective", False))
    context = int(options.pop("selective_context", 0))  # type: ignore[call-overload]
    standins = bool(options.pop("selective_standins", True))
    backend = _load_inner(parser, **options) if isinstance(parser, str) else parser
    if selective:
        if getattr(backend, "name", "") == "conllu":
            raise BackendError("selective parsing needs a parser of raw text; the conllu parser reads gold trees")
        return SelectiveBackend(backend, context=context, standins=standins)
    return backend


def options_key(options: Mapping[str, Any]) -> tuple[tuple[str, str], ...]:
    """A hashable key for a backend's options (for per-process caches)."""
    return tuple(sorted((str(k), repr(v)) for k, v in options.items()))
