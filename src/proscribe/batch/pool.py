"""Work on every core: forked worker processes that share one state built in the parent.

    with Workers(screener, workers=4) as pool:
        for results in pool.map(screen_rows, rows, chunk_size=500):
            ...  # one list per chunk, chunks in input order

The state (a Screener: its index takes seconds and a few hundred megabytes to build) is built
once, before the workers are forked, and reaches them through copy-on-write memory. Nothing
but chunks of items and their results crosses between processes: never the index, per task or
at all. Hence the fork start method; where there is none (Windows), work runs in-process.

Results come back in input order. At most two chunks per worker are in flight, so an input of
any size streams through in bounded memory, and the input is read in the caller's thread,
where a reader's error is raised as it is. With one worker everything runs in-process.
One `Workers` at a time per process: the state is handed to the workers in a module global.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import signal
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from itertools import islice
from multiprocessing.pool import AsyncResult, Pool
from types import TracebackType
from typing import Any, Generic, Self, TypeVar

S = TypeVar("S")  # the shared state
T = TypeVar("T")  # an input item
R = TypeVar("R")  # a result

CHUNK_SIZE = 500  # rows per task: large enough that the per-task overhead (~0.1 ms) vanishes
_IN_FLIGHT = 2  # chunks queued per worker: one running, one ready, so no worker waits

_STATE: Any = None  # set in the parent just before the workers are forked; they inherit it


def _call(task: Callable[[Any, list[Any]], list[Any]], chunk: list[Any]) -> list[Any]:
    """Runs in a worker: the task on the state it inherited."""
    return task(_STATE, chunk)


def _ignore_interrupts() -> None:
    """Runs in each worker as it starts: Ctrl-C reaches the whole process group, and the
    parent alone should answer it (it terminates the workers), not every worker with a
    traceback of its own."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def chunks(items: Iterable[T], size: int) -> Iterator[list[T]]:
    iterator = iter(items)
    while chunk := list(islice(iterator, size)):
        yield chunk


def default_workers() -> int:
    return os.cpu_count() or 1


class Workers(Generic[S]):
    """A pool of `workers` processes forked with `state`, for `map`; a context manager."""

    def __init__(self, state: S, workers: int | None = None) -> None:
        self.state = state
        self.workers = max(1, workers if workers is not None else default_workers())
        self._pool: Pool | None = None

    @property
    def parallel(self) -> bool:
        """True when work goes to forked processes, False when it runs in-process."""
        return self._pool is not None

    def __enter__(self) -> Self:
        global _STATE
        if self.workers > 1 and "fork" in multiprocessing.get_all_start_methods():
            _STATE = self.state
            # Out of the cyclic collector's sight: its passes would write to the header of
            # every shared object in each worker, and copy-on-write would copy them all.
            gc.freeze()
            context = multiprocessing.get_context("fork")
            self._pool = context.Pool(self.workers, initializer=_ignore_interrupts)
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        global _STATE
        if self._pool is not None:
            if kind is None:
                self._pool.close()
            else:
                self._pool.terminate()
            self._pool.join()
            self._pool = None
            gc.unfreeze()
        _STATE = None

    def map(
        self,
        task: Callable[[S, list[T]], list[R]],
        items: Iterable[T],
        chunk_size: int = CHUNK_SIZE,
    ) -> Iterator[list[R]]:
        """`task(state, chunk)` for each chunk of `items`, results in input order. `task` must
        be a module-level function (it is sent to the workers by name)."""
        if self._pool is None:
            for chunk in chunks(items, chunk_size):
                yield task(self.state, chunk)
            return
        pending: deque[AsyncResult[list[R]]] = deque()
        for chunk in chunks(items, chunk_size):
            pending.append(self._pool.apply_async(_call, (task, chunk)))
            if len(pending) >= _IN_FLIGHT * self.workers:
                yield pending.popleft().get()
        while pending:
            yield pending.popleft().get()
