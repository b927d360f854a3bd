"""Audit records of screenings, for every adapter (API and CLI): no screening unaudited.

The record keeps the top candidates with their scores and reason codes, not the full
explanations: those are reproducible from the list versions, algorithm and query it names.

A document or a payment message is one screening (one record), however many spans or fields
were screened in it: its query is `{"kind": "document"|"message", "sha256", ...}`, with the
text of the document or the screened fields of the message unless only hashes are retained
(then only the kind and the sha256 of the text, or of the message as received); its results
are the mentions (with their character span) or the hits (with their field path).
"""

from __future__ import annotations

import getpass
import hashlib
from collections.abc import Callable, Sequence
from typing import Any

from proscribe.documents import DocumentResult
from proscribe.model import Query
from proscribe.monitor.rescreen import Report
from proscribe.payments import MessageResult
from proscribe.screen import ScreeningResult
from proscribe.screener import Screener
from proscribe.settings import Settings
from proscribe.store import Store
from proscribe.store.audit import Screening, canonical


def cli_caller() -> str:
    """`cli:<login>` for screenings run from the command line."""
    try:
        return f"cli:{getpass.getuser()}"
    except (OSError, KeyError):  # no login name in some containers
        return "cli:unknown"


def query_json(query: Query) -> dict[str, Any]:
    return {
        "id": query.id,
        "name": query.name,
        "schema": query.schema.value if query.schema else None,
        "birth_date": query.birth_date.iso if query.birth_date else None,
        "countries": list(query.countries),
        "identifiers": [
            {"value": i.value, "type": i.type.value if i.type else None} for i in query.identifiers
        ],
        "gender": query.gender,
    }


def screening_record(result: ScreeningResult, caller: str, settings: Settings) -> Screening:
    query: Any = query_json(result.query)
    if settings.audit_queries == "hash":
        query = {"sha256": hashlib.sha256(canonical(query).encode()).hexdigest()}
    return Screening(
        caller=caller,
        query=query,
        versions=result.versions,
        algorithm=result.algorithm.name,
        config_hash=result.algorithm.config_hash,
        results=[
            {
                "entity_id": m.entity.id,
                "source": m.entity.source,
                "score": m.score,
                "match": m.match,
                "reasons": sorted(f.code for f in m.comparison.features if f.value),
            }
            for m in result.matches
        ],
    )


def audit_screenings(
    store: Store, caller: str, results: Sequence[ScreeningResult], settings: Settings
) -> None:
    """Append one audit record per result; raises StoreError (and so fails the screening)
    when they cannot be written."""
    store.audit.append([screening_record(r, caller, settings) for r in results])


def monitoring_audit(
    store: Store, caller: str, settings: Settings
) -> Callable[[Sequence[ScreeningResult]], None]:
    """The `audit` of `monitor.rescreen`: one record per party screened in full."""

    def audit(results: Sequence[ScreeningResult]) -> None:
        audit_screenings(store, caller, results, settings)

    return audit


def rescreen_record(report: Report, screener: Screener, caller: str) -> Screening:
    """The record of one run over the monitored population (`monitor add`, `rescreen`): how
    many parties it covered against which versions, how many it screened in full (each has a
    record of its own), and what it did to their alerts. A delta's other parties were proven
    unaffected by the change, not screened: this record is what shows they were covered."""
    query = {
        "kind": "rescreen",
        "full": report.full,
        "full_reason": report.full_reason,
        "parties": report.parties,
        "screened": report.screened,
        "changed_entries": report.changed_entries,
    }
    results = {
        "opened": report.opened,
        "reopened": report.reopened,
        "refreshed": report.refreshed,
        "closed": report.closed,
        "suppressed": report.suppressed,
    }
    return _record(screener, caller, query, results)


async def audit_screenings_async(
    store: Store, caller: str, results: Sequence[ScreeningResult], settings: Settings
) -> None:
    """`audit_screenings` for a route running on the event loop: the records are committed
    with those of the other requests screened during the same few turns of the loop, and this
    returns only once they are (or raises the StoreError that fails the screening). A client
    hanging up cancels only the wait: what was screened for it is written all the same."""
    await store.audit.append_on_loop([screening_record(r, caller, settings) for r in results])


def document_record(
    result: DocumentResult, text: str, screener: Screener, caller: str, settings: Settings
) -> Screening:
    """The audit record of one document screened by `screener`."""
    digest = hashlib.sha256(text.encode()).hexdigest()
    query: Any = {"kind": "document", "sha256": digest}
    if settings.audit_queries != "hash":
        query.update(document=result.name, characters=len(text), text=text)
    results = [
        {
            "entity_id": m.match.entity.id,
            "source": m.match.entity.source,
            "score": m.match.score,
            "match": m.match.match,
            "reasons": sorted(f.code for f in m.match.comparison.features if f.value),
            "start": m.start,
            "end": m.end,
        }
        for m in result.mentions
    ]
    return _record(screener, caller, query, results)


def message_record(
    result: MessageResult, data: bytes, screener: Screener, caller: str, settings: Settings
) -> Screening:
    """The audit record of one payment message (`data` as received) screened by `screener`."""
    query: Any = {"kind": "message", "sha256": hashlib.sha256(data).hexdigest()}
    if settings.audit_queries != "hash":
        parties = result.to_json()["parties"]
        query.update(message=result.name, type=result.type, parties=parties)
    results = [
        {
            "entity_id": hit.entity.id,
            "source": hit.entity.source,
            "score": hit.score,
            "match": True,
            "reasons": list(hit.reasons),
            "path": hit.path,
            "role": hit.role,
        }
        for hit in result.hits
    ]
    return _record(screener, caller, query, results)


def _record(screener: Screener, caller: str, query: Any, results: Any) -> Screening:
    return Screening(
        caller=caller,
        query=query,
        versions=[version.label for version in screener.versions],
        algorithm=screener.algorithm.name,
        config_hash=screener.algorithm.config_hash,
        results=results,
    )
