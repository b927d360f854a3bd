"""`screen-file --engine dask` gives what the local engine gives, row for row: on a local
cluster it starts itself, and on a real `dask scheduler` with two `dask worker` processes.

The queries are about 200 labelled cases made from the SDN of 2019-01-04 (list names varied
in every category of `proscribe.screen.cases`, and innocent look-alikes) and two bad rows.
The cluster's workers load the index snapshot themselves, each once; the client audits every
screened row, in row order, as the local engine does.
"""

from __future__ import annotations

import csv
import json
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from distributed import Client

from proscribe.batch import Row
from proscribe.batch.dask_engine import DaskEngine, SnapshotJob, worker_screener
from proscribe.errors import InputError
from proscribe.match import DEFAULT_ALGORITHM
from proscribe.screen.cases import innocent_cases, variant_cases
from proscribe.sources.registry import read_path
from tests.cli.conftest import proscribe

BAD_ROWS = [["bad-name", "", "Person", "", ""], ["bad-schema", "Kim Yong Chol", "Alien", "", ""]]
CHUNK = "16"  # rows per task: 200 rows make 13 tasks, spread over every worker


@pytest.fixture(scope="module")
def home(tmp_path_factory: pytest.TempPathFactory, data_dir: Path) -> Path:
    """A home of its own with the SDN of 2019-01-04: the tests count its audit records."""
    home = tmp_path_factory.mktemp("dask-home")
    proscribe(home, "load", str(data_dir / "us_ofac_sdn/2019-01-04"))
    return home


@pytest.fixture(scope="module")
def queries(tmp_path_factory: pytest.TempPathFactory, data_dir: Path) -> Path:
    folder = data_dir / "us_ofac_sdn/2019-01-04"
    entities = [e for found in read_path(folder) for e in found.parsed.entities]
    cases = variant_cases(entities, per_category=12, seed=8) + innocent_cases(
        entities, count=40, seed=8
    )
    path = tmp_path_factory.mktemp("queries") / "queries.csv"
    with path.open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(["id", "name", "schema", "birth_date", "country"])
        for case in cases:
            query = case.query
            schema = query.schema.value if query.schema else ""
            born = query.birth_date.iso if query.birth_date else ""
            writer.writerow([query.id, query.name, schema, born, ";".join(query.countries)])
        writer.writerows(BAD_ROWS)
    return path


def screen(home: Path, queries: Path, *options: str) -> list[dict[str, Any]]:
    found = proscribe(home, "screen-file", str(queries), "--chunk-size", CHUNK, *options)
    return [json.loads(line) for line in found.stdout.splitlines()]


@pytest.fixture(scope="module")
def local(home: Path, queries: Path) -> list[dict[str, Any]]:
    results = screen(home, queries, "--engine", "local")
    assert len(results) == 198
    assert sum(1 for result in results if any(m["match"] for m in result["matches"])) > 100
    assert [result.get("error") for result in results[-2:]] == [
        "line 198: field name: empty",
        "line 199: field schema: unknown schema 'Alien' (known: Person, Organization, Vessel, "
        "Airplane, LegalEntity)",
    ]
    return results


def audit_queries(home: Path) -> list[str]:
    exported = proscribe(home, "audit", "export").stdout
    return [json.loads(line)["query"]["id"] for line in exported.splitlines()]


def test_a_local_cluster_gives_the_local_results_and_audit(
    home: Path, queries: Path, local: list[dict[str, Any]]
) -> None:
    before = audit_queries(home)
    found = screen(home, queries, "--engine", "dask", "--workers", "2")
    assert found == local
    added = audit_queries(home)[len(before) :]
    screened = [result["id"] for result in local if "error" not in result]
    assert added == screened  # one record per screened row, in row order; none for bad rows
    assert proscribe(home, "audit", "verify").returncode == 0


@pytest.fixture(scope="module")
def scheduler(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A `dask scheduler` and two `dask worker` processes (one thread each) on this machine;
    the scheduler's address, read from its scheduler file."""
    folder = tmp_path_factory.mktemp("dask-cluster")
    scheduler_file = folder / "scheduler.json"
    processes: list[subprocess.Popen[bytes]] = []
    log = (folder / "cluster.log").open("wb")

    def start(*command: str) -> None:
        processes.append(subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT))

    try:
        start(
            sys.executable, "-m", "distributed.cli.dask_scheduler", "--host", "127.0.0.1",
            "--port", "0", "--no-dashboard", "--scheduler-file", str(scheduler_file),
        )  # fmt: skip
        address = _address(scheduler_file, processes[0])
        for number in range(2):
            start(
                sys.executable, "-m", "distributed.cli.dask_worker", address, "--nthreads", "1",
                "--no-nanny", "--no-dashboard", "--name", f"worker-{number}",
                "--local-directory", str(folder / f"worker-{number}"),
            )  # fmt: skip
        with Client(address, timeout="30s") as client:
            client.wait_for_workers(2, timeout=60)
        yield address
    finally:
        for process in reversed(processes):  # the workers first, then their scheduler
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        log.close()


def _address(scheduler_file: Path, process: subprocess.Popen[bytes]) -> str:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise AssertionError(f"dask scheduler exited with {process.returncode}")
        if scheduler_file.exists():
            try:
                return str(json.loads(scheduler_file.read_text())["address"])
            except (ValueError, KeyError):
                pass  # being written
        time.sleep(0.2)
    raise AssertionError("dask scheduler wrote no scheduler file within 60 s")


def loaded_snapshots() -> list[str]:
    """Runs on each worker: the snapshots its process holds."""
    from proscribe.batch import dask_engine

    return sorted(path for path, _ in dask_engine._SCREENERS)


def test_a_scheduler_and_two_workers_give_the_local_results(
    home: Path, queries: Path, local: list[dict[str, Any]], scheduler: str
) -> None:
    found = screen(home, queries, "--engine", "dask", "--scheduler", scheduler)
    assert found == local
    csv_local = proscribe(home, "screen-file", str(queries), "--format", "csv").stdout
    csv_dask = proscribe(
        home, "screen-file", str(queries), "--format", "csv", "--engine", "dask",
        "--scheduler", scheduler, "--chunk-size", CHUNK,
    ).stdout  # fmt: skip
    assert csv_dask == csv_local
    # Both workers screened, each from the snapshot in the home, which it loaded itself.
    with Client(scheduler, timeout="30s") as client:
        held = client.run(loaded_snapshots)
    assert len(held) == 2
    (paths,) = {tuple(paths) for paths in held.values()}  # the same snapshot, once each
    assert len(paths) == 1
    assert Path(paths[0]).parent == (home / "index").resolve()


def test_a_worker_that_cannot_read_the_snapshot_fails_the_run(tmp_path: Path) -> None:
    job = SnapshotJob(str(tmp_path / "missing.snapshot"), (), DEFAULT_ALGORITHM)
    rows = [Row(1, {"id": "1", "name": "Kim Yong Chol"})]
    with pytest.raises(InputError, match="cannot read the index snapshot"):
        worker_screener(job)
    with DaskEngine(workers=1) as engine, pytest.raises(InputError, match="shared filesystem"):
        list(engine.map(job, rows))


def test_scheduler_without_the_dask_engine_is_refused(home: Path, queries: Path) -> None:
    result = proscribe(
        home, "screen-file", str(queries), "--scheduler", "tcp://127.0.0.1:8786", check=False
    )
    assert result.returncode == 2
    assert result.stderr.strip() == "error: --scheduler is for --engine dask"
