"""Audit records of screenings, for every adapter (API and CLI): no screening unaudited.

The record keeps the top candidates with their scores and reason codes, not the full
explanations: those are reproducible from the list versions, algorithm and query it names.
"""

from __future__ import annotations

import getpass
import hashlib
from collections.abc import Sequence
from typing import Any

from proscribe.model import Query
from proscribe.screen import ScreeningResult
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
