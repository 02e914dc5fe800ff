"""Speakers by name, per speaker form, over the construction suite (``quotes evaluate --constructions``).

The attribution score counts a speaker right when its *mention* overlaps the gold one; what the
archive, ``search --speaker`` and ``check`` file a quote under is its *name*. This scores the name:
for every gold quote the extractor found (content matched as in :mod:`quotes.evaluation.scoring`) whose
gold has a name, the predicted ``speaker_name`` is right when it equals the gold name after
:func:`~quotes.evaluation.scoring.normalize_name`. The rows group quotes by how the text writes the
speaker (:func:`speaker_form`), so a pronoun or a role that refers back to a named person is measured
apart from a name written out. Where the gold gives the principal's name (``behalf=``), the
``on behalf of`` row scores ``on_behalf_of`` the same way.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping, Sequence
from typing import Any

from attrs import define

from quotes.evaluation import scoring
from quotes.evaluation.construction_suite import ConstructionDoc, GoldQuote
from quotes.evaluation.constructions import items_for
from quotes.evaluation.scoring import normalize_name
from quotes.speakers.discourse import DATE_WORDS

FORMS = ("pronoun", "role", "possessive", "surname", "name")
PRONOUN_FORMS = frozenset({"he", "she", "it", "they", "him", "her", "them", "i", "we", "you"})
BEHALF = "on behalf of"


def speaker_form(mention: str, name: str) -> str:
    """How the text writes a speaker whose canonical name is ``name``:

    * ``pronoun``: "she", "it", "they";
    * ``name``: the whole proper name is in the mention ("Judge Ana Ruiz", "Ana Ruiz, a nurse");
    * ``possessive``: an owner's role ("the company's chief executive", "Aliyev's spokesman");
    * ``surname``: part of the name ("Ruiz", "Judge Ruiz");
    * ``role``: a title, role or body in common nouns ("the judge", "the President", "the company").
    """
    low = mention.lower().strip()
    if low in PRONOUN_FORMS:
        return "pronoun"
    mention_words = set(normalize_name(mention).split())
    name_words = normalize_name(name).split()
    proper = all(w[:1].isupper() for w in name.replace(" and ", " ").split())
    possessive = "'s " in mention or "’s " in mention or mention.endswith(("'s", "’s")) or "s' " in mention
    determined = mention.split()[0].lower() in {"the", "a", "an"}
    if not possessive and determined and normalize_name(mention) == normalize_name(name):
        return "role"  # "the President" that no name stands behind
    if proper and name_words and set(name_words) <= mention_words:
        return "name"
    if possessive:
        return "possessive"
    capitals = {normalize_name(w) for w in mention.split()[1:] if w[:1].isupper()}
    if proper and capitals & set(name_words):
        return "surname"
    return "role"


@define
class NameRow:
    """Found quotes of one speaker form: how many have the right mention, and the right name."""

    form: str
    found: int = 0
    mention_right: int = 0
    name_right: int = 0

    @property
    def by_name(self) -> float:
        return self.name_right / self.found if self.found else 0.0

    @property
    def by_mention(self) -> float:
        return self.mention_right / self.found if self.found else 0.0

    def to_dict(self) -> dict[str, Any]:
        return {
            "form": self.form,
            "found": self.found,
            "right_by_mention": self.mention_right,
            "right_by_name": self.name_right,
            "by_name": round(self.by_name, 4),
        }


def score_names(
    docs: Sequence[ConstructionDoc], records_by_doc: Mapping[str, Iterable[Any]], forms: Iterable[str] = FORMS
) -> tuple[list[NameRow], list[tuple[GoldQuote, scoring.Item]]]:
    """One row per speaker form (in ``forms`` order, empty forms left out), then ``all`` and, when the
    gold names principals, ``on behalf of``; and the found quotes filed under a wrong name."""
    rows = {form: NameRow(form) for form in forms}
    total, behalf = NameRow("all"), NameRow(BEHALF)
    wrong: list[tuple[GoldQuote, scoring.Item]] = []
    for doc in docs:
        if not doc.gold:
            continue
        for gold, pred in scoring.match(doc.gold, items_for(records_by_doc[doc.doc_id], doc.doc_id)):
            if not gold.speaker_name or gold.speaker is None:
                continue
            form = speaker_form(gold.speaker.text, gold.speaker_name)
            row = rows.setdefault(form, NameRow(form))
            mention = pred.speaker is not None and pred.speaker.overlap(gold.speaker) > 0
            named = normalize_name(gold.speaker_name) == normalize_name(pred.speaker_name)
            for r in (row, total):
                r.found += 1
                r.mention_right += mention
                r.name_right += named
            if not named:
                wrong.append((gold, pred))
            if isinstance(gold, GoldQuote) and gold.behalf:
                behalf.found += 1
                behalf.mention_right += mention
                behalf.name_right += normalize_name(gold.behalf) == normalize_name(pred.on_behalf_of)
    out = [r for r in rows.values() if r.found] + [total]
    return out + ([behalf] if behalf.found else []), wrong


def render_names(rows: Sequence[NameRow], title: str = "speakers by name, per speaker form") -> str:
    head = f"{'speaker form':<16}{'found':>6}{'by mention':>12}{'by name':>9}"
    lines = [title, head, "-" * len(head)]
    for row in rows:
        lines.append(f"{row.form:<16}{row.found:>6}{row.by_mention:>12.3f}{row.by_name:>9.3f}")
    return "\n".join(lines)


def unnamed_speaker(name: str | None, gold_name: str | None, titles: Collection[str]) -> str | None:
    """Why a record's ``name`` fails a speaker the story names as ``gold_name``: ``"date"`` for a date or
    time word ("Monday", "March"), ``"role"`` for a bare role or title ("the union's general secretary",
    "71-year-old governor", "Prime Minister") where the gold is a proper name; None when neither."""
    if not name:
        return None
    words = [w.strip(".,'’") for w in name.split()]
    if words and words[-1].lower() in DATE_WORDS:
        return "date"
    # A proper name: one word with a capital ("Kovapress"), or a capital past the first word, which a
    # sentence may have capitalized ("Aid workers" is no name; "Port Ellis council" is).
    gold_words = (gold_name or "").split()
    capitals = gold_words if len(gold_words) == 1 else gold_words[1:]
    proper = any(w[:1].isupper() and w.lower().strip(".") not in titles for w in capitals)
    titled = {w for t in titles if f" {t} " in f" {name.lower()} " for w in t.split()}  # "Prime Minister"
    bare = all(not w[:1].isupper() or w.lower() in titles or w.lower() in titled for w in words)
    if proper and bare and normalize_name(name) != normalize_name(gold_name):
        return "role"
    return None


def unnamed_speakers(
    docs: Sequence[ConstructionDoc], records_by_doc: Mapping[str, Iterable[Any]], titles: Collection[str]
) -> list[tuple[GoldQuote, scoring.Item, str]]:
    """The found quotes whose speaker the gold names while their record names a date, a time or a bare
    role word (:func:`unnamed_speaker`), with which of the two it is."""
    out: list[tuple[GoldQuote, scoring.Item, str]] = []
    for doc in docs:
        if not doc.gold:
            continue
        for gold, pred in scoring.match(doc.gold, items_for(records_by_doc[doc.doc_id], doc.doc_id)):
            why = unnamed_speaker(pred.speaker_name, gold.speaker_name, titles)
            if why is not None and isinstance(gold, GoldQuote):
                out.append((gold, pred, why))
    return out
