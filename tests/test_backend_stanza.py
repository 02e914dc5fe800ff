"""The stanza backend on the real offline model (../shared/models/stanza or $STANZA_RESOURCES_DIR)."""

from __future__ import annotations

import hashlib
import json
import unicodedata
from pathlib import Path
from types import SimpleNamespace

import pytest
from conftest import stanza_models_dir

from quotes.errors import BackendError, ModelNotFoundError
from quotes.parse.backends import REQUIRED, build_backend
from quotes.parse.backends.align import same_surface
from quotes.parse.backends.stanza_backend import StanzaBackend
from quotes.parse.backends.stanza_models import resolve_models_dir
from quotes.parse.model import Parse

pytestmark = pytest.mark.stanza

NEWS = 'The mayor said on Tuesday that the city "will not back down," according to her spokesman.'
TRICKY = (
    '  \tThe mayor said:\r\n"We won\'t stop."\r\n\r\n'
    + unicodedata.normalize("NFD", "Café owner José said\tit was fine 😀.")
    + " The\u200bpresident said\u200b it.\r\n"
)


def check_parse(parse: Parse) -> None:
    """Offsets slice the text; each sentence is one tree with its heads inside it."""
    text = parse.text
    offsets = [(t.start, t.end) for t in parse.tokens]
    for tok in parse.tokens:
        piece = text[tok.start : tok.end]
        assert piece and not piece[0].isspace() and not piece[-1].isspace()
        # the word itself, or the whole multi-word token its words share ("du" -> "de" + "le")
        assert same_surface(piece, tok.form) or offsets.count((tok.start, tok.end)) > 1
    for sent in parse.sentences:
        roots = [i for i in sent.token_range if parse.tokens[i].head is None]
        assert len(roots) == 1
        assert all(
            parse.tokens[i].head is None or sent.first <= parse.tokens[i].head < sent.last for i in sent.token_range
        )
        assert (sent.start, sent.end) == (parse.tokens[sent.first].start, parse.tokens[sent.last - 1].end)


def test_news_sentence(stanza_backend):
    parse = stanza_backend.parse(NEWS, "news-1")
    check_parse(parse)
    assert all(NEWS[t.start : t.end] == t.form for t in parse.tokens)
    said = next(t for t in parse.tokens if t.form == "said")
    assert said.lemma == "say" and said.upos == "VERB"
    assert parse.parser == "stanza"
    assert parse.model.startswith("stanza:en/default@") and "depparse=combined.pt" in parse.model
    assert set(parse.versions) == {"stanza", "torch"}
    assert REQUIRED | {"feats"} <= parse.provides and "ner" not in parse.provides
    assert all(t.ner == "O" for t in parse.tokens)
    assert parse.tokens[-1].space_after and not parse.tokens[-2].space_after  # "spokesman" + "."


def test_offsets_survive_crlf_tabs_emoji_nfd_zero_width(stanza_backend):
    parse = stanza_backend.parse(TRICKY)
    assert parse.text is TRICKY
    check_parse(parse)
    forms = [t.form for t in parse.tokens]
    assert "wo" in forms and "n't" in forms
    assert any("😀" in TRICKY[t.start : t.end] for t in parse.tokens)
    wo = parse.tokens[forms.index("wo")]
    nt = parse.tokens[forms.index("n't")]
    assert TRICKY[wo.start : nt.end] == "won't" and wo.end == nt.start  # each word its own piece
    cafe = unicodedata.normalize("NFD", "Café")
    assert any(TRICKY[t.start : t.end] == cafe for t in parse.tokens)  # NFD is not normalized away
    assert len(parse.sentences) >= 3


def test_too_long_token_keeps_its_text(stanza_backend):
    text = "He said " + "A" * 1200 + " again."
    parse = stanza_backend.parse(text)
    check_parse(parse)
    long = max(parse.tokens, key=lambda t: t.end - t.start)
    assert long.form == "A" * 1200 == text[long.start : long.end]


