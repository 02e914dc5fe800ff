"""Chunked extraction agrees with extraction of the whole document: every span of every record (the
principal and the evidence's included) is shifted into the whole text, on long generated documents with
every speaker form.

The parse is spaCy's, one paragraph at a time (each paragraph parsed alone and laid at its place), so a
paragraph parses the same whether it is read in a piece or in the whole text: what is tested is the
chunking (cuts, shifts, renumbering, provenance), not how a parser reads across a cut. Each paragraph names
its own speaker with a name used nowhere else, and its quotes have words of their own, so nothing in it
depends on an earlier piece.
"""

from __future__ import annotations

import functools
import re

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from quotes.parse.model import Parse, Sentence, Token
from quotes.pipeline import Extractor
from quotes.run.chunking import extract_chunked, pieces

# Given names, and surnames used once each (a surname met before would name a speaker from an earlier piece).
FIRST = ["John", "Maria", "Ahmed", "Olga", "Peter", "Amara", "Kenji"]
LAST = [
    "Smith", "Garcia", "Haddad", "Wei", "Petrova", "Novak", "Okafor", "Tanaka", "Rossi", "Berg", "Mensah", "Silva",
    "Kowalski", "Nguyen", "Dubois", "Larsen", "Moreau", "Fischer", "Jansen", "Costa", "Ibrahim", "Kaplan", "Lindqvist",
    "Marchetti", "Nakamura", "Oliveira", "Popescu", "Quinn", "Romero", "Schmidt", "Takahashi", "Umarov", "Varga",
]  # fmt: skip
ORGS = ["the opposition", "the ministry", "Acme Corp", "the city council", "the union", "the embassy"]
QUOTES = ["It is a disaster", "We will rebuild the bridge", "The talks are over", "Nobody was hurt"]
CLAUSES = ["the plan would fail", "the bridge is safe", "the vote was rigged", "prices will rise next year"]

# Every speaker form the rules know: inverted and plain cues, colon, split quotes, a spokesman for a
# principal (before and after the quote, appositive and possessive), according to, indirect and mixed
# quotes, a role noun. Not a quote standing alone, nor a pronoun: the quote of the paragraph before would
# continue into the one, and the other may take its antecedent from an earlier paragraph (the speaker
# before), both of which a cut between them rightly loses, as the chunking module says.
TEMPLATES = [
    '"{q}," said {n}.',
    '"{q}," {n} said.',
    '{n} said: "{q}."',
    '"{q}," said {n}, a spokesman for {o}.',
    "{n}, a spokeswoman for {o}, said that {c}.",
    '"{q}," said a spokesman for {o}, {n}.',
    "{O}'s spokesman {n} said {c}.",
    "According to {n}, {c}.",
    "{n} said {c}.",
    "{n} told reporters on Monday that {c}.",
    '{n} called the plan "a {w}".',
    '"{q}," a senior official told {n}.',
    '"{q}," {n} said. "{q2}."',
    '{n} denied that {c}, saying: "{q}."',
]
WORDS = ["disaster", "triumph", "mistake", "farce"]


class ParagraphBackend:
    """spaCy, one line (paragraph) at a time, the parses laid at their places in the text."""

    name = "spacy-paragraphs"
    model = "test"
    versions: dict[str, str] = {}  # noqa: RUF012

    def __init__(self) -> None:
        from quotes.parse.backends.spacy_backend import SpacyBackend

        self.inner = SpacyBackend()
        self.provides = self.inner.provides

    @functools.lru_cache(maxsize=4096)  # noqa: B019 - one backend per test session
    def _paragraph(self, text: str) -> Parse:
        return self.inner.parse(text, "paragraph")

    def parse(self, text: str, doc_id: str | None = None) -> Parse:
        tokens: list[Token] = []
        sentences: list[Sentence] = []
        for line in re.finditer(r"[^\n]+", text):
            at, first, sent = line.start(), len(tokens), len(sentences)
            alone = self._paragraph(line.group())
            for tok in alone.tokens:
                head = None if tok.head is None else tok.head + first
                tokens.append(
                    attrs.evolve(
                        tok,
                        index=tok.index + first,
                        start=tok.start + at,
                        end=tok.end + at,
                        head=head,
                        sentence=tok.sentence + sent,
                    )
                )
            for s in alone.sentences:
                sentences.append(Sentence(s.index + sent, s.start + at, s.end + at, s.first + first, s.last + first))
        return Parse(text, tuple(tokens), tuple(sentences), self.name, self.model, {}, self.provides)

    def parse_many(self, texts):
        for doc_id, text in texts:
            yield self.parse(text, doc_id)


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    pytest.importorskip("spacy", reason="spaCy is not installed (pip install 'quotes-audit[spacy]')")
    from quotes.parse.backends.spacy_backend import peek

    if peek() is None:
        pytest.skip("no spaCy English model installed")
    return Extractor(ParagraphBackend(), include_unattributed=True, evidence=True)


