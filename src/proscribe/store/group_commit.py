"""Group commit of audit records: many concurrent screenings, one transaction.

A service screening many requests at once would otherwise open one write transaction per
screening, and each commit waits for the disk (SQLite: an fsync of the write-ahead log) while
every other writer queues behind the write lock. Two ways to share transactions, both
answering a caller only once its records are committed (no unaudited screening), with its
sequence numbers or with the error that failed the whole batch:

- `GroupCommitter`, for callers on threads (the service's thread-pool routes): each hands its
  records to one writer thread and waits; the thread appends everything queued in one
  transaction.
- `LoopCommitter`, for callers on an event loop (the service's common `POST /v1/screen`):
  the records queued during one turn of the loop are appended together, on the loop, once
  the requests that were ready have been screened. No thread: handing each request's records
  to the writer thread and its answer back to the loop cost about 0.5 ms of CPU a request in
  thread switches and wake-ups (1.85-1.89 against 1.36-1.38 ms a request in all, measured in
  process through the ASGI app, four requests at a time), more than the commit itself. The
  loop waits while a batch commits (its fsync, ~0.3 ms here, and the other workers' commits
  ahead of it on the write lock); requests arriving meanwhile are screened at the next turn
  and committed together, so a slower disk makes larger batches rather than a queue of
  commits. A batch is committed `COMMIT_TURNS` turns after its first record: the requests
  that arrive in those turns are screened first and join it. Each request waits for at most
  the screenings of those turns (about a millisecond each), and a worker that spent a tenth
  of its time waiting on commits of 1.4-2 records commits fewer, larger batches.
"""

from __future__ import annotations

import asyncio
import queue
import threading
from collections.abc import Callable, Sequence
from concurrent.futures import Future, InvalidStateError

from proscribe.errors import StoreError
from proscribe.store.audit import Screening

MAX_BATCH = 500  # records per transaction: bounds the time a batch holds the write lock
# Turns of the event loop a batch waits for more records before it is committed. Measured
# under the load of `bench/http.py --requests 10000 --concurrency 8 --workers 2` (wrk, from a
# throwaway script), runs alternated: 0 turns 869-990 requests/s, 1 turn 960-1,093, 2 turns
# 950-1,094, 3 turns 968-1,009 (the machine drifts by a tenth from run to run).
COMMIT_TURNS = 2
WAIT_SECONDS = 30.0  # a commit slower than this is treated as a failure of the store
NOT_IN_TIME = "the audit record was not committed in time"

Append = Callable[[Sequence[Screening]], list[int]]
_Item = tuple[Sequence[Screening], "Future[list[int]]"]
_LoopItem = tuple[Sequence[Screening], "asyncio.Future[list[int]]"]


class GroupCommitter:
    """One writer thread appending the records handed to `submit`, in batches."""

    def __init__(self, append: Append) -> None:
        self._append = append
        # SimpleQueue: put and get in C, with no task accounting; enqueue runs per request.
        self._queue: queue.SimpleQueue[_Item | None] = queue.SimpleQueue()
        self._thread = threading.Thread(target=self._run, name="audit-writer", daemon=True)
        self._thread.start()

    def submit(self, screenings: Sequence[Screening]) -> list[int]:
        """Append `screenings` (in this order, contiguous in the chain); their sequence
        numbers once committed. Raises StoreError when they could not be written."""
        future = self.enqueue(screenings)
        try:
            return future.result(timeout=WAIT_SECONDS)
        except TimeoutError as error:
            raise StoreError(NOT_IN_TIME) from error

    def enqueue(self, screenings: Sequence[Screening]) -> Future[list[int]]:
        """Queue `screenings` for the next transaction without waiting: the future holds
        their sequence numbers once committed, or the error (`submit` waits on it)."""
        if not self._thread.is_alive():
            raise StoreError("the audit writer has stopped; the store is closed")
        future: Future[list[int]] = Future()
        self._queue.put((screenings, future))
        return future

    def close(self) -> None:
        """Commit what is queued, then stop the thread."""
        self._queue.put(None)
        self._thread.join()

    def _run(self) -> None:
        while True:
            item = self._queue.get()
            if item is None:
                return
            batch = [item]
            size = len(item[0])
            stopping = False
            while size < MAX_BATCH:
                try:
                    more = self._queue.get_nowait()
                except queue.Empty:
                    break
                if more is None:
                    stopping = True
                    break
                batch.append(more)
                size += len(more[0])
            self._commit(batch)
            if stopping:
                return

    def _commit(self, batch: list[_Item]) -> None:
        records = [screening for screenings, _ in batch for screening in screenings]
        try:
            numbers = self._append(records)
        except Exception as error:  # every caller of the batch fails with the cause
            for _, future in batch:
                _settle(future, error=error)
            return
        start = 0
        for screenings, future in batch:
            _settle(future, numbers[start : start + len(screenings)])
            start += len(screenings)


def _settle(
    future: Future[list[int]], numbers: list[int] | None = None, error: Exception | None = None
) -> None:
    """Resolve a caller's future. One its caller cancelled is left as it is: its records are
    written all the same (the screening happened), and the thread must outlive such callers."""
    if future.cancelled():
        return
    try:
        if error is not None:
            future.set_exception(error)
        else:
            future.set_result(numbers or [])
    except InvalidStateError:  # cancelled between the check and here
        pass


class LoopCommitter:
    """Appends the records queued during a few turns of an event loop in one transaction."""

    def __init__(self, append: Append) -> None:
        self._append = append
        # One batch per loop (a test may run the app on a loop of its own in another thread):
        # a loop's batch is filled and committed only by that loop.
        self._batches: dict[asyncio.AbstractEventLoop, list[_LoopItem]] = {}

    async def append(self, screenings: Sequence[Screening]) -> list[int]:
        """Queue `screenings` for the loop's next transaction; their sequence numbers once
        committed. Raises what failed the commit (StoreError when the store refused it).
        A caller cancelled while waiting (its client hung up) leaves its records queued:
        they are written all the same, since the screening happened."""
        loop = asyncio.get_running_loop()
        future: asyncio.Future[list[int]] = loop.create_future()
        batch = self._batches.get(loop)
        if batch is None:
            # call_soon runs after the callbacks already due: the requests ready at this turn,
            # and those arriving in the next COMMIT_TURNS, are screened (and queue their
            # records) before the batch is committed.
            batch = self._batches[loop] = []
            loop.call_soon(self._commit_after, loop, COMMIT_TURNS)
        batch.append((screenings, future))
        return await future

    def _commit_after(self, loop: asyncio.AbstractEventLoop, turns: int) -> None:
        if turns > 0:
            loop.call_soon(self._commit_after, loop, turns - 1)
        else:
            self._commit(loop)

    def _commit(self, loop: asyncio.AbstractEventLoop) -> None:
        batch = self._batches.pop(loop)
        records = [screening for screenings, _ in batch for screening in screenings]
        try:
            numbers = self._append(records)
        except Exception as error:  # every caller of the batch fails with the cause
            for _, future in batch:
                if not future.done():
                    future.set_exception(error)
            return
        start = 0
        for screenings, future in batch:
            if not future.done():  # not cancelled: its caller is still waiting
                future.set_result(numbers[start : start + len(screenings)])
            start += len(screenings)
