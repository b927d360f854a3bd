"""The Entity page (`GET /entities/{source}/{id}`) and the Lists pages (`GET /lists`, and
`GET /lists/changes` for what changed between two versions of a list)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import Response

from proscribe import history
from proscribe.web.pages import Screener, mark_page, render, web_of
from proscribe.web.views import facts, identifiers, links, names_by_kind, short, version_json

router = APIRouter(include_in_schema=False, dependencies=[Depends(mark_page)])
SHOWN = 100  # entries per kind of change shown on the page; the JSON twin has them all


@router.get("/entities/{source}/{entity_id}")
def entity(
    request: Request,
    source: str,
    entity_id: str,
    _viewer: Screener,
    version: Annotated[str | None, Query(description="Version id or label")] = None,
) -> Response:
    """Every field of the entry, as the newest version (or `version`) holds it, and its
    timeline across the stored versions of its list."""
    store = web_of(request).service.store
    chosen = store.version(version) if version else None
    found, held_in = store.entity(source, entity_id, chosen)
    events = history.timeline(store, source, entity_id)
    timeline = [event.to_json() for event in events]
    data = {
        **found.to_dict(),
        "caption": found.caption,
        "version": held_in.label,
        "timeline": timeline,
    }
    context = {
        "title": found.caption,
        "nav": "",
        "entity": found,
        "version": held_in,
        "names": names_by_kind(found),
        "facts": facts(found),
        "identifiers": identifiers(found),
        "links": links(found),
        "events": timeline,
        "short": short,
    }
    return render(request, "entity.html", context, data)


@router.get("/lists")
def lists(request: Request, _viewer: Screener) -> Response:
    """Every stored version: counts, age, and a warning for those older than the maximum."""
    service = web_of(request).service
    max_age = service.settings.max_list_age_days
    versions = [version_json(v, max_age) for v in service.store.versions()]
    screening = [v.label for v in service.screener.versions]
    stale = [v["label"] for v in versions if v["stale"] and v["label"] in screening]
    data = {"max_age_days": max_age, "screening": screening, "stale": stale, "lists": versions}
    sources = sorted({v["source"] for v in versions})
    context = {"title": "Lists", "nav": "lists", **data, "sources": sources}
    return render(request, "lists.html", context, data)


@router.get("/lists/changes")
def list_changes(
    request: Request,
    _viewer: Screener,
    source: str = "",
    from_ref: Annotated[str, Query(alias="from")] = "",
    to_ref: Annotated[str, Query(alias="to")] = "",
) -> Response:
    """Entries added, removed and amended between two versions (by default the two newest)."""
    store = web_of(request).service.store
    found = history.changes(
        store, history.default_source(store, source or None), from_ref or None, to_ref or None
    )
    data = found.to_json()
    context = {
        "title": f"Changes in {found.source}",
        "nav": "lists",
        "changes": data,
        "shown": SHOWN,
        "short": short,
    }
    return render(request, "changes.html", context, data)
