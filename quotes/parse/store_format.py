"""The stored form of a parse (CoNLL-U), and the checks a stored parse must pass before it is used.

Format: CoNLL-U, so any UD tool reads the stored trees (the CoNLL 2018 scorer, a tree viewer, grep). Each
word is a plain word line (our Parse has no multi-word token ranges: each word carries its own offsets),
``HEAD`` sentence-relative as usual, and MISC carries what UD has no column for: ``TokenRange=start:end``
(character offsets into the text, UDPipe's convention), ``SpaceAfter=No``, ``NER=B-PERSON`` (BIO entity
tags) and ``Esc=FORM,LEMMA`` naming the columns whose value is written as a JSON string because CoNLL-U
cannot hold it as it is (empty, a literal ``_``, a tab or a line break). The document's comments give the
text's hash and the parser's key, checked when the file is read. Reading a parse back gives the same
tokens and sentences, and so byte-identical records (the text itself comes from the input, not the store).

A stored parse is trusted only after checks (:meth:`quotes.parse.store.ParseStore.get`): the file's own SHA-256 (the
``content_sha256`` comment, over every other line: any edit shows), ``PARSER.json`` naming this very
parser, field by field, and the parse itself (:func:`parse_problem`: each token's form is the text at its
``TokenRange``, ranges in order and disjoint, heads inside their sentence and acyclic, relations
well-formed, every word of the text inside a token). A stored parse that fails is named on standard error
and parsed again (and stored again), never used.
"""

from __future__ import annotations

import bisect
import functools
import hashlib
import json
import re
from typing import Any

from quotes.errors import BackendError, InputError
from quotes.parse.backends.align import build_parse, sentences_from_tokens
from quotes.parse.model import Parse, ParserIdentity, Token
from quotes.text.digest import text_sha256

# 2: the content_sha256 comment (files of format 1, without it, are in folders of another key, never read).
FORMAT = 2
_DIGEST_LINE = "# content_sha256 = "
_COLUMNS = ("FORM", "LEMMA", "UPOS", "XPOS", "FEATS", "DEPREL")
# Characters a CoNLL-U cell cannot hold: the column separator and everything str.splitlines() breaks at.
_BREAKS = frozenset("\t\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029")


def identity_of(backend: Any) -> ParserIdentity:
    """The identity of a loaded backend (a backend without ``identity`` is known by its ``model``)."""
    return ParserIdentity(
        backend.name,
        backend.model,
        getattr(backend, "identity", backend.model),
        dict(getattr(backend, "versions", {})),
        frozenset(backend.provides),
    )


def parser_key(ident: ParserIdentity) -> str:
    """The SHA-256 that stored parses are filed under: what a parse depends on, not where the model lies."""
    return _key(ident.name, ident.identity, tuple(sorted(ident.versions.items())), tuple(sorted(ident.provides)))


@functools.lru_cache(maxsize=64)
def _key(name: str, identity: str, versions: tuple[tuple[str, str], ...], provides: tuple[str, ...]) -> str:
    data = {"format": FORMAT, "parser": name, "identity": identity, "versions": dict(versions), "provides": provides}
    return hashlib.sha256(json.dumps(data, sort_keys=True).encode("utf-8")).hexdigest()


# -- CoNLL-U cells -------------------------------------------------------------------------------------


def _cell(value: str) -> tuple[str, bool]:
    """A value as a CoNLL-U cell, and whether it had to be escaped (written as a JSON string)."""
    if value == "":
        return "_", False
    if value == "_" or not _BREAKS.isdisjoint(value):
        return json.dumps(value, ensure_ascii=False), True
    return value, False


def _uncell(cell: str, escaped: bool) -> str:
    if escaped:
        return json.loads(cell)
    return "" if cell == "_" else cell


