"""The worker pool: results in input order, work really spread, the state never pickled."""

from __future__ import annotations

import os
import threading

import pytest

from proscribe.batch import Workers
from proscribe.batch.pool import chunks


class Unpicklable:
    """A state that cannot cross a process boundary by pickling: a lock."""

    def __init__(self, offset: int) -> None:
        self.offset = offset
        self.lock = threading.Lock()


def add_offset(state: Unpicklable, chunk: list[int]) -> list[tuple[int, int]]:
    return [(item + state.offset, os.getpid()) for item in chunk]


def test_chunks() -> None:
    assert list(chunks(range(7), 3)) == [[0, 1, 2], [3, 4, 5], [6]]
    assert list(chunks([], 3)) == []


@pytest.mark.parametrize("workers", [1, 2, 3])
def test_results_come_in_input_order(workers: int) -> None:
    with Workers(Unpicklable(1000), workers) as pool:
        results = [item for chunk in pool.map(add_offset, range(100), 3) for item in chunk]
        parallel = pool.parallel
    assert [value for value, _ in results] == list(range(1000, 1100))
    processes = {pid for _, pid in results}
    assert parallel == (workers > 1)
    # Forked workers did the work (the state reached them without pickling: it has a lock).
    assert (os.getpid() in processes) == (workers == 1)


def test_a_task_error_reaches_the_caller() -> None:
    with pytest.raises(ZeroDivisionError), Workers(Unpicklable(0), 2) as pool:
        list(pool.map(divide, [1, 0, 2], 1))


def divide(_state: Unpicklable, chunk: list[int]) -> list[float]:
    return [1 / item for item in chunk]
