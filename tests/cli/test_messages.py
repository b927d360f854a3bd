"""`proscribe screen-message` as a user runs it, on SDN 2019-01-04."""

from __future__ import annotations

import json
from pathlib import Path

from tests.cli.conftest import proscribe
from tests.payments import messages


def test_screen_message_json_one_object_per_message(sdn_2019_home: Path, tmp_path: Path) -> None:
    listed = tmp_path / "listed.xml"
    listed.write_bytes(messages.pacs008(creditor="CHOE RYONG HAE"))
    clean = tmp_path / "clean.mt"
    clean.write_bytes(messages.mt103("JEAN DUPONT"))
    result = proscribe(sdn_2019_home, "screen-message", str(listed), str(clean), "--format", "json")
    first, second = (json.loads(line) for line in result.stdout.splitlines())
    assert (first["message"], first["type"], first["decision"]) == (
        str(listed),
        "pacs.008.001.08",
        "hit",
    )
    assert [(h["path"], h["entity"]) for h in first["hits"]] == [
        ("CdtTrfTxInf/Cdtr/Nm", "us_ofac_sdn:23213")
    ]
    assert (second["type"], second["decision"], second["hits"]) == ("MT103", "clear", [])
    assert {
        "role": "beneficiary_customer",
        "path": "59",
        "kind": "name",
        "value": "JEAN DUPONT",
    } in (second["parties"])


def test_screen_message_text_names_the_field(sdn_2019_home: Path, tmp_path: Path) -> None:
    path = tmp_path / "m.mt"
    path.write_bytes(messages.mt103())
    result = proscribe(sdn_2019_home, "screen-message", str(path))
    assert "MT103, HIT" in result.stdout
    assert "us_ofac_sdn:23213" in result.stdout


def test_broken_message_is_one_line_error(sdn_2019_home: Path, tmp_path: Path) -> None:
    path = tmp_path / "evil.xml"
    path.write_bytes(messages.BILLION_LAUGHS)
    result = proscribe(sdn_2019_home, "screen-message", str(path), check=False)
    assert result.returncode == 2
    assert result.stderr.strip().startswith(f"error: {path}: XML declares a DTD or entities")
    assert "Traceback" not in result.stderr
