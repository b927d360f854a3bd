"""How the costs of screening grow with the size of the lists: synthetic lists of 10k, 100k and
1M entities (`synthetic.py`).

    python bench/scale.py [--sizes 10000,100000,1000000] [--queries 500] [--batch 4000]
                          [--engine local|dask] [--seed S] [--where-memory SIZE]

Each size is measured in a fresh Python process of its own, so that one size's memory does
not stay in the next one's figures:

- build: `Screener.from_entities` (the product's index build, as `proscribe load` and the
  snapshot-less start run it), timed in a process of its own over entities all generated
  before it starts (held in a list, which that process's memory is not measured with, kept
  out of the cyclic collector's sight as the product's entities are never there), and
  again in the process that measures everything else, over the entities as they are
  generated, one at a time, as the store streams them, less the time spent generating them
  (timed apart). The first is the figure held against the target: in the second the
  generator, in this process, takes turns with the build's workers for the two cores, and
  subtracting its slowed wall time makes the build look several seconds quicker than it is.
- peak: the process's RSS high-water mark (`getrusage(RUSAGE_SELF).ru_maxrss`) once the index
  is built: interpreter, generator and index (the entities are never all held outside the
  index, as `Screener.from_store` never holds them); the RSS before generating is shown too.
  Beyond 50,000 entities the index is made in fragments by worker processes
  (`proscribe.forming`, one a core, at most two): their CPU time is shown apart, and
  their own peaks (sampled) are added to this process's for the figure held against the
  target, an upper bound since they are gone before the index is finished. The most all
  the processes held at one moment is shown too: their RSS summed every 0.2 s, or this
  process's own peak when that is higher. MB in this benchmark are 2^20 bytes, so the
  target's 1.5 GB is 1,536 of them.
- snapshot: `Index.to_bytes` size, and `Index.from_bytes` time (what a CLI or Dask worker
  pays to start), measured after the peak is read.
- single: `Screener.screen` on customer rows (a fifth perturbed list names, the rest innocent)
  each timed alone after 100 warm-up rows: p50, p99.
- batch: rows/s of the screen-file path (rows parsed, screened, written as JSON lines) on one
  worker and on two, on the same rows: the local engine (forked workers sharing the index) or,
  with `--engine dask`, a Dask LocalCluster whose workers each load the snapshot file.

`--where-memory SIZE` instead builds one index under tracemalloc and prints the allocations
alive after the build, grouped by module (tracemalloc slows the build several times over).

Targets (issue 8): 1M entities: build <= 60 s, peak <= 1.5 GB, single p99 <= 20 ms; batch on
two workers >= 1.7x one worker. Figures vary with the machine and its load: reported, never
asserted by the tests.
"""

from __future__ import annotations

import argparse
import gc
import json
import math
import os
import resource
import subprocess
import sys
import tempfile
import threading
import time
import tracemalloc
from collections import Counter
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from proscribe.batch import Row, ScreenJob, Workers, parse_row, screen_rows
from proscribe.batch.dask_engine import DaskEngine, SnapshotJob
from proscribe.index import Index
from proscribe.match import DEFAULT_ALGORITHM
from proscribe.model import Entity, Query
from proscribe.screener import Screener
from synthetic import customer_rows, generate_entities

WARMUP = 100


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KB on Linux


