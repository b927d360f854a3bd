"""The audit chain: appends link to their predecessor; verify finds edits, inserts, deletions.
And API keys: hashed, role-ordered, revocable."""

from __future__ import annotations

import json
from itertools import pairwise

import pytest
from sqlalchemy import delete, insert, select, update

from proscribe.errors import InputError, NotFoundError
from proscribe.store import Store
from proscribe.store.audit import GENESIS, Screening, record_hash
from proscribe.store.schema import api_keys, audit_records


def screening(name: str) -> Screening:
    return Screening("key:1", {"name": name}, ["us_ofac_sdn@2019-01-04"], "v1", "0" * 64, [])


def five(store: Store) -> None:
    assert store.audit.append([screening(f"n{i}") for i in range(5)]) == [1, 2, 3, 4, 5]


def test_records_are_chained_from_genesis(store: Store) -> None:
    assert store.audit.head() == (0, GENESIS)
    five(store)
    store.audit.append([screening("later")])
    records = list(store.audit.records())
    assert [r["seq"] for r in records] == [1, 2, 3, 4, 5, 6]
    assert records[0]["prev_hash"] == GENESIS
    assert all(b["prev_hash"] == a["hash"] for a, b in pairwise(records))
    assert store.audit.head() == (6, records[-1]["hash"])
    assert store.audit.verify().ok


def test_an_edited_record_is_named(store: Store) -> None:
    five(store)
    with store._engine.begin() as connection:
        connection.execute(
            update(audit_records).where(audit_records.c.seq == 3).values(caller="key:2")
        )
    found = store.audit.verify()
    assert (found.bad_seq, found.records) == (3, 3)
    assert "edited" in found.reason


def test_a_deleted_record_is_named(store: Store) -> None:
    five(store)
    with store._engine.begin() as connection:
        connection.execute(delete(audit_records).where(audit_records.c.seq == 2))
    found = store.audit.verify()
    assert found.bad_seq == 3
    assert "deleted" in found.reason


def test_an_inserted_record_with_a_valid_hash_breaks_the_next_link(store: Store) -> None:
    five(store)
    with store._engine.begin() as connection:
        connection.execute(delete(audit_records).where(audit_records.c.seq == 3))
        second = connection.execute(select(audit_records.c.hash).where(audit_records.c.seq == 2))
        forged = {"seq": 3, "time": "2026-01-01T00:00:00+00:00", "caller": "x", "query": "{}"}
        forged |= {"versions": "[]", "algorithm": "v1", "config_hash": "0", "results": "[]"}
        prev = second.scalar_one()
        connection.execute(
            insert(audit_records), {**forged, "prev_hash": prev, "hash": record_hash(prev, forged)}
        )
    found = store.audit.verify()
    assert found.bad_seq == 4
    assert "link" in found.reason


def test_a_kept_head_shows_the_newest_records_deleted(store: Store) -> None:
    five(store)
    kept = store.audit.head()
    store.audit.append([screening("later")])
    assert store.audit.verify(kept).ok  # records after the kept head are no harm
    with store._engine.begin() as connection:
        connection.execute(delete(audit_records).where(audit_records.c.seq >= 4))
    assert store.audit.verify().ok  # the chain alone cannot tell
    found = store.audit.verify(kept)
    assert found.bad_seq == 5
    assert "ends at 3" in found.reason


def test_a_kept_head_shows_a_chain_rewritten_with_its_hashes(store: Store) -> None:
    five(store)
    kept = store.audit.head()
    rows = list(store.audit.records())
    prev = GENESIS
    with store._engine.begin() as connection:
        for row in rows:  # caller of record 2 edited, every hash from there recomputed
            fields = {key: row[key] for key in ("seq", "time", "caller", "algorithm")}
            fields |= {
                "config_hash": row["config_hash"],
                "caller": "key:9" if row["seq"] == 2 else row["caller"],
            }
            fields |= {
                k: json.dumps(row[k], sort_keys=True, separators=(",", ":"))
                for k in ("query", "versions", "results")
            }
            digest = record_hash(prev, fields)
            connection.execute(
                update(audit_records)
                .where(audit_records.c.seq == row["seq"])
                .values(caller=fields["caller"], prev_hash=prev, hash=digest)
            )
            prev = digest
    assert store.audit.verify().ok
    found = store.audit.verify(kept)
    assert found.bad_seq == 5
    assert "rewritten" in found.reason


def test_keys_are_stored_hashed_and_roles_are_ordered(store: Store) -> None:
    key, secret = store.keys.create("review", "ops")
    with store._engine.connect() as connection:
        stored = connection.execute(select(api_keys.c.hash)).scalar_one()
    assert secret not in stored
    assert store.keys.authenticate(secret) == key
    assert key.allows("screen")
    assert key.allows("review")
    assert not key.allows("admin")
    assert store.keys.authenticate(secret + "x") is None


def test_a_revoked_key_is_kept_but_refused(store: Store) -> None:
    key, secret = store.keys.create("admin")
    revoked = store.keys.revoke(key.id)
    assert revoked.revoked_at is not None
    assert store.keys.authenticate(secret) is None
    assert store.keys.list() == [revoked]
    with pytest.raises(NotFoundError):
        store.keys.revoke(99)
    with pytest.raises(InputError):
        store.keys.create("root")
