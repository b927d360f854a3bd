"""`Screener`: screening wired to a store and chosen list versions (the public Python API).

    with Store.open(url) as store:
        screener = Screener.from_store(store)            # newest version of every list
        result = screener.screen(Query("Choe Ryong-hae"))
        print(result.matches[0].entity.caption, result.matches[0].comparison.explanation)

The index of a set of versions is built once and kept as a snapshot file, so the next process
starts from the snapshot instead of rebuilding it.
"""

from __future__ import annotations

import gc
import hashlib
import os
import tempfile
from collections.abc import Iterable, Sequence
from functools import cache
from pathlib import Path
from types import ModuleType

import proscribe.index
import proscribe.text
from proscribe import forming
from proscribe.index import Index
from proscribe.match import ALGORITHMS, DEFAULT_ALGORITHM, Algorithm
from proscribe.model import Entity, ListVersion, Query
from proscribe.screen import ScreeningResult, screen
from proscribe.store import Store


class Screener:
    def __init__(
        self,
        index: Index,
        versions: Sequence[ListVersion] = (),
        algorithm: Algorithm | None = None,
    ) -> None:
        self.index = index
        # The index is millions of long-lived objects: left to the cyclic garbage collector,
        # every full collection walks them all, a pause of a few hundred milliseconds in the
        # middle of a screening. Frozen, they are never scanned again.
        gc.collect()
        gc.freeze()
        self.versions = tuple(versions)
        self.algorithm = algorithm or ALGORITHMS[DEFAULT_ALGORITHM]
        self._labels = tuple(v.label for v in self.versions)

    @classmethod
    def from_entities(
        cls, entities: Iterable[Entity], algorithm: Algorithm | None = None
    ) -> Screener:
        """Screen against `entities` (a large list's index made with worker processes: see
        `proscribe.forming`)."""
        return cls(built_index(entities), (), algorithm)

    @classmethod
    def from_store(
        cls,
        store: Store,
        versions: Sequence[str] | None = None,
        *,
        snapshot_dir: Path | None = None,
        algorithm: Algorithm | None = None,
    ) -> Screener:
        """Screen against `versions` (ids or labels), by default the newest of every list."""
        chosen = [store.version(ref) for ref in versions] if versions else newest(store)
        index = _load_snapshot(snapshot_dir, chosen) if snapshot_dir else None
        if index is None:
            index = built_index(e for v in chosen for e in store.entities(v))
            if snapshot_dir:
                _save_snapshot(snapshot_dir, chosen, index)
        return cls(index, chosen, algorithm)

    @property
    def threshold(self) -> float:
        return self.algorithm.threshold

    def screen(
        self, query: Query, *, limit: int = 10, threshold: float | None = None
    ) -> ScreeningResult:
        return screen(
            query,
            self.index,
            self.algorithm,
            limit=limit,
            threshold=threshold,
            versions=self._labels,
        )

    def screen_many(
        self, queries: Iterable[Query], *, limit: int = 10, threshold: float | None = None
    ) -> list[ScreeningResult]:
        return [self.screen(q, limit=limit, threshold=threshold) for q in queries]


def newest(store: Store) -> list[ListVersion]:
    """The newest version of every list. A filtered extract (OFAC's per-programme exports) is
    used only for a list of which no whole version is loaded, so no entry counts twice."""
    latest: dict[tuple[str, str], ListVersion] = {}
    for version in store.versions():
        found = store.latest(version.source, version.scope)
        if found is not None:
            latest[(version.source, version.scope)] = found
    whole = {source for source, scope in latest if not scope}
    return [v for (source, scope), v in sorted(latest.items()) if not scope or source not in whole]


@cache  # read once per process: the code does not change under a running program
def code_digest(packages: tuple[ModuleType, ...]) -> str:
    """sha256 of the source of these packages: what was made by other code is not trusted."""
    digest = hashlib.sha256()
    for package in packages:
        for path in sorted(Path(package.__file__ or "").parent.rglob("*.py")):
            digest.update(path.read_bytes())
    return digest.hexdigest()


def _code_fingerprint() -> str:
    """The digest of the code that shapes an index (text and index packages): a snapshot made
    by other code is never loaded, it is rebuilt."""
    return code_digest((proscribe.text, proscribe.index))


def _snapshot_path(folder: Path, versions: Sequence[ListVersion]) -> Path:
    digest = hashlib.sha256(_code_fingerprint().encode())
    for version in sorted(versions, key=lambda v: (v.source, v.scope, v.sha256)):
        digest.update(f"{version.source}|{version.scope}|{version.sha256}\n".encode())
    return folder / f"index-{digest.hexdigest()[:24]}.snapshot"


def _load_snapshot(folder: Path, versions: Sequence[ListVersion]) -> Index | None:
    path = _snapshot_path(folder, versions)
    if not path.exists():
        return None
    try:
        return Index.from_bytes(path.read_bytes())
    except (ValueError, EOFError, AttributeError, ImportError):
        return None  # a snapshot of another release: rebuild it


def built_index(entities: Iterable[Entity], workers: int | None = None) -> Index:
    """The index of `entities`; a large list's made with worker processes."""
    return forming.built_index(entities, workers)


def index_snapshot(
    store: Store, versions: Sequence[str] | None, folder: Path
) -> tuple[Path, list[ListVersion]]:
    """The snapshot file of the index of `versions` (ids or labels; by default the newest of
    every list) and those versions; the index is built and saved first when there is none.
    For screening in other processes (Dask workers), which load the file themselves: this
    process does not keep the index."""
    chosen = [store.version(ref) for ref in versions] if versions else newest(store)
    path = _snapshot_path(folder, chosen)
    if not path.exists():
        _save_snapshot(folder, chosen, built_index(e for v in chosen for e in store.entities(v)))
    return path, chosen


def _save_snapshot(folder: Path, versions: Sequence[ListVersion], index: Index) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    path = _snapshot_path(folder, versions)
    handle, temp = tempfile.mkstemp(dir=folder, prefix=".snapshot-")
    with os.fdopen(handle, "wb") as out:
        out.write(index.to_bytes())
    os.replace(temp, path)