class ChildPeaks:
    """The high-water RSS (VmHWM) of each child process, sampled while a block runs: the
    index workers of a large build (`proscribe.forming`). The kernel's own figure for children
    (RUSAGE_CHILDREN) counts a spawned child's first moments as a copy of this process.
    `together`: the most that this process and its children held at one sampled moment
    (their VmRSS summed), what the machine had to hold at once."""

    def __init__(self, every: float = 0.2) -> None:
        self.every = every
        self.peaks: dict[int, float] = {}
        self.together = 0.0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._watch, daemon=True)

    def __enter__(self) -> ChildPeaks:
        self._thread.start()
        return self

    def __exit__(self, *_exc: object) -> None:
        self._stop.set()
        self._thread.join()

    def _watch(self) -> None:
        me = str(os.getpid())
        while not self._stop.wait(self.every):
            now = rss_mb()
            for entry in Path("/proc").iterdir():
                if entry.name.isdigit():
                    now += self._sample(entry, me)
            self.together = max(self.together, now)

    def _sample(self, entry: Path, parent: str) -> float:
        """Record a child's peak; its RSS now (0 for a process that is not a child)."""
        try:
            status = (entry / "status").read_text()
        except OSError:  # gone meanwhile
            return 0.0
        fields = dict(line.split(":", 1) for line in status.splitlines() if ":" in line)
        if fields.get("PPid", "").strip() != parent or "VmHWM" not in fields:
            return 0.0
        peak = int(fields["VmHWM"].split()[0]) / 1024
        self.peaks[int(entry.name)] = max(peak, self.peaks.get(int(entry.name), 0.0))
        return int(fields["VmRSS"].split()[0]) / 1024

    def workers(self) -> list[float]:
        """The peaks of the children that grew past a bare interpreter (the workers; not
        multiprocessing's resource tracker)."""
        return sorted((peak for peak in self.peaks.values() if peak > 40), reverse=True)


def rss_mb() -> float:
    with open("/proc/self/statm") as statm:
        pages = int(statm.read().split()[1])
    return pages * os.sysconf("SC_PAGE_SIZE") / 2**20


def percentile(values: Sequence[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, math.ceil(share * len(ordered)) - 1)]


def rows_of(entities: Sequence[Entity], count: int, seed: int) -> list[Row]:
    found = customer_rows(entities, count, seed)
    return [Row(number, values) for number, values in enumerate(found, start=1)]


def single_latency(screener: Screener, rows: Sequence[Row]) -> dict[str, float]:
    queries = [query for query in map(parse_row, rows) if isinstance(query, Query)]
    for query in queries[:WARMUP]:
        screener.screen(query)
    seconds, cpu = [], []
    for query in queries[WARMUP:]:
        start, start_cpu = time.perf_counter(), time.thread_time()
        screener.screen(query)
        seconds.append(time.perf_counter() - start)
        cpu.append(time.thread_time() - start_cpu)
    return {
        "p50_ms": percentile(seconds, 0.5) * 1000,
        "p99_ms": percentile(seconds, 0.99) * 1000,
        "mean_ms": sum(seconds) / len(seconds) * 1000,
        # CPU time of the screening thread: what the query costs, without the waits for a
        # core that other work on a shared machine adds to the wall time.
        "p50_cpu_ms": percentile(cpu, 0.5) * 1000,
        "p99_cpu_ms": percentile(cpu, 0.99) * 1000,
    }


def usage(who: int) -> tuple[float, float, int]:
    """User and system CPU seconds and minor page faults (copy-on-write copies among them)."""
    found = resource.getrusage(who)
    return found.ru_utime, found.ru_stime, found.ru_minflt


def local_rate(screener: Screener, rows: Sequence[Row], workers: int) -> dict[str, float]:
    """Rows/s on `workers` forked processes (fork included), and per row the CPU ms (user,
    system) and minor page faults: the workers' (children's) or, with one worker, which runs
    in-process, this process's."""
    chunk = max(1, min(500, math.ceil(len(rows) / (8 * workers))))
    who = resource.RUSAGE_SELF if workers == 1 else resource.RUSAGE_CHILDREN
    before, start = usage(who), time.perf_counter()
    with Workers(ScreenJob(screener), workers) as pool:
        screened = sum(len(outcomes) for outcomes in pool.map(screen_rows, rows, chunk))
    seconds = time.perf_counter() - start  # the pool is joined: its CPU time is counted
    assert screened == len(rows)
    user, system, faults = (b - a for a, b in zip(before, usage(who), strict=True))
    return {
        f"rate_{workers}": len(rows) / seconds,
        f"cpu_ms_{workers}": (user + system) / len(rows) * 1000,
        f"sys_ms_{workers}": system / len(rows) * 1000,
        f"faults_{workers}": faults / len(rows),
    }


