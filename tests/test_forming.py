"""An index built with worker processes (`proscribe.forming`) is the index one process
builds, and that one is the index of its entities added one by one: on the real lists of the
2018 story, with packing (and so the hand-over to the workers) moved down to the 200th entity
so that a short test crosses it."""

from __future__ import annotations

import multiprocessing
import os
from typing import Any

import numpy as np
import pytest

from proscribe import forming
from proscribe.index import Index, build_index, packed
from proscribe.model import Entity
from proscribe.screener import built_index
from tests.engine import story_entities


def state(index: Index) -> dict[str, Any]:
    """Everything an index holds, in comparable form: arrays as lists, lookups as their
    arrays, entities with their forms."""
    found: dict[str, Any] = {}
    for name, value in vars(index).items():
        if isinstance(value, np.ndarray):
            found[name] = (value.dtype.str, value.tolist())
        elif isinstance(value, packed.HashLookup):
            found[name] = (value._hashes.tolist(), value._values.tolist())
        elif isinstance(value, packed.Entities):
            found[name] = [(value[i], value.forms(i)) for i in range(len(value))]
        elif isinstance(value, dict):
            found[name] = list(value.items())  # insertion order too: token numbers follow it
        else:
            found[name] = value
    return found


@pytest.fixture
def early_hand_over(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(packed, "PACK_ABOVE", 200)
    monkeypatch.setattr(forming, "CHUNK", 150)
    monkeypatch.setattr(forming, "AHEAD", 1)  # the window fills and drains within the test


@pytest.fixture
def no_pool(monkeypatch: pytest.MonkeyPatch) -> None:
    """Starting a process pool fails the test: the index must be built here."""

    def refuse(*_args: object, **_kwargs: object) -> None:
        raise AssertionError("a process pool was started")

    monkeypatch.setattr(forming, "ProcessPoolExecutor", refuse)


def some_entities() -> list[Entity]:
    entities = list(story_entities()[::4])  # some of both lists: a quicker build
    assert len(entities) > 200 + 3 * 150
    return entities


def added_one_by_one(entities: list[Entity]) -> Index:
    """The index `Index.add` makes, packing from the 201st entity."""
    index = Index()
    for number, entity in enumerate(entities):
        if number == 200:
            index.start_packing()
        index.add(entity)
    index.finish()
    return index


@pytest.mark.usefixtures("early_hand_over")
def test_fragments_build_the_index_of_the_entities_added_one_by_one() -> None:
    entities = some_entities()
    alone = build_index(entities)
    assert alone.entities.packed
    assert state(alone) == state(added_one_by_one(entities))


@pytest.mark.usefixtures("early_hand_over")
def test_workers_build_the_index_one_process_builds() -> None:
    entities = some_entities()
    shared = built_index(entities, workers=2)
    alone = build_index(entities)
    # Token numbers too: the workers' processes order sets of strings otherwise than this one.
    assert state(shared) == state(alone)
    assert state(Index.from_bytes(shared.to_bytes())) == state(alone)
    assert list(shared.entities) == entities


@pytest.mark.usefixtures("no_pool", "early_hand_over")
def test_no_workers_build_everything_here() -> None:
    entities = some_entities()
    assert state(built_index(entities, workers=0)) == state(build_index(entities))


@pytest.mark.usefixtures("no_pool", "early_hand_over")
def test_an_empty_or_short_list_starts_no_workers() -> None:
    assert len(built_index([], workers=2).entities) == 0
    entities = story_entities()[:200]
    index = built_index(entities, workers=2)
    assert not index.entities.packed
    assert state(index) == state(build_index(entities))


@pytest.mark.usefixtures("no_pool", "early_hand_over")
def test_a_daemonic_process_builds_everything_itself(monkeypatch: pytest.MonkeyPatch) -> None:
    """Such as a worker of a multiprocessing pool: it may not start processes."""
    monkeypatch.setattr(multiprocessing.current_process(), "daemon", True, raising=False)
    entities = some_entities()
    assert state(built_index(entities, workers=2)) == state(build_index(entities))


@pytest.mark.parametrize(("cores", "workers"), [(None, 0), (1, 0), (2, 2), (3, 2), (16, 2)])
def test_one_worker_a_core_at_most_two_and_none_on_one_core(
    monkeypatch: pytest.MonkeyPatch, cores: int | None, workers: int
) -> None:
    monkeypatch.setattr(os, "cpu_count", lambda: cores)
    assert forming.default_workers() == workers


class _Fatal(bytes):
    """A chunk that reads as one here and ends the worker that unpickles it."""

    def __reduce__(self) -> tuple[object, tuple[int]]:
        return (os._exit, (3,))


@pytest.mark.usefixtures("early_hand_over")
def test_when_a_worker_dies_the_rest_of_the_list_is_indexed_here(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    entities = some_entities()
    fatal = entities[500]  # in the fourth chunk: the first three come back from the workers
    real = forming._payload

    def payload(chunk: list[Entity]) -> bytes:
        return _Fatal(real(chunk)) if fatal in chunk else real(chunk)

    monkeypatch.setattr(forming, "_payload", payload)
    with pytest.warns(RuntimeWarning, match="index workers stopped"):
        index = built_index(entities, workers=2)
    assert state(index) == state(build_index(entities))