@st.composite
def documents(draw: st.DrawFn) -> str:
    forms = draw(st.lists(st.sampled_from(range(len(TEMPLATES))), min_size=8, max_size=24))
    forms.append(3)  # always a spokesman for a principal in the last piece: the case that lost documents
    surnames = draw(st.permutations(LAST))
    paragraphs = []
    for i, form in enumerate(forms):
        org = draw(st.sampled_from(ORGS))
        first = draw(st.sampled_from(FIRST))
        paragraphs.append(
            TEMPLATES[form].format(
                # Words of their own in every paragraph: a quote repeating an earlier one is a pull quote.
                q=f"{draw(st.sampled_from(QUOTES))} on day {i + 1}",
                q2=f"{draw(st.sampled_from(QUOTES))} in week {i + 1}",
                n=f"{first} {surnames[i]}",
                o=org,
                O=org[0].upper() + org[1:],
                c=f"{draw(st.sampled_from(CLAUSES))} by day {i + 1}",
                w=draw(st.sampled_from(WORDS)),
            )
        )
    breaks = draw(st.lists(st.sampled_from(["\n\n", "\n\n\n", "\r\n\r\n", "\n \n"]), min_size=len(paragraphs)))
    return "".join(p + b for p, b in zip(paragraphs, breaks, strict=False))


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(text=documents(), extra=st.integers(0, 400))
def test_chunked_and_whole_extraction_agree(extractor: Extractor, text: str, extra: int) -> None:
    # Pieces are cut at paragraph breaks when every paragraph (with its break) fits in one.
    longest = max(len(p) for p in re.split(r"(?<=\n)(?=[^\s])", text))
    limit = longest + extra
    cuts = pieces(text, limit)
    assert len(cuts) > 1
    whole = [r.to_dict(text) for r in extractor.extract(text, "doc")]
    chunked = [r.to_dict(text) for r in extract_chunked(extractor, text, "doc", limit)]
    assert chunked == whole
    principals = [r for r in whole if r.get("principal")]
    assert principals and principals[-1]["principal"]["start"] >= cuts[1][0], "a principal after the first piece"


def test_shift_record_moves_every_span_the_record_holds() -> None:
    """Every span found by walking the record (principal and evidence included) moves, and so does an
    offset an evidence note gives in words: nothing is left at its piece's offsets."""
    from quotes.pipeline import records_from_parse
    from quotes.run.chunking import shift_record
    from quotes.text.spans import iter_spans
    from tests.parse_helpers import parse_rows
    from tests.test_verify_tampering import MIXED, SPOKESMAN, TEXT

    prefix = "A headline.\n\n"
    records = records_from_parse(parse_rows(TEXT, SPOKESMAN, MIXED), "doc")
    for record in records:
        noted = attrs.evolve(
            record, evidence=attrs.evolve(record.evidence, notes=("inherits the speaker and cue of the quote at 1",))
        )
        moved = shift_record(noted, len(prefix))
        before = dict(iter_spans(noted, "record"))
        after = dict(iter_spans(moved, "record"))
        assert before.keys() == after.keys() and len(before) > 5
        for name, span in before.items():
            assert (after[name].start, after[name].end) == (span.start + len(prefix), span.end + len(prefix)), name
        assert moved.check(prefix + TEXT) == []
        assert moved.evidence.notes == (f"inherits the speaker and cue of the quote at {1 + len(prefix)}",)
    assert records[0].principal is not None
