"""Who the report groups and colours each quote by, and the colour each speaker gets."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from typing import Any

from quotes.workbench.archive_search import NO_SPEAKER

# The palette (hues in degrees), the most distinct first.
_HUES = (210, 10, 130, 280, 40, 180, 330, 95, 245, 25, 160, 300, 60, 195, 350, 115)


#: The key under which :func:`merge_speaker_case` leaves a report copy's speaker group.
GROUP = "_speaker_group"


def speaker_key(record: Mapping[str, Any]) -> str:
    """The speaker a record is grouped and coloured by: its canonical name, else its mention in quotes (the
    group :func:`merge_speaker_case` chose, when it ran over the report's copies of the records)."""
    if record.get(GROUP):
        return str(record[GROUP])
    if record.get("speaker_name"):
        return str(record["speaker_name"])
    speaker = record.get("speaker")
    return f"“{speaker['text']}”" if speaker else NO_SPEAKER


def merge_speaker_case(records: Iterable[dict[str, Any]]) -> None:
    """Group speakers whose names differ only in case ("City" and "city") under one name: the form most
    records use, the one with more capitals on a tie. Sets :data:`GROUP` on each (report copies, never the
    records themselves); the records' own ``speaker_name`` is shown as it is."""
    records = list(records)
    forms: dict[str, Counter[str]] = defaultdict(Counter)
    for record in records:
        forms[speaker_key(record).casefold()][speaker_key(record)] += 1
    chosen = {
        folded: max(counts, key=lambda form: (counts[form], sum(c.isupper() for c in form), form))
        for folded, counts in forms.items()
    }
    for record in records:
        record[GROUP] = chosen[speaker_key(record).casefold()]


def speaker_colours(keys: Iterable[str], together: Iterable[Iterable[str]] = ()) -> dict[str, int]:
    """A hue per speaker (the no-speaker group gets -1, grey), the same everywhere in the report.

    ``keys`` come most quoted first; ``together`` lists the speakers of each article. Each speaker takes
    the palette hue farthest from those of the speakers it shares an article with (then the least used
    overall), so the speakers of one article have distinct colours while the palette lasts.
    """
    neighbours: dict[str, set[str]] = defaultdict(set)
    for group in together:
        members = set(group)
        for key in members:
            neighbours[key] |= members - {key}
    hues: dict[str, int] = {}
    used: Counter[int] = Counter()
    for key in keys:
        if key in hues:
            continue
        if key == NO_SPEAKER:
            hues[key] = -1
            continue
        near = Counter(hues[k] for k in neighbours[key] if k in hues and hues[k] >= 0)

        def distance(h: int, near: Counter[int] = near) -> int:
            return min((min(abs(h - o), 360 - abs(h - o)) for o in near), default=180)

        hue = min(_HUES, key=lambda h: (near[h], -distance(h), used[h], _HUES.index(h)))
        hues[key] = hue
        used[hue] += 1
    return hues


def colour_style(hue: int) -> str:
    if hue < 0:
        return "--bg:hsl(0 0% 88%);--fg:hsl(0 0% 30%)"
    return f"--bg:hsl({hue} 85% 87%);--fg:hsl({hue} 70% 32%)"
