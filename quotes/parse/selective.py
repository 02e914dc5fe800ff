"""Selective parsing: give the dependency parser only what can hold an attribution.

Most of a parser's time goes to tagging and parsing, and an attribution needs a tree only around a
quotation mark, a reporting verb or a cue such as "according to", and only for the frame of a quote,
not for the words inside it. :class:`SelectiveBackend` wraps any backend that can parse an arbitrary
piece of text (stanza, spaCy; not the gold-tree ``conllu`` backend) and, for each document:

1. splits the text into sentences cheaply (:func:`quotes.parse.surface.split_sentences`: paragraphs as
   :func:`quotes.text.marks.split_paragraphs` finds them, then sentence-final punctuation followed by a
   capital, a digit or an opening mark, minus common abbreviations and initials);
2. selects a sentence when it overlaps a quoted passage (:func:`quotes.text.marks.scan`), holds a
   reporting-verb form (a key of ``Lexicon.verb_forms`` or a verb lemma, matched on the lower-cased
   surface; a particle verb only with its particle, and not inside a capitalized name such as "United
   States" unless the line is in Title Case), a cue preposition (``according to``, ``as reported by`` ...
   from ``nominal_cues.txt``) or a cue noun (``statement``, ``statements``, ...); then adds ``context``
   neighbours on each side (none by default; measured, see below);
3. with ``standins`` (the default), replaces the words of each quote that stands as speech of its own
   (:func:`quotes.parse.selection.stand_ins`) by one stand-in word, :data:`quotes.parse.rewrite.STANDIN`,
   in the text the parser reads: its marks and closing punctuation stay, so the parser reads ``"Yes,"
   Aliyev said.`` and hangs the stand-in from the cue as it would the quoted clause. Quotes are the
   longest sentences of a news article, and a parser's cost grows faster than their length;
4. sends a document's runs of consecutive selected sentences through the inner backend's ``parse_many``
   as one text, the runs joined by a blank line (:data:`quotes.parse.rewrite.RUN_SEPARATOR`; the inner
   backend still batches across documents), and maps every offset back
   (:class:`quotes.parse.rewrite.Rewrite`): a stand-in's place in the tree goes to the quote's first
   word, its other words hang from that one as ``dep`` (names as ``flat`` ``PROPN`` chains);
5. tokenizes the other sentences with a regular expression and gives them a flat stand-in tree
   (:func:`quotes.parse.surface.surface_sentence`): punctuation ``PUNCT`` hung as ``punct``, words ``X``
   hung as ``dep`` under the first word (the sentence's ``root``), and runs of two or more adjacent
   capitalized words tagged ``PROPN`` and joined by ``flat``, so that the speaker resolver still finds
   the people named there.

The result is an ordinary :class:`~quotes.parse.model.Parse` holding every word, so the rules and the speaker
resolver run unchanged and every offset slices the original text. An unselected sentence has no quotation
mark, reporting verb or cue by construction, so no rule starts from it; what it can still change is speaker
resolution (the stand-in tree never marks a name as a clause's subject) and rules that read a
neighbouring sentence. Inside a stood-in quote there is no parse: nothing there is read as a cue, and a
record's dependency path reaches the quote through its first word. ``benchmarks/RESULTS.md`` gives the
measured speed-up and F1 change of each setting; selective parsing is off unless asked for (``quotes
extract --selective``, ``selective=True`` in :func:`quotes.parse.store.load_backend`): the full parse
gives every sentence a real tree, which a reader auditing one article may want; selective parsing is for
archives.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Iterator, Mapping
from typing import Any

from quotes.data.lexicon import Lexicon
from quotes.errors import BackendError
from quotes.parse.backends import Backend, build_backend
from quotes.parse.backends.align import build_parse
from quotes.parse.model import Parse, Token
from quotes.parse.rewrite import RUN_SEPARATOR, Rewrite, rewrite, split_runs
from quotes.parse.selection import SELECTION_VERSION, Plan, Selector, selective_default
from quotes.parse.surface import surface_sentence


class SelectiveBackend:
    """Wrap ``inner`` so that only the selected sentences are tagged and parsed (see the module docstring).

    ``context`` is how many neighbouring sentences on each side of a triggering one are parsed too (0 by
    default: one neighbour each side bought no F1 on the corpus and cost a third of the speed-up);
    ``standins`` replaces the words of quotes that stand as speech by one stand-in word
    (:func:`quotes.parse.selection.stand_ins`). ``words_total`` and ``words_parsed`` count
    whitespace-separated words seen and sent to the parser (a stand-in counting as one).
    """

    def __init__(
        self, inner: Backend, *, context: int = 0, standins: bool = True, lexicon: Lexicon | None = None
    ) -> None:
        self.inner = inner
        self.selector = Selector(lexicon, context, standins)
        self.name = inner.name
        self.provides = inner.provides
        self.versions = dict(getattr(inner, "versions", {}))
        self.model = inner.model + selective_suffix(context, standins)
        self.identity = getattr(inner, "identity", inner.model) + selective_suffix(context, standins)
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


def selective_suffix(context: int, standins: bool) -> str:
    """What selective parsing adds to the parser's model name (its parses differ from the full parse's)."""
    return f" +selective(context={context}{', standins' if standins else ''}, selection {SELECTION_VERSION})"


def with_selection(parser: str | Backend, **options: Any) -> Backend:
    """A backend by name with its options, like :func:`quotes.parse.backends.build_backend`, plus options of its
    own: ``selective`` (wrap it in :class:`SelectiveBackend`; default: on for a parser named in
    :data:`~quotes.parse.selection.SELECTIVE_BY_DEFAULT`), ``selective_context`` (neighbours parsed on each
    side; default 0) and ``selective_standins`` (quote stand-ins; default True). A ready backend is wrapped
    only when ``selective`` asks (else returned as it is)."""
    asked = options.pop("selective", None)
    selective = selective_default(parser) if asked is None else bool(asked)
    context = int(options.pop("selective_context", 0))  # type: ignore[call-overload]
    standins = bool(options.pop("selective_standins", True))
    backend = build_backend(parser, **options) if isinstance(parser, str) else parser
    if selective:
        if getattr(backend, "name", "") == "conllu":
            raise BackendError("selective parsing needs a parser of raw text; the conllu parser reads gold trees")
        return SelectiveBackend(backend, context=context, standins=standins)
    return backend


def options_key(options: Mapping[str, Any]) -> tuple[tuple[str, str], ...]:
    """A hashable key for a backend's options (for per-process caches)."""
    return tuple(sorted((str(k), repr(v)) for k, v in options.items()))
