"""W3C Web Annotation export: the shape the model requires, checked field by field.

The checks are written from the Web Annotation Data Model (W3C Recommendation, 23 February 2017):
an Annotation MUST have one or more ``@context`` values, with ``http://www.w3.org/ns/anno.jsonld``
among them (a single value as a string); MUST have exactly one ``id`` (an IRI); MUST have ``Annotation``
as a ``type``; MUST have one or more ``target``s; a SpecificResource target MUST have a ``source``; a
``selector`` MUST have a ``type``; a TextQuoteSelector MUST have ``exact`` (``prefix``/``suffix`` MAY be
given); a TextPositionSelector MUST have ``start`` and ``end``, non-negative integers; a TextualBody
MUST have a ``value``; ``motivation`` and ``purpose`` are terms of the model's Motivation list;
``created`` is an xsd:dateTime. An AnnotationCollection MUST have an ``id`` and the type
``AnnotationCollection``; a page MUST have an ``id``, the type ``AnnotationPage`` and ``items``.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from quotes.audit.webanno import ANNO_CONTEXT, QUOTES_CONTEXT, annotation, collection, doc_iri
from quotes.cli import main
from quotes.pipeline import records_from_parse
from quotes.records import QuoteRecord
from tests.audit_helpers import ARTICLE, surface  # noqa: F401 - the fixture, used by name
from tests.test_extract_properties import surface_parse

MOTIVATIONS = {
    "assessing",
    "bookmarking",
    "classifying",
    "commenting",
    "describing",
    "editing",
    "highlighting",
    "identifying",
    "linking",
    "moderating",
    "questioning",
    "replying",
    "tagging",
}
#: Terms of http://www.w3.org/ns/anno.jsonld used in what we write (a subset of that context).
ANNO_TERMS = {
    "id",
    "type",
    "motivation",
    "created",
    "creator",
    "generator",
    "target",
    "source",
    "selector",
    "start",
    "end",
    "exact",
    "prefix",
    "suffix",
    "body",
    "value",
    "format",
    "purpose",
    "name",
    "label",
    "total",
    "first",
    "items",
    "partOf",
    "startIndex",
}
CLASSES = {
    "Annotation",
    "AnnotationCollection",
    "AnnotationPage",
    "TextualBody",
    "Dataset",
    "SpecificResource",
    "TextQuoteSelector",
    "TextPositionSelector",
    "Software",
}
IRI = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:[^\s<>\"{}|\\^`]+$")
DATETIME = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$")


def _types(value: Any) -> list[str]:
    return value if isinstance(value, list) else [value]


def check_context(context: Any) -> None:
    if isinstance(context, str):
        assert context == ANNO_CONTEXT
    else:
        assert isinstance(context, list) and len(context) > 1, "one context value must be given as a string"
        assert ANNO_CONTEXT in context


def check_selector(selector: dict[str, Any]) -> None:
    assert "type" in selector, "a selector MUST have a type"
    if selector["type"] == "TextPositionSelector":
        for key in ("start", "end"):
            assert isinstance(selector[key], int) and not isinstance(selector[key], bool) and selector[key] >= 0
        assert selector["start"] <= selector["end"]
    elif selector["type"] == "TextQuoteSelector":
        assert isinstance(selector["exact"], str)
        for key in ("prefix", "suffix"):
            assert key not in selector or isinstance(selector[key], str)
    else:
        pytest.fail(f"unexpected selector type {selector['type']}")


def check_specific_resource(resource: dict[str, Any]) -> None:
    assert resource.get("type", "SpecificResource") == "SpecificResource"
    assert isinstance(resource["source"], str) and IRI.match(resource["source"]), resource["source"]
    selectors = resource["selector"]
    for selector in selectors if isinstance(selectors, list) else [selectors]:
        check_selector(selector)


def check_annotation(anno: dict[str, Any], *, standalone: bool = True) -> None:
    """The MUSTs of the Web Annotation model for one annotation, and the SHOULDs we rely on."""
    if standalone:
        check_context(anno["@context"])
    else:
        assert "@context" not in anno, "inside a collection the collection's context applies"
    assert isinstance(anno["id"], str) and IRI.match(anno["id"]), anno["id"]
    assert "Annotation" in _types(anno["type"])
    targets = anno["target"]
    assert targets, "an annotation MUST have a target"
    for target in targets if isinstance(targets, list) else [targets]:
        check_specific_resource(target)
    for motivation in _types(anno.get("motivation", [])):
        assert motivation in MOTIVATIONS
    assert DATETIME.match(anno["created"])
    for agent in (anno["creator"], anno["generator"]):
        assert IRI.match(agent["id"]) and agent["type"] == "Software" and agent["name"]
    bodies = anno.get("body", [])
    for body in bodies if isinstance(bodies, list) else [bodies]:
        assert body.get("purpose") is None or body["purpose"] in MOTIVATIONS
        if body["type"] == "TextualBody":
            assert isinstance(body["value"], str) and body["value"]
        for key in body:
            assert key in ANNO_TERMS or key in QUOTES_CONTEXT, f"body key {key!r} is in no context"
        for key in ("speaker", "cue"):
            if key in body:
                check_specific_resource(body[key])
    _check_terms(anno)


def _check_terms(node: Any) -> None:
    """Every key is a term of one of the two contexts (or a JSON-LD keyword), every type a known class."""
    if isinstance(node, list):
        for item in node:
            _check_terms(item)
    elif isinstance(node, dict):
        for key, value in node.items():
            if key.startswith("@"):
                continue
            assert key in ANNO_TERMS or key in QUOTES_CONTEXT, f"key {key!r} is in no context"
            if key == "type":
                assert all(t in CLASSES for t in _types(value)), value
            if key != "provenance":  # a JSON literal (@json): its keys are data, not terms
                _check_terms(value)


def check_collection(data: dict[str, Any]) -> list[dict[str, Any]]:
    check_context(data["@context"])
    assert IRI.match(data["id"]) and data["type"] == "AnnotationCollection"
    assert isinstance(data["total"], int) and data["total"] >= 0
    if data["total"] == 0:
        assert "first" not in data
        return []
    page = data["first"]
    assert IRI.match(page["id"]) and page["type"] == "AnnotationPage" and page["partOf"] == data["id"]
    assert page["startIndex"] == 0 and len(page["items"]) == data["total"]
    for item in page["items"]:
        check_annotation(item, standalone=False)
    return page["items"]


def _records(text: str = ARTICLE, doc_id: str = "corpus/a b.txt") -> list[QuoteRecord]:
    records = records_from_parse(surface_parse(text), doc_id)
    return [QuoteRecord.from_dict(json.loads(json.dumps(r.to_dict(text)))) for r in records]


def _selectors(resource: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    by_type = {s["type"]: s for s in resource["selector"]}
    return by_type["TextPositionSelector"], by_type["TextQuoteSelector"]


# -- the library ---------------------------------------------------------------------------------------


def test_each_record_is_a_valid_annotation_whose_selectors_slice_the_text() -> None:
    records = _records()
    assert records
    for record in records:
        anno = annotation(record, created="2024-05-01T12:00:00Z")
        check_annotation(anno)
        position, quote = _selectors(anno["target"])
        assert ARTICLE[position["start"] : position["end"]] == quote["exact"] == record.content.text
        assert ARTICLE[: position["start"]].endswith(quote["prefix"])
        assert ARTICLE[position["end"] :].startswith(quote["suffix"])
        textual, data = anno["body"]
        assert textual["type"] == "TextualBody" and record.cue.text in textual["value"]
        assert data["type"] == "Dataset"
        assert data["kind"] == record.kind and data["confidence"] == round(record.confidence, 3)
        assert data["rule"] == record.evidence.rule and data["provenance"] == record.provenance.to_dict()
        speaker_position, speaker_quote = _selectors(data["speaker"])
        assert ARTICLE[speaker_position["start"] : speaker_position["end"]] == speaker_quote["exact"]
        assert data["speaker"]["source"] == anno["target"]["source"]


def test_ids_and_sources() -> None:
    records = _records()
    ids = [annotation(r)["id"] for r in records]
    assert len(set(ids)) == len(ids)
    assert ids[0].startswith("urn:quotes:anno:corpus%2Fa%20b.txt:") and ids[0].endswith("#q1")
    assert doc_iri("corpus/a b.txt") == "urn:quotes:doc:corpus%2Fa%20b.txt"
    assert doc_iri("corpus/a b.txt", "https://news.example/archive/") == "https://news.example/archive/corpus/a%20b.txt"
    other_version = _records(ARTICLE + "More.\n")
    assert annotation(other_version[0])["id"] != ids[0], "another text, another annotation id"


def test_records_without_context_give_quote_selectors_without_prefix() -> None:
    record = records_from_parse(surface_parse(ARTICLE), "doc")[0]
    anno = annotation(record)
    check_annotation(anno)
    _, quote = _selectors(anno["target"])
    assert "prefix" not in quote and "suffix" not in quote
    _, quote = _selectors(annotation(record, source_text=ARTICLE)["target"])
    assert quote["prefix"] and quote["suffix"]


def test_collection_shape() -> None:
    data = collection(_records(), created="2024-05-01T12:00:00Z")
    items = check_collection(data)
    assert [i["body"][1]["quote_id"] for i in items] == ["q1", "q2", "q3"]
    assert check_collection(collection([])) == []


# -- the commands ------------------------------------------------------------------------------------------


@pytest.mark.usefixtures("surface")
def test_extract_format_webanno_and_convert(tmp_path: Path, capsys) -> None:
    article = tmp_path / "article.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    out = tmp_path / "quotes.json"
    args = ["extract", str(article), "--parser", "surface", "--format", "webanno"]
    assert main([*args, "-o", str(out), "--source-base", "https://news.example/"]) == 0
    items = check_collection(json.loads(out.read_text(encoding="utf-8")))
    assert len(items) == 3
    # An absolute path keeps its slashes but its leading one, encoded (so "/x" and "x" stay two IRIs).
    assert items[0]["target"]["source"] == "https://news.example/%2F" + str(article).lstrip("/")

    assert main(args) == 0, "to standard output too"
    assert len(check_collection(json.loads(capsys.readouterr().out))) == 3

    records = tmp_path / "quotes.jsonl"
    assert main(["extract", str(article), "--parser", "surface", "-o", str(records)]) == 0
    converted = tmp_path / "converted.json"
    assert main(["convert", str(records), "--to", "webanno", "-o", str(converted)]) == 0
    from_convert = check_collection(json.loads(converted.read_text(encoding="utf-8")))
    assert [a["id"] for a in from_convert] == [a["id"] for a in items]

    lines = tmp_path / "annotations.jsonl"
    assert main(["convert", str(records), "--to", "webanno-jsonl", "-o", str(lines)]) == 0
    for line in lines.read_text(encoding="utf-8").splitlines():
        check_annotation(json.loads(line))


def test_convert_reports_bad_lines_and_still_converts_the_rest(tmp_path: Path, capsys) -> None:
    records = tmp_path / "quotes.jsonl"
    good = [json.dumps(r.to_dict()) for r in _records()]
    records.write_text("\n".join([good[0], "{broken", good[1], '{"kind": "direct"}']) + "\n", encoding="utf-8")
    out = tmp_path / "out.json"
    assert main(["convert", str(records), "--to", "webanno", "-o", str(out)]) == 1
    err = capsys.readouterr().err
    assert f"{records}:2: malformed JSON" in err and f"{records}:4: not a quote record" in err
    assert len(check_collection(json.loads(out.read_text(encoding="utf-8")))) == 2
