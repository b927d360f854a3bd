"""Batch screening on a Dask cluster: the same rows, outcomes and order as `pool`, on workers
that may be on other machines.

    job = SnapshotJob(str(snapshot), versions, "proscribe-v1")
    with DaskEngine(scheduler="tcp://10.0.0.5:8786") as engine:  # None: a local cluster
        for outcomes in engine.map(job, read_rows(path)):
            ...  # one list per chunk, chunks in input order

The index never travels through the task graph. A task carries a chunk of rows and the job,
which names the index snapshot by its path (a string); each worker process loads the snapshot
from disk on its first task and keeps it for the next ones (`worker_screener`). What comes back
is what `screening.screen_rows` makes: each row's output text and audit record, or its error.

The client keeps a bounded window of chunks in flight, so an input of any size streams through
in bounded memory, takes the results as they complete (`as_completed`) and gives them back in
input order. With a scheduler of its own, each worker needs the snapshot file at the same path
(a shared filesystem) and the same proscribe release: a snapshot is tied to the code that made
it. Unlike forked local workers, each Dask worker process holds its own copy of the index.
"""

from __future__ import annotations

import importlib
import logging
import threading
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import Any, Self

from proscribe.batch.pool import CHUNK_SIZE, chunks, default_workers
from proscribe.batch.rows import Row
from proscribe.batch.screening import Outcome, OutputFormat, ScreenJob, screen_rows
from proscribe.errors import InputError
from proscribe.index import Index
from proscribe.match import ALGORITHMS
from proscribe.model import ListVersion
from proscribe.screen import ScreeningResult
from proscribe.screener import Screener
from proscribe.store.audit import Screening

_WINDOW = 4  # chunks per worker thread between the oldest unwritten chunk and the newest sent
_CONNECT_TIMEOUT = "20s"
_WORKERS_TIMEOUT = 60.0  # seconds to wait for a first worker to join a scheduler


@dataclass(frozen=True, slots=True)
class SnapshotJob:
    """What a task needs besides its rows: small and picklable, sent with every task."""

    snapshot: str  # path of the index snapshot file, as every worker reads it
    versions: tuple[ListVersion, ...]
    algorithm: str  # a name in proscribe.match.ALGORITHMS
    output: OutputFormat = OutputFormat.jsonl
    limit: int = 10
    threshold: float | None = None
    # Makes a result's audit record in the worker; the client appends the records. A
    # module-level function (or a partial of one) so that it pickles by reference.
    audit: Callable[[ScreeningResult], Screening] | None = None


# One Screener per worker process, by (snapshot, algorithm). A task asking for another snapshot
# (the lists changed) replaces it: a worker never holds two indexes.
_SCREENERS: dict[tuple[str, str], Screener] = {}
_LOADING = threading.Lock()  # a worker with several threads loads the snapshot once


def worker_screener(job: SnapshotJob) -> Screener:
    """The Screener of `job`'s snapshot in this process, loaded on first use."""
    key = (job.snapshot, job.algorithm)
    with _LOADING:
        screener = _SCREENERS.get(key)
        if screener is None:
            _SCREENERS.clear()
            index = _read_snapshot(job.snapshot)
            screener = Screener(index, job.versions, ALGORITHMS[job.algorithm])
            _SCREENERS[key] = screener
    return screener


def _read_snapshot(path: str) -> Index:
    try:
        data = Path(path).read_bytes()
    except OSError as error:
        raise InputError(
            f"a Dask worker cannot read the index snapshot {path} ({error.strerror}): "
            "workers need the proscribe home on a shared filesystem, at the same path",
            field="scheduler",
        ) from None
    try:
        return Index.from_bytes(data)
    except (ValueError, EOFError, AttributeError, ImportError):
        raise InputError(
            f"a Dask worker cannot load the index snapshot {path}: "
            "the workers must run the same proscribe release as the client",
            field="scheduler",
        ) from None


def screen_chunk(job: SnapshotJob, rows: list[Row]) -> list[Outcome]:
    """A task: screen a chunk of rows on this worker's Screener."""
    screener = worker_screener(job)
    local = ScreenJob(screener, job.output, job.limit, job.threshold, job.audit)
    return screen_rows(local, rows)


