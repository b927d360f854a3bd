"""The store: every list version proscribe has loaded, and the entities each one holds.

A *list version* is one publication of one list (`us_ofac_sdn` as published on 2019-01-04),
kept with its provenance: format, publication date and where that date came from, the sha256 of
its files, record counts and when it was loaded. Versions are only ever added, never edited, so
"what did the list say on date D" and "what did this screening run against" stay answerable;
designation history and change reports are computed from them, not stored.

Entities are stored by content: an entry unchanged between versions is one row shared by both.
Saving a version is one transaction (a killed load leaves nothing), idempotent (the same files
twice store nothing new) and guarded (an empty list, or one far smaller than the version it
replaces, is refused as probably truncated).

SQLite is the default; PostgreSQL works with the same code by URL (`postgresql+psycopg://`).
The schema is created and upgraded by the Alembic migrations shipped in `migrations/`, run by
`Store.open`. Depends on `proscribe.model` and `proscribe.errors` only.
"""

from proscribe.store.store import SaveResult, Store

__all__ = ["SaveResult", "Store"]
