"""`proscribe monitor` and `proscribe alerts` as a user runs them: a population added and
screened, reviewed with four eyes, rescreened by `load`, and the errors users see."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tests.cli.conftest import proscribe

PARTIES = """id,name,schema,birth_date,country
c1,Choe Ryong Hae,Person,1950,KP
c2,Maria Schmidt,Person,1980-02-03,DE
c3,Banco Nacional de Cuba,Organization,,
"""


@pytest.fixture(scope="module")
def home(tmp_path_factory: pytest.TempPathFactory, data_dir: Path) -> Path:
    home = tmp_path_factory.mktemp("monitor")
    proscribe(home, "load", str(data_dir / "us_ofac_sdn/2021-04-25"))
    for name, role in (("ann", "review"), ("cat", "approve")):
        proscribe(home, "users", "add", name, "--role", role, "--password-stdin",
                  stdin=f"password of {name}\n")  # fmt: skip
    return home


def audit_records(home: Path) -> list[dict[str, Any]]:
    exported = proscribe(home, "audit", "export").stdout
    return [json.loads(line) for line in exported.splitlines()]


def alerts(home: Path, *args: str) -> list[dict[str, object]]:
    found: list[dict[str, object]] = json.loads(
        proscribe(home, "alerts", "list", "--format", "json", *args).stdout
    )
    return found


def test_monitoring_and_review_from_the_command_line(
    home: Path, tmp_path: Path, data_dir: Path
) -> None:
    parties = tmp_path / "parties.csv"
    parties.write_text(PARTIES)
    added = json.loads(proscribe(home, "monitor", "add", str(parties), "--format", "json").stdout)
    assert (added["added"], added["opened"], added["parties"]) == (3, 2, 3)
    # Every party screened is in the audit, and so is the run over the population (besides
    # the alert events, recorded by "system").
    screened = [r for r in audit_records(home) if r["caller"] != "system"]
    assert [r["query"].get("id") for r in screened] == ["c1", "c2", "c3", None]
    assert (screened[-1]["query"]["kind"], screened[-1]["results"]["opened"]) == ("rescreen", 2)
    listed = proscribe(home, "monitor", "list").stdout
    assert "Maria Schmidt" in listed
    rows = json.loads(proscribe(home, "monitor", "list", "--format", "json").stdout)
    assert {(r["id"], r["open_alerts"]) for r in rows} == {("c1", 1), ("c2", 0), ("c3", 1)}

    found = {a["party"]["id"]: a for a in alerts(home, "--state", "open")}  # type: ignore[index]
    assert set(found) == {"c1", "c3"}
    bank = found["c3"]["id"]
    assert alerts(home, "--min-score", "0.99") == []

    decide = ("alerts", "decide", str(bank))
    proscribe(home, *decide, "--action", "clear", "--user", "ann", "--reason", "our client")
    own = proscribe(home, *decide, "--action", "approve", "--user", "ann", "--reason", "x",
                    check=False)  # fmt: skip
    assert own.returncode == 2
    assert "approve or higher" in own.stderr
    stale = proscribe(home, *decide, "--action", "approve", "--user", "cat", "--reason", "ok",
                      "--seen", "1", check=False)  # fmt: skip
    assert stale.returncode == 6
    assert "changed by someone else" in stale.stderr
    proscribe(home, *decide, "--action", "approve", "--user", "cat", "--reason", "agreed")
    shown = json.loads(proscribe(home, "alerts", "show", str(bank), "--format", "json").stdout)
    assert shown["state"] == "cleared"
    assert [(e["user"], e["action"]) for e in shown["events"]] == [
        ("system", "opened"),
        ("ann", "clear"),
        ("cat", "approve"),
    ]
    assert "History" in proscribe(home, "alerts", "show", str(bank)).stdout

    loaded = proscribe(home, "load", str(data_dir / "us_ofac_sdn/2021-07-07"))
    assert "monitoring: Screened" in loaded.stderr
    run = audit_records(home)[-1]
    assert run["query"]["kind"] == "rescreen"
    assert run["versions"] == ["us_ofac_sdn@2021-07-07"]
    assert run["query"]["full"] is False
    assert alerts(home, "--state", "cleared")[0]["id"] == bank
    assert "The audit holds" in proscribe(home, "audit", "verify").stdout

    removed = proscribe(home, "monitor", "remove", "c1")
    assert "1 undecided alert(s) closed" in removed.stdout


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (("alerts", "show", "999"), 3, "no alert with id 999"),
        (("alerts", "decide", "1", "--action", "escalate", "--user", "nobody", "--reason", "x"),
         3, "no user named 'nobody'"),
        (("alerts", "decide", "1", "--action", "burn", "--user", "ann", "--reason", "x"),
         2, "unknown action"),
        (("alerts", "list", "--state", "pending"), 2, "unknown state"),
        (("monitor", "remove", "nobody"), 3, "no monitored party"),
        (("alerts", "list", "--source", "us_ofac"), 2, "no list 'us_ofac' is loaded"),
        (("monitor", "rescreen", "--source", "nope"), 2, "no list 'nope' is loaded"),
    ],
)  # fmt: skip
def test_mistakes_are_one_line_and_an_exit_code(
    home: Path, args: tuple[str, ...], code: int, message: str
) -> None:
    result = proscribe(home, *args, check=False)
    assert result.returncode == code, result.stderr
    assert message in result.stderr
    assert "Traceback" not in result.stderr


def test_a_file_with_a_bad_row_adds_nothing(home: Path, tmp_path: Path) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text("id,name,schema\nx1,Some Name,Person\nx2,,Person\n")
    result = proscribe(home, "monitor", "add", str(bad), check=False)
    assert result.returncode == 2
    assert "line 3: field name: empty" in result.stderr
    assert "x1" not in proscribe(home, "monitor", "list").stdout