@pytest.mark.parametrize("text", ["", "   ", "\r\n\t \n"])
def test_empty_text_gives_empty_parse(stanza_backend, text):
    parse = stanza_backend.parse(text, "empty")
    assert parse.tokens == () and parse.sentences == () and parse.text == text
    assert list(stanza_backend.parse_many([("a", text)])) == [parse]


def test_parse_many_equals_parse(stanza_backend, monkeypatch):
    items = [("a", "\n\nShe didn't agree.\r\n"), ("b", ""), ("c", "He left. OK.")]
    monkeypatch.setattr(StanzaBackend, "DOCS_PER_BATCH", 2)  # two batches, one with an empty text
    many = list(stanza_backend.parse_many(iter(items)))
    assert many == [stanza_backend.parse(text, doc_id) for doc_id, text in items]


def test_pipeline_loaded_once(stanza_backend, monkeypatch):
    again = StanzaBackend(models_dir=stanza_models_dir())
    assert again.pipeline is stanza_backend.pipeline
    via_registry = build_backend("stanza", models_dir=str(stanza_models_dir()))
    assert via_registry.pipeline is stanza_backend.pipeline
    monkeypatch.setenv("STANZA_RESOURCES_DIR", str(stanza_models_dir()))
    from_env = StanzaBackend()
    assert from_env.models_how == "STANZA_RESOURCES_DIR"
    assert from_env.pipeline is stanza_backend.pipeline


def _resource_dir(path: Path, lang: str = "en") -> Path:
    """A minimal stanza resource directory holding one (empty) model file for ``lang``."""
    (path / lang / "pos").mkdir(parents=True)
    (path / lang / "pos" / "combined.pt").write_bytes(b"")
    (path / "resources.json").write_text(json.dumps({lang: {}}))
    return path


def test_resolve_models_dir(monkeypatch, tmp_path):
    import quotes.parse.backends.stanza_models as stanza_models

    home = tmp_path / "home"
    monkeypatch.setattr(stanza_models, "stanza_home", lambda: home)
    monkeypatch.setenv("STANZA_RESOURCES_DIR", str(tmp_path / "env"))
    assert resolve_models_dir(tmp_path / "cli") == (tmp_path / "cli", "--models")
    assert resolve_models_dir() == (tmp_path / "env", "STANZA_RESOURCES_DIR")
    monkeypatch.delenv("STANZA_RESOURCES_DIR")
    # stanza's home without English models: the bundled model; with them (an official download): the home
    assert resolve_models_dir() == (stanza_models.BUNDLED, "bundled")
    _resource_dir(home, "de")
    assert resolve_models_dir() == (stanza_models.BUNDLED, "bundled")
    assert resolve_models_dir(lang="de") == (home, "default")
    (home / "resources.json").write_text(json.dumps({"en": {}, "de": {}}))
    (home / "en" / "pos").mkdir(parents=True)
    assert resolve_models_dir() == (stanza_models.BUNDLED, "bundled"), "an English folder without model files"
    (home / "en" / "pos" / "combined.pt").write_bytes(b"")
    assert resolve_models_dir() == (home, "default")
    # no model anywhere: stanza's home, where stanza downloads when online
    monkeypatch.setattr(stanza_models, "stanza_home", lambda: tmp_path / "empty-home")
    monkeypatch.setattr(stanza_models, "BUNDLED", tmp_path / "no-bundle")
    assert resolve_models_dir() == (tmp_path / "empty-home", "default")


def test_stanza_home_is_stanzas_own_default():
    """Found without importing stanza, it is where stanza itself looks (when the variable is not set)."""
    from stanza.resources.common import __resources_version__, user_cache_dir

    from quotes.parse.backends.stanza_models import stanza_home

    assert stanza_home() == Path(user_cache_dir("stanza", "StanfordNLP", __resources_version__)) / "resources"


