"""`proscribe screen-file` end to end: the result contract, row order, bad rows, every input
format, CSV output, and the same results on one process or several.

The parties are the three officials of the December 2018 designations (SDN 23213, 23212,
26168), an innocent name and a malformed row.
"""

from __future__ import annotations

import csv
import io
import json
import os
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from tests.cli.conftest import proscribe

ROWS: list[dict[str, str]] = [
    {"id": "p1", "name": "Choe Ryong-hae", "schema": "person", "birth_date": "1950-01-15",
     "country": "KP"},
    {"id": "p2", "name": "Jong Kyong Thaek", "schema": "", "birth_date": "", "country": ""},
    {"id": "p3", "name": "Pak Kwang Ho", "schema": "Person", "birth_date": "1947",
     "country": "Korea, North"},
    {"id": "p4", "name": "Margaret Eleanor Whitfield", "schema": "Person",
     "birth_date": "1984-06-02", "country": "gb;ie"},
    {"id": "p5", "name": "", "schema": "Person", "birth_date": "", "country": ""},
]  # fmt: skip
EXPECTED = {"p1": "23213", "p2": "23212", "p3": "26168"}


def write_csv(path: Path, rows: list[dict[str, str]]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as out:
        writer = csv.DictWriter(out, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    return path


def jsonl(rows: list[dict[str, str]]) -> str:
    return "".join(json.dumps(row) + "\n" for row in rows)


def results(text: str) -> list[dict[str, Any]]:
    return [json.loads(line) for line in text.splitlines()]


@pytest.fixture(scope="module")
def parties(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_csv(tmp_path_factory.mktemp("input") / "parties.csv", ROWS)


@pytest.fixture(scope="module")
def csv_results(sdn_2019_home: Path, parties: Path) -> list[dict[str, Any]]:
    return results(proscribe(sdn_2019_home, "screen-file", str(parties)).stdout)


def test_one_result_per_row_in_input_order(csv_results: list[dict[str, Any]]) -> None:
    assert [result["id"] for result in csv_results] == ["p1", "p2", "p3", "p4", "p5"]


def test_the_officials_are_the_top_match(csv_results: list[dict[str, Any]]) -> None:
    for result in csv_results[:3]:
        top = result["matches"][0]
        assert top["references"] == [{"source": "us_ofac_sdn", "id": EXPECTED[result["id"]]}]
        assert top["match"] is True
        assert top["programs"] == ["DPRK2"]
        assert top["schema"] == "Person"
        assert top["explanation"]
        assert {"entity_id", "caption", "score"} <= top.keys()
        scores = [match["score"] for match in result["matches"]]
        assert scores == sorted(scores, reverse=True)


def test_the_innocent_name_does_not_alert(csv_results: list[dict[str, Any]]) -> None:
    assert not [match for match in csv_results[3]["matches"] if match["match"]]


def test_a_malformed_row_is_an_error_in_its_place(csv_results: list[dict[str, Any]]) -> None:
    assert csv_results[4] == {"id": "p5", "error": "line 6: field name: empty", "matches": []}


def test_rows_wrong_in_any_field_never_fail_the_batch(sdn_2019_home: Path) -> None:
    bad = [
        {"id": "b1", "name": "Choe Ryong-hae", "birth_date": "1950-13-45", "schema": ""},
        {"id": "b2", "name": "Choe Ryong-hae", "birth_date": "", "schema": "Alien"},
        {"id": "", "name": "Choe Ryong-hae", "birth_date": "", "schema": ""},
        {"id": "b4", "name": "Choe Ryong-hae", "birth_date": "", "schema": "", "gender": "x"},
    ]
    stdin = jsonl(bad) + "[1, 2]\n{broken\n"
    lines = results(proscribe(sdn_2019_home, "screen-file", "-", stdin=stdin).stdout)
    assert [(line["id"], line["error"]) for line in lines] == [
        ("b1", "line 1: field birth_date: month must be in 1..12"),
        ("b2", "line 2: field schema: unknown schema 'Alien' (known: Person, Organization, "
               "Vessel, Airplane, LegalEntity)"),
        (None, "line 3: field id: empty: every row needs the caller's id"),
        ("b4", "line 4: field gender: unknown gender 'x' (male or female)"),
        (None, "line 5: a JSON list, not an object"),
        (None, "line 6: not JSON (Expecting property name enclosed in double quotes at column 2)"),
    ]  # fmt: skip
    assert all(line["matches"] == [] for line in lines)


def without_errors(found: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [result for result in found if "error" not in result]


def test_json_lines_and_parquet_inputs_read_as_csv(
    sdn_2019_home: Path, tmp_path: Path, csv_results: list[dict[str, Any]]
) -> None:
    pq.write_table(pa.Table.from_pylist(ROWS), tmp_path / "parties.parquet")
    (tmp_path / "parties.jsonl").write_text(jsonl(ROWS), encoding="utf-8")
    from_stdin = proscribe(sdn_2019_home, "screen-file", "-", stdin=jsonl(ROWS)).stdout
    for found in (
        results(proscribe(sdn_2019_home, "screen-file", str(tmp_path / "parties.parquet")).stdout),
        results(proscribe(sdn_2019_home, "screen-file", str(tmp_path / "parties.jsonl")).stdout),
        results(from_stdin),
    ):
        assert without_errors(found) == without_errors(csv_results)
        # No header line: the fifth row is on line 5 of JSON lines, row 5 of Parquet.
        assert found[4] == {"id": "p5", "error": "line 5: field name: empty", "matches": []}


def test_a_csv_on_standard_input_is_read_as_csv_when_told(
    sdn_2019_home: Path, parties: Path, csv_results: list[dict[str, Any]]
) -> None:
    text = parties.read_text(encoding="utf-8")
    told = proscribe(sdn_2019_home, "screen-file", "-", "--input-format", "csv", stdin=text)
    assert results(told.stdout) == csv_results
    # Untold, it is read as JSON lines; the first row's error says how to read CSV.
    untold = results(proscribe(sdn_2019_home, "screen-file", "-", stdin=text).stdout)
    assert untold[0]["error"].endswith("unless --input-format says csv")
    # A pipe cannot be read as Parquet, which is read from its end.
    piped = proscribe(sdn_2019_home, "screen-file", "-", "--input-format", "parquet",
                      stdin="", check=False)  # fmt: skip
    assert piped.returncode == 2
    assert "Parquet cannot be read from standard input" in piped.stderr


def test_two_workers_give_the_results_of_one(sdn_2019_home: Path, parties: Path) -> None:
    # One row per chunk, so that both workers take rows.
    one = proscribe(sdn_2019_home, "screen-file", str(parties), "--workers", "1")
    two = proscribe(
        sdn_2019_home, "screen-file", str(parties), "--workers", "2", "--chunk-size", "1"
    )
    assert two.stdout == one.stdout
    assert "on 2 workers" in two.stderr
    assert "5 rows screened: 3 with a match, 1 errors" in two.stderr


def test_csv_output_has_a_row_per_match(sdn_2019_home: Path, parties: Path, tmp_path: Path) -> None:
    out = tmp_path / "results.csv"
    proscribe(sdn_2019_home, "screen-file", str(parties), "--format", "csv", "-o", str(out))
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8"))))
    assert list(rows[0]) == [
        "id", "entity_id", "caption", "schema", "score", "match", "source", "source_id",
        "programs", "explanation", "error",
    ]  # fmt: skip
    assert [row["id"] for row in rows] == sorted(row["id"] for row in rows)  # input order
    firsts = {row["id"]: row for row in reversed(rows)}
    for row_id, uid in EXPECTED.items():
        assert (firsts[row_id]["source"], firsts[row_id]["source_id"]) == ("us_ofac_sdn", uid)
        assert firsts[row_id]["match"] == "true"
        assert firsts[row_id]["programs"] == "DPRK2"
    # At most the default limit; candidates with no near name are not returned at all.
    assert 1 <= len([row for row in rows if row["id"] == "p1"]) <= 10
    error = [row for row in rows if row["id"] == "p5"]
    assert len(error) == 1
    assert error[0]["error"] == "line 6: field name: empty"
    assert error[0]["entity_id"] == error[0]["match"] == ""


def test_limit_and_threshold(sdn_2019_home: Path, parties: Path) -> None:
    found = results(
        proscribe(
            sdn_2019_home, "screen-file", str(parties), "--limit", "2", "--threshold", "0.999"
        ).stdout
    )
    assert all(len(result["matches"]) <= 2 for result in found)
    assert all(result.get("threshold", 0.999) == 0.999 for result in found)
    assert not [
        m for result in found for m in result["matches"] if m["score"] < 0.999 and m["match"]
    ]


def test_a_file_that_cannot_be_read_is_a_one_line_error(
    sdn_2019_home: Path, tmp_path: Path
) -> None:
    (tmp_path / "parties.txt").write_text("id,name\n1,x\n", encoding="utf-8")
    (tmp_path / "nameless.csv").write_text("id,full_name\n1,x\n", encoding="utf-8")
    for path, message in (
        ("parties.txt", "unknown input format"),
        ("nameless.csv", "no name column"),
    ):
        result = proscribe(sdn_2019_home, "screen-file", str(tmp_path / path), check=False)
        assert result.returncode == 2
        assert message in result.stderr
        assert "Traceback" not in result.stderr


def test_the_output_file_gets_the_mode_of_any_new_file(
    sdn_2019_home: Path, parties: Path, tmp_path: Path
) -> None:
    out = tmp_path / "results.jsonl"
    proscribe(sdn_2019_home, "screen-file", str(parties), "-o", str(out))
    umask = os.umask(0)
    os.umask(umask)
    assert out.stat().st_mode & 0o777 == 0o666 & ~umask


def test_paths_that_cannot_be_used_are_said_before_any_work(
    sdn_2019_home: Path, parties: Path, tmp_path: Path
) -> None:
    for args, code, message in (
        ((str(tmp_path / "missing.csv"),), 3, "missing.csv: no such file or folder"),
        ((str(parties), "-o", str(tmp_path / "no" / "out.jsonl")), 2, "does not exist"),
        ((str(parties), "-o", str(tmp_path)), 2, "is a folder"),
    ):
        result = proscribe(sdn_2019_home, "screen-file", *args, check=False)
        assert result.returncode == code, result.stderr
        assert result.stderr.startswith("error: ")
        assert message in result.stderr
        assert "Traceback" not in result.stderr
