"""The construction suite: short documents written for the project, with gold offsets, grouped by construction.

Each file ``tests/constructions/<family>.txt`` holds blocks::

    === <construction-id> <slug>
    "[[c1|We are ready,]]" [[s1|Leila Haddad]] [[v1|said]].
    ---
    q1 kind=direct name="Leila Haddad" rule=quote-cue

Inline markup ``[[c1|...]]`` (content), ``[[s1|...]]`` (speaker), ``[[v1|...]]`` (cue), ``[[f1|...]]``
(a quoted fragment, inside the content) and ``[[p1|...]]`` (the principal a spokesperson speaks for) is
removed to give the document text; every span is computed on that text, so ``text[start:end]`` is the
span's text by construction. A block without quote lines is a precision trap: nothing may be extracted.
Quote lines take ``kind=`` and ``name=`` (``-`` for none), optionally ``rule=``, ``flags=a,b`` and
``speaker=qK`` / ``cue=qK`` / ``principal=qK`` to share another quote's span (split, continuation), and
``behalf="..."``: the canonical name of the principal a spokesperson speaks for (``on_behalf_of``).

Scoring a run over the suite is :mod:`quotes.evaluation.constructions`.
"""

from __future__ import annotations

import re
import shlex
from collections.abc import Sequence
from pathlib import Path

from attrs import define, field

from quotes.errors import InputError
from quotes.evaluation import scoring
from quotes.text.spans import Span

SUITE_KINDS = ("direct", "indirect", "mixed", "evidence")
FLAGS = frozenset({"continuation", "unbalanced", "multi-paragraph"})
TAGS = {"c": "content", "s": "speaker", "v": "cue", "f": "fragment", "p": "principal"}
# Single marks count too: British style quotes with them, and they nest inside double ones.
QUOTE_MARKS = "\"“”„‟«»'‘’‚‛‹›"
THRESHOLD = 0.9

_HEADER = re.compile(r"=== ([a-z0-9][a-z0-9-]*) ([a-z0-9][a-z0-9-]*)")
_QUOTE_LINE = re.compile(r"q([1-9][0-9]*)(?:\s+(.*))?")
_OPEN = re.compile(r"\[\[([a-z]*)([0-9]*)\|")
_KEYS = {"kind", "name", "rule", "flags", "speaker", "cue", "principal", "behalf"}


@define(frozen=True)
class GoldQuote(scoring.Item):
    """A gold quote of the suite: a scorer :class:`~quotes.scoring.Item` plus what the suite records."""

    fragments: tuple[Span, ...] = ()
    flags: tuple[str, ...] = ()
    rule: str = ""
    principal: Span | None = None
    behalf: str | None = None  # the principal's canonical name, where the suite scores it


@define(frozen=True)
class ConstructionDoc:
    family: str
    construction: str
    slug: str
    text: str
    gold: list[scoring.Item] = field(factory=list)
    source: str = ""
    line: int = 0

    @property
    def doc_id(self) -> str:
        return f"{self.family}/{self.construction}/{self.slug}"

    @property
    def is_trap(self) -> bool:
        return not self.gold


def load_suite(folder: str | Path) -> list[ConstructionDoc]:
    """Every document of every ``*.txt`` family file in ``folder``, files in name order."""
    folder = Path(folder)
    files = sorted(folder.glob("*.txt")) if folder.is_dir() else []
    if not files:
        raise InputError(str(folder), "no construction files (*.txt) found")
    docs: list[ConstructionDoc] = []
    for path in files:
        docs.extend(load_family(path))
    return docs


def load_family(path: str | Path) -> list[ConstructionDoc]:
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as err:
        raise InputError(str(path), f"cannot read construction file: {err}") from None
    return parse_family(text, family=path.stem, source=str(path))


def parse_family(text: str, family: str, source: str = "<string>") -> list[ConstructionDoc]:
    """The documents of one family file's text; any mistake is an :class:`InputError` at its line."""
    docs: list[ConstructionDoc] = []
    slugs: dict[str, int] = {}
    block: _Block | None = None
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.rstrip(" \t")
        if line.startswith("==="):
            if block is not None:
                docs.append(block.build(family, source))
            header = _HEADER.fullmatch(line)
            if header is None:
                raise InputError(source, "a header reads '=== <construction-id> <slug>' (a-z, 0-9, -)", number)
            slug = header.group(2)
            if slug in slugs:
                raise InputError(source, f"duplicate slug {slug!r} (first at line {slugs[slug]})", number)
            slugs[slug] = number
            block = _Block(header.group(1), slug, number)
        elif block is None:
            if line and not line.startswith("#"):
                raise InputError(source, "text outside a document (start one with '=== <id> <slug>')", number)
        elif not block.in_quotes:
            if line == "---":
                block.in_quotes = True
            else:
                block.lines.append((number, line))
        elif line and not line.startswith("#"):
            block.add_quote_line(line, number, source)
    if block is not None:
        docs.append(block.build(family, source))
    return docs


