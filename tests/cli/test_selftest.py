"""`proscribe selftest`: every category reported, with what it takes to reproduce the figures."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from proscribe.screen.cases import CATEGORIES
from tests.cli.conftest import proscribe


@pytest.fixture(scope="module")
def report(sdn_2019_home: Path) -> dict[str, Any]:
    args = ("--per-category", "4", "--innocent", "20", "--seed", "3", "--format", "json")
    data: dict[str, Any] = json.loads(proscribe(sdn_2019_home, "selftest", *args).stdout)
    return data


def test_every_category_is_reported(report: dict[str, Any]) -> None:
    assert [row["category"] for row in report["categories"]] == list(CATEGORIES)
    for row in report["categories"]:
        assert 0 <= row["recalled"] <= row["cases"] <= 4
        assert row["recall"] == (row["recalled"] / row["cases"] if row["cases"] else None)
    # The SDN of 2019 has no name in its own script; every other category has its cases.
    empty = [row["category"] for row in report["categories"] if not row["cases"]]
    assert empty == ["original_script"]


def test_the_report_says_how_to_reproduce_it(report: dict[str, Any]) -> None:
    assert report["versions"] == ["us_ofac_sdn@2019-01-04"]
    assert report["algorithm"]
    assert 0 < report["threshold"] < 1
    assert (report["seed"], report["per_category"]) == (3, 4)


def test_overall_recall_and_false_alerts_add_up(report: dict[str, Any]) -> None:
    rows = report["categories"]
    overall = report["overall"]
    assert overall["cases"] == sum(row["cases"] for row in rows)
    assert overall["recalled"] == sum(row["recalled"] for row in rows)
    assert overall["cases"] - overall["recalled"] == len(report["misses"])
    innocent = report["innocent"]
    assert innocent["cases"] == 20
    assert innocent["false_alerts"] == len(report["false_alerts"])
    assert innocent["false_alert_rate"] == innocent["false_alerts"] / 20
    # A working matcher finds listed names as written; the figure is not a quality target.
    assert rows[0] == {"category": "exact", "cases": 4, "recalled": 4, "recall": 1.0}


def test_the_text_report_and_one_source(sdn_2019_home: Path) -> None:
    text = proscribe(
        sdn_2019_home, "selftest", "--source", "us_ofac_sdn", "--per-category", "2",
        "--innocent", "5", "--workers", "1",
    ).stdout  # fmt: skip
    for expected in (*CATEGORIES, "overall", "innocent: false alerts", "us_ofac_sdn@2019-01-04"):
        assert expected in text
    assert "seed 0" in text
    assert "up to 2 per category" in text


def test_a_list_not_loaded_is_an_error(sdn_2019_home: Path) -> None:
    result = proscribe(sdn_2019_home, "selftest", "--source", "un_sc", check=False)
    assert result.returncode == 3
    assert result.stderr.strip() == "error: no version of un_sc is loaded"
