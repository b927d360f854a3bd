"""Time parse-only and parse+store for every real list folder in ../shared/data.

    python bench/load.py [--repeat N] [--only us_ofac_sdn/2021-07-07]

For each snapshot folder: the best of N runs of reading and parsing (parse), and of saving the
parsed entities into a fresh SQLite store (store), with their ratio. Target of issue 2: the full
SDN 2021-07-07 set parsed and stored in <= 5 s, with store <= 1x parse.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

from proscribe.model import ListVersion
from proscribe.sources.registry import Publication, read_path
from proscribe.store import Store

DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data"


def snapshot_folders(only: str | None) -> list[Path]:
    folders = sorted(p.parent for p in DATA.glob("*/*/*") if p.is_file())
    unique = sorted(set(folders))
    return [f for f in unique if only is None or str(f).endswith(only)]


def time_parse(folder: Path, repeat: int) -> tuple[float, list[Publication]]:
    best, publications = float("inf"), []
    for _ in range(repeat):
        start = time.perf_counter()
        publications = read_path(folder)
        best = min(best, time.perf_counter() - start)
    return best, publications


def time_store(publications: list[Publication], repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        with tempfile.TemporaryDirectory() as tmp:
            store = Store.open(f"sqlite:///{tmp}/bench.db")
            start = time.perf_counter()
            for pub in publications:
                store.save_version(_version(pub), pub.parsed.entities)
            best = min(best, time.perf_counter() - start)
            store.close()
    return best


def _version(pub: Publication) -> ListVersion:
    parsed = pub.parsed
    return ListVersion(
        source=parsed.source,
        format=parsed.format,
        sha256=pub.sha256,
        record_count=len(parsed.entities),
        loaded_at=datetime.now(UTC),
        published=parsed.published or pub.path_date,
        scope=parsed.scope,
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--only", default=None, help="suffix of one snapshot folder")
    args = parser.parse_args()
    print(
        f"{'snapshot':<40} {'records':>8} {'parse s':>8} {'store s':>8} {'total s':>8} "
        f"{'store/parse':>11}"
    )
    for folder in snapshot_folders(args.only):
        parse_s, publications = time_parse(folder, args.repeat)
        store_s = time_store(publications, args.repeat)
        records = sum(len(p.parsed.entities) for p in publications)
        name = str(folder.relative_to(DATA))
        print(
            f"{name:<40} {records:>8,} {parse_s:>8.3f} {store_s:>8.3f} "
            f"{parse_s + store_s:>8.3f} {store_s / parse_s:>10.2f}x"
        )


if __name__ == "__main__":
    main()
