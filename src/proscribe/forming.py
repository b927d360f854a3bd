"""The names' forms of a large list made by worker processes while this one builds the index.

Making the comparable forms of a name (`text.forms.name_form`: scripts, romanisations,
legal forms, cuts and keys) is more than half of an index build. For the official lists (tens
of thousands of names, about two seconds) that is fine in one process. For a list of a
million entities it is about a hundred seconds of a two-hundred-second build, so beyond the
first `PARALLEL_ABOVE` entities `formed` sends each chunk of names to a pool of worker
processes and adds the forms they send back, in order, while the next chunks are being made.
The index is the same as one process builds (`index_of_formed`; the tests compare them).
There is one worker for each core beside this process's, at most `MAX_WORKERS`: this process,
which packs the entities and files their names, is the bound beyond that.

The workers are spawned, not forked: the parent may hold threads (the service's audit writer)
whose locks a fork would copy in whatever state they were in. They receive only the texts of
the names and whether each entity is a person, and send back each form as plain tuples
(marshal: read back about three times faster than pickle, 4 against 15 us an entity). At
most `AHEAD` chunks per worker are in flight, so memory does not grow with the list. If a
worker dies (or cannot start: see `_formed_by_workers`), a warning says so and the rest is
formed in this process.
"""

from __future__ import annotations

import marshal
import multiprocessing
import os
import warnings
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from itertools import chain, islice

from proscribe.index.build import FormsRequest, entity_forms, forms_request, requested_forms
from proscribe.index.packed import PACK_ABOVE, form_fields, form_from_fields
from proscribe.model import Entity
from proscribe.text.forms import NameForm

# The lists the product loads stay under this and are formed here: starting workers costs
# about a second, more than their whole build would save.
PARALLEL_ABOVE = PACK_ABOVE
CHUNK = 500  # entities a task: large enough that sending it costs little beside forming it
AHEAD = 4  # chunks in flight per worker
# More would wait on this process: at a million entities it spent 122 s building and packing
# against 111 s of forms in two workers together (bench/scale.py), and each worker holds some
# 200 MB of caches.
MAX_WORKERS = 2

Formed = tuple[Entity, tuple[NameForm, ...]]


def default_workers() -> int:
    """Form workers for this machine: one for each core beside this process's, at most
    `MAX_WORKERS`; none on a single core (they would only take turns with this process)."""
    cores = os.cpu_count() or 1
    return max(0, min(cores - 1, MAX_WORKERS))


def formed(entities: Iterable[Entity], workers: int | None = None) -> Iterator[Formed]:
    """Each entity with its names' forms (`index.build.entity_forms`), in order: made here for
    the first `PARALLEL_ABOVE` entities, then by `workers` processes (`default_workers()`
    when None; 0 makes them all here, as does a daemonic process)."""
    count = default_workers() if workers is None else workers
    if multiprocessing.current_process().daemon:
        count = 0  # a daemonic process may not start processes of its own
    remaining = iter(entities)
    yield from _formed_here(islice(remaining, PARALLEL_ABOVE))
    first = next(remaining, None)
    if first is None:
        return
    if count <= 0:
        yield from _formed_here(chain([first], remaining))
    else:
        yield from _formed_by_workers(_chunks(first, remaining), count)


def _formed_here(entities: Iterable[Entity]) -> Iterator[Formed]:
    for entity in entities:
        yield entity, entity_forms(entity)


def _chunks(first: Entity, rest: Iterator[Entity]) -> Iterator[list[Entity]]:
    chunk = [first, *islice(rest, CHUNK - 1)]
    while chunk:
        yield chunk
        chunk = list(islice(rest, CHUNK))


def _formed_by_workers(chunks: Iterator[list[Entity]], workers: int) -> Iterator[Formed]:
    context = multiprocessing.get_context("spawn")
    pending: deque[tuple[list[Entity], Future[bytes]]] = deque()
    unsent: list[Entity] = []  # the chunk being sent, until it is in `pending`
    try:
        with ProcessPoolExecutor(workers, mp_context=context) as pool:
            for unsent in chunks:
                requests = [forms_request(entity) for entity in unsent]
                pending.append((unsent, pool.submit(forms_fields, requests)))
                unsent = []
                while len(pending) >= AHEAD * workers:
                    yield from _received(pending)
            while pending:
                yield from _received(pending)
    except BrokenProcessPool as error:
        # A worker died, or could not start: spawned, it imports the main module again, and a
        # script that starts its work on import, with no `if __name__ == "__main__"`, stops
        # it. The list is formed here from the first chunk not received, as without workers.
        warnings.warn(
            f"the name form workers stopped ({error}); the rest of the list is formed here",
            RuntimeWarning,
            stacklevel=2,
        )
        left = [chunk for chunk, _ in pending]
        yield from _formed_here(chain.from_iterable(chain(left, [unsent], chunks)))


def _received(pending: deque[tuple[list[Entity], Future[bytes]]]) -> Iterator[Formed]:
    """The forms of the oldest chunk in flight, taken off `pending` once they are in."""
    chunk, answer = pending[0]
    fields = marshal.loads(answer.result())
    pending.popleft()
    for entity, its_fields in zip(chunk, fields, strict=True):
        yield entity, tuple(form_from_fields(*found) for found in its_fields)


def forms_fields(requests: list[FormsRequest]) -> bytes:
    """In a worker: the forms of each entity's names, as `form_fields` tuples, marshalled."""
    return marshal.dumps(
        [[form_fields(form) for form in requested_forms(request)] for request in requests]
    )