def dask_rate(snapshot: Path, rows: Sequence[Row], workers: int) -> float:
    """Rows/s on a LocalCluster of `workers` processes, timed once every worker has loaded the
    snapshot (a first chunk per worker, untimed)."""
    job = SnapshotJob(str(snapshot), (), DEFAULT_ALGORITHM)
    chunk = max(1, min(500, math.ceil(len(rows) / (8 * workers))))
    with DaskEngine(workers=workers) as engine:
        engine.client.run(_load_snapshot, job)
        start = time.perf_counter()
        screened = sum(len(outcomes) for outcomes in engine.map(job, rows, chunk))
        seconds = time.perf_counter() - start
    assert screened == len(rows)
    return len(rows) / seconds


def _load_snapshot(job: SnapshotJob) -> None:
    from proscribe.batch.dask_engine import worker_screener

    worker_screener(job)


class Timed(Iterator[Entity]):
    """The generated entities, one at a time, with the wall and CPU time spent making them."""

    def __init__(self, entities: Iterator[Entity]) -> None:
        self.entities = entities
        self.seconds = self.cpu = 0.0

    def __next__(self) -> Entity:
        start, start_cpu = time.perf_counter(), time.process_time()
        try:
            return next(self.entities)
        finally:
            self.seconds += time.perf_counter() - start
            self.cpu += time.process_time() - start_cpu


def measure_build(size: int, args: argparse.Namespace) -> dict[str, Any]:
    """The build alone over entities generated beforehand: in a child process of its own."""
    entities = list(generate_entities(size, args.seed))
    # Out of the cyclic collector's sight, as the product's entities are: it builds a large
    # list's index from entities read one at a time from the store, and these are the
    # benchmark's own. Else the full collection `Screener` makes once its index is built
    # walks them all (some 3 s at 1M, charged to the build until 2026-11-30 17:00).
    gc.collect()
    gc.freeze()
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    start, start_cpu = time.perf_counter(), time.process_time()
    Screener.from_entities(entities)
    seconds, cpu = time.perf_counter() - start, time.process_time() - start_cpu
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    workers = after.ru_utime + after.ru_stime - children.ru_utime - children.ru_stime
    return {"build_s": seconds, "build_cpu_s": cpu, "build_workers_cpu_s": workers}


def measure(size: int, args: argparse.Namespace) -> dict[str, Any]:
    """Runs in the child process of one size."""
    figures: dict[str, Any] = {"size": size, "start_rss_mb": rss_mb()}
    entities = Timed(generate_entities(size, args.seed))
    start, start_cpu = time.perf_counter(), time.process_time()
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    with ChildPeaks() as peaks:
        screener = Screener.from_entities(entities)
    figures["generate_s"] = entities.seconds
    figures["streamed_build_s"] = time.perf_counter() - start - entities.seconds
    figures["streamed_build_cpu_s"] = time.process_time() - start_cpu - entities.cpu
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    figures["streamed_build_workers_cpu_s"] = (
        after.ru_utime + after.ru_stime - children.ru_utime - children.ru_stime
    )
    worker_peaks = peaks.workers()
    figures["worker_peaks_mb"] = sum(worker_peaks)
    figures["workers"] = len(worker_peaks)
    figures["peak_mb"], figures["rss_mb"] = peak_mb(), rss_mb()
    # An upper bound: the workers are gone before the index reaches its own peak.
    figures["total_peak_mb"] = figures["peak_mb"] + figures["worker_peaks_mb"]
    # What was held at once: the sampled sums, or this process's own peak when it is higher
    # (reached after the workers are gone, at the index's finish, between two samples).
    figures["together_peak_mb"] = max(peaks.together, figures["peak_mb"])
    figures["names"] = len(screener.index.name_entity)
    # Perturbed names are drawn from the index's entities: the same as the generated ones.
    rows = rows_of(screener.index.entities, WARMUP + args.queries + args.batch, args.seed + size)
    figures |= single_latency(screener, rows[: WARMUP + args.queries])
    batch = rows[WARMUP + args.queries :]
    if args.engine == "local":  # two first: the one-worker run screens in this process
        figures |= local_rate(screener, batch, 2) | local_rate(screener, batch, 1)
    with tempfile.TemporaryDirectory() as folder:
        snapshot = Path(folder) / "index.snapshot"
        data = screener.index.to_bytes()
        snapshot.write_bytes(data)
        figures["snapshot_mb"] = len(data) / 2**20
        del data, screener  # the snapshot is loaded alone, as a fresh process loads it
        start = time.perf_counter()
        Index.from_bytes(snapshot.read_bytes())
        figures["snapshot_load_s"] = time.perf_counter() - start
        if args.engine == "dask":
            figures["rate_2"] = dask_rate(snapshot, batch, 2)
            figures["rate_1"] = dask_rate(snapshot, batch, 1)
    figures["ratio"] = figures["rate_2"] / figures["rate_1"]
    return figures


