"""Two loaders saving at once: the second waits (SQLite) or retries (PostgreSQL), never fails.

SQLite takes the write lock at BEGIN, so the second save queues on the busy timeout. PostgreSQL
lets both run until the second hits an entity content the first inserted but has not committed;
it then fails on the key once the first commits, and save_version runs it again.
"""

from __future__ import annotations

import threading
from datetime import date

from proscribe.store import SaveResult, Store
from tests.store.factory import make_version, realistic_entities


def test_a_second_writer_waits_for_the_first(store_url: str) -> None:
    first_entities = realistic_entities(1_500)
    second_entities = realistic_entities(1_500, revision=1)  # 90 % the same contents
    in_transaction, release = threading.Event(), threading.Event()
    results: dict[str, SaveResult] = {}

    def hold(_written: int) -> None:
        in_transaction.set()
        release.wait(timeout=30)

    def save_first() -> None:
        with Store.open(store_url) as store:
            version = make_version(first_entities, published=date(2024, 1, 1))
            results["first"] = store.save_version(version, first_entities, progress=hold)

    def save_second() -> None:
        with Store.open(store_url) as store:
            version = make_version(second_entities, published=date(2024, 1, 2))
            results["second"] = store.save_version(version, second_entities)

    Store.open(store_url).close()  # create the schema before the race
    first = threading.Thread(target=save_first)
    first.start()
    assert in_transaction.wait(timeout=30)
    second = threading.Thread(target=save_second)
    second.start()
    second.join(timeout=1)
    assert second.is_alive()  # blocked behind the first transaction
    release.set()
    first.join(timeout=30)
    second.join(timeout=30)

    assert results["first"].stored_entities == 1_500
    assert (results["second"].stored_entities, results["second"].reused_entities) == (150, 1_350)
    with Store.open(store_url) as store:
        assert [v.published for v in store.versions()] == [date(2024, 1, 1), date(2024, 1, 2)]
