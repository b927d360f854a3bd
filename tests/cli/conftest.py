"""A store with the SDN of 2019-01-04 (which holds the officials of the December 2018
designations), loaded once for the screening command tests, and the CLI run as a user runs it."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest


def proscribe(
    home: Path,
    *args: str,
    stdin: str | None = None,
    check: bool = True,
) -> subprocess.CompletedProcess[str]:
    """`python -m proscribe.cli ARGS` with PROSCRIBE_HOME=home; fails on a non-zero exit.

    The hash seed is left to each process: results must not depend on it, so runs compared
    line for line also check that."""
    environment = {
        **os.environ,
        "PROSCRIBE_HOME": str(home),
        "COLUMNS": "200",
    }
    environment.pop("PROSCRIBE_DATABASE_URL", None)
    result = subprocess.run(
        [sys.executable, "-m", "proscribe.cli", *args],
        env=environment,
        input=stdin,
        capture_output=True,
        text=True,
        timeout=300,
    )
    if check and result.returncode != 0:
        raise AssertionError(f"exit {result.returncode}: {result.stderr}")
    return result


@pytest.fixture(scope="session")
def sdn_2019_home(tmp_path_factory: pytest.TempPathFactory, data_dir: Path) -> Path:
    home = tmp_path_factory.mktemp("sdn-2019")
    proscribe(home, "load", str(data_dir / "us_ofac_sdn/2019-01-04"))
    return home
