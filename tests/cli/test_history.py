"""`proscribe changes`, the timeline and `--listed-on` of `show`, and `screen --as-of`, on the
session's history home (tests/history_home.py): SDN 2015-01-17 to 2022-02-25 and UN 2018.

The commands run in-process (typer's runner) to keep the tests fast; a user error raised by a
command is checked by its type, as `main()` turns it into the exit code.

Choe Ryong Hae (SDN 23213) was designated on 10 Dec 2018: absent from the 2015 file, present
in the 2019 one. The versions are dated by their folder names (date basis "path").
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import Result
from typer.testing import CliRunner

from proscribe.cli import app
from proscribe.errors import InputError, NotFoundError
from tests.history_home import history_home

SDN = "us_ofac_sdn"


@pytest.fixture(scope="module")
def home(tmp_path_factory: pytest.TempPathFactory, data_dir: Path) -> Path:
    return history_home(tmp_path_factory.getbasetemp(), data_dir)


def run(home: Path, *args: str, check: bool = True) -> Result:
    result = CliRunner().invoke(
        app, list(args), env={"PROSCRIBE_HOME": str(home), "COLUMNS": "200"}
    )
    if check and result.exit_code != 0:
        raise AssertionError(f"exit {result.exit_code}: {result.output}") from result.exception
    return result


def run_json(home: Path, *args: str) -> Any:
    return json.loads(run(home, *args, "--format", "json").stdout)


def uids(folder: Path) -> set[str]:
    text = (folder / "sdn.csv").read_bytes().decode("cp1252", errors="replace")
    return {row[0].strip() for row in csv.reader(io.StringIO(text)) if row and row[0].isdigit()}


def test_changes_as_json_are_exact(home: Path, data_dir: Path) -> None:
    args = ("changes", "--source", SDN, "--from", f"{SDN}@2015-01-17", "--to", "2019-01-04")
    report = run_json(home, *args)
    old, new = uids(data_dir / SDN / "2015-01-17"), uids(data_dir / SDN / "2019-01-04")
    assert (report["from"], report["to"]) == (f"{SDN}@2015-01-17", f"{SDN}@2019-01-04")
    assert {entry["id"] for entry in report["added"]} == new - old
    assert {entry["id"] for entry in report["removed"]} == old - new
    assert {"source", "id", "caption", "changes"} == set(report["amended"][0])
    assert report["amended"][0]["changes"][0].keys() == {"field", "before", "after"}


def test_changes_need_a_source_and_default_to_the_two_newest(home: Path) -> None:
    failed = run(home, "changes", check=False)
    assert isinstance(failed.exception, InputError)
    assert "--source" in str(failed.exception)
    report = run_json(home, "changes", "--source", "un_sc")
    assert (report["from"], report["to"]) == ("un_sc@2018-08-24", "un_sc@2018-10-29")


def test_changes_as_text_and_by_date(home: Path) -> None:
    out = run(home, "changes", "--source", "un_sc", "--from", "2018-09-30", "--limit", "2").stdout
    assert "un_sc@2018-08-24 -> un_sc@2018-10-29" in out
    assert "Amended entries (first 2 of 9)" in out
    failed = run(home, "changes", "--source", SDN, "--from", "2001-01-01", check=False)
    assert isinstance(failed.exception, NotFoundError)
    assert str(failed.exception).startswith("no version of us_ofac_sdn published on or before")


def test_show_has_the_timeline(home: Path) -> None:
    data = run_json(home, "show", f"{SDN}:23213")
    events = [(e["event"], e["version"]) for e in data["timeline"]]
    # Absent from the 2015 file, listed from 2019 on; its remarks were amended by 2021-07-07.
    assert events[:2] == [("listed", f"{SDN}@2019-01-04"), ("amended", f"{SDN}@2021-07-07")]
    assert {event for event, _ in events} == {"listed", "amended"}
    assert "remarks" in [c["field"] for c in data["timeline"][1]["changes"]]
    assert "Timeline" in run(home, "show", f"{SDN}:23213").stdout


def test_listed_on(home: Path) -> None:
    before = run(home, "show", f"{SDN}:23213", "--listed-on", "2018-12-01")
    assert before.stdout.strip().endswith("listed on 2018-12-01: no")
    after = run_json(home, "show", f"{SDN}:23213", "--listed-on", "2019-02-01")
    assert after == {"ref": f"{SDN}:23213", "date": "2019-02-01", "listed": True}
    bad = run(home, "show", f"{SDN}:23213", "--listed-on", "Dec 2018", check=False)
    assert isinstance(bad.exception, InputError)


def test_screen_as_of(home: Path) -> None:
    early = run_json(home, "screen", "Choe Ryong Hae", "--as-of", "2016-01-01")
    assert early["versions"] == [f"{SDN}@2015-01-17"]
    assert not [m for m in early["matches"] if m["match"]]
    late = run_json(home, "screen", "Choe Ryong Hae", "--as-of", "2019-02-01")
    assert late["versions"] == ["un_sc@2018-10-29", f"{SDN}@2019-01-04"]
    hits = [m["references"][0]["id"] for m in late["matches"] if m["match"]]
    assert hits == ["23213"]


def test_an_empty_date_or_version_is_an_error_not_the_default(home: Path) -> None:
    # '--as-of ""' (a shell variable left empty) screened the newest lists, '--from ""'
    # compared the default pair: both read as answers to a question never asked.
    for args in (
        ("screen", "Choe Ryong Hae", "--as-of", ""),
        ("changes", "--source", SDN, "--from", ""),
        ("changes", "--source", SDN, "--to", " "),
    ):
        result = run(home, *args, check=False)
        assert isinstance(result.exception, InputError), args
