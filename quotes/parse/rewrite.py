"""A run of the text as the parser reads it, and the parser's tokens mapped back onto the original.

:func:`rewrite` replaces each stand-in stretch of a run (a quote's words: see
:func:`quotes.parse.selection.stand_ins`) by one stand-in word, :data:`STANDIN`; a document's runs go to
the parser joined by :data:`RUN_SEPARATOR`. :func:`split_runs` cuts the parse back into runs (any tree
arc across runs cut), and :meth:`Rewrite.restore` maps every offset back: a stand-in's place in the tree
goes to the quote's first word, its other words hang from that one as ``dep`` (names as ``flat``
``PROPN`` chains: :func:`quotes.parse.surface.surface_sentence`).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import NamedTuple

from attrs import define, evolve

from quotes.parse.backends.align import space_after
from quotes.parse.model import Parse, Token
from quotes.parse.surface import surface_sentence

# The stand-in the parser reads in place of a quote's words: one word that can be said on its own and
# that parsers hang from a reporting verb as they hang a quoted clause.
STANDIN = "Yes"

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
                words = surface_sentence(original, start, end, count, first_sentence + root.sentence, first_root=True)
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
