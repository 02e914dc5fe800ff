"""What ``quotes verify`` re-derives of a record, whatever its digest says: the signs that a record is not
what extraction wrote, so that a forger who recomputes ``record_sha256`` is still caught wherever the record
contradicts itself or its source.

What is re-derived (:func:`record_problems`), whatever the source: a speaker name has a speaker mention,
and the speaker mention is the one its speaker chain starts from; a principal (``on_behalf_of``) has its
words inside the speaker mention, and the two principal fields go together; a mixed quote, and only a mixed quote, has
fragments; a direct quote lies inside one of its quotation-mark regions. (Each held on every
record of the development corpus and the construction suite, stanza and spaCy: 1,355 records.) With the
source: every word of the name fields is in the text; the record's ``text_sha256`` is the source's when
other records of the document say so; in an unchanged source every span of the evidence (sentence, marks,
speaker chain) slices the text.
"""

from __future__ import annotations

from quotes.records import QuoteRecord
from quotes.text.spans import Span, iter_spans


def record_problems(record: QuoteRecord, text: str | None = None, *, unchanged: bool = False) -> list[str]:
    """What shows that ``record`` is not what extraction wrote (empty when nothing does): its digest, and
    every field re-derived from the others (and from ``text``, the source, when given; ``unchanged``: the
    source's hash is the record's, so every span of the evidence must slice it)."""
    problems = []
    digest = record.digest_problem()
    if digest is not None:
        problems.append(digest)
    if record.speaker_name is not None and record.speaker is None:
        problems.append("speaker_name without a speaker mention to take it from")
    chain = record.evidence.speaker_chain
    if record.speaker is not None:
        if not chain:
            problems.append("a speaker without evidence.speaker_chain (it starts from the speaker mention)")
        elif (chain[0].start, chain[0].end, chain[0].text) != (
            record.speaker.start,
            record.speaker.end,
            record.speaker.text,
        ):
            problems.append(
                f"speaker {record.speaker.start}-{record.speaker.end} {_clip(record.speaker.text)!r} is not the "
                f"mention its speaker chain starts from ({chain[0].start}-{chain[0].end} {_clip(chain[0].text)!r})"
            )
    if (record.on_behalf_of is None) != (record.principal is None):
        problems.append("on_behalf_of and principal go together: one of them is missing")
    if record.principal is not None and (record.speaker is None or not record.speaker.contains(record.principal)):
        problems.append(f"principal {record.principal.start}-{record.principal.end} is outside the speaker mention")
    if (record.kind == "mixed") != bool(record.fragments):
        problems.append(
            "a mixed quote without fragments" if record.kind == "mixed" else f"fragments in a {record.kind} quote"
        )
    if record.kind == "direct" and not any(_inside_region(record.content, r) for r in record.evidence.marks):
        problems.append("a direct quote outside every quotation-mark region of its evidence")
    if text is not None:
        folded = text.casefold()
        for name in ("speaker_name", "on_behalf_of"):
            value = getattr(record, name)
            missing = [w for w in (value or "").split() if w.casefold() not in folded]
            if missing:
                problems.append(f"{name} {_clip(value or '')!r} has words the source does not: {', '.join(missing)}")
        if unchanged:
            bad = [name for name, span in iter_spans(record.evidence, "evidence") if not span.slices(text)]
            if bad:
                problems.append(f"{', '.join(bad)} do not slice the source, whose hash is the record's")
    return problems


def _inside_region(content: Span, region: object) -> bool:
    """Whether ``content`` lies between a region's marks (an open side stands for the paragraph's edge)."""
    opening, closing = getattr(region, "open", None), getattr(region, "close", None)
    if opening is None and closing is None:
        return False
    return (opening is None or opening.end <= content.start) and (closing is None or content.end <= closing.start)


def _clip(text: str, width: int = 40) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"
