"""How often the speaker resolver names the right person, measured on GUM's gold coreference.

GUM's MISC column marks every entity mention (``Entity=(120-person-...`` opens mention 120 on a
word, ``120)`` closes it). For each attribution the rules find on the gold trees, the speaker
mention's head is looked up in the gold mentions; the resolver's ``speaker_name`` is right when it
names that entity: its words all occur in one of the entity's mentions ("Chris Gregoire" in
"Governor of Washington Chris Gregoire"). Attributions whose mention is not a gold mention are left
out (the mention itself is then wrong, which the corpus scores already count).

The figure that matters is over *resolved* mentions (pronouns, titles, surnames: the name differs
from the mention); mentions named by themselves are counted separately.

The documents are split (:func:`measure_split`): the development set, listed in
``quotes/data/gum_speaker_dev.txt`` (the GUM articles of ``corpus/`` and a quarter of each genre, whose
errors may be read), and the held-out rest, whose errors nobody reads: only its aggregate figures are
looked at, so it estimates the resolver on text its rules were not written against.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from attrs import define, field

from quotes.data.lexicon import id_list
from quotes.evaluation.scoring import normalize_name
from quotes.parse.backends.conllu import parse_from_conllu
from quotes.parse.backends.conllu_reader import ConlluDocument, read_conllu
from quotes.pipeline import records_from_parse

FIRST_SECOND_PERSON = frozenset({"i", "we", "you", "me", "us"})
DEV_LIST = "gum_speaker_dev.txt"
# "No quote filed under the wrong person at high confidence" (issue 14) is measured at this confidence.
HIGH_CONFIDENCE = 0.8


def dev_documents() -> frozenset[str]:
    """The GUM document ids of the development set (``quotes/data/gum_speaker_dev.txt``)."""
    return id_list(DEV_LIST)


@define
class ResolutionScore:
    resolved_right: int = 0
    resolved_total: int = 0
    self_named_right: int = 0
    self_named_total: int = 0
    documents: int = 0
    first_person: int = 0  # "I", "we", "you": the writer or addressee, not named by the text
    errors: list[tuple[str, str, str | None, list[str]]] = field(factory=list)
    # Resolved mentions by how the resolver named them ("pronoun", "title", ...): [right, total].
    by_method: dict[str, list[int]] = field(factory=dict)
    # Resolved mentions whose record has confidence >= HIGH_CONFIDENCE: [filed under a wrong name, total].
    confident: list[int] = field(factory=lambda: [0, 0])

    @property
    def resolved_accuracy(self) -> float:
        return self.resolved_right / self.resolved_total if self.resolved_total else 0.0

    @property
    def overall_accuracy(self) -> float:
        total = self.resolved_total + self.self_named_total
        return (self.resolved_right + self.self_named_right) / total if total else 0.0

    def summary(self, label: str = "") -> str:
        methods = ", ".join(f"{m} {r}/{t}" for m, (r, t) in sorted(self.by_method.items()))
        return (
            f"speaker names on GUM gold coreference{' ' + label if label else ''} ({self.documents} documents): "
            "resolved mentions "
            f"{self.resolved_right}/{self.resolved_total} = {self.resolved_accuracy:.3f}; all mentions "
            f"{self.resolved_right + self.self_named_right}/{self.resolved_total + self.self_named_total} "
            f"= {self.overall_accuracy:.3f} ({self.first_person} first/second-person speakers left out)"
            + (f"; resolved by {methods}" if methods else "")
            + f"; at confidence >= {HIGH_CONFIDENCE}: {self.confident[0]} of {self.confident[1]} resolved names wrong"
        )


def gold_mentions(document: ConlluDocument) -> list[tuple[int, int, str]]:
    """``(first word, last word, entity id)`` for every gold mention, word indices document-wide."""
    mentions: list[tuple[int, int, str]] = []
    open_at: dict[str, list[int]] = {}
    index = 0
    for sentence in document.sentences:
        for word in sentence.words:
            value = word.misc_dict.get("Entity", "")
            i = 0
            while i < len(value):
                if value[i] == "(":
                    j = i + 1
                    while j < len(value) and value[j] not in "()":
                        j += 1
                    entity = value[i + 1 : j].split("-", 1)[0]
                    if j < len(value) and value[j] == ")":
                        mentions.append((index, index, entity))
                        j += 1
                    else:
                        open_at.setdefault(entity, []).append(index)
                    i = j
                elif value[i].isdigit():
                    j = i
                    while j < len(value) and value[j].isdigit():
                        j += 1
                    entity = value[i:j]
                    if j < len(value) and value[j] == ")" and open_at.get(entity):
                        mentions.append((open_at[entity].pop(), index, entity))
                    i = j + 1
                else:
                    i += 1
            index += 1
    return mentions


def measure(documents: Iterable[ConlluDocument]) -> ResolutionScore:
    score = ResolutionScore()
    for document in documents:
        _measure_document(document, score)
    return score


def _measure_document(document: ConlluDocument, score: ResolutionScore) -> None:
    text = document.text()
    try:
        parse = parse_from_conllu(text, document)
    except Exception:  # a document the aligner cannot map is skipped, not fatal
        return
    score.documents += 1
    mentions = gold_mentions(document)
    by_entity: dict[str, list[str]] = {}
    for first, last, entity in mentions:
        by_entity.setdefault(entity, []).append(parse.span(first, last).text)
    for record in records_from_parse(parse, document.id or "gum"):
        if record.speaker is None:
            continue
        head = _head_in(parse, record.speaker.start, record.speaker.end)
        candidates = [m for m in mentions if m[0] <= head <= m[1]]
        if not candidates:
            continue
        if record.speaker.text.lower() in FIRST_SECOND_PERSON:
            score.first_person += 1
            continue
        first, last, entity = min(candidates, key=lambda m: m[1] - m[0])
        right = names_entity(record.speaker_name, by_entity[entity])
        self_named = normalize_name(record.speaker_name) == normalize_name(record.speaker.text)
        if self_named:
            score.self_named_total += 1
            score.self_named_right += right
        else:
            score.resolved_total += 1
            score.resolved_right += right
            tally = score.by_method.setdefault(_method(record.evidence.notes), [0, 0])
            tally[0] += right
            tally[1] += 1
            if record.confidence >= HIGH_CONFIDENCE:
                score.confident[0] += not right and record.speaker_name is not None
                score.confident[1] += 1
        if not right:
            gold = by_entity[entity][:4]
            score.errors.append((document.id or "", record.speaker.text, record.speaker_name, gold))


def _method(notes: Iterable[str]) -> str:
    for note in notes:
        if note.startswith("speaker named by "):
            return note.removeprefix("speaker named by ").split(" ")[0].split(":")[0]
    return "name"


def measure_files(paths: Iterable[str | Path]) -> ResolutionScore:
    docs = [doc for path in paths for doc in read_conllu(Path(path))]
    return measure(doc for doc in docs if has_entities(doc))


def measure_split(
    paths: Iterable[str | Path], dev: frozenset[str] | None = None
) -> tuple[ResolutionScore, ResolutionScore]:
    """``(development, held-out)`` scores: the documents listed in ``dev`` (default
    :func:`dev_documents`) and all the others. Read only the held-out score's totals, never its errors."""
    dev = dev_documents() if dev is None else dev
    development, held_out = ResolutionScore(), ResolutionScore()
    for path in paths:
        for doc in read_conllu(Path(path)):
            if has_entities(doc):
                _measure_document(doc, development if doc.id in dev else held_out)
    held_out.errors.clear()  # nobody reads them: the figure stays an estimate on unseen text
    return development, held_out


def has_entities(document: ConlluDocument) -> bool:
    return any("Entity=" in w.misc for s in document.sentences[:3] for w in s.words)


def _head_in(parse, start: int, end: int) -> int:
    inside = [t.index for t in parse.tokens if start <= t.start and t.end <= end]
    for i in inside:
        head = parse.tokens[i].head
        if head is None or head not in inside:
            return i
    return inside[0] if inside else 0


def names_entity(name: str | None, mentions: list[str]) -> bool:
    words = set(normalize_name(name).split())
    if not words:
        return False
    return any(words <= set(normalize_name(m).split()) for m in mentions)
