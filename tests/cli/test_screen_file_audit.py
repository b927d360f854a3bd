"""`proscribe screen-file` audits every screened row: one chained record per row, in row order,
on one process or several; a row that cannot be read is no screening and gets none; and when
the records cannot be written the batch fails and leaves no output file."""

from __future__ import annotations

import json
import shutil
import sqlite3
from pathlib import Path
from typing import Any

import pytest

from tests.cli.conftest import proscribe
from tests.cli.test_screen_file import ROWS, write_csv

SCREENED = [row["name"] for row in ROWS if row["name"]]  # the last row has no name


@pytest.fixture
def home(tmp_path: Path, sdn_2019_home: Path) -> Path:
    """A copy of the SDN 2019 home: each test counts the records it adds."""
    copy = tmp_path / "home"
    shutil.copytree(sdn_2019_home, copy)
    return copy


def audit_records(home: Path) -> list[dict[str, Any]]:
    exported = proscribe(home, "audit", "export").stdout
    return [json.loads(line) for line in exported.splitlines()]


@pytest.mark.parametrize("workers", ["1", "2"])
def test_one_record_per_screened_row_in_row_order(home: Path, tmp_path: Path, workers: str) -> None:
    parties = write_csv(tmp_path / "parties.csv", ROWS)
    before = len(audit_records(home))
    # Chunks of one row: with two workers, records come back from both, and still in order.
    proscribe(
        home, "screen-file", str(parties), "--workers", workers, "--chunk-size", "1",
        "-o", str(tmp_path / "out.jsonl"),
    )  # fmt: skip
    added = audit_records(home)[before:]
    assert [record["query"]["name"] for record in added] == SCREENED
    assert {record["caller"] for record in added} == {added[0]["caller"]}
    assert added[0]["caller"].startswith("cli:")
    # The results are recorded: the first official matches, the innocent name does not.
    assert any(result["match"] for result in added[0]["results"])
    assert not any(result["match"] for result in added[3]["results"])
    assert proscribe(home, "audit", "verify").returncode == 0


def test_the_batch_fails_when_the_audit_cannot_be_written(home: Path, tmp_path: Path) -> None:
    with sqlite3.connect(home / "proscribe.db") as database:
        database.execute(
            "CREATE TRIGGER refuse BEFORE INSERT ON audit_records "
            "BEGIN SELECT RAISE(ABORT, 'refused'); END"
        )
    parties = write_csv(tmp_path / "parties.csv", ROWS)
    output = tmp_path / "out.jsonl"
    result = proscribe(home, "screen-file", str(parties), "-o", str(output), check=False)
    assert result.returncode != 0
    assert "audit" in result.stderr
    assert not output.exists()
