"""How often the speaker resolver names the right person, measured on GUM's gold coreference.

GUM's MISC column marks every entity mention (``Entity=(120-person-...`` opens mention 120 on a
word, ``120)`` closes it). For each attribution the rules find on the gold trees, the speaker
mention's head is looked up in the gold mentions; the resolver's ``speaker_name`` is right when it
names that entity: its words all occur in one of the entity's mentions ("Chris Gregoire" in
"Governor of Washington Chris Gregoire"). Attributions whose mention is not a gold mention are left
out (the mention itself is then wrong, which the corpus scores already count).

The figure that matters is over *resolved* mentions (pronouns, titles, surnames: the name differs
from the mention); mentions named by themselves are counted separately.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from attrs import define, field

from quotes.evaluation.scoring import normalize_name
from quotes.parse.backends.conllu import parse_from_conllu
from quotes.parse.backends.conllu_reader import ConlluDocument, read_conllu
from quotes.pipeline import records_from_parse

FIRST_SECOND_PERSON = frozenset({"i", "we", "you", "me", "us"})


@define
class ResolutionScore:
    resolved_right: int = 0
    resolved_total: int = 0
    self_named_right: int = 0
    self_named_total: int = 0
    documents: int = 0
    first_person: int = 0  # "I", "we", "you": the writer or addressee, not named by the text
    errors: list[tuple[str, str, str | None, list[str]]] = field(factory=list)

    @property
    def resolved_accuracy(self) -> float:
        return self.resolved_right / self.resolved_total if self.resolved_total else 0.0

    @property
    def overall_accuracy(self) -> float:
        total = self.resolved_total + self.self_named_total
        return (self.resolved_right + self.self_named_right) / total if total else 0.0

    def summary(self) -> str:
        return (
            f"speaker names on GUM gold coreference ({self.documents} documents): resolved mentions "
            f"{self.resolved_right}/{self.resolved_total} = {self.resolved_accuracy:.3f}; all mentions "
            f"{self.resolved_right + self.self_named_right}/{self.resolved_total + self.self_named_total} "
            f"= {self.overall_accuracy:.3f} ({self.first_person} first/second-person speakers left out)"
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
        text = document.text()
        try:
            parse = parse_from_conllu(text, document)
        except Exception:  # a document the aligner cannot map is skipped, not fatal
            continue
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
            right = _names_entity(record.speaker_name, by_entity[entity])
            self_named = normalize_name(record.speaker_name) == normalize_name(record.speaker.text)
            if self_named:
                score.self_named_total += 1
                score.self_named_right += right
            else:
                score.resolved_total += 1
                score.resolved_right += right
            if not right:
                gold = by_entity[entity][:4]
                score.errors.append((document.id or "", record.speaker.text, record.speaker_name, gold))
    return score


def measure_files(paths: Iterable[str | Path]) -> ResolutionScore:
    docs = [doc for path in paths for doc in read_conllu(Path(path))]
    return measure(doc for doc in docs if _has_entities(doc))


def _has_entities(document: ConlluDocument) -> bool:
    return any("Entity=" in w.misc for s in document.sentences[:3] for w in s.words)


def _head_in(parse, start: int, end: int) -> int:
    inside = [t.index for t in parse.tokens if start <= t.start and t.end <= end]
    for i in inside:
        head = parse.tokens[i].head
        if head is None or head not in inside:
            return i
    return inside[0] if inside else 0


def _names_entity(name: str | None, mentions: list[str]) -> bool:
    words = set(normalize_name(name).split())
    if not words:
        return False
    return any(words <= set(normalize_name(m).split()) for m in mentions)