class DaskEngine:
    """A Dask client on `scheduler` (tcp://HOST:PORT), or on a local cluster of `workers`
    processes (default: one per core) with one thread each when no scheduler is named, for
    `map`; a context manager that closes what it opened."""

    def __init__(self, scheduler: str | None = None, workers: int | None = None) -> None:
        self.scheduler = scheduler
        self._local_workers = max(1, workers if workers is not None else default_workers())
        self._cluster: Any = None  # distributed.LocalCluster
        self._client: Any = None  # distributed.Client

    def __enter__(self) -> Self:
        try:
            self._open(_distributed())
        except BaseException:
            self.__exit__(None, None, None)  # a cluster started before the client failed
            raise
        return self

    def _open(self, distributed: Any) -> None:
        if self.scheduler is None:
            self._cluster = distributed.LocalCluster(
                n_workers=self._local_workers,
                threads_per_worker=1,
                processes=True,
                host="127.0.0.1",
                dashboard_address=None,
                # No dashboard, but the scheduler's HTTP endpoints (health, metrics) are still
                # served: on a free port, not the default one another cluster may hold.
                scheduler_kwargs={"dashboard_address": "127.0.0.1:0"},
                silence_logs=logging.ERROR,
            )
            self._client = distributed.Client(self._cluster)
        else:
            self._client = _connect(distributed, self.scheduler)

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        if self._client is not None:
            self._client.close()
            self._client = None
        if self._cluster is not None:
            self._cluster.close()
            self._cluster = None

    @property
    def client(self) -> Any:
        """The distributed.Client."""
        if self._client is None:
            raise RuntimeError("DaskEngine used outside its `with` block")
        return self._client

    @property
    def workers(self) -> int:
        """Worker threads in the cluster (each screens one chunk at a time); waits for the
        first worker of a scheduler that has none yet."""
        threads = _threads(self.client)
        if not threads:
            try:
                self.client.wait_for_workers(1, timeout=_WORKERS_TIMEOUT)
            except TimeoutError:
                raise InputError(
                    f"no Dask worker joined the scheduler {self.scheduler} within "
                    f"{_WORKERS_TIMEOUT:.0f} s",
                    field="scheduler",
                ) from None
            threads = _threads(self.client)
        return max(1, threads)

    def map(
        self, job: SnapshotJob, rows: Iterable[Row], chunk_size: int = CHUNK_SIZE
    ) -> Iterator[list[Outcome]]:
        """`screen_chunk(job, chunk)` for each chunk of `rows` on the cluster: one list of
        outcomes per chunk, in input order. A task's error is raised here as it was raised."""
        window = _WINDOW * self.workers
        numbered = enumerate(chunks(rows, chunk_size))
        positions: dict[str, tuple[int, Any]] = {}  # by future key: the tasks running
        done: dict[int, list[Outcome]] = {}  # completed out of order, waiting for their turn
        running = _distributed().as_completed()
        sent = written = 0

        def send() -> None:
            nonlocal sent
            while sent < written + window:
                found = next(numbered, None)
                if found is None:
                    return
                future = self.client.submit(screen_chunk, job, found[1], pure=False)
                positions[future.key] = (found[0], future)
                running.add(future)
                sent += 1

        send()
        try:
            for future in running:
                done[positions.pop(future.key)[0]] = _result(future)
                while written in done:
                    yield done.pop(written)
                    written += 1
                send()
        finally:
            running.clear()  # left early (an error downstream): cancel what is still queued
            if positions:
                self.client.cancel([future for _, future in positions.values()])


def _distributed() -> Any:
    try:
        # Imported here: dask is an optional dependency, and heavy; the local engine runs
        # without it.
        return importlib.import_module("distributed")
    except ImportError:
        raise InputError(
            "the dask engine needs dask.distributed: pip install 'proscribe[batch]'",
            field="engine",
        ) from None


def _connect(distributed: Any, address: str) -> Any:
    try:
        return distributed.Client(address, timeout=_CONNECT_TIMEOUT)
    except (OSError, TimeoutError, ValueError) as error:
        raise InputError(
            f"cannot reach the Dask scheduler at {address}: {error}", field="scheduler"
        ) from None


def _threads(client: Any) -> int:
    threads: dict[str, Any] = client.nthreads()
    return sum(int(count) for count in threads.values())


def _result(future: Any) -> list[Outcome]:
    outcomes: list[Outcome] = future.result()
    future.release()
    return outcomes