def to_conllu(parse: Parse, ident: ParserIdentity) -> str:
    """The stored form of ``parse`` (see the module docstring); :class:`BackendError` when the parse
    cannot be stored exactly (a head outside its sentence, sentences out of step with the tokens)."""
    tokens = parse.tokens
    if any(tok.index != i for i, tok in enumerate(tokens)) or parse.sentences != sentences_from_tokens(tokens):
        raise BackendError("cannot store this parse: its tokens and sentences are not numbered in order")
    lines = [
        f"# newdoc id = sha256:{text_sha256(parse.text)}",
        f"# quotes_store = {FORMAT}",
        f"# parser_key = {parser_key(ident)}",
        f"# parser = {ident.name}",
        f"# model = {' '.join(ident.model.split())}",
    ]
    for sent in parse.sentences:
        lines.append(f"# sent_id = {sent.index + 1}")
        lines.append(f"# text = {' '.join(parse.text[sent.start : sent.end].split())}")
        for tok in tokens[sent.first : sent.last]:
            if tok.sentence != sent.index:
                raise BackendError(f"cannot store this parse: token {tok.index} is numbered in another sentence")
            if tok.head is None:
                head = 0
            elif sent.first <= tok.head < sent.last:
                head = tok.head - sent.first + 1
            else:
                raise BackendError(f"cannot store this parse: token {tok.index}'s head lies outside its sentence")
            cells = [_cell(v) for v in (tok.form, tok.lemma, tok.upos, tok.xpos, tok.feats, tok.deprel)]
            escaped = [name for name, (_, esc) in zip(_COLUMNS, cells, strict=True) if esc]
            misc = [f"TokenRange={tok.start}:{tok.end}"]
            if not tok.space_after:
                misc.append("SpaceAfter=No")
            if tok.ner != "O":
                if not _BREAKS.isdisjoint(tok.ner) or "|" in tok.ner or not tok.ner:
                    raise BackendError(f"cannot store this parse: token {tok.index}'s entity tag {tok.ner!r}")
                misc.append(f"NER={tok.ner}")
            if escaped:
                misc.append("Esc=" + ",".join(escaped))
            form, lemma, upos, xpos, feats, deprel = (cell for cell, _ in cells)
            word = tok.index - sent.first + 1
            lines.append(f"{word}\t{form}\t{lemma}\t{upos}\t{xpos}\t{feats}\t{head}\t{deprel}\t_\t{'|'.join(misc)}")
        lines.append("")
    body = "\n".join(lines) + "\n"
    first, rest = body.split("\n", 1)
    return f"{first}\n{_DIGEST_LINE}{_content_digest(body)}\n{rest}"


def _content_digest(body: str) -> str:
    return hashlib.sha256(body.encode("utf-8", "surrogatepass")).hexdigest()


def content_problem(content: str) -> str | None:
    """Why a stored file's content is not what :func:`to_conllu` wrote (its ``content_sha256`` line, second
    in the file, is the digest of every other line), or None."""
    first, _, rest = content.partition("\n")
    line, _, rest = rest.partition("\n")
    if not line.startswith(_DIGEST_LINE):
        return "no content_sha256 line: not written by this version of the store"
    if _content_digest(f"{first}\n{rest}") != line[len(_DIGEST_LINE) :]:
        return "its content_sha256 is not the digest of its content: the file was edited"
    return None


_DEPREL_RE = re.compile(r"[a-z]+(?::[a-z]+)?")
_WORD_RE = re.compile(r"\w+")


