"""Every CLI command and every algorithm feature is documented."""

from __future__ import annotations

from pathlib import Path

from proscribe.cli import app
from proscribe.match import ALGORITHMS

ROOT = Path(__file__).resolve().parents[1]


def test_every_command_is_in_docs_cli() -> None:
    text = (ROOT / "docs" / "cli.md").read_text(encoding="utf-8")
    names = [command.name for command in app.registered_commands]
    assert names, "no commands registered"
    for name in names:
        assert f"### `proscribe {name}" in text, f"command {name} is not documented"


def test_every_feature_explains_itself() -> None:
    for algorithm in ALGORITHMS.values():
        for row in algorithm.table():
            assert len(str(row["explanation"])) > 40, row["code"]


def test_every_setting_is_documented() -> None:
    from proscribe.settings import Settings

    text = (ROOT / "docs" / "cli.md").read_text(encoding="utf-8")
    for field in Settings.model_fields:
        assert f"PROSCRIBE_{field.upper()}" in text
