"""`proscribe screen-text` as a user runs it, on SDN 2019-01-04."""

from __future__ import annotations

import json
from pathlib import Path

from tests.cli.conftest import proscribe
from tests.conftest import SHARED


def test_screen_text_article_json(sdn_2019_home: Path) -> None:
    article = SHARED / "seed/article.txt"
    result = proscribe(sdn_2019_home, "screen-text", str(article), "--format", "json")
    (body,) = (json.loads(line) for line in result.stdout.splitlines())
    assert body["decision"] == "hit"
    assert {m["entity"] for m in body["mentions"]} == {
        "us_ofac_sdn:20157",
        "us_ofac_sdn:23213",
        "us_ofac_sdn:23212",
        "us_ofac_sdn:26168",
        "us_ofac_sdn:20123",
        "us_ofac_sdn:19528",
    }


def test_screen_text_stdin_and_folder(sdn_2019_home: Path, tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Nothing to see here, said Jane Smith.")
    (tmp_path / "b.html").write_text("<html><body><p>Choe Ryong Hae visited.</p></body></html>")
    (tmp_path / "skip.bin").write_bytes(b"\x00\x01")
    result = proscribe(sdn_2019_home, "screen-text", str(tmp_path), "--format", "json")
    first, second = (json.loads(line) for line in result.stdout.splitlines())
    assert (first["decision"], second["decision"]) == ("clear", "hit")
    piped = proscribe(sdn_2019_home, "screen-text", "-", stdin="Pak Kwang Ho spoke.")
    assert "us_ofac_sdn:26168" in piped.stdout
    assert "0-12" in piped.stdout


def test_screen_text_missing_file(sdn_2019_home: Path, tmp_path: Path) -> None:
    result = proscribe(sdn_2019_home, "screen-text", str(tmp_path / "nope.txt"), check=False)
    assert result.returncode == 2
    assert "no such file or folder" in result.stderr
