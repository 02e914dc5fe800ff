"""The stanza backend: stanza's neural pipeline mapped onto :class:`quotes.parse.model.Parse`.

The pipeline is loaded once per process for each set of options (a module-level cache), so building
``StanzaBackend`` twice, or once per document, costs one model load. Stanza is imported lazily. Where the
models are looked for, the checks before loading them and how a model is identified (the SHA-256 of its
files): :mod:`quotes.parse.backends.stanza_models`; :func:`peek` tells who would parse without loading.

Offsets: stanza reports character offsets into the text it was given, and in practice they slice the
original string (CRLF, tabs, emoji, NFD, zero-width characters included), but its tokens' *text* can
differ from the slice (whitespace inside a token is normalized to a space; a token longer than the
tokenizer's ``max_seqlen`` becomes ``"<UNK>"``). Every token is therefore checked against the text, and
realigned by searching forward from the previous token if its offsets ever drift
(:mod:`quotes.parse.backends.align`).
"""

from __future__ import annotations

import threading
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from quotes.errors import BackendError
from quotes.parse.backends.align import (
    build_parse,
    find_forward,
    same_surface,
    space_after,
    split_words,
)
from quotes.parse.backends.stanza_models import (
    QUANTIZABLE,
    ModelChoice,
    describe_model,
    load_pipeline,
    one_line,
    quantize_pipeline,
    resolve_models_dir,
    versions,
)
from quotes.parse.model import Parse, ParserIdentity, Token
from quotes.parse.threads import ThreadPolicy

DEFAULT_PROCESSORS = "tokenize,mwt,pos,lemma,depparse"
# stanza replaces a token longer than the tokenizer's max_seqlen with this text (offsets stay right).
_TOO_LONG = "<UNK>"

# Loaded pipelines, keyed by the resolved options: "loaded once per process".
_PIPELINES: dict[tuple[Any, ...], Any] = {}
_LOCK = threading.Lock()
# Bump when _to_parse changes the parse it makes from the same stanza output: stored parses
# (quotes.parse.store) are keyed by it.
MAPPING = 1
# Whether the CPU parse quantizes QUANTIZABLE's processors to int8 when not told (quantize=None).
QUANTIZE = False
# What each processor adds to a parse.
_PROVIDES = {"pos": ("upos", "feats"), "lemma": ("lemma",), "depparse": ("deps",), "ner": ("ner",)}


def _normalize_processors(processors: str | Iterable[str]) -> tuple[str, ...]:
    names = processors.split(",") if isinstance(processors, str) else list(processors)
    out: list[str] = []
    for name in names:
        name = name.strip().lower()
        if name and name not in out:
            out.append(name)
    if not out:
        raise BackendError("the stanza backend needs at least one processor (e.g. tokenize,pos,lemma,depparse)")
    return tuple(out)


def _provided(processors: Iterable[str]) -> frozenset[str]:
    return frozenset(layer for proc in processors for layer in _PROVIDES.get(proc, ()))


def _quantized(quantize: bool | str | Iterable[str] | None, processors: tuple[str, ...]) -> tuple[str, ...]:
    """The processors to quantize: none (False/None), :data:`QUANTIZABLE` (True), or those named."""
    if quantize is None or quantize is False:
        return ()
    names = QUANTIZABLE if quantize is True else _normalize_processors(quantize)
    return tuple(name for name in names if name in processors and name in QUANTIZABLE)


def _identity(choice: ModelChoice, quantized: tuple[str, ...]) -> str:
    """What a stored parse is keyed by: the model, the mapping, and the quantized processors if any."""
    return f"{choice.identity} mapping={MAPPING}" + (f" int8={','.join(quantized)}" if quantized else "")


def model_choice(
    *,
    models_dir: str | Path | None = None,
    package: str = "default",
    processors: str | Iterable[str] = DEFAULT_PROCESSORS,
    lang: str = "en",
    **_: Any,
) -> ModelChoice:
    """The model a :class:`StanzaBackend` with these options would load (where, how chosen, its hash),
    without loading stanza; :class:`ModelNotFoundError` when a file is missing."""
    lang = lang.strip().lower()
    directory, how = resolve_models_dir(models_dir, lang)
    return describe_model(directory, how, lang, package, _normalize_processors(processors))


