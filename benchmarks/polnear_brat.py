"""PolNeAR's brat standoff read into :class:`quotes.evaluation.scoring.Item`s under the project's conventions.

PolNeAR (Newell, Margolin and Ruths, LREC 2018) has ``Source``/``Cue``/``Content`` (and ``Content2``)
text-bound entities tied together by an ``Attribution`` (or ``Attribution-no-source``) event;
``Discuss``/``Discard`` entities and annotator notes are working marks and are ignored. A document
annotated by several annotators is read from the first file in annotator-id order.

Each attribution becomes one item per piece of content. Content fragments are joined into pieces,
except that next to a quotation a gap holding words splits them (``"A," she said, "B."`` gives two
items, one per pair of marks, as in corpus/README.md), and so does a sentence end; an unquoted reported
clause stays one piece around its cue or a narrator's aside (``The plan, she said, is dead``). A piece
is cut at line breaks outside quotation marks. Kind: ``direct`` when the piece's words all lie inside
quotation marks (content then = the text between the marks, as in corpus/README.md), ``mixed`` when it
holds quotation marks and words outside them, ``indirect`` otherwise (content without a leading
``that`` and a final ``.``/``,``/``;``/``:``). Speaker = the source span, or none; cue = the cue span.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from itertools import pairwise
from pathlib import Path

from attrs import define

from quotes.data.lexicon import Lexicon, regular_forms, sections
from quotes.evaluation.scoring import Item
from quotes.text.spans import Span

CONTENT_ROLES = ("Content", "Content2")
OPENERS, CLOSERS = "“«", "”»"
_T_LINE = re.compile(r"^(T\d+)\t(\S+) (\d+ \d+(?:;\d+ \d+)*)\t")
_E_LINE = re.compile(r"^(E\d+)\t(\S+)(.*)$")
_WORD = re.compile(r"[a-z]+")


@define(frozen=True)
class Relation:
    """One PolNeAR attribution: the character fragments of its roles."""

    ident: str
    source: tuple[tuple[int, int], ...] = ()
    cue: tuple[tuple[int, int], ...] = ()
    content: tuple[tuple[int, int], ...] = ()
    has_source: bool = True


def read_ann(source: str) -> list[Relation]:
    """The attributions of one brat file. Lines that are not T or E lines (notes, and the rest of an
    entity's text when it held a newline) are skipped."""
    entities: dict[str, tuple[str, tuple[tuple[int, int], ...]]] = {}
    events = []
    for line in source.splitlines():
        if m := _T_LINE.match(line):
            frags = tuple(tuple(map(int, f.split())) for f in m.group(3).split(";"))
            entities[m.group(1)] = (m.group(2), frags)  # type: ignore[assignment]
        elif m := _E_LINE.match(line):
            events.append((m.group(1), m.group(2), m.group(3).split()))
    out = []
    for ident, trigger, args in events:
        roles: dict[str, list[tuple[int, int]]] = {}
        for arg in args:
            role, _, ref = arg.partition(":")
            if ref in entities:
                roles.setdefault(role, []).extend(entities[ref][1])
        out.append(
            Relation(
                ident=ident,
                source=tuple(sorted(roles.get("Source", []))),
                cue=tuple(sorted(roles.get("Cue", []))),
                content=tuple(sorted(f for r in CONTENT_ROLES for f in roles.get(r, []))),
                has_source=not trigger.startswith("Attribution-no-source") and bool(roles.get("Source")),
            )
        )
    return out


def documents(folder: Path) -> list[tuple[str, Path, Path]]:
    """``(doc_id, text path, annotation path)`` for each text with an annotation, sorted by id. An
    annotation file is ``<doc_id>_<annotator>.ann``; of several, the first annotator id is taken."""
    first: dict[str, Path] = {}
    for ann in sorted((folder / "attributions").glob("*.ann")):
        first.setdefault(ann.stem.rpartition("_")[0], ann)
    texts = sorted((folder / "text").glob("*.txt"))
    return [(t.stem, t, first[t.stem]) for t in texts if t.stem in first]


def _role(text: str, i: int) -> tuple[str, int] | None:
    """``(open|close|single, length)`` of a quotation mark at ``text[i]``, None for any other character.
    A straight mark (``"`` or two apostrophes) opens after a space or bracket and closes elsewhere; a
    single ``‘`` opens and ``’`` is left to the caller (it is mostly an apostrophe)."""
    c = text[i]
    if c in OPENERS or c == "‘":
        return "open", 1
    if c in CLOSERS:
        return "close", 1
    if c == '"' or text.startswith("''", i):
        before = text[i - 1] if i > 0 else " "
        return ("open" if before.isspace() or before in "([{—–-/" else "close"), 1 if c == '"' else 2
    return ("single", 1) if c == "’" else None


def _quoted_mask(text: str, start: int, end: int) -> list[bool]:
    """Which characters of ``text[start:end]`` lie inside a pair of quotation marks (marks included); an
    opening mark left unclosed runs to the end, a closing one never opened runs from the start."""
    mask = [False] * (end - start)
    opened: int | None = None
    i = start
    while i < end:
        role, size = _role(text, i) or (None, 1)
        at_word_end = i + 1 >= len(text) or not text[i + 1].isalpha()
        if role == "single" and opened is not None and text[opened] == "‘" and at_word_end:
            role = "close"
        if role == "open" and opened is None:
            opened = i
        elif role == "close":
            lo = opened if opened is not None else start
            mask[lo - start : i + size - start] = [True] * (i + size - lo)
            opened = None
        i += size
    if opened is not None:
        mask[opened - start :] = [True] * (end - opened)
    return mask


def _widen(text: str, start: int, end: int) -> tuple[int, int]:
    """Take in quotation marks the annotator left just outside the content (``"|We are done,|" she said``)."""
    s = start
    while s > 0 and text[s - 1] in " \t":
        s -= 1
    for size in (2, 1):
        if s >= size and (_role(text, s - size) or ("", 0)) == ("open", size):
            start = s - size
            break
    e = end
    while e < len(text) and text[e] in " \t.,;:!?":
        e += 1
    if e < len(text) and (found := _role(text, e)) is not None and found[0] == "close":
        end = e + found[1]
    return start, end


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def classify(text: str, start: int, end: int) -> tuple[str, Span] | None:
    """The kind of one piece of content and its span under the project's conventions; None when empty."""
    start, end = _trim(text, start, end)
    if start == end:
        return None
    start, end = _widen(text, start, end)
    mask = _quoted_mask(text, start, end)
    outside = any(not q and text[start + i].isalnum() for i, q in enumerate(mask))
    if any(mask) and not outside:
        first = mask.index(True) + start
        last = len(mask) - mask[::-1].index(True) + start
        opening, closing = _role(text, first), _role(text, last - 1)
        inner_start = first + opening[1] if opening and opening[0] == "open" else first
        inner_end = last - 1 if closing and closing[0] != "open" else last
        if text.startswith("''", last - 2):
            inner_end = last - 2
        return _stripped("direct", text, inner_start, inner_end)
    kind = "mixed" if any(mask) else "indirect"
    if m := re.match(r"that\b[\s,]*", text[start:end], re.IGNORECASE):
        start += m.end()
    while end > start and text[end - 1] in ".,;:":
        end -= 1
    return _stripped(kind, text, start, end)


def _stripped(kind: str, text: str, start: int, end: int) -> tuple[str, Span] | None:
    start, end = _trim(text, start, end)
    return (kind, Span.of(text, start, end)) if start < end else None


def _pieces(text: str, relation: Relation) -> list[tuple[int, int]]:
    """Content fragments joined into pieces. Next to a quotation, a gap with words splits them (``"A," she
    said, "B."``: one record per pair of marks); so does the relation's own cue in the middle of a
    reported clause (``The new rules, officials said, will take effect in May``: two pieces, the cue in
    neither, as the project's held-out measure scores them). A narrator's aside in an unquoted clause
    (``the mayor, under fire for the delays, would ...``) keeps it whole, unless a sentence ends in the
    gap."""
    pieces: list[list[int]] = []
    cue = [(s, e) for s, e in relation.cue]
    for start, end in relation.content:
        if pieces:
            gap = (pieces[-1][1], start)
            quoted = any(_role(text, i) not in (None, ("single", 1)) for i in range(pieces[-1][0], end))
            text_gap = text[gap[0] : gap[1]]
            sentence_ends = "\n" in text_gap or re.search(r"[.!?][\"”’']*\s+[\"“‘]?[A-Z]", text_gap) is not None
            cue_between = any(gap[0] <= s and e <= gap[1] for s, e in cue)
            if not any(c.isalnum() for c in text_gap) or not (quoted or sentence_ends or cue_between):
                pieces[-1][1] = max(pieces[-1][1], end)
                continue
        pieces.append([start, end])
    return [part for s, e in pieces for part in _by_paragraph(text, s, e)]


def _by_paragraph(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """A piece cut at each line break outside quotation marks: ``C:`` and the quotation that opens the
    next paragraph are two items, while a quotation running over paragraphs (no closing mark at the
    paragraph's end) stays one."""
    mask = _quoted_mask(text, start, end)
    cuts = [i for i in range(start, end) if text[i] == "\n" and not mask[i - start]]
    bounds = [start, *cuts, end]
    return [(a, b) for a, b in pairwise(bounds) if text[a:b].strip()]


def _hull(text: str, frags: Sequence[tuple[int, int]]) -> Span | None:
    start, end = _trim(text, min(s for s, _ in frags), max(e for _, e in frags)) if frags else (0, 0)
    return Span.of(text, start, end) if start < end else None


def gold_items(doc_id: str, text: str, relations: Iterable[Relation]) -> list[Item]:
    items = []
    for rel in relations:
        speaker = _hull(text, rel.source) if rel.has_source else None
        cue = _hull(text, rel.cue)
        pieces = _pieces(text, rel)
        for n, (start, end) in enumerate(pieces, start=1):
            if found := classify(text, start, end):
                ident = rel.ident if len(pieces) == 1 else f"{rel.ident}.{n}"
                items.append(Item(doc_id, *found, speaker, speaker.text if speaker else None, cue, ident))
    return items


def cue_class(lexicon: Lexicon, cue: str | None) -> str:
    """``speech``/``claim``/``cognition`` (a verb section), ``nominal``, or ``other`` for a cue text."""
    if cue is None:
        return "none"
    words = _WORD.findall(cue.lower())
    joined = f" {' '.join(words)} "
    if any(f" {' '.join(p)} " in joined for p in lexicon.prepositions):
        return "nominal"
    found = []
    for word in words:
        verb = lexicon.verb(word)
        if verb is not None and (verb.particle is None or verb.particle in words):
            found.append(verb.section)
    for section in ("speech", "claim", "cognition"):
        if section in found:
            return section
    if any(f" {noun} " in joined for noun in lexicon.cue_nouns):
        return "nominal"
    return "other"


def _act_forms() -> frozenset[str]:
    """The surface forms of the verbs of judging and of speaking the speech-act rules read besides the
    reporting verbs ("denounced", "hailed", "talked about", "cited"): quotes/data/speech_acts.txt
    [judging] and np_content.txt [speaking-verb]."""
    lemmas = set(sections("speech_acts.txt")["judging"]) | set(sections("np_content.txt")["speaking-verb"])
    forms = {form for lemma in lemmas for form in regular_forms(lemma)}
    return frozenset(forms | {"spoke", "spoken"})  # the one irregular verb among them


ACT_FORMS = _act_forms()


def is_speech_or_act(lexicon: Lexicon, item: Item) -> bool:
    """The speech set's test, widened to the verbs of judging and speaking (``ACT_FORMS``): the acts
    whose content is mostly a noun phrase ("denounced the merger", "hailed the treaty as ..."), which
    the issue counts as reported speech but the reporting lexicon does not list."""
    if is_speech(lexicon, item):
        return True
    if item.cue is None or item.speaker is None:
        return False
    return any(word in ACT_FORMS for word in _WORD.findall(item.cue.text.lower()))


def is_speech(lexicon: Lexicon, item: Item) -> bool:
    """The speech set's test, for gold (which must have a source) and predictions alike."""
    if item.cue is None:
        return item.speaker is not None
    return cue_class(lexicon, item.cue.text) in {"speech", "claim", "nominal"}
