"""Name forms made by worker processes (`proscribe.forming`) build the same index as one
process does: on the real lists of the 2018 story, with the hand-over to the workers moved
down to the 200th entity so that a short test crosses it, and on both sides of packing."""

from __future__ import annotations

import multiprocessing
import os
from typing import Any

import numpy as np
import pytest

from proscribe import forming
from proscribe.index import Index, build_index, packed
from proscribe.index.build import entity_forms
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
    monkeypatch.setattr(forming, "PARALLEL_ABOVE", 200)
    monkeypatch.setattr(forming, "CHUNK", 150)
    monkeypatch.setattr(forming, "AHEAD", 1)  # the window fills and drains within the test


@pytest.fixture
def no_pool(monkeypatch: pytest.MonkeyPatch) -> None:
    """Starting a process pool fails the test: the forms must all be made here."""

    def refuse(*_args: object, **_kwargs: object) -> None:
        raise AssertionError("a process pool was started")

    monkeypatch.setattr(forming, "ProcessPoolExecutor", refuse)


@pytest.mark.usefixtures("early_hand_over")
@pytest.mark.parametrize("pack_above", [None, 100])
def test_forms_made_by_workers_build_the_index_one_process_builds(
    monkeypatch: pytest.MonkeyPatch, pack_above: int | None
) -> None:
    entities = story_entities()[::4]  # some of both lists: a quicker build
    assert len(entities) > 200 + 3 * 150
    if pack_above is not None:
        monkeypatch.setattr(packed, "PACK_ABOVE", pack_above)
    alone = build_index(entities)
    shared = built_index(entities, workers=2)
    assert shared.entities.packed == (pack_above is not None)
    assert state(shared) == state(alone)
    assert state(Index.from_bytes(shared.to_bytes())) == state(alone)


@pytest.mark.usefixtures("early_hand_over")
def test_every_entity_comes_back_once_in_order_with_its_own_forms() -> None:
    entities = story_entities()[:1000]
    made = list(forming.formed(entities, workers=2))
    assert [entity for entity, _ in made] == list(entities)
    # Korean and Chinese names, Arabic compounds and legal forms all crossed the pipe whole.
    assert all(forms == entity_forms(entity) for entity, forms in made)


@pytest.mark.usefixtures("no_pool")
def test_no_workers_forms_everything_here(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(forming, "PARALLEL_ABOVE", 10)
    entities = story_entities()[:50]
    made = list(forming.formed(entities, workers=0))
    assert [entity for entity, _ in made] == list(entities)
    assert all(forms == entity_forms(entity) for entity, forms in made)


@pytest.mark.usefixtures("no_pool")
def test_an_empty_or_short_list_starts_no_workers() -> None:
    assert list(forming.formed([], workers=2)) == []
    entities = story_entities()[:30]
    assert [e for e, _ in forming.formed(entities, workers=2)] == list(entities)


@pytest.mark.usefixtures("no_pool")
def test_a_daemonic_process_forms_everything_itself(monkeypatch: pytest.MonkeyPatch) -> None:
    """Such as a worker of a multiprocessing pool: it may not start processes."""
    monkeypatch.setattr(forming, "PARALLEL_ABOVE", 10)
    monkeypatch.setattr(multiprocessing.current_process(), "daemon", True, raising=False)
    entities = story_entities()[:50]
    assert [e for e, _ in forming.formed(entities, workers=2)] == list(entities)


@pytest.mark.parametrize(("cores", "workers"), [(None, 0), (1, 0), (2, 1), (3, 2), (16, 2)])
def test_one_worker_for_each_core_beside_this_one_at_most_two(
    monkeypatch: pytest.MonkeyPatch, cores: int | None, workers: int
) -> None:
    monkeypatch.setattr(forming.os, "cpu_count", lambda: cores)
    assert forming.default_workers() == workers


class _Fatal(tuple):  # type: ignore[type-arg]
    """A forms request that reads as one here and ends the worker that unpickles it."""

    def __reduce__(self) -> tuple[object, tuple[int]]:
        return (os._exit, (3,))


@pytest.mark.usefixtures("early_hand_over")
def test_when_a_worker_dies_the_rest_of_the_list_is_formed_here(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    entities = story_entities()[:1000]
    fatal = entities[700]  # in the fourth chunk: the first three come back from the workers
    real = forming.forms_request
    monkeypatch.setattr(
        forming, "forms_request", lambda e: _Fatal(real(e)) if e is fatal else real(e)
    )
    with pytest.warns(RuntimeWarning, match="name form workers stopped"):
        made = list(forming.formed(entities, workers=2))
    assert [entity for entity, _ in made] == list(entities)
    assert all(forms == entity_forms(entity) for entity, forms in made)
