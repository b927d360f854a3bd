"""Screening speed against SDN 2021-07-07 + UN 2026-02-27, with a brute-force baseline.

    python bench/speed.py [--queries N] [--workers W] [--warmup N] [--brute N] [--seed S]

In one run, on one query set (a seeded mix of generated list-name variants and innocent
look-alikes from `proscribe.screen.cases`: three quarters variants, one quarter innocents):

- load: the lists read from ../shared/data and indexed; peak RSS after it (ru_maxrss, parsing
  included) and the RSS left once loaded. The snapshot is then written and loaded in a fresh
  process, as the CLI starts: its load time and its peak RSS are the cold-start figures.
- single: `Screener.screen` in process, each query timed alone after a warm-up on other
  queries: p50, p99, mean, queries/s.
- batch: the `screen-file` path (rows parsed, screened, written as JSON lines) on W forked
  workers (`proscribe.batch.Workers`), wall time including the fork: queries/s.
- brute force: for each query, rapidfuzz `process.extract` (top 10) with
  `fuzz.token_sort_ratio` over every list name (primary, aliases, all kinds), names and query
  normalised with `proscribe.text.normalize`; one thread: p50, p99, queries/s; and the ratios.

Targets (issue 3): single p50 <= 0.5 ms and p99 <= 5 ms; batch >= 5,000 queries/s on 2 cores
and >= 50x brute force; peak memory with SDN + UN loaded <= 300 MB; cold start <= 2 s.
Timings vary with the machine: they are reported, never asserted by the tests.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from rapidfuzz import fuzz, process

from proscribe.batch import Row, ScreenJob, Workers, screen_rows
from proscribe.model import Entity, Query
from proscribe.screen.cases import CATEGORIES, innocent_cases, variant_cases
from proscribe.screener import Screener
from proscribe.sources.registry import read_path
from proscribe.text import normalize

DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data"
LISTS = (("us_ofac_sdn", "2021-07-07"), ("un_sc_consolidated", "2026-02-27"))
VARIANT_SHARE = 0.75
# Run in a fresh interpreter: the snapshot loaded as `proscribe screen` loads it.
COLD_START = """
import json, resource, sys, time
start = time.perf_counter()
from proscribe.index import Index
from proscribe.model import Query
from proscribe.screener import Screener
imported = time.perf_counter()
with open(sys.argv[1], "rb") as snapshot:
    screener = Screener(Index.from_bytes(snapshot.read()))
