"""The index of a large list built with worker processes: they make its fragments, this
process appends them.

Indexing an entity is nearly all work on that entity alone: the forms of its names
(`text.forms.name_form`: scripts, romanisations, legal forms, cuts and keys), its packed
record, the tokens and hashes of its names. For the official lists (tens of thousands of
entities, about two seconds) that is done here. Over `packed.PACK_ABOVE` entities (a
synthetic list of a million took some 100 s when only the forms were made apart, with this
process as busy as its one worker) the list is cut into chunks of `CHUNK` entities and
spawned worker processes make each chunk's `Fragment` (`index.fragments`), which this process
appends in order (`Index.add_fragment`: array copies and one lookup per distinct token), so
the workers can take every core. The index is the same as one process builds
(`index.build_index`, which keeps the first `PACK_ABOVE` entities as objects until it knows
the list is longer, then packs them; the tests compare the two).

The workers are spawned, not forked: the parent may hold threads (the service's audit writer)
whose locks a fork would copy in whatever state they were in. They receive the dictionary the
records are packed against once, when they start, and each chunk as its entities' canonical
dicts (`Entity.to_dict`, marshalled: for 100,000 synthetic entities 1.0 s to make here and
0.3 s to read there, against 1.8 s each way pickled), and send back plain tuples and bytes
(marshal). At most `AHEAD` chunks per worker are in flight,
so memory does not grow with the list. If a worker dies (or cannot start: see
`_filed_by_workers`), a warning says so and the rest of the list is indexed here.
"""

from __future__ import annotations

import gc
import marshal
import multiprocessing
import os
import warnings
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from itertools import chain, islice

import zstandard

from proscribe.index import Index, build_index, packed
from proscribe.index.build import chunked, collector_paused
from proscribe.index.filing import entity_forms
from proscribe.index.fragments import FRAGMENT_SIZE, Fragment, make_fragment
from proscribe.index.packed import Coders, dictionary_of
from proscribe.model import Entity

CHUNK = FRAGMENT_SIZE  # entities a task: large enough that sending it costs little beside it
AHEAD = 4  # chunks in flight per worker
# Each worker holds some 260 MB of caches, and this process spends about a fifth of the
# time a worker takes on a chunk (sending it, appending its fragment; bench/scale.py at 1M:
# 18 s of CPU against 91 s in the workers): on this project's two-core machine both cores
# make fragments. More workers have not been measured.
MAX_WORKERS = 2


def default_workers() -> int:
    """Workers for this machine: one a core, at most `MAX_WORKERS`; none on a single core
    (they would only take turns with this process)."""
    cores = os.cpu_count() or 1
    return 0 if cores < 2 else min(cores, MAX_WORKERS)


def built_index(entities: Iterable[Entity], workers: int | None = None) -> Index:
    """The index of `entities`, made by `workers` processes (`default_workers()` when None)
    when there are over `PACK_ABOVE` of them; all here for a shorter list, for 0 workers and
    in a daemonic process (which may not start processes of its own)."""
    count = default_workers() if workers is None else workers
    if multiprocessing.current_process().daemon:
        count = 0
    remaining = iter(entities)
    head = list(islice(remaining, packed.PACK_ABOVE))
    following = next(remaining, None)
    if following is None:
        return build_index(head)
    rest = chain([following], remaining)
    if count <= 0:
        return build_index(chain(head, rest))
    # Every record is packed against the dictionary the index trains on its first entities
    # (`Index.start_packing`, `packed.dictionary_of`): trained here first, the whole list,
    # its first entities too, is made into fragments.
    dictionary = dictionary_of((entity, entity_forms(entity)) for entity in head)
    index = Index()
    with collector_paused():  # see `build_index`
        index.start_packing(dictionary)
        _filed_by_workers(index, chunked(chain(head, rest), CHUNK), dictionary, count)
        index.finish()
    return index


def _filed_by_workers(
    index: Index, chunks: Iterator[list[Entity]], dictionary: bytes, workers: int
) -> None:
    context = multiprocessing.get_context("spawn")
    pending: deque[tuple[list[Entity], Future[bytes]]] = deque()
    unsent: list[list[Entity]] = []  # the chunk being sent, until it is in `pending`
    try:
        with ProcessPoolExecutor(
            workers, mp_context=context, initializer=start_worker, initargs=(dictionary,)
        ) as pool:
            for chunk in chunks:
                unsent = [chunk]
                pending.append((chunk, pool.submit(fragment_of, _payload(chunk))))
                unsent = []
                while len(pending) >= AHEAD * workers:
                    _file_answer(index, pending)
            while pending:
                _file_answer(index, pending)
    except BrokenProcessPool as error:
        # A worker died, or could not start: spawned, it imports the main module again, and a
        # script that starts its work on import, with no `if __name__ == "__main__"`, stops
        # it. The list is indexed here from the first task not filed, as without workers.
        warnings.warn(
            f"the index workers stopped ({error}); the rest of the list is indexed here",
            RuntimeWarning,
            stacklevel=3,
        )
        compressor = Coders(dictionary).compressor()
        for chunk in chain([chunk for chunk, _ in pending], unsent, chunks):
            index.add_fragment(make_fragment([entity.to_dict() for entity in chunk], compressor))


def _payload(entities: list[Entity]) -> bytes:
    """A chunk as a worker receives it: its entities' canonical dicts, marshalled."""
    return marshal.dumps([entity.to_dict() for entity in entities])


def _file_answer(index: Index, pending: deque[tuple[list[Entity], Future[bytes]]]) -> None:
    """Append the fragment of the oldest chunk in flight, taken off `pending` once it is in."""
    found = marshal.loads(pending[0][1].result())
    pending.popleft()
    index.add_fragment(Fragment(*found))


# -- in a worker ----------------------------------------------------------------------------
_WORKER: dict[str, zstandard.ZstdCompressor] = {}  # the compressor of the list's dictionary


def start_worker(dictionary: bytes) -> None:
    """A worker's start: the compressor of `dictionary`, and no cyclic collector. What a
    worker makes (forms, fragments) and keeps (the text caches) are trees of tuples, strings
    and dicts that reference counting frees; the collector's passes over the growing caches
    took about a quarter of a worker's time (200,000 synthetic entities' forms in one
    process: 15.2 s with it, 11.4 s without). The worker ends with the build."""
    gc.disable()
    _WORKER["compressor"] = Coders(dictionary).compressor()


def fragment_of(payload: bytes) -> bytes:
    """The fragment of a chunk (`_payload`), marshalled."""
    return marshal.dumps(tuple(make_fragment(marshal.loads(payload), _WORKER["compressor"])))
