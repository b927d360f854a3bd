"""Batch screening: a file of customer rows screened on every core, results in row order.

A screening file holds one party per row (`id, name, schema, birth_date, country` plus optional
`id_number, gender`) as CSV, JSON lines or Parquet. `files` reads it as rows, `rows` turns each
row into a Query (or an error that names the line and field: a bad row never fails a batch),
`pool` spreads chunks of rows over forked workers that share one Screener, and `screening`
screens a chunk and writes each result in the output format, inside the worker.

`pool` is the local backend, for one machine; `dask_engine` sits beside it and reuses the
rest on a Dask cluster, whose workers each load the index snapshot from its path.
"""

from proscribe.batch.files import INPUT_FORMATS, count_rows, read_rows
from proscribe.batch.pool import Workers
from proscribe.batch.rows import COLUMNS, Row, RowError, parse_row
from proscribe.batch.screening import CSV_COLUMNS, Outcome, OutputFormat, ScreenJob, screen_rows

__all__ = [
    "COLUMNS",
    "CSV_COLUMNS",
    "INPUT_FORMATS",
    "Outcome",
    "OutputFormat",
    "Row",
    "RowError",
    "ScreenJob",
    "Workers",
    "count_rows",
    "parse_row",
    "read_rows",
    "screen_rows",
]
