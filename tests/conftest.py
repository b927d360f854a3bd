"""Shared fixtures. Real list files are read in place from ../shared/data, never copied."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
DATA = SHARED / "data"


@pytest.fixture(scope="session")
def data_dir() -> Path:
    """The folder of official list files: `<source>/<snapshot date>/<file>`."""
    if not DATA.is_dir():
        pytest.fail(f"real list files not found at {DATA}: shared/ must sit beside the checkout")
    return DATA


def read_folder(folder: Path) -> dict[str, bytes]:
    """Every file of a snapshot folder, as the source formats take them."""
    return {path.name: path.read_bytes() for path in sorted(folder.iterdir()) if path.is_file()}


@pytest.fixture(scope="session")
def postgres_url() -> Iterator[str]:
    """URL of a real PostgreSQL server for this test session (its own cluster, removed after)."""
    from tests.postgres import postgres_server

    with postgres_server() as url:
        if url is None:
            if os.environ.get("CI"):
                pytest.fail("PostgreSQL server binaries missing: .ci/run must install them")
            pytest.skip("no PostgreSQL server binaries on this machine")
        yield url
