"""Group commit: concurrent appends share transactions, each caller gets its own numbers only
once committed, and a failed commit fails every caller of the batch."""

from __future__ import annotations

import asyncio
import multiprocessing
import threading
from collections.abc import Callable, Sequence
from pathlib import Path

import pytest

from proscribe.errors import StoreError
from proscribe.store import Store
from proscribe.store.audit import Screening
from proscribe.store.group_commit import GroupCommitter, LoopCommitter


def screening(name: str) -> Screening:
    return Screening("key:1", {"name": name}, ["us_ofac_sdn@2019-01-04"], "v1", "0" * 64, [])


def failing_first(calls: list[int]) -> Callable[[Sequence[Screening]], list[int]]:
    """An append whose first call fails ('disk full') and which numbers the records of each
    later call from 1; `calls` gets the number of records of every call."""

    def append(records: Sequence[Screening]) -> list[int]:
        calls.append(len(records))
        if len(calls) == 1:
            raise StoreError("disk full")
        return list(range(1, len(records) + 1))

    return append


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
    flaky = failing_first(calls)
    committer = GroupCommitter(flaky)
    with pytest.raises(StoreError, match="disk full"):
        committer.submit([screening("a")])
    assert committer.submit([screening("b"), screening("c")]) == [1, 2]
    committer.close()
    with pytest.raises(StoreError, match="stopped"):
        committer.submit([screening("d")])


def test_a_caller_that_gives_up_does_not_stop_the_writer() -> None:
    # A caller that cancels its future (the service's event loop did, for a client that hung
    # up, before its records went to LoopCommitter): the records are written all the same
    # and the writer thread serves the callers after it.
    started, release = threading.Event(), threading.Event()
    written: list[str] = []

    def slow(records: Sequence[Screening]) -> list[int]:
        started.set()
        release.wait(timeout=30)
        written.extend(record.query["name"] for record in records)
        return list(range(len(written) - len(records) + 1, len(written) + 1))

    committer = GroupCommitter(slow)
    first = committer.enqueue([screening("a")])
    assert started.wait(timeout=30)
    abandoned = committer.enqueue([screening("b")])
    assert abandoned.cancel()
    release.set()
    assert first.result(timeout=30) == [1]
    assert committer.submit([screening("c")]) == [3]
    assert written == ["a", "b", "c"]
    committer.close()


def test_an_event_loop_commits_the_records_of_one_turn_together(store: Store) -> None:
    transactions: list[int] = []

    def append(records: Sequence[Screening]) -> list[int]:
        transactions.append(len(records))
        return store.audit.append_now(records)

    committer = LoopCommitter(append)

    async def screen_three() -> list[list[int]]:
        together = asyncio.gather(
            committer.append([screening("a"), screening("b")]),
            committer.append([screening("c")]),
            committer.append([screening("d")]),
        )
        return list(await asyncio.wait_for(together, 30))

    # Three requests ready in one turn: one transaction, each caller its own numbers.
    assert asyncio.run(screen_three()) == [[1, 2], [3], [4]]
    assert transactions == [4]
    assert store.audit.verify().ok


def test_records_queued_in_the_next_turns_join_the_waiting_batch() -> None:
    # A request screened a turn after the first one's record was queued (it arrived while
    # the first was screened) shares its transaction; one queued after the commit does not.
    transactions: list[int] = []

    def append(records: Sequence[Screening]) -> list[int]:
        start = sum(transactions)
        transactions.append(len(records))
        return list(range(start + 1, start + len(records) + 1))

    committer = LoopCommitter(append)

    async def staggered() -> list[list[int]]:
        first = asyncio.ensure_future(committer.append([screening("a")]))
        await asyncio.sleep(0)  # one turn: the first request's record is queued
        second = asyncio.ensure_future(committer.append([screening("b")]))
        together = await asyncio.wait_for(asyncio.gather(first, second), 30)
        return [*together, await committer.append([screening("c")])]

    assert asyncio.run(staggered()) == [[1], [2], [3]]
    assert transactions == [2, 1]


def test_a_failed_commit_on_the_loop_fails_every_caller_of_its_turn() -> None:
    calls: list[int] = []
    flaky = failing_first(calls)
    committer = LoopCommitter(flaky)

    async def two_turns() -> tuple[list[BaseException | list[int]], list[int]]:
        first = await asyncio.gather(
            committer.append([screening("a")]),
            committer.append([screening("b")]),
            return_exceptions=True,
        )
        return first, await committer.append([screening("c")])

    failed, later = asyncio.run(two_turns())
    assert [str(outcome) for outcome in failed] == ["disk full", "disk full"]
    assert later == [1]
    assert calls == [2, 1]


def test_a_request_cancelled_on_the_loop_still_has_its_records_written(store: Store) -> None:
    # A client hanging up cancels the request's wait, not the commit of what was screened.
    store.group_commit()

    async def hang_up() -> list[int]:
        abandoned = asyncio.ensure_future(store.audit.append_on_loop([screening("a")]))
        kept = asyncio.ensure_future(store.audit.append_on_loop([screening("b")]))
        await asyncio.sleep(0)  # both requests queue their records for this turn's commit
        abandoned.cancel()
        return await asyncio.wait_for(kept, 30)  # the other caller of the batch still answered

    assert asyncio.run(hang_up()) == [2]
    assert [record["query"] for record in store.audit.records()] == [{"name": "a"}, {"name": "b"}]
    store.close()


def test_without_group_commit_an_append_on_the_loop_is_written_at_once(store: Store) -> None:
    assert asyncio.run(store.audit.append_on_loop([screening("a")])) == [1]
    assert store.audit.verify().records == 1


def _append_in_a_process(url: str, worker: int, rounds: int) -> None:
    with Store.open(url) as store:
        store.group_commit()
        for round_ in range(rounds):
            store.audit.append([screening(f"p{worker}r{round_}")])


def test_service_workers_appending_at_once_keep_one_chain(tmp_path: Path) -> None:
    # Two processes, as `proscribe serve --workers 2`: their writers queue on the file lock
    # beside the database before SQLite's write lock, and the chain stays whole.
    url = f"sqlite:///{tmp_path / 'store.db'}"
    Store.open(url).close()
    context = multiprocessing.get_context("spawn")
    workers = [
        context.Process(target=_append_in_a_process, args=(url, worker, 50)) for worker in (1, 2)
    ]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(timeout=120)
        assert worker.exitcode == 0
    with Store.open(url) as store:
        verification = store.audit.verify()
        assert verification.ok
        assert verification.records == 100
    assert (tmp_path / "store.db-audit.lock").exists()
