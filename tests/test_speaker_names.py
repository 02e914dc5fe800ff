"""Speaker names a fact-checker can file quotes under: roles, principals, titles, gender (issue 14).

Sentences written for these tests; most run through the real stanza pipeline on the offline model.
"""

from __future__ import annotations

import json

import pytest

from quotes.pipeline import Extractor
from quotes.records import QuoteRecord
from quotes.workbench.archive import Archive


@pytest.fixture(scope="module")
def extract(stanza_backend):
    extractor = Extractor(stanza_backend)

    def run(text: str) -> list[QuoteRecord]:
        records = extractor.extract(text, "t")
        for record in records:
            assert record.check(text) == []
        return records

    return run


def by_content(records: list[QuoteRecord], words: str) -> QuoteRecord:
    [record] = [r for r in records if words in r.content.text]
    return record


@pytest.mark.stanza
def test_pronoun_whose_antecedent_is_a_role_takes_the_role(extract) -> None:
    records = extract(
        "The mayor said the bridge would reopen in May.\n\n"
        "On Tuesday she told reporters that the delay was regrettable."
    )
    first, second = by_content(records, "reopen"), by_content(records, "delay")
    assert first.speaker_name == "mayor"  # a title no person bears stays its own name, not null
    assert second.speaker.text == "she" and second.speaker_name == "mayor"
    assert [s.text for s in second.evidence.speaker_chain] == ["she", "The mayor"]
    assert any("speaker named by pronoun" in n and "x0." in n for n in second.evidence.notes)


@pytest.mark.stanza
def test_spokesman_speaks_for_the_principal_not_as_him(extract) -> None:
    text = 'Ilham Aliyev spoke on Monday.\n\n"We will appeal," Ilham Aliyev\'s spokesman said.'
    record = by_content(extract(text), "appeal")
    assert record.speaker_name == "Ilham Aliyev's spokesman"
    assert record.on_behalf_of == "Ilham Aliyev"
    assert record.principal is not None and record.principal.text == "Ilham Aliyev"
    assert text[record.principal.start : record.principal.end] == "Ilham Aliyev"
    assert any(n.startswith("speaks on behalf of Ilham Aliyev") for n in record.evidence.notes)


@pytest.mark.stanza
def test_lawyer_for_and_a_named_spokesman(extract) -> None:
    lawyer = by_content(extract("A lawyer for Maria Gonzalez said the charges were baseless."), "baseless")
    assert lawyer.speaker_name == "lawyer for Maria Gonzalez"
    assert lawyer.on_behalf_of == "Maria Gonzalez"
    text = 'Ilham Aliyev spoke on Monday. "We will appeal," his spokesman, Hikmet Hajiyev, said later.'
    named = by_content(extract(text), "appeal")
    assert named.speaker_name == "Hikmet Hajiyev"  # the spokesman's own name when the text gives it
    assert named.on_behalf_of == "Ilham Aliyev"  # "his" resolved to the person he speaks for
    assert named.principal.text == "his"


@pytest.mark.stanza
def test_capitalized_titles_resolve(extract) -> None:
    text = 'Prime Minister Kwame Mensah arrived on Monday. "We are ready," the Prime Minister said.'
    assert by_content(extract(text), "ready").speaker_name == "Kwame Mensah"
    text = 'Amina Yusuf, the city\'s mayor, opened the bridge. "It is a good day," the Mayor said.'
    assert by_content(extract(text), "good day").speaker_name == "Amina Yusuf"


@pytest.mark.stanza
def test_title_with_an_organisation_picks_the_person_introduced_with_it(extract) -> None:
    text = (
        "Russian Foreign Minister Sergei Lavrov met Chinese Foreign Minister Wang Yi. "
        '"The talks were useful," Russia\'s foreign minister said.'
    )
    record = by_content(extract(text), "useful")
    assert record.speaker_name == "Sergei Lavrov"
    assert any("introduced" in n for n in record.evidence.notes)


