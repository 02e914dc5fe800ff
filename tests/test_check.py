"""``quotes check`` as a fact-checker uses it: one claim per verdict, on the corpus.

The archive holds the records ``quotes extract --parser conllu`` finds in the GUM articles (gold trees,
no model) and, for the seed article's own example, the offline stanza model's records.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from quotes.cli import main
from quotes.workbench import claim_similarity, claims
from quotes.workbench.archive import Archive
from quotes.workbench.archive_search import name_parts
from quotes.workbench.claim_frame import split_frame
from quotes.workbench.claim_similarity import similarity
from quotes.workbench.claims import (
    CONTRADICTS,
    DIFFERENT,
    DIRECT,
    NOT_FOUND,
    NOTHING_TO_CHECK,
    SHARES_WORDS,
    SOMEONE_ELSE,
    check_claim,
)

ARTICLES = Path(__file__).resolve().parents[1] / "corpus" / "articles"
GUM = sorted(str(p) for p in ARTICLES.glob("GUM_news_*.txt"))
SEED = ARTICLES / "000_a59417acd8045365.txt"


@pytest.fixture(scope="module")
def gum_db(tmp_path_factory) -> Path:
    tmp = tmp_path_factory.mktemp("check")
    records = tmp / "gum.jsonl"
    assert main(["extract", "--parser", "conllu", *GUM, "-o", str(records)]) == 0
    assert main(["index", str(records), "--db", str(tmp / "archive.sqlite"), "--sources", *GUM]) == 0
    return tmp / "archive.sqlite"


@pytest.fixture(params=["rapidfuzz", "difflib"])
def backend(request, monkeypatch):
    """Every verdict holds with rapidfuzz and with the difflib fallback."""
    if request.param == "rapidfuzz":
        pytest.importorskip("rapidfuzz", reason="rapidfuzz is not installed; the difflib run covers the fallback")
    else:
        monkeypatch.setattr(claim_similarity, "_fuzz", None)
    return request.param


# claim, verdict, (words the best quote starts with, a name part of its speaker)
CASES = [
    pytest.param(
        'Professor Eastman said "the effects of iodine deficiency are dependent upon how severe it is"',
        DIRECT,
        ("The effects of iodine deficiency", "eastman"),
        id="direct",
    ),
    pytest.param(
        "Eastman says manufacturers could fix the situation by using iodised salt in their products",
        SHARES_WORDS,
        ("manufacturers could easily remedy", "eastman"),
        id="paraphrase-of-indirect",
    ),
    pytest.param(
        "Bolden said the decision was made with the American public in mind",
        SHARES_WORDS,
        ("This was a very difficult decision", "bolden"),
        id="paraphrase-of-direct",
    ),
    pytest.param("Eastman said iodine supplements cause cancer in children", NOT_FOUND, None, id="not-found"),
    pytest.param(
        "Eastman said this government is so consumed with control of information and secrecy",
        SOMEONE_ELSE,
        ("This government is so consumed", "dewar"),
        id="someone-else",
    ),
    pytest.param(
        "Putin said that the broadcasts will continue",
        SOMEONE_ELSE,
        ("the broadcasts will continue", "korea"),
        id="unknown-speaker-someone-else",
    ),
]


@pytest.mark.parametrize(("claim", "verdict", "best"), CASES)
def test_verdicts(gum_db, backend, claim, verdict, best):
    with Archive(gum_db, create=False) as archive:
        result = check_claim(archive, claim)
    assert result.verdict == verdict, result.reason
    assert backend.split()[0] in result.backend
    if verdict in (DIRECT, SHARES_WORDS):
        top = result.evidence[0]
        assert top.level == verdict
    elif verdict == SOMEONE_ELSE:
        top = result.others[0]
        assert top.level in (DIRECT, SHARES_WORDS)
        assert not (result.evidence and result.evidence[0].level)  # the named speaker has no match
    else:
        assert not result.others and not any(e.level for e in result.evidence)
        assert "eastman" in name_parts(result.evidence[0].hit.speaker_name)  # it looked at the right speaker
        return
    start, speaker_part = best
    assert top.hit.content.text.startswith(start)
    assert speaker_part in name_parts(top.hit.speaker_name)
    # The evidence is the record itself: its spans slice the stored source, its sentence holds it.
    assert top.hit.sentence_from == "source" and top.hit.content.text in top.hit.sentence.text
    assert top.hit.record["quote_id"] == top.hit.quote_id


def test_direct_needs_a_direct_quote_and_the_words(gum_db):
    with Archive(gum_db, create=False) as archive:
        # An indirect record, word for word: still only a paraphrase (the words were reported, not quoted).
        indirect = archive.search("manufacturers remedy", speaker="eastman")[0]
        assert indirect.kind == "indirect"
        result = check_claim(archive, f"Eastman said {indirect.content.text}")
        assert result.verdict == SHARES_WORDS
        assert result.evidence[0].similarity.verbatim == 100
        # More than the quote holds: the extra claim is not "found".
        result = check_claim(
            archive, "Dewar said this government is so consumed with control of information and will resign"
        )
        assert result.verdict == SHARES_WORDS and result.evidence[0].similarity.verbatim < claims.DIRECT_THRESHOLD
        result = check_claim(archive, "Dewar said secrecy is consuming the government, and he will resign tomorrow")
        assert result.verdict != DIRECT


def test_speaker_option_overrides_the_claim(gum_db):
    with Archive(gum_db, create=False) as archive:
        claim = "the broadcasts will continue"
        assert check_claim(archive, claim, speaker="South Korea").verdict == SHARES_WORDS
        assert check_claim(archive, claim, speaker="North Korea").verdict == SOMEONE_ELSE
        # No speaker in the claim and none given: the words are looked up across everyone.
        anyone = check_claim(archive, claim)
        assert anyone.speaker.query is None and anyone.verdict == SHARES_WORDS
        assert "names no speaker" in anyone.reason


@pytest.mark.parametrize(
    ("claim", "who", "text"),
    [
        ("Aliyev said the occupation must never end", "Aliyev", "the occupation must never end"),
        ("Aliyev said that the occupation must never end.", "Aliyev", "the occupation must never end"),
        ('President Aliyev told reporters that "we showed patience"', "President Aliyev", "we showed patience"),
        ("Dewar told the CBC the government is consumed", "Dewar", "the government is consumed"),
        ("Professor Cres Eastman has also said iodine is vital", "Professor Cres Eastman", "iodine is vital"),
        ('Aliyev: "We showed patience."', "Aliyev", "We showed patience"),
        ('"We showed patience," Aliyev said.', "Aliyev", "We showed patience"),
        ("“We showed patience,” said Aliyev", "Aliyev", "We showed patience"),
        ("According to Aliyev, the occupation must end", "Aliyev", "the occupation must end"),
        ("The report says iodine is low", "The report", "iodine is low"),
        ("the occupation must never end", None, "the occupation must never end"),
    ],
)
def test_the_claims_own_frame_is_stripped(claim, who, text):
    frame = split_frame(claim)
    assert (frame.who, frame.text) == (who, text)


def test_similarity_is_directional():
    quote = "We showed patience."
    assert similarity("we showed patience", quote).verbatim == 100
    longer = similarity("we showed patience and will attack tomorrow", quote)
    assert longer.words < claims.WORDS_THRESHOLD and longer.verbatim < claims.DIRECT_THRESHOLD
    assert set(longer.missing) == {"attack", "tomorrow"}


def test_check_command_shows_its_evidence(gum_db, capsys):
    claim = "Eastman said this government is so consumed with control of information and secrecy"
    assert main(["check", claim, "--db", str(gum_db)]) == 0
    out = capsys.readouterr().out
    assert f"claim:    {claim}" in out
    assert 'checked:  "this government is so consumed with control of information and secrecy"' in out
    assert 'frame "Eastman said" removed' in out
    assert "verdict:  ATTRIBUTED TO SOMEONE ELSE: the words are in a direct quote by Paul Dewar" in out
    assert "other speakers:\n 1. direct quote: verbatim 100, words 100" in out
    assert "GUM_news_sensitive.txt q" in out and "sentence: " in out
    assert "thresholds: direct quote needs verbatim >= 95" in out

    assert main(["check", claim, "--db", str(gum_db), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["verdict"] == SOMEONE_ELSE
    assert data["thresholds"] == {"direct_verbatim": 95.0, "shares_words": 70.0}
    top = data["others"][0]
    assert top["speaker_name"] == "Paul Dewar" and top["kind"] == "direct" and top["verbatim"] == 100
    assert {"doc_id", "quote_id", "content", "sentence", "confidence", "rule"} <= set(top)


def test_check_says_when_rapidfuzz_is_missing(gum_db, capsys, monkeypatch):
    monkeypatch.setattr(claim_similarity, "_fuzz", None)
    assert main(["check", "Bolden said we want to thank all of the locations", "--db", str(gum_db)]) == 0
    out = capsys.readouterr().out
    assert "verdict:  DIRECT QUOTE" in out
    assert "scored with difflib (rapidfuzz is not installed)" in out


# The claims against an archive of the seed article: shared words that assert something else.
SEED_CLAIMS = [
    # The quote gives "the occupation never ends" to some quarters' aim, and has no "must".
    ("Aliyev said the occupation must never end", DIFFERENT, {"agent", "modality"}),
    ("Aliyev did not say the occupation never ends", DIFFERENT, {"agent"}),
    ("Aliyev denied that the occupation never ends", DIFFERENT, {"agent"}),
    ("Aliyev said the occupation will end", DIFFERENT, {"agent", "negation"}),
    (
        "Aliyev said some quarters in several countries have not been showing disengagement from the issue so that "
        "the occupation never ends",
        CONTRADICTS,
        {"negation"},
    ),
    ("Aliyev did not say we showed patience", CONTRADICTS, set()),
    ("Aliyev denied that they showed patience", CONTRADICTS, set()),
    ("Aliyev said they showed no patience", CONTRADICTS, {"negation"}),
    ("Aliyev said they may show patience", DIFFERENT, {"modality"}),
    ("said", NOTHING_TO_CHECK, set()),
    # True paraphrases still match.
    ("Aliyev said they showed patience", SHARES_WORDS, set()),
    ("Aliyev said Azerbaijan has never claimed other people's lands", SHARES_WORDS, set()),
    ('"We showed patience," Aliyev said.', DIRECT, set()),
]


@pytest.mark.stanza
def test_seed_article_aliyev_claims(stanza_backend, tmp_path):
    from quotes.pipeline import Extractor

    text = SEED.read_text(encoding="utf-8")
    with Archive(tmp_path / "a.sqlite") as archive:
        archive.add_records(Extractor(stanza_backend).extract(text, str(SEED)))
        archive.add_source(str(SEED), text)
        for claim, verdict, aspects in SEED_CLAIMS:
            result = check_claim(archive, claim)
            assert result.verdict == verdict, (claim, result.reason)
            if verdict != NOTHING_TO_CHECK:
                assert result.speaker.names == ("Ilham Aliyev",)
                assert {d.aspect for d in result.evidence[0].differences} == aspects, (claim, result.reason)
        # The README's example: the words are those of the president's quote, the proposition is not.
        result = check_claim(archive, "Aliyev said the occupation must never end")
        assert "the occupation never ends" in result.evidence[0].hit.content.text
        assert result.evidence[0].hit.speaker.text == "the president"
        assert 'agent: the quote gives these words to "some quarters' in result.reason
        direct = check_claim(
            archive, "Aliyev said: the Armenian leadership is the first to be blamed for this situation"
        )
        assert direct.verdict == DIRECT
        assert check_claim(archive, "Aliyev said Azerbaijan will sign a peace treaty next week").verdict == NOT_FOUND


@pytest.mark.parametrize(("claim", "verdict", "best"), CASES)
def test_verdicts_hold_when_few_quotes_per_speaker_are_scored(gum_db, monkeypatch, claim, verdict, best):
    """The speaker's quotes closest in words (by full-text rank) hold the best one: the same verdicts, on the
    same quote, with a cap of three quotes per speaker; the result says when the cap left quotes unscored."""
    full = _check(gum_db, claim)
    monkeypatch.setattr(claims, "SPEAKER_CANDIDATES", 3)
    capped = _check(gum_db, claim)
    assert capped.verdict == full.verdict == verdict, capped.reason
    assert capped.speaker_quotes == full.speaker_quotes == full.speaker_checked
    assert capped.capped == (full.speaker_quotes > 3)
    assert bool(capped.coverage) == capped.capped and capped.speaker_checked <= 3
    if verdict == NOT_FOUND:
        assert not any(e.level for e in capped.evidence) and not capped.others
        return
    decisive = (lambda r: r.others[0]) if verdict == SOMEONE_ELSE else (lambda r: r.evidence[0])
    assert decisive(capped).hit.content.text == decisive(full).hit.content.text
    assert decisive(capped).similarity == decisive(full).similarity


def _check(db: Path, claim: str) -> claims.ClaimCheck:
    with Archive(db, create=False) as archive:
        return check_claim(archive, claim)
