"""The quote workbench as a Datasette plugin: ``datasette archive.sqlite`` and browse the archive.

Installed with the ``datasette`` extra, the plugin is found through the ``datasette`` entry point
(``pyproject.toml``); nothing to configure. For every database that is a quotes archive
(:mod:`quotes.workbench.archive_schema`) it adds:

``/-/quotes/<database>``
    Search: words through the archive's FTS5 index (bm25), a speaker by name parts, a kind, a document;
    counts by canonical speaker, kind and document (facets, each a link that narrows the search); each
    quote with its speaker, cue, confidence and sentence, linked to its place in its article.
``/-/quotes/<database>/article?doc=<doc_id>&version=<n>``
    The article with every quote highlighted from its offsets: the audit report's page
    (:func:`quotes.workbench.report.build_report`); click a highlight for its evidence.
``/-/quotes/<database>/check?claim=...&speaker=...``
    The claim check of ``quotes check`` (:func:`quotes.workbench.claims.check_claim`): the verdict and the
    quotes it rests on.

and, on Datasette's own pages, facets by ``speaker_name``, ``kind`` and ``doc_id`` and full-text search
on the ``quotes`` table, with links to the workbench in the menu and on the database and table pages.

Read-only: the pages open the archive with SQLite's ``mode=ro`` and only read; forms are GET requests.
Every value is escaped where it is rendered (Jinja autoescaping; the report escapes its own). Datasette
binds to 127.0.0.1 unless told otherwise (``--host``), and the pages check Datasette's ``view-database``
permission like its own pages do.
"""

from __future__ import annotations

import asyncio
import functools
import html
import urllib.parse
from typing import Any

from datasette import Response, hookimpl
from datasette.utils.asgi import NotFound

from quotes.workbench.datasette import pages

ROUTE = "/-/quotes"
_ARCHIVES: dict[str, bool] = {}


def _is_archive(path: str | None) -> bool:
    if not path:
        return False
    if path not in _ARCHIVES:
        _ARCHIVES[path] = pages.is_archive(path)
    return _ARCHIVES[path]


def archives(datasette: Any) -> dict[str, str]:
    """The databases that are quotes archives: name -> file path."""
    return {name: db.path for name, db in datasette.databases.items() if _is_archive(getattr(db, "path", None))}


def _base(datasette: Any, name: str) -> str:
    return datasette.urls.path(f"{ROUTE}/{urllib.parse.quote(name, safe='')}")


async def _archive(datasette: Any, request: Any) -> tuple[str, str]:
    name = urllib.parse.unquote(request.url_vars["database"])
    path = archives(datasette).get(name)
    if path is None:
        raise NotFound(f"No quotes archive called {name!r}")
    await datasette.ensure_permissions(request.actor, [("view-database", name), "view-instance"])
    return name, path


async def _in_thread(fn: Any, *args: Any) -> Any:
    # SQLite work off the event loop, as Datasette runs its own queries.
    return await asyncio.get_running_loop().run_in_executor(None, functools.partial(fn, *args))


async def index_view(datasette: Any, request: Any) -> Response:
    await datasette.ensure_permissions(request.actor, ["view-instance"])
    found = [{"name": name, "href": _base(datasette, name)} for name in archives(datasette)]
    body = await datasette.render_template("quotes_index.html", {"archives": found}, request=request)
    return Response.html(body)


async def search_view(datasette: Any, request: Any) -> Response:
    name, path = await _archive(datasette, request)
    base = _base(datasette, name)
    context = await _in_thread(pages.search_page, path, pages.Filters.from_args(request.args), base)
    context.update(database=name, base=base, table_href=datasette.urls.table(name, "quotes"))
    return Response.html(await datasette.render_template("quotes_search.html", context, request=request))


async def article_view(datasette: Any, request: Any) -> Response:
    name, path = await _archive(datasette, request)
    doc = (request.args.get("doc") or "").strip()
    version_arg = request.args.get("version") or ""
    version = int(version_arg) if version_arg.isdigit() else None
    page = await _in_thread(pages.article_page, path, doc, version, _base(datasette, name)) if doc else None
    if page is None:
        raise NotFound(f"No document {doc!r} in {name}")
    return Response.html(page)


async def check_view(datasette: Any, request: Any) -> Response:
    name, path = await _archive(datasette, request)
    base = _base(datasette, name)
    claim = (request.args.get("claim") or "").strip()[: pages.MAX_CLAIM]
    speaker = (request.args.get("speaker") or "").strip()[: pages.MAX_FIELD]
    context = await _in_thread(pages.check_page, path, claim, speaker, base)
    context.update(database=name, base=base)
    return Response.html(await datasette.render_template("quotes_check.html", context, request=request))


@hookimpl
def register_routes() -> list[tuple[str, Any]]:
    return [
        (rf"^{ROUTE}$", index_view),
        (rf"^{ROUTE}/(?P<database>[^/]+)$", search_view),
        (rf"^{ROUTE}/(?P<database>[^/]+)/article$", article_view),
        (rf"^{ROUTE}/(?P<database>[^/]+)/check$", check_view),
    ]


@hookimpl
def get_metadata(datasette: Any, key: str, database: str | None, table: str | None) -> dict[str, Any]:
    """Facets and full-text search on each archive's quotes table, and a link to its workbench."""
    databases = {}
    for name in archives(datasette):
        href = html.escape(_base(datasette, name))
        databases[name] = {
            "description_html": f'A quotes archive. <a href="{href}">Open the quote workbench</a>: search, '
            f'articles with their quotes highlighted, <a href="{href}/check">claim check</a>.',
            "tables": {
                "quotes": {
                    "facets": ["speaker_name", "kind", "doc_id"],
                    "fts_table": "quotes_fts",
                    "fts_pk": "id",
                    "label_column": "content",
                    "sort_desc": "confidence",
                    "description": "One row per quote; offsets are into the text of its version (versions.text).",
                },
            },
        }
    return {"databases": databases} if databases else {}


@hookimpl
def menu_links(datasette: Any, actor: Any, request: Any) -> list[dict[str, str]]:
    return [{"href": datasette.urls.path(ROUTE), "label": "Quote workbench"}] if archives(datasette) else []


@hookimpl
def database_actions(datasette: Any, actor: Any, database: str, request: Any) -> list[dict[str, str]]:
    if database not in archives(datasette):
        return []
    base = _base(datasette, database)
    return [{"href": base, "label": "Quote workbench"}, {"href": f"{base}/check", "label": "Check a claim"}]


@hookimpl
def table_actions(datasette: Any, actor: Any, database: str, table: str, request: Any) -> list[dict[str, str]]:
    if table != "quotes" or database not in archives(datasette):
        return []
    return [{"href": _base(datasette, database), "label": "Search these quotes in the workbench"}]
