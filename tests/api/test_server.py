"""The real server process, as a user runs it: `proscribe keys create`, `proscribe serve`,
screen over loopback with httpx; then `proscribe audit verify` before and after a hand edit."""

from __future__ import annotations

import shutil
import sqlite3
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from tests.cli.conftest import proscribe
from tests.serving import running_server


@pytest.fixture
def server_home(tmp_path: Path, pristine_home: Path) -> Path:
    home = tmp_path / "home"
    shutil.copytree(pristine_home, home)
    return home


@pytest.fixture
def server(server_home: Path, tmp_path: Path) -> Iterator[tuple[str, Path]]:
    """The base URL of `proscribe serve` on a free port, and the file of its log."""
    log = tmp_path / "server.log"
    with running_server(server_home, log) as base:
        yield base, log


def test_screening_over_http_is_locked_and_audited(
    server_home: Path, server: tuple[str, Path]
) -> None:
    base, log = server
    created = proscribe(server_home, "keys", "create", "--role", "screen", "--name", "ci")
    secret = created.stdout.strip().splitlines()[-1]
    assert secret.startswith("psk_")
    body = {"name": "Choe Ryong-hae"}

    answer = httpx.post(
        f"{base}/v1/screen", json=body, headers={"Authorization": f"Bearer {secret}"}
    )
    assert answer.status_code == 200, answer.text
    best = answer.json()["matches"][0]
    assert best["references"] == [{"source": "us_ofac_sdn", "id": "23213"}]
    assert best["match"] is True
    assert best["explanation"].startswith("Matched name CHOE, Ryong Hae")

    refused = httpx.post(f"{base}/v1/screen", json=body)
    assert refused.status_code == 401
    assert refused.json()["error"]["code"] == "unauthenticated"
    assert httpx.get(f"{base}/readyz").status_code == 503  # the 2019 list is stale
    # A key sent in the URL is refused, and its access line keeps the path only.
    assert httpx.get(f"{base}/v1/lists", params={"api_key": secret}).status_code == 401

    logged = log.read_text()
    assert "POST /v1/screen" in logged
    assert "GET /v1/lists HTTP" in logged
    assert secret not in logged
    assert "Choe" not in logged


def test_audit_verify_names_a_record_edited_by_hand(server_home: Path) -> None:
    proscribe(server_home, "screen", "Kim Jong Un")
    assert "The audit holds: 2 records" in proscribe(server_home, "audit", "verify").stdout

    with sqlite3.connect(server_home / "proscribe.db") as database:
        database.execute("UPDATE audit_records SET results = '[]' WHERE seq = 2")
    failed = proscribe(server_home, "audit", "verify", check=False)
    assert failed.returncode == 4
    assert "audit record 2 fails" in failed.stderr
    assert "edited" in failed.stderr


def test_audit_verify_against_a_kept_head(server_home: Path) -> None:
    proscribe(server_home, "screen", "Pak Kwang Ho")
    said = proscribe(server_home, "audit", "verify").stdout
    kept = said.split("--head ")[1].split()[0]
    assert proscribe(server_home, "audit", "verify", "--head", kept).returncode == 0
    seq = int(kept.split(":")[0])
    with sqlite3.connect(server_home / "proscribe.db") as database:
        database.execute("DELETE FROM audit_records WHERE seq = ?", (seq,))
    assert proscribe(server_home, "audit", "verify", check=False).returncode == 0
    failed = proscribe(server_home, "audit", "verify", "--head", kept, check=False)
    assert failed.returncode == 4
    assert f"audit record {seq} fails" in failed.stderr
    assert "newest records were deleted" in failed.stderr
    bad = proscribe(server_home, "audit", "verify", "--head", "12:abc", check=False)
    assert bad.returncode == 2


def test_audit_export_writes_json_lines(server_home: Path, tmp_path: Path) -> None:
    out = tmp_path / "audit.jsonl"
    today = time.strftime("%Y-%m-%d", time.gmtime())
    proscribe(server_home, "audit", "export", "--from", today, "--to", today, "-o", str(out))
    proscribe(server_home, "audit", "export", "--to", "2000-01-01", "-o", str(tmp_path / "none"))
    lines = out.read_text().splitlines()
    assert len(lines) >= 1
    assert '"caller": "cli:' in lines[0]
    assert (tmp_path / "none").read_text() == ""
    reversed_range = ("--from", today, "--to", "2000-01-01")
    refused = proscribe(server_home, "audit", "export", *reversed_range, check=False)
    assert refused.returncode == 2
    assert "is after --to" in refused.stderr
