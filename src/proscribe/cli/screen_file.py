"""`proscribe screen-file`: a file of parties screened on every core, one result per row.

The Screener is built (or its snapshot loaded) once, here in the parent, before the workers
are forked; see proscribe.batch. Results go to the output as they come, in input order; a
progress bar and then a one-line summary go to stderr.

Every screened row is audited (a row that cannot be read is not a screening and is not). The
workers make the records with the results; the parent appends each chunk's records in one
transaction, in row order, before it writes that chunk: if they cannot be written the run
fails, and an output file (-o) is not left behind.

A folder is screened file by file instead, messages and documents each with their own
screener (see `screen_folder`); `--as-of` screens against the list versions in force on a day.
"""

from __future__ import annotations

import math
import os
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from enum import StrEnum
from functools import partial
from pathlib import Path
from typing import Annotated, TextIO

import typer

from proscribe.api.records import cli_caller, screening_record
from proscribe.batch import OutputFormat, ScreenJob, Workers, count_rows, read_rows
from proscribe.batch.dask_engine import DaskEngine, SnapshotJob
from proscribe.batch.pool import CHUNK_SIZE, default_workers
from proscribe.batch.screening import csv_header, screen_rows
from proscribe.cli.batch_output import Tally, write_all
from proscribe.cli.options import AsOfOption, ThresholdOption, VersionsOption
from proscribe.cli.output import open_store, stderr
from proscribe.cli.screen_folder import screen_folder
from proscribe.errors import InputError, NotFoundError
from proscribe.history import parse_day, versions_in_force
from proscribe.match import DEFAULT_ALGORITHM
from proscribe.screener import Screener, index_snapshot
from proscribe.settings import Settings


class InputFormat(StrEnum):
    csv = "csv"
    jsonl = "jsonl"
    parquet = "parquet"


class Engine(StrEnum):
    local = "local"
    dask = "dask"


def register(app: typer.Typer) -> None:
    app.command("screen-file")(screen_file)


def screen_file(
    input_path: Annotated[
        str,
        typer.Argument(
            metavar="INPUT",
            help="CSV, JSON lines or Parquet file; - for stdin; or a folder of payment "
            "messages and documents.",
        ),
    ],
    output: Annotated[
        Path | None, typer.Option("-o", "--output", help="Write here instead of stdout.")
    ] = None,
    output_format: Annotated[OutputFormat, typer.Option("--format")] = OutputFormat.jsonl,
    limit: Annotated[int, typer.Option(min=1, help="Candidates per row.")] = 10,
    threshold: ThresholdOption = None,
    workers: Annotated[
        int | None, typer.Option(min=1, help="Processes; default: one per core.")
    ] = None,
    versions: VersionsOption = None,
    chunk_size: Annotated[int, typer.Option(min=1, help="Rows per task.")] = CHUNK_SIZE,
    engine: Annotated[
        Engine, typer.Option(help="local: forked processes here; dask: a Dask cluster.")
    ] = Engine.local,
    scheduler: Annotated[
        str | None,
        typer.Option(help="Dask scheduler tcp://HOST:PORT; default: a local cluster."),
    ] = None,
    as_of: AsOfOption = None,
    input_format: Annotated[
        InputFormat | None,
        typer.Option(
            "--input-format",
            help="Read INPUT as this; default: by its name, and JSON lines for - (stdin).",
        ),
    ] = None,
) -> None:
    """Screen a file of parties on every core: one result per row, in row order.

    Columns id, name, schema, birth_date, country (optional: id_number, gender). A malformed
    row gets an error in its place; the run goes on. A folder: every payment message (ISO
    20022 XML, SWIFT MT) and document (.txt, .html, .md) in it, one JSON line per file."""
    _check_paths(input_path, output)
    versions = versions_as_of(versions, as_of)
    given = input_format.value if input_format else None
    if input_path != "-" and Path(input_path).is_dir():
        if output_format is not OutputFormat.jsonl:
            raise InputError("a folder is screened to JSON lines only (--format jsonl)")
        if engine is not Engine.local:
            raise InputError("a folder is screened with --engine local only", field="engine")
        screener = load_screener(versions)
        with _opened(output) as out:
            screen_folder(Path(input_path), screener, out, threshold=threshold, workers=workers)
        return
    if scheduler is not None and engine is not Engine.dask:
        raise InputError("--scheduler is for --engine dask", field="scheduler")
    if engine is Engine.dask:
        on_dask = _dask_job(versions, output_format, limit, threshold)
        _screen_on_dask((input_path, given), on_dask, output, (scheduler, workers), chunk_size)
        return
    total = count_rows(input_path, given)
    audit = partial(screening_record, caller=cli_caller(), settings=Settings())
    job = ScreenJob(load_screener(versions), output_format, limit, threshold, audit)
    processes = _processes(workers, total, chunk_size)
    started = time.perf_counter()
    with open_store() as store, _opened(output) as out, Workers(job, processes) as pool:
        if output_format is OutputFormat.csv:
            out.write(csv_header())
        used = pool.workers if pool.parallel else 1
        batches = pool.map(screen_rows, read_rows(input_path, given), chunk_size)
        tally = write_all(batches, out, total, store)
    stderr.print(_summary(tally, time.perf_counter() - started, used), highlight=False)