@pytest.mark.stanza
def test_she_in_a_story_about_a_woman_and_a_man(extract) -> None:
    panel = "Ms. Tanaka and Mr. Ferreira sat on the panel."
    text = f'{panel} Ferreira asked the first question. "We need more nurses," she said.'
    record = by_content(extract(text), "nurses")
    assert record.speaker_name == "Tanaka"  # Ferreira is the more recent subject, but "Mr." makes him a man
    assert any("gender f" in n for n in record.evidence.notes)
    text = (
        'Ms. Tanaka and Mr. Ferreira sat on the panel. Tanaka asked the first question. "We need more nurses," he said.'
    )
    assert by_content(extract(text), "nurses").speaker_name == "Ferreira"


@pytest.mark.stanza
def test_unknown_gender_does_not_block_the_salient_person(extract) -> None:
    text = 'Sofia Marin arrived at the clinic at dawn. "It is hard," she said.'
    record = by_content(extract(text), "hard")
    assert record.speaker_name == "Sofia Marin"


def _record(**extra) -> dict:
    text = '"We will appeal," his spokesman said.'
    data = {
        "doc_id": "d",
        "quote_id": "q1",
        "kind": "direct",
        "content": {"start": 1, "end": 16, "text": text[1:16]},
        "speaker": {"start": 18, "end": 31, "text": text[18:31]},
        "speaker_name": "spokesman",
        **extra,
        "cue": {"start": 32, "end": 36, "text": "said"},
        "confidence": 0.9,
        "fragments": [],
        "flags": [],
        "evidence": {"rule": "quote-cue", "path": [], "sentence": None, "marks": [], "speaker_chain": [], "notes": []},
        "provenance": {"parser": "p", "model": "m", "quotes_version": "0", "text_sha256": "0" * 64, "versions": {}},
    }
    return data


def test_principal_round_trips_and_is_absent_when_there_is_none() -> None:
    with_principal = _record(on_behalf_of="Ilham Aliyev", principal={"start": 18, "end": 21, "text": "his"})
    record = QuoteRecord.from_dict(with_principal)
    assert record.on_behalf_of == "Ilham Aliyev" and record.principal.text == "his"
    assert record.to_dict() == with_principal
    plain = _record()
    assert QuoteRecord.from_dict(plain).to_dict() == plain
    assert "on_behalf_of" not in QuoteRecord.from_dict(plain).to_dict()


def test_archive_searches_by_principal(tmp_path) -> None:
    spokesman = _record(on_behalf_of="Ilham Aliyev", principal={"start": 18, "end": 21, "text": "his"})
    own = dict(
        _record(), quote_id="q2", speaker_name="Ilham Aliyev", content={"start": 2, "end": 16, "text": "e will appeal,"}
    )
    with Archive(tmp_path / "a.sqlite") as archive:
        archive.add_records([spokesman, own])
        assert [h.quote_id for h in archive.search(on_behalf_of="Aliyev")] == ["q1"]
        assert [h.quote_id for h in archive.search(speaker="Aliyev")] == ["q2"]
        assert archive.principals() == [("Ilham Aliyev", 1)]
        [hit] = archive.search(on_behalf_of="aliyev")
        assert hit.on_behalf_of == "Ilham Aliyev" and hit.to_dict()["on_behalf_of"] == "Ilham Aliyev"


def test_old_archive_gets_the_principal_column(tmp_path) -> None:
    path = tmp_path / "old.sqlite"
    with Archive(path) as archive:
        archive.add_records([_record(on_behalf_of="Ilham Aliyev", principal={"start": 18, "end": 21, "text": "his"})])
        archive.conn.execute("ALTER TABLE quotes DROP COLUMN on_behalf_of")
        archive.conn.commit()
    with Archive(path, create=False) as archive:
        [hit] = archive.search(on_behalf_of="Ilham Aliyev")
        assert (
            json.loads(archive.conn.execute("SELECT record FROM quotes").fetchone()[0])["on_behalf_of"]
            == hit.on_behalf_of
        )