def where_memory(size: int, seed: int, top: int = 15) -> None:
    """The allocations alive after building the index of `size` entities, by module."""
    tracemalloc.start()
    screener = Screener.from_entities(generate_entities(size, seed))
    snapshot = tracemalloc.take_snapshot()
    tracemalloc.stop()
    by_module: Counter[str] = Counter()
    blocks: Counter[str] = Counter()
    for stat in snapshot.statistics("filename"):
        name = _module(stat.traceback[0].filename)
        by_module[name] += stat.size
        blocks[name] += stat.count
    total = sum(by_module.values())
    print(f"allocations alive after building {size:,} entities: {total / 2**20:,.0f} MB")
    print(f"(generated while tracing, as the index reads them; RSS now {rss_mb():,.0f} MB)")
    for name, size_bytes in by_module.most_common(top):
        print(f"{size_bytes / 2**20:10,.1f} MB {blocks[name]:12,} blocks  {name}")
    lines = snapshot.statistics("lineno")[:top]
    print("\nby line:")
    for stat in lines:
        frame = stat.traceback[0]
        where = f"{_module(frame.filename)}:{frame.lineno}"
        print(f"{stat.size / 2**20:10,.1f} MB {stat.count:12,} blocks  {where}")
    del screener


def _module(filename: str) -> str:
    parts = Path(filename).parts
    for anchor in ("proscribe", "site-packages"):
        if anchor in parts:
            return "/".join(parts[parts.index(anchor) + (anchor == "site-packages") :])
    return Path(filename).name


def child(size: int, args: argparse.Namespace, mode: str = "--child") -> dict[str, Any]:
    """`measure(size)` (or with `mode` "--build-child", `measure_build`) in a fresh
    interpreter."""
    command = [sys.executable, __file__, mode, str(size), "--seed", str(args.seed)]
    command += ["--queries", str(args.queries), "--batch", str(args.batch)]
    command += ["--engine", args.engine]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        return {"size": size, "error": done.stderr.strip().splitlines()[-1:]}
    figures: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return figures


def growth(figures: list[dict[str, Any]], key: str, at: int) -> str:
    """`value` and, after the first size, its growth against the previous size."""
    value = figures[at].get(key)
    if value is None:
        return "-"
    text = f"{value:,.2f}" if value < 100 else f"{value:,.0f}"
    if at and figures[at - 1].get(key):
        text += f" ({value / figures[at - 1][key]:.1f}x)"
    return text