def parse_problem(parse: Parse) -> str | None:
    """Why a parse read from the store cannot be what a parser made of its text, or None: every token's form
    is the text at its offsets (words of one multi-word token, sharing its offsets, excepted); offsets in
    order and disjoint; a head inside its sentence, never the token itself, no cycles; a relation in UD's
    form, ``root`` exactly for a sentence's root; every word of the text inside a token (a deleted
    sentence shows). Each held for every token stanza and spaCy (selective or not) made of the corpus."""
    text = parse.text
    tokens = parse.tokens
    for tok in tokens:
        shared = any(
            0 <= j < len(tokens) and (tokens[j].start, tokens[j].end) == (tok.start, tok.end)
            for j in (tok.index - 1, tok.index + 1)
        )
        where = f"token {tok.index + 1} ({tok.form!r} at {tok.start}:{tok.end})"
        if not shared and text[tok.start : tok.end] != tok.form:
            return f"{where}: its form is not the text there ({text[tok.start : tok.end]!r})"
        if tok.index and not shared and tok.start < tokens[tok.index - 1].end:
            return f"{where}: overlaps or precedes the token before it"
        sentence = parse.sentences[tok.sentence]
        if tok.head is not None and (not sentence.first <= tok.head < sentence.last or tok.head == tok.index):
            return f"{where}: its head is outside its sentence or itself"
        if not _DEPREL_RE.fullmatch(tok.deprel) or (tok.deprel == "root") != (tok.head is None):
            return f"{where}: relation {tok.deprel!r} is not a UD relation for its head"
    for sentence in parse.sentences:
        for i in sentence.token_range:
            seen = {i}
            for head in parse.ancestors(i):
                if head in seen:
                    break
                seen.add(head)
            if tokens[i].head is not None and not any(tokens[j].head is None for j in seen):
                return f"token {i + 1}: its heads go round in a cycle"
    starts = [t.start for t in tokens]
    for match in _WORD_RE.finditer(text):
        k = bisect.bisect_right(starts, match.start()) - 1
        covered = match.start()
        while 0 <= k < len(tokens) and tokens[k].start <= covered < match.end():
            covered = max(covered, tokens[k].end)
            k += 1
        if covered < match.end():
            return f"the word {match.group()[:40]!r} at {match.start()} is in no token (a sentence is missing)"
    return None


def from_conllu(
    content: str, text: str, ident: ParserIdentity, source: str = "<stored parse>", digest: str | None = None
) -> Parse:
    """The parse stored in ``content`` for ``text`` (whose SHA-256 is ``digest``), made by ``ident``;
    :class:`InputError` (naming the file and line) when it is malformed or was stored for another text or
    parser. Written for speed: re-extracting an archive reads every word of it."""
    expected = {"newdoc id": f"sha256:{digest or text_sha256(text)}", "parser_key": parser_key(ident)}
    tokens: list[Token] = []
    first = 0  # index of the current sentence's first token
    sentence = 0
    header: dict[str, str] = {}
    for number, line in enumerate(content.split("\n"), start=1):
        if not line:
            if len(tokens) > first:
                sentence += 1
                first = len(tokens)
            continue
        if line[0] == "#":
            key, sep, value = line[1:].partition(" = ")
            if sep and not tokens:
                header[key.strip()] = value
            continue
        cols = line.split("\t")
        start = end = -1
        space = True
        ner = "O"
        escaped: list[str] = []
        try:
            if len(cols) != 10:
                raise ValueError(f"expected 10 tab-separated columns, found {len(cols)}")
            word, form, lemma, upos, xpos, feats, head_cell, deprel = cols[:8]
            for item in cols[9].split("|"):
                key, _, value = item.partition("=")
                if key == "TokenRange":
                    a, _, b = value.partition(":")
                    start, end = int(a), int(b)
                elif key == "SpaceAfter":
                    space = value != "No"
                elif key == "NER":
                    ner = value
                elif key == "Esc":
                    escaped = value.split(",")
            if start < 0:
                raise ValueError("no TokenRange in MISC")
            values = [form, lemma, upos, xpos, feats, deprel]
            if escaped:
                values = [_uncell(v, name in escaped) for v, name in zip(values, _COLUMNS, strict=True)]
            else:
                values = ["" if v == "_" else v for v in values]
            head = int(head_cell)
            position = int(word)
        except ValueError as exc:
            raise InputError(source, f"not a stored parse line: {exc}", line=number) from None
        if position != len(tokens) - first + 1:
            raise InputError(source, f"word {position} out of order (expected {len(tokens) - first + 1})", line=number)
        form, lemma, upos, xpos, feats, deprel = values
        tokens.append(
            Token(
                len(tokens),
                start,
                end,
                form,
                lemma,
                upos,
                None if head == 0 else first + head - 1,
                deprel,
                sentence,
                xpos,
                feats,
                ner,
                space,
            )
        )
    for key, value in expected.items():
        if header.get(key) != value:
            raise InputError(source, f"stored for another {'text' if key == 'newdoc id' else 'parser'} ({key})")
    try:
        return build_parse(ident, text, tokens)  # a ParserIdentity names the parse as its backend would
    except (ValueError, IndexError) as exc:
        raise InputError(source, f"the stored parse does not fit the text: {exc}") from None