@define
class _Block:
    construction: str
    slug: str
    line: int
    lines: list[tuple[int, str]] = field(factory=list)
    in_quotes: bool = False
    quotes: dict[int, tuple[dict[str, str], int]] = field(factory=dict)

    def add_quote_line(self, line: str, number: int, source: str) -> None:
        match = _QUOTE_LINE.fullmatch(line)
        if match is None:
            raise InputError(source, "expected a quote line 'qN kind=... name=...'", number)
        n = int(match.group(1))
        if n in self.quotes:
            raise InputError(source, f"q{n} is given twice", number)
        try:
            words = shlex.split(match.group(2) or "")
        except ValueError as err:
            raise InputError(source, f"bad quote line: {err}", number) from None
        values: dict[str, str] = {}
        for word in words:
            key, eq, value = word.partition("=")
            if not eq or key not in _KEYS or key in values:
                raise InputError(source, f"bad field {word!r} (known, once each: {', '.join(sorted(_KEYS))})", number)
            values[key] = value
        self.quotes[n] = (values, number)

    def build(self, family: str, source: str) -> ConstructionDoc:
        if not self.in_quotes:
            raise InputError(source, f"document {self.slug!r} has no '---' line", self.line)
        while self.lines and not self.lines[0][1]:
            self.lines.pop(0)
        while self.lines and not self.lines[-1][1]:
            self.lines.pop()
        if not self.lines:
            raise InputError(source, f"document {self.slug!r} has no text", self.line)
        text, spans = strip_markup([line for _, line in self.lines], self.lines[0][0], source)
        doc = ConstructionDoc(family, self.construction, self.slug, text, source=source, line=self.line)
        for (tag, n), found in spans.items():
            if n not in self.quotes:
                raise InputError(source, f"[[{tag}{n}|...]] has no quote line q{n}", found[0][2])
        gold = [self._quote(doc, n, spans, source) for n in sorted(self.quotes)]
        return ConstructionDoc(family, self.construction, self.slug, text, gold, source, self.line)

    def _quote(self, doc: ConstructionDoc, n: int, spans: _Spans, source: str) -> GoldQuote:
        values, number = self.quotes[n]
        text = doc.text

        def fail(reason: str) -> InputError:
            return InputError(source, f"q{n}: {reason}", number)

        def one(tag: str, key: str) -> Span | None:
            marked = spans.get((tag, n), [])
            if len(marked) > 1:
                raise InputError(source, f"[[{tag}{n}|...]] is marked twice", marked[1][2])
            ref = values.get(key)
            if ref is not None:
                if marked:
                    raise fail(f"{key}={ref} but [[{tag}{n}|...]] is marked too")
                other = re.fullmatch(r"q([1-9][0-9]*)", ref)
                if other is None or int(other.group(1)) == n or (tag, int(other.group(1))) not in spans:
                    raise fail(f"{key}={ref}: no other quote of this document marks [[{tag}...]]")
                marked = spans[(tag, int(other.group(1)))]
            return Span.of(text, marked[0][0], marked[0][1]) if marked else None

        content = one("c", "")
        if content is None:
            raise fail(f"no content markup [[c{n}|...]]")
        speaker, cue, principal = one("s", "speaker"), one("v", "cue"), one("p", "principal")
        fragments = tuple(Span.of(text, s, e) for s, e, _ in spans.get(("f", n), []))
        kind = values.get("kind")
        if kind not in SUITE_KINDS:
            raise fail(f"kind must be one of {', '.join(SUITE_KINDS)}, got {kind!r}")
        if "name" not in values:
            raise fail('needs name="..." (name=- when the source has no name)')
        flags = tuple(f for f in values.get("flags", "").split(",") if f)
        if set(flags) - FLAGS:
            raise fail(f"unknown flags {sorted(set(flags) - FLAGS)} (known: {', '.join(sorted(FLAGS))})")
        problem = _check(text, kind, content, speaker, fragments, flags)
        if problem:
            raise fail(problem)
        name = values["name"]
        return GoldQuote(
            doc_id=doc.doc_id,
            kind=kind,
            content=content,
            speaker=speaker,
            speaker_name=None if name in {"", "-"} else name,
            cue=cue,
            ident=f"{doc.doc_id}#q{n}",
            fragments=fragments,
            flags=flags,
            rule=values.get("rule", doc.construction),
            principal=principal,
            behalf=values.get("behalf") or None,
        )