def test_the_bundled_model_is_complete_and_licensed():
    from quotes.parse.backends.stanza_models import BUNDLED, check_models

    check_models(BUNDLED, "bundled", "en", "default", ("tokenize", "mwt", "pos", "lemma", "depparse"))
    terms = (BUNDLED / "LICENSE").read_text(encoding="utf-8")
    assert "CC BY-SA 4.0" in terms and "GUM" in terms


def test_model_is_named_by_the_hash_of_its_files(stanza_backend):
    from quotes.parse.backends.stanza_backend import peek
    from quotes.parse.backends.stanza_models import file_sha256
    from quotes.parse.store import identity_of

    choice = stanza_backend.choice
    digest = hashlib.sha256()
    for path in choice.files:
        assert path.is_file() and path.suffix == ".pt"
        digest.update(f"{path.parent.name}/{path.name}\0{hashlib.sha256(path.read_bytes()).hexdigest()}\n".encode())
        assert file_sha256(path) == hashlib.sha256(path.read_bytes()).hexdigest()
    assert choice.sha256 == digest.hexdigest()
    assert f"sha256={choice.sha256}" in stanza_backend.model and f"sha256={choice.sha256}" in stanza_backend.identity
    assert str(stanza_backend.models_dir) not in stanza_backend.identity
    resources = json.loads((stanza_backend.models_dir / "resources.json").read_text())
    if "pretrain" in resources["en"]:  # the pretrained vectors a tagger or parser depends on are hashed too
        assert any(path.parent.name == "pretrain" for path in choice.files)
    # known without loading stanza: what the loaded backend says
    assert peek(models_dir=stanza_backend.models_dir) == identity_of(stanza_backend)


def test_missing_model_dir(tmp_path, monkeypatch):
    missing = tmp_path / "no-models"
    with pytest.raises(ModelNotFoundError) as err:
        StanzaBackend(models_dir=missing)
    message = str(err.value)
    assert str(missing) in message and "--models" in message and "STANZA_RESOURCES_DIR" in message
    assert "stanza.download('en')" in message and "\n" not in message

    monkeypatch.setenv("STANZA_RESOURCES_DIR", str(missing))
    with pytest.raises(ModelNotFoundError, match="from the STANZA_RESOURCES_DIR environment variable"):
        StanzaBackend()


def test_missing_processor_file_is_named(tmp_path):
    (tmp_path / "resources.json").write_text((stanza_models_dir() / "resources.json").read_text())
    (tmp_path / "en" / "tokenize").mkdir(parents=True)
    (tmp_path / "en" / "tokenize" / "combined.pt").write_bytes(b"")
    with pytest.raises(ModelNotFoundError) as err:
        StanzaBackend(models_dir=tmp_path)
    assert str(tmp_path / "en" / "mwt" / "combined.pt") in str(err.value)


def test_damaged_model_gives_clean_error(tmp_path):
    resources = json.loads((stanza_models_dir() / "resources.json").read_text())
    (tmp_path / "resources.json").write_text(json.dumps(resources))
    for proc in ("tokenize", "mwt", "pos", "lemma", "depparse"):
        (tmp_path / "en" / proc).mkdir(parents=True)
        (tmp_path / "en" / proc / "combined.pt").write_bytes(b"not a model")
    with pytest.raises((BackendError, ModelNotFoundError)) as err:
        StanzaBackend(models_dir=tmp_path)
    assert str(tmp_path) in str(err.value) and "\n" not in str(err.value)


def test_drifted_offsets_are_realigned():
    text = "Hi there.\nHi again."
    # stanza-like tokens whose offsets are off by one: found again by searching forward
    token = SimpleNamespace(start_char=11, end_char=13, text="Hi")
    assert StanzaBackend._token_offsets(text, token, 9, "d", 1) == (10, 12)
    good = SimpleNamespace(start_char=10, end_char=12, text="Hi")
    assert StanzaBackend._token_offsets(text, good, 9, "d", 1) == (10, 12)
    lost = SimpleNamespace(start_char=None, end_char=None, text="Bye")
    with pytest.raises(BackendError, match="'Bye'"):
        StanzaBackend._token_offsets(text, lost, 9, "d", 1)
