"""The Datasette workbench over a real server: found by entry point, escaping, read-only, on loopback.

The pages' content (search with facets, article anchors, claim check) is checked against the archive's
own API; the browser test (``test_workbench_browser.py``) drives the same pages in Chromium.
"""

from __future__ import annotations

import hashlib
import json
import re
import urllib.parse

import pytest

pytest.importorskip("datasette", reason="the workbench needs the 'datasette' extra (in the 'test' extra)")

from quotes.workbench.archive import Archive
from quotes.workbench.datasette import pages
from tests.entry_points import declared_entry_points
from tests.workbench_server import HOSTILE_DOC, HOSTILE_NAME, build_archive, datasette_server, get


@pytest.fixture(scope="module")
def archive(tmp_path_factory):
    folder = tmp_path_factory.mktemp("workbench")
    db, records = build_archive(folder)
    return folder, db, records


@pytest.fixture(scope="module")
def server(archive):
    folder, db, _ = archive
    before = hashlib.sha256(db.read_bytes()).hexdigest()
    with datasette_server(db, folder) as (root, log, _):
        yield root, log
    # Everything the tests asked of the server left the archive exactly as it was.
    assert hashlib.sha256(db.read_bytes()).hexdigest() == before


def test_plugin_is_found_by_entry_point(server):
    assert declared_entry_points()["datasette"] == {"quotes": "quotes.workbench.datasette"}
    root, _ = server
    _, body = get(f"{root}/-/plugins.json")
    plugin = next(p for p in json.loads(body) if p["name"] == "quotes-audit")
    assert {"register_routes", "get_metadata", "menu_links"} <= set(plugin["hooks"])
    assert plugin["templates"] is True


def test_binds_to_loopback_by_default(server):
    _, log = server
    assert re.search(r"Uvicorn running on http://127\.0\.0\.1:\d+", log.read_text(encoding="utf-8"))


def test_search_page_is_the_archives_search(server, archive):
    root, _ = server
    _, db, _ = archive
    with Archive(db, read_only=True) as arch:
        top_name, top_count = arch.speakers()[0]
        expected = arch.search(speaker=top_name.split()[-1], limit=None)
    status, body = get(f"{root}/-/quotes/archive?{urllib.parse.urlencode({'speaker': top_name.split()[-1]})}")
    assert status == 200
    shown = re.findall(r'<li class="qwb-hit" data-doc-id="([^"]*)" data-quote-id="([^"]*)"', body)
    assert shown == [(h.doc_id, h.quote_id) for h in expected[: pages.PAGE_SIZE]]
    assert f"{len(expected)} quote" in body
    # Facets: the speaker facet counts the canonical name, each value a link narrowing the search.
    facet = re.search(r'<ul class="qwb-facet-name">(.*?)</ul>', body, re.S)
    assert facet and top_name in facet[1] and f'<span class="n">{top_count}</span>' in facet[1]


def test_facets_and_anchors_agree_with_the_archive(archive):
    _, db, _ = archive
    base = "/-/quotes/archive"
    context = pages.search_page(db, pages.Filters(q="said"), base)
    with Archive(db, read_only=True) as arch:
        every = arch.search("said", limit=None)
    assert context["total"] == len(every) > 0
    assert sum(f["count"] for f in context["facets"]["kind"]) == len(every)
    # Each hit links to its quote's anchor in the article page (the report's q-0-<n>).
    for hit in context["hits"][:10]:
        query = urllib.parse.urlparse(hit["article"])
        params = dict(urllib.parse.parse_qsl(query.query))
        page = pages.article_page(db, params["doc"], int(params["version"]), base)
        anchor = re.search(rf'<span class="qa" id="{query.fragment}"[^>]*data-quote-id="([^"]*)"', page)
        assert anchor and anchor[1] == hit["quote_id"], hit["article"]


def test_article_page_is_the_report_with_a_way_back(server, archive):
    root, _ = server
    _, _, records = archive
    doc = records[0]["doc_id"]
    status, body = get(f"{root}/-/quotes/archive/article?{urllib.parse.urlencode({'doc': doc})}")
    assert status == 200
    ids = sorted(r["quote_id"] for r in records if r["doc_id"] == doc)
    assert sorted(set(re.findall(r'class="qa" id="q-0-\d+" data-key="[^"]*" data-quote-id="([^"]*)"', body))) == ids
    assert 'class="workbench-bar"' in body and 'href="/-/quotes/archive"' in body
    assert get(f"{root}/-/quotes/archive/article?doc=no-such-document")[0] == 404
    assert get(f"{root}/-/quotes/no-such-archive")[0] == 404


def test_claim_check_page_gives_quotes_checks_verdict(server, archive):
    root, _ = server
    _, _, records = archive
    direct = next(r for r in records if r["kind"] == "direct" and r["speaker_name"] and len(r["content"]["text"]) > 40)
    words = " ".join(direct["content"]["text"].split()[:9]).strip(",.")
    claim = f"{direct['speaker_name']} said {words}"
    status, body = get(f"{root}/-/quotes/archive/check?{urllib.parse.urlencode({'claim': claim})}")
    assert status == 200
    verdict = re.search(r'<p class="qwb-verdict" id="qwb-verdict"><b>([^<]*)</b>', body)
    assert verdict and verdict[1] == "direct quote"
    assert direct["quote_id"] in body and direct["doc_id"] in body


def test_every_page_escapes_what_it_shows(server):
    root, _ = server
    urls = [
        f"/-/quotes/archive?{urllib.parse.urlencode({'speaker': 'Mallory'})}",
        f"/-/quotes/archive?{urllib.parse.urlencode({'q': 'bold <script>alert(9)</script>'})}",
        f"/-/quotes/archive/article?{urllib.parse.urlencode({'doc': HOSTILE_DOC})}",
        "/-/quotes/archive/check?"
        + urllib.parse.urlencode({"claim": "Mallory said <script>alert(7)</script> is bold"}),
        "/archive/quotes?_search=bold",
    ]
    seen_hostile = 0
    for url in urls:
        status, body = get(root + url)
        assert status == 200, url
        for raw in ("<script>alert(", "<img src=x", "<b>bold</b>"):
            assert raw not in body, (url, raw)
        seen_hostile += "&lt;script&gt;alert(" in body or "&lt;img src=x" in body
    assert seen_hostile == len(urls)
    status, body = get(root + urls[0])
    assert HOSTILE_NAME not in body and "Mallory" in body


def test_datasette_table_has_the_archives_facets_and_search(server):
    root, _ = server
    status, body = get(f"{root}/archive/quotes.json?_search=said&_size=5")
    assert status == 200
    data = json.loads(body)
    assert data["rows"] and all("said" in json.dumps(r).lower() for r in data["rows"])
    facets = data.get("facet_results", {})
    facets = facets.get("results", facets)
    assert {"speaker_name", "kind", "doc_id"} <= set(facets)
    status, body = get(f"{root}/archive")
    assert 'href="/-/quotes/archive"' in body


def test_landing_page_is_the_form_only(server):
    root, _ = server
    status, body = get(f"{root}/-/quotes/archive")
    assert status == 200
    assert 'id="qwb-speaker"' in body and 'id="qwb-q"' in body
    assert 'class="qwb-hit"' not in body
    status, body = get(f"{root}/-/quotes")
    assert status == 200 and 'href="/-/quotes/archive"' in body