def peek(**options: Any) -> ParserIdentity:
    """Who would parse with these options, without loading stanza: the parses' ``model``, ``versions``
    and ``provides`` as :class:`StanzaBackend` gives them."""
    choice = model_choice(**options)
    processors = _normalize_processors(options.get("processors", DEFAULT_PROCESSORS))
    quantize = options.get("quantize")
    quantized = () if options.get("use_gpu") else _quantized(QUANTIZE if quantize is None else quantize, processors)
    model = choice.model + (f" int8={','.join(quantized)}" if quantized else "")
    return ParserIdentity("stanza", model, _identity(choice, quantized), versions(), _provided(processors))


def approx_words(text: str) -> int:
    """The number of whitespace-separated words in ``text``: a cheap stand-in for its token count
    (stanza splits punctuation off, so it finds some 10-20% more tokens in news prose)."""
    return len(text.split())


def _bio(tag: str | None) -> str:
    """stanza's BIOES entity tag as BIO (``S-PERSON`` -> ``B-PERSON``, ``E-ORG`` -> ``I-ORG``)."""
    if not tag or tag == "O":
        return "O"
    prefix, _, label = tag.partition("-")
    if not label:
        return "O"
    return f"{'B' if prefix in ('B', 'S') else 'I'}-{label}"