def _check_paths(input_path: str, output: Path | None) -> None:
    """A missing input or an output that cannot be written is said before any work starts,
    in one line (not as an OSError from deep in the run)."""
    if input_path != "-" and not Path(input_path).exists():
        raise NotFoundError(f"{input_path}: no such file or folder")
    if output is None:
        return
    if output.is_dir():
        raise InputError(f"{output}: is a folder; -o names the file to write", field="output")
    if not output.parent.is_dir():
        raise InputError(f"{output}: its folder {output.parent} does not exist", field="output")


def _summary(tally: Tally, seconds: float, workers: int) -> str:
    return (
        f"{tally.screened:,} rows screened: {tally.hits:,} with a match, {tally.errors:,} "
        f"errors; {tally.rate(seconds):,.0f} rows/s on {workers} worker{'s' if workers > 1 else ''}"
    )


def load_screener(versions: list[str] | None) -> Screener:
    """The Screener over the chosen (default: newest) list versions, from the index snapshot
    when one was saved for them."""
    snapshots = Settings().home / "index"
    with open_store() as store, stderr.status("loading the screening index"):
        screener = Screener.from_store(store, versions or None, snapshot_dir=snapshots)
    if not screener.versions:
        raise NotFoundError("no lists loaded yet: try `proscribe load PATH`")
    return screener


def versions_as_of(versions: list[str] | None, as_of: str | None) -> list[str] | None:
    """The versions to screen against: `--version`s, or those in force on `--as-of`."""
    if as_of is None:
        return versions
    if versions:
        raise InputError("give --version or --as-of, not both")
    day = parse_day(as_of, "--as-of")
    with open_store() as store:
        return [str(version.id) for version in versions_in_force(store, day)]


def _processes(workers: int | None, total: int | None, chunk_size: int) -> int:
    """Never more processes than chunks: a small file is screened without forking."""
    wanted = workers or default_workers()
    return wanted if total is None else max(1, min(wanted, math.ceil(total / chunk_size)))


@contextmanager
def _opened(output: Path | None) -> Iterator[TextIO]:
    """stdout, or a file that appears only once it is complete (written aside, then renamed)."""
    if output is None:
        yield sys.stdout
        return
    handle, temp = tempfile.mkstemp(dir=output.parent, prefix=f".{output.name}.")
    try:
        # mkstemp makes the file private (0600); the output gets the mode any new file gets.
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(temp, 0o666 & ~umask)
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as stream:
            yield stream
        os.replace(temp, output)
    finally:
        if os.path.exists(temp):
            os.unlink(temp)


# The Dask engine (`--engine dask`): the client only makes sure the index snapshot exists and
# never loads the index; each worker loads the snapshot from its path (proscribe.batch.dask_engine).


def _dask_job(
    versions: list[str] | None,
    output_format: OutputFormat,
    limit: int,
    threshold: float | None,
) -> SnapshotJob:
    snapshots = Settings().home.resolve() / "index"
    with open_store() as store, stderr.status("preparing the screening index"):
        snapshot, chosen = index_snapshot(store, versions or None, snapshots)
    if not chosen:
        raise NotFoundError("no lists loaded yet: try `proscribe load PATH`")
    # The job goes to every worker: it carries how queries are recorded, never the database
    # URL or a secret of the settings.
    recording = Settings.model_construct(audit_queries=Settings().audit_queries)
    audit = partial(screening_record, caller=cli_caller(), settings=recording)
    return SnapshotJob(
        str(snapshot), tuple(chosen), DEFAULT_ALGORITHM, output_format, limit, threshold, audit
    )


def _screen_on_dask(
    source: tuple[str, str | None],  # the input's path and its format when given
    job: SnapshotJob,
    output: Path | None,
    cluster: tuple[str | None, int | None],  # scheduler address, local workers
    chunk_size: int,
) -> None:
    total = count_rows(*source)
    scheduler, workers = cluster
    engine = DaskEngine(scheduler, _processes(workers, total, chunk_size))
    started = time.perf_counter()
    with open_store() as store, _opened(output) as out, engine:
        used = engine.workers
        if job.output is OutputFormat.csv:
            out.write(csv_header())
        tally = write_all(engine.map(job, read_rows(*source), chunk_size), out, total, store)
    stderr.print(_summary(tally, time.perf_counter() - started, used), highlight=False)