loaded = time.perf_counter()
screener.screen(Query("Choe Ryong-hae"))
print(json.dumps({"import_s": imported - start, "load_s": loaded - imported,
                  "first_s": time.perf_counter() - loaded,
                  "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


@dataclass(frozen=True)
class Timings:
    """Per-query seconds of one run."""

    seconds: list[float]

    def percentile(self, share: float) -> float:
        ordered = sorted(self.seconds)
        return ordered[min(len(ordered) - 1, math.ceil(share * len(ordered)) - 1)]

    @property
    def per_second(self) -> float:
        return len(self.seconds) / sum(self.seconds)


def load_entities() -> list[Entity]:
    return [
        entity
        for folder, snapshot in LISTS
        for publication in read_path(DATA / folder / snapshot)
        for entity in publication.parsed.entities
    ]


def rss_mb() -> float:
    """The resident set size now (Linux), in MB."""
    with open("/proc/self/statm") as statm:
        pages = int(statm.read().split()[1])
    return pages * os.sysconf("SC_PAGE_SIZE") / 2**20


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KB on Linux


def make_queries(entities: Sequence[Entity], count: int, seed: int) -> list[Query]:
    """`count` queries: variants of list names and innocent look-alikes, shuffled (seeded)."""
    per_category = math.ceil(count * VARIANT_SHARE / len(CATEGORIES))
    variants = [
        case.query for case in variant_cases(entities, per_category=per_category, seed=seed)
    ]
    variants = variants[: round(count * VARIANT_SHARE)]
    innocents = innocent_cases(entities, count=count - len(variants), seed=seed)
    queries = variants + [case.query for case in innocents]
    random.Random(seed).shuffle(queries)
    return queries[:count]


def time_each(function: Callable[[Query], object], queries: Sequence[Query]) -> Timings:
    seconds = []
    for query in queries:
        start = time.perf_counter()
        function(query)
        seconds.append(time.perf_counter() - start)
    return Timings(seconds)


def as_row(number: int, query: Query) -> Row:
    values = {
        "id": query.id or str(number),
        "name": query.name,
        "schema": query.schema.value if query.schema else "",
        "birth_date": str(query.birth_date) if query.birth_date else "",
    }
    return Row(number, values)


def batch_rate(screener: Screener, queries: Sequence[Query], workers: int) -> float:
    """Queries/s of the screen-file path on `workers` processes, fork included."""
    rows = [as_row(number, query) for number, query in enumerate(queries, start=1)]
    chunk = max(1, min(500, math.ceil(len(rows) / (4 * workers))))  # 4+ chunks per worker
    start = time.perf_counter()
    with Workers(ScreenJob(screener), workers) as pool:
        screened = sum(len(outcomes) for outcomes in pool.map(screen_rows, rows, chunk))
    assert screened == len(rows)
    return len(rows) / (time.perf_counter() - start)


def cold_start(screener: Screener) -> dict[str, float]:
    """Write the snapshot, then load it in a fresh process as the CLI does."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "index.snapshot"
        path.write_bytes(screener.index.to_bytes())
        env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[1] / "src")}
        done = subprocess.run(
            [sys.executable, "-c", COLD_START, str(path)],
            env=env,
            capture_output=True,
            text=True,
            check=True,
        )
    figures: dict[str, float] = json.loads(done.stdout)
    figures["snapshot_mb"] = len(screener.index.to_bytes()) / 2**20
    return figures


class BruteForce:
    """Every list name scored against the query with rapidfuzz: no index at all."""

    def __init__(self, entities: Sequence[Entity]) -> None:
        names = {normalize(name.full) for entity in entities for name in entity.names}
        self.names = sorted(name for name in names if name)

    def screen(self, query: Query) -> object:
        return process.extract(
            normalize(query.name), self.names, scorer=fuzz.token_sort_ratio, limit=10
        )


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.3f} ms"


Table = list[tuple[str, str, str]]  # (measure, value, target)


def measure_loading(entities_s: float, build_s: float, screener: Screener) -> Table:
    peak, rss, cold = peak_mb(), rss_mb(), cold_start(screener)
    return [
        ("read files + build index", f"{entities_s:.2f} s + {build_s:.2f} s", ""),
        ("peak RSS after loading (parse incl.)", f"{peak:.0f} MB", "<= 300 MB"),
        ("RSS once loaded", f"{rss:.0f} MB", ""),
        ("snapshot size", f"{cold['snapshot_mb']:.1f} MB", ""),
        ("cold start: snapshot load", f"{cold['load_s']:.2f} s", "<= 2 s"),
        ("cold start: import", f"{cold['import_s']:.2f} s", ""),
        ("cold start: first query", ms(cold["first_s"]), ""),
        ("cold start: peak RSS", f"{cold['peak_mb']:.0f} MB", "<= 300 MB"),
    ]


def measure_screening(
    screener: Screener, brute: BruteForce, queries: Sequence[Query], args: argparse.Namespace
) -> Table:
    warmup, timed = queries[: args.warmup], queries[args.warmup :]
    for query in warmup:
        screener.screen(query)
    # Batch before single: the workers inherit only the warm-up's caches, as single does.
    batch = batch_rate(screener, timed, args.workers)
    single = time_each(screener.screen, timed)
    brute_force = time_each(brute.screen, timed[: args.brute])
    return [
        (f"queries (seed {args.seed})", f"{len(timed):,} + {len(warmup):,} warm-up", ""),
        ("single: p50", ms(single.percentile(0.5)), "<= 0.5 ms"),
        ("single: p99", ms(single.percentile(0.99)), "<= 5 ms"),
        ("single: mean", ms(sum(single.seconds) / len(single.seconds)), ""),
        ("single: queries/s (1 core)", f"{single.per_second:,.0f}", ""),
        (f"batch: queries/s ({args.workers} workers)", f"{batch:,.0f}", ">= 5,000 on 2"),
        ("brute force: queries timed", f"{len(brute_force.seconds):,}", ""),
        ("brute force: p50", ms(brute_force.percentile(0.5)), ""),
        ("brute force: p99", ms(brute_force.percentile(0.99)), ""),
        ("brute force: queries/s (1 core)", f"{brute_force.per_second:,.1f}", ""),
        ("ratio single / brute force", f"{single.per_second / brute_force.per_second:,.1f}x", ""),
        ("ratio batch / brute force", f"{batch / brute_force.per_second:,.1f}x", ">= 50x"),
    ]


def print_table(rows: Table) -> None:
    width = max(len(row[0]) for row in rows)
    value_width = max(len(row[1]) for row in rows)
    print(f"\n{'measure':<{width}}  {'value':>{value_width}}  target")
    for name, value, target in rows:
        print(f"{name:<{width}}  {value:>{value_width}}  {target}".rstrip())


def arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--queries", type=int, default=2000, help="queries timed (default 2000)")
    parser.add_argument("--workers", type=int, default=2, help="batch processes (default 2)")
    parser.add_argument("--warmup", type=int, default=200, help="warm-up queries (default 200)")
    parser.add_argument("--brute", type=int, default=None, help="brute-force queries (all)")
    parser.add_argument("--seed", type=int, default=0)
    return parser.parse_args()


def main() -> None:
    args = arguments()
    print("command: python bench/speed.py " + " ".join(sys.argv[1:]))
    load = os.getloadavg()[0]  # other work on the machine skews every figure: say so
    print(f"machine: {os.cpu_count()} cores, load {load:.2f}, Python {sys.version.split()[0]}")
    start = time.perf_counter()
    entities = load_entities()
    entities_s = time.perf_counter() - start
    screener = Screener.from_entities(entities)
    table = measure_loading(entities_s, time.perf_counter() - start - entities_s, screener)
    brute = BruteForce(entities)
    table.insert(0, ("entities / list names", f"{len(entities):,} / {len(brute.names):,}", ""))
    queries = make_queries(entities, args.warmup + args.queries, args.seed)
    table += measure_screening(screener, brute, queries, args)
    print_table(table)


if __name__ == "__main__":
    main()
