"""One PROSCRIBE_HOME holding several versions of the SDN and the UN list, built once per test
session and shared by the history tests of the library (tests/test_history.py) and of the
command (tests/cli/test_history.py): loading the real files is the slow part of both.

It is loaded as `proscribe load` loads (registry.read_path, then Store.save_version) into the
SQLite file the command opens for this home. Tests only read it.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from proscribe.cli.lists import version_of
from proscribe.settings import Settings
from proscribe.sources.registry import read_path
from proscribe.store import Store

FOLDERS = (
    "us_ofac_sdn/2015-01-17",
    "us_ofac_sdn/2019-01-04",
    "us_ofac_sdn/2021-07-07",
    "us_ofac_sdn/2022-02-23",
    "us_ofac_sdn/2022-02-25",
    "un_sc_consolidated/2018-08-24",
    "un_sc_consolidated/2018-10-29",
)


def store_url(home: Path) -> str:
    return Settings(home=home, database_url=None).store_url


@cache
def history_home(base: Path, data_dir: Path) -> Path:
    """The loaded home under `base` (the session's temporary folder), built on first use."""
    home = base / "history-home"
    home.mkdir()
    with Store.open(store_url(home)) as store:
        for folder in FOLDERS:
            for publication in read_path(data_dir / folder):
                store.save_version(version_of(publication, None), publication.parsed.entities)
    return home