ROWS = (
    ("generate entities, s", "generate_s", ""),
    ("list names", "names", ""),
    ("index build (entities made first), s", "build_s", "<= 60 at 1M"),
    ("index build, CPU s", "build_cpu_s", ""),
    ("  index workers", "workers", ""),
    ("  CPU s of the workers", "build_workers_cpu_s", ""),
    ("index build while generating, s", "streamed_build_s", ""),
    ("  CPU s, this process", "streamed_build_cpu_s", ""),
    ("  CPU s of the workers", "streamed_build_workers_cpu_s", ""),
    ("peak RSS, MB", "peak_mb", ""),
    ("  with the workers' peaks, MB", "total_peak_mb", "<= 1,536 at 1M"),
    ("  all processes at once (sampled), MB", "together_peak_mb", ""),
    ("RSS before generating, MB", "start_rss_mb", ""),
    ("RSS with index, MB", "rss_mb", ""),
    ("snapshot, MB", "snapshot_mb", ""),
    ("snapshot load, s", "snapshot_load_s", ""),
    ("single p50, ms", "p50_ms", ""),
    ("single p99, ms", "p99_ms", "<= 20 at 1M"),
    ("single mean, ms", "mean_ms", ""),
    ("single p50, CPU ms", "p50_cpu_ms", ""),
    ("single p99, CPU ms", "p99_cpu_ms", ""),
    ("batch, rows/s, 1 worker", "rate_1", ""),
    ("batch, rows/s, 2 workers", "rate_2", ""),
    ("batch ratio 2 / 1 workers", "ratio", ">= 1.7"),
    ("batch CPU ms per row, 1 worker", "cpu_ms_1", ""),
    ("batch CPU ms per row, 2 workers", "cpu_ms_2", ""),
    ("  of which system, 1 worker", "sys_ms_1", ""),
    ("  of which system, 2 workers", "sys_ms_2", ""),
    ("batch page faults per row, 1 worker", "faults_1", ""),
    ("batch page faults per row, 2 workers", "faults_2", ""),
)


def print_table(figures: list[dict[str, Any]]) -> None:
    header = ["measure (growth vs previous size)"]
    header += [f"{f['size']:,}" for f in figures] + ["target"]
    body = [
        [label, *[growth(figures, key, at) for at in range(len(figures))], target]
        for label, key, target in ROWS
    ]
    widths = [max(len(row[i]) for row in [header, *body]) for i in range(len(header))]
    for row in [header, *body]:
        cells = [row[0].ljust(widths[0])] + [
            c.rjust(w) for c, w in zip(row[1:-1], widths[1:-1], strict=True)
        ]
        print("  ".join([*cells, row[-1]]).rstrip())
    for found in figures:
        if "error" in found:
            print(f"{found['size']:,}: failed: {found['error']}")


def arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10000,100000,1000000", help="comma-separated")
    parser.add_argument("--queries", type=int, default=500, help="single screens timed")
    parser.add_argument("--batch", type=int, default=4000, help="rows per batch run")
    parser.add_argument("--engine", choices=("local", "dask"), default="local")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--where-memory", type=int, default=None, metavar="SIZE")
    parser.add_argument("--child", type=int, default=None, help=argparse.SUPPRESS)
    parser.add_argument("--build-child", type=int, default=None, help=argparse.SUPPRESS)
    return parser.parse_args()


def main() -> None:
    args = arguments()
    if args.child is not None:
        print(json.dumps(measure(args.child, args)))
        return
    if args.build_child is not None:
        print(json.dumps(measure_build(args.build_child, args)))
        return
    if args.where_memory is not None:
        where_memory(args.where_memory, args.seed)
        return
    print("command: python bench/scale.py " + " ".join(sys.argv[1:]))
    load = os.getloadavg()[0]
    print(f"machine: {os.cpu_count()} cores, load {load:.2f}, Python {sys.version.split()[0]}")
    figures = []
    for size in (int(text) for text in args.sizes.split(",")):
        found = child(size, args)
        if "error" not in found:
            found |= child(size, args, "--build-child")
        figures.append(found)
        print(f"{size:,}: {json.dumps(figures[-1])}", file=sys.stderr, flush=True)
    print(f"load after: {os.getloadavg()[0]:.2f}")
    print_table([found for found in figures if "error" not in found] or figures)


if __name__ == "__main__":
    main()