class StanzaBackend:
    """Parses with a stanza pipeline; see the module docstring for offsets and caching."""

    name = "stanza"
    # parse_many sends documents to the tagger and parser in bulk calls of about WORDS_PER_BATCH words
    # (counted before tokenizing, as whitespace-separated words: stanza's own batches hold up to 5000
    # tokens) and at most DOCS_PER_BATCH documents; a longer document goes alone.
    WORDS_PER_BATCH = 5000
    DOCS_PER_BATCH = 64

    def __init__(
        self,
        *,
        models_dir: str | Path | None = None,
        package: str = "default",
        processors: str | Iterable[str] = DEFAULT_PROCESSORS,
        use_gpu: bool = False,
        batch_size: int | None = None,
        lang: str = "en",
        threads: int | str | None = None,
        quantize: bool | str | Iterable[str] | None = None,
    ) -> None:
        # torch's thread count, chosen before each batch (quotes.parse.threads); the first look at the
        # machine's load starts here, so that the model load is its first measuring window.
        self.threads = ThreadPolicy.from_options(threads)
        self.threads.choose()
        self.lang = lang.strip().lower()
        self.models_dir, self.models_how = resolve_models_dir(models_dir, self.lang)
        self.package = package
        self.processors = _normalize_processors(processors)
        self.use_gpu = bool(use_gpu)
        self.batch_size = batch_size
        # int8 quantization is for the CPU: on a GPU the model runs as trained
        self.quantized = () if use_gpu else _quantized(QUANTIZE if quantize is None else quantize, self.processors)
        key = (
            str(self.models_dir.resolve()),
            self.models_how == "default",
            self.lang,
            self.package,
            self.processors,
            self.use_gpu,
            self.batch_size,
            self.quantized,
        )
        with _LOCK:
            pipeline = _PIPELINES.get(key)
            if pipeline is None:
                pipeline = load_pipeline(
                    self.models_dir,
                    self.models_how,
                    self.lang,
                    self.package,
                    self.processors,
                    self.use_gpu,
                    self.batch_size,
                )
                if self.quantized:
                    quantize_pipeline(pipeline, self.quantized)
                _PIPELINES[key] = pipeline
        self.pipeline = pipeline

        self.provides: frozenset[str] = _provided(getattr(pipeline, "processors", {}) or {})
        # After loading: in stanza's home the load may have fetched a missing file.
        self.choice: ModelChoice = describe_model(
            self.models_dir, self.models_how, self.lang, self.package, self.processors
        )
        self.model = self.choice.model + (f" int8={','.join(self.quantized)}" if self.quantized else "")
        self.identity = _identity(self.choice, self.quantized)
        self.versions = versions()

    # -- parsing --------------------------------------------------------------------------------------

    def parse(self, text: str, doc_id: str | None = None) -> Parse:
        return next(self._parse_batch([(doc_id, text)]))

    def parse_many(self, texts: Iterable[tuple[str | None, str]]) -> Iterator[Parse]:
        """Parse ``(doc_id, text)`` pairs in order, many documents per stanza call (same results as
        :meth:`parse`: see :meth:`_parse_batch`).

        The input is consumed lazily, one batch at a time (about :attr:`WORDS_PER_BATCH` words, at most
        :attr:`DOCS_PER_BATCH` documents), so memory stays bounded however many documents come.
        """
        batch: list[tuple[str | None, str]] = []
        words = 0
        for doc_id, text in texts:
            size = approx_words(text)
            if batch and (words + size > self.WORDS_PER_BATCH or len(batch) >= self.DOCS_PER_BATCH):
                yield from self._parse_batch(batch)
                batch, words = [], 0
            batch.append((doc_id, text))
            words += size
        if batch:
            yield from self._parse_batch(batch)

    def _parse_batch(self, batch: list[tuple[str | None, str]]) -> Iterator[Parse]:
        """Tokenize each document on its own, then tag, lemmatize and parse all their sentences at once.

        Stanza's own bulk tokenization (documents joined by blank lines, paragraphs padded together)
        can split a document differently from tokenizing it alone, so documents are tokenized one by
        one; the sentence-level processors batch across documents without changing their output.
        """
        if not self.use_gpu:
            import torch  # loaded with stanza already

            self.threads.apply(torch.set_num_threads)
        loaded = [name for name in self.pipeline.processors if self.pipeline.processors.get(name)]
        split_stage = [name for name in loaded if name in ("tokenize", "mwt")]
        sentence_stage = [name for name in loaded if name not in ("tokenize", "mwt")]
        todo = [(doc_id, text) for doc_id, text in batch if text.strip()]
        docs: list[Any] = []
        for doc_id, text in todo:
            try:
                docs.append(self.pipeline.process(text, processors=split_stage))
            except Exception as exc:
                raise BackendError(f"stanza failed to tokenize document {doc_id or '<text>'}: {one_line(exc)}") from exc
        if docs and sentence_stage:
            try:
                docs = self.pipeline.process(docs, processors=sentence_stage)
            except Exception as exc:
                ids = ", ".join(str(doc_id or "<text>") for doc_id, _ in todo)
                raise BackendError(f"stanza failed on document(s) {ids}: {one_line(exc)}") from exc
        parsed = iter(docs)
        for doc_id, text in batch:
            if not text.strip():
                yield self._empty(text)
            else:
                yield self._to_parse(text, next(parsed), doc_id)

    def _empty(self, text: str) -> Parse:
        return Parse(
            text=text,
            tokens=(),
            sentences=(),
            parser=self.name,
            model=self.model,
            versions=dict(self.versions),
            provides=self.provides,
        )

    def _to_parse(self, text: str, doc: Any, doc_id: str | None) -> Parse:
        tokens: list[Token] = []
        cursor = 0
        sent_index = 0
        for sentence in doc.sentences:
            if not sentence.words:
                continue
            base = len(tokens)
            for stoken in sentence.tokens:
                start, end = self._token_offsets(text, stoken, cursor, doc_id, sent_index)
                cursor = end
                words = stoken.words
                spans = split_words(text, start, end, [w.text for w in words])
                tag = _bio(getattr(stoken, "ner", None)) if "ner" in self.provides else "O"
                for k, (word, (w_start, w_end)) in enumerate(zip(words, spans, strict=True)):
                    form = word.text
                    lemma = word.lemma
                    if form == _TOO_LONG and len(words) == 1:
                        form = text[w_start:w_end]
                        lemma = form if lemma in (None, _TOO_LONG) else lemma
                    head = word.head
                    ner = tag if k == 0 or tag == "O" else "I-" + tag[2:]
                    tokens.append(
                        Token(
                            index=len(tokens),
                            start=w_start,
                            end=w_end,
                            form=form,
                            lemma=lemma if lemma else form,
                            upos=word.upos or "",
                            head=None if head in (None, 0) else base + head - 1,
                            deprel=word.deprel or "",
                            sentence=sent_index,
                            xpos=word.xpos or "",
                            feats=word.feats or "",
                            ner=ner,
                            space_after=space_after(text, end) if k == len(words) - 1 else False,
                        )
                    )
            sent_index += 1
        return build_parse(self, text, tokens)

    @staticmethod
    def _token_offsets(text: str, stoken: Any, cursor: int, doc_id: str | None, sent_index: int) -> tuple[int, int]:
        """The token's offsets into ``text``: stanza's when they slice the token, else realigned."""
        start, end = stoken.start_char, stoken.end_char
        surface = stoken.text
        in_bounds = start is not None and end is not None and cursor <= start <= end <= len(text)
        if in_bounds:
            found = text[start:end]
            if same_surface(found, surface):
                return start, end
            if surface == _TOO_LONG and found.strip():  # an over-long token: the offsets are still right
                return start, end
        where = find_forward(text, surface, cursor) if surface != _TOO_LONG else None
        if where is None:
            raise BackendError(
                f"stanza token {surface[:40]!r} (sentence {sent_index} of document {doc_id or '<text>'}) "
                f"cannot be placed in the text: its offsets {start}-{end} do not slice it and it does not "
                f"occur after offset {cursor}"
            )
        return where
