"""The CLI end to end, as a user runs it: real files in, tables and JSON out, one-line errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.cli.conftest import proscribe

run = proscribe  # the CLI as a user runs it, from tests/cli/conftest.py


@pytest.fixture(scope="module")
def loaded_home(tmp_path_factory: pytest.TempPathFactory, data_dir: Path) -> Path:
    home = tmp_path_factory.mktemp("home")
    run(
        home,
        "load",
        str(data_dir / "us_ofac_sdn/2019-01-04"),
        str(data_dir / "un_sc_consolidated/2018-10-29"),
    )
    return home


def test_lists_shows_both_versions_with_publisher_counts(loaded_home: Path) -> None:
    versions = json.loads(run(loaded_home, "lists", "--format", "json").stdout)
    by_source = {v["source"]: v for v in versions}
    assert by_source["us_ofac_sdn"]["record_count"] == 7379
    assert by_source["un_sc"]["record_count"] == 1093
    assert by_source["un_sc"]["published"] == "2018-10-29"
    assert by_source["un_sc"]["date_basis"] == "file"
    assert by_source["us_ofac_sdn"]["published"] == "2019-01-04"
    assert by_source["us_ofac_sdn"]["date_basis"] == "path"
    table = run(loaded_home, "lists").stdout
    assert "7,379" in table
    assert "1,093" in table


def test_show_choe_ryong_hae(loaded_home: Path) -> None:
    text = run(loaded_home, "show", "us_ofac_sdn:23213").stdout
    for expected in ("CHOE, Ryong Hae", "1950-01-15", "male", "DPRK2", "CH'OE, Ryong-hae"):
        assert expected in text
    data = json.loads(run(loaded_home, "show", "us_ofac_sdn:23213", "--format", "json").stdout)
    assert data["birth_dates"] == ["1950-01-15"]
    assert data["gender"] == "male"
    assert data["designation"]["programs"] == ["DPRK2"]
    # The entity_id of screening's JSON names the same entry.
    assert run(loaded_home, "show", "us_ofac_sdn-23213").stdout == text


def test_loading_twice_changes_nothing(loaded_home: Path, data_dir: Path) -> None:
    before = run(loaded_home, "lists", "--format", "json").stdout
    again = run(loaded_home, "load", str(data_dir / "us_ofac_sdn/2019-01-04"))
    assert "already stored" in again.stdout
    assert run(loaded_home, "lists", "--format", "json").stdout == before


def test_export_ftm_round_trips_as_a_custom_list(loaded_home: Path, tmp_path: Path) -> None:
    out = tmp_path / "un.ftm.jsonl"
    run(loaded_home, "export", "--source", "un_sc", "-o", str(out))
    lines = out.read_text(encoding="utf-8").splitlines()
    assert len(lines) == 1093
    first = json.loads(lines[0])
    assert {"id", "schema", "properties", "datasets"} <= first.keys()
    other_home = tmp_path / "other"
    run(other_home, "load", str(out))
    versions = json.loads(run(other_home, "lists", "--format", "json").stdout)
    assert [v["record_count"] for v in versions] == [1093]


def test_user_errors_are_one_line_without_traceback(loaded_home: Path, tmp_path: Path) -> None:
    bad = tmp_path / "notes.txt"
    bad.write_text("hello, this is not a sanctions list\n", encoding="utf-8")
    for args in (("show", "us_ofac_sdn:999999999"), ("show", "nonsense"), ("load", str(bad))):
        result = run(loaded_home, *args, check=False)
        assert result.returncode != 0
        assert "Traceback" not in result.stderr
        assert len(result.stderr.strip().splitlines()) == 1, result.stderr
        assert result.stderr.startswith("error: ")


def test_screening_with_no_list_loaded_is_an_error(tmp_path: Path) -> None:
    # "0 matches" against no list at all would read as a clean result.
    result = run(tmp_path, "screen", "Choe Ryong-hae", check=False)
    assert result.returncode == 3
    assert result.stderr == "error: no lists loaded yet: try `proscribe load PATH`\n"


def test_rejected_file_leaves_the_store_as_it_was(
    loaded_home: Path, tmp_path: Path, data_dir: Path
) -> None:
    before = run(loaded_home, "lists", "--format", "json").stdout
    folder = tmp_path / "broken"
    folder.mkdir()
    original = (data_dir / "un_sc_consolidated/2018-08-24/consolidated.xml").read_bytes()
    (folder / "consolidated.xml").write_bytes(original[: len(original) // 2])
    result = run(loaded_home, "load", str(folder), check=False)
    assert result.returncode != 0
    assert "consolidated.xml" in result.stderr
    assert run(loaded_home, "lists", "--format", "json").stdout == before


def test_load_says_which_form_of_a_list_it_kept(tmp_path: Path, data_dir: Path) -> None:
    result = run(tmp_path, "load", str(data_dir / "us_ofac_cons/2018-04-06"))
    assert "kept the ofac_xml form" in result.stderr
    versions = json.loads(run(tmp_path, "lists", "--format", "json").stdout)
    assert [(v["source"], v["format"], v["record_count"]) for v in versions] == [
        ("us_ofac_cons", "ofac_xml", 639)
    ]


def test_help_text_is_rewrapped_to_the_terminal(tmp_path: Path) -> None:
    # The docstrings break lines at 92 columns; help flows them as paragraphs instead of
    # keeping those breaks (which left ragged lines in an 80-column terminal).
    shown = proscribe(tmp_path, "screen-file", "--help").stdout
    assert "A malformed row gets an error in its place; the run goes on." in shown
