"""Group commit: concurrent appends share transactions, each caller gets its own numbers only
once committed, and a failed commit fails every caller of the batch."""

from __future__ import annotations

import threading
from collections.abc import Sequence

import pytest

from proscribe.errors import StoreError
from proscribe.store import Store
from proscribe.store.audit import Screening
from proscribe.store.group_commit import GroupCommitter


def screening(name: str) -> Screening:
    return Screening("key:1", {"name": name}, ["us_ofac_sdn@2019-01-04"], "v1", "0" * 64, [])


def test_concurrent_appends_each_get_their_records_in_one_chain(store: Store) -> None:
    store.group_commit()
    numbers: dict[int, list[int]] = {}

    def append(worker: int) -> None:
        for round_ in range(10):
            got = store.audit.append([screening(f"w{worker}r{round_}a"), screening(f"b{worker}")])
            numbers.setdefault(worker, []).extend(got)

    threads = [threading.Thread(target=append, args=(worker,)) for worker in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    every = sorted(n for got in numbers.values() for n in got)
    assert every == list(range(1, 161))
    # A caller's two records are contiguous: they were appended together.
    assert all(got[i + 1] == got[i] + 1 for got in numbers.values() for i in range(0, 20, 2))
    records = {record["seq"]: record for record in store.audit.records()}
    assert records[numbers[3][0]]["query"] == {"name": "w3r0a"}
    assert store.audit.verify().ok
    store.close()


def test_a_failed_commit_fails_every_caller_and_the_writer_goes_on() -> None:
    calls: list[int] = []

    def flaky(records: Sequence[Screening]) -> list[int]:
        calls.append(len(records))
        if len(calls) == 1:
            raise StoreError("disk full")
        return list(range(1, len(records) + 1))

    committer = GroupCommitter(flaky)
    with pytest.raises(StoreError, match="disk full"):
        committer.submit([screening("a")])
    assert committer.submit([screening("b"), screening("c")]) == [1, 2]
    committer.close()
    with pytest.raises(StoreError, match="stopped"):
        committer.submit([screening("d")])