_Found = tuple[int, int, int]  # start, end (in the stripped text), line of the opening tag
_Spans = dict[tuple[str, int], list[_Found]]


def strip_markup(lines: Sequence[str], first_line: int = 1, source: str = "<string>") -> tuple[str, _Spans]:
    """The text without markup, and ``{(tag, n): [(start, end, line), ...]}`` in that text.

    A run of ``]`` closes as many open tags as it has pairs; an odd one left over is a literal ``]``
    of the text that comes before the closings (``[[c1|... [sic]]]``).
    """
    raw = "\n".join(lines)
    out: list[str] = []
    size = 0
    stack: list[tuple[str, int, int, int]] = []
    spans: _Spans = {}
    i, line = 0, first_line
    while i < len(raw):
        if raw.startswith("[[", i):
            tag = _OPEN.match(raw, i)
            if tag is None or tag.group(1) not in TAGS or not tag.group(2):
                shown = raw[i : i + 8]
                raise InputError(source, f"unknown tag {shown!r} (known: [[c1|, [[s1|, [[v1|, [[f1|, [[p1|)", line)
            stack.append((tag.group(1), int(tag.group(2)), size, line))
            i = tag.end()
            continue
        if raw[i] == "]" and stack:
            run = len(raw) - i - len(raw[i:].lstrip("]"))
            closes = min(len(stack), run // 2)
            if run // 2 > len(stack):
                raise InputError(source, "']]' closes no open tag", line)
            literal = run - 2 * closes
            out.append("]" * literal)
            size += literal
            for _ in range(closes):
                tag_name, n, start, opened = stack.pop()
                if "\n\n" in "".join(out)[start:size] and tag_name != "c":
                    raise InputError(source, f"[[{tag_name}{n}|...]] runs over a paragraph break", opened)
                spans.setdefault((tag_name, n), []).append((start, size, opened))
            i += run
            continue
        if raw.startswith("]]", i):
            raise InputError(source, "']]' closes no open tag", line)
        out.append(raw[i])
        line += raw[i] == "\n"
        size += 1
        i += 1
    if stack:
        tag_name, n, _, opened = stack[-1]
        raise InputError(source, f"[[{tag_name}{n}|... is never closed with ']]'", opened)
    return "".join(out), spans


def _around(text: str, span: Span) -> tuple[str, str]:
    """The first non-space characters before and after a span."""
    before = text[: span.start].rstrip()
    after = text[span.end :].lstrip()
    return (before[-1] if before else ""), (after[0] if after else "")


def _check(
    text: str, kind: str, content: Span, speaker: Span | None, fragments: tuple[Span, ...], flags: tuple[str, ...]
) -> str | None:
    """What breaks the annotation guidelines (corpus/README.md) on the face of it, or None."""
    for what, span in [("content", content), ("speaker", speaker), *(("fragment", f) for f in fragments)]:
        if span is not None and (not span.text or span.text != span.text.strip()):
            return f"{what} {span.text!r} is empty or has surrounding whitespace"
    if speaker is None:
        return "every quote has a source: mark [[sN|...]] or copy one with speaker=qK"
    if kind == "direct":
        before, after = _around(text, content)
        open_ok = before in QUOTE_MARKS or "unbalanced" in flags
        close_ok = after in QUOTE_MARKS or bool({"unbalanced", "multi-paragraph"} & set(flags))
        if not (before and open_ok and close_ok):
            return f"direct content is not between quotation marks ({before!r}, {after!r}); flag it if unbalanced"
    if kind == "mixed" and not fragments:
        return "a mixed quote needs at least one [[fN|...]] fragment"
    if kind != "mixed" and fragments:
        return "only mixed quotes have fragments"
    for fragment in fragments:
        before, after = _around(text, fragment)
        if not content.contains(fragment) or before not in QUOTE_MARKS or after not in QUOTE_MARKS or not before:
            return f"fragment {fragment.text!r} is not between quotation marks inside the content"
    if kind != "direct" and content.text[-1] in ",;:":
        return f"{kind} content must not end with its sentence punctuation ({content.text[-1]!r})"
    return None
