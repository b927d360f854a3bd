"""`proscribe serve` as a real process on a free loopback port, for the tests that need the
server a user runs (the API's and the web UI's)."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
import pytest

STARTUP_SECONDS = 60


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@contextmanager
def running_server(home: Path, log: Path, workers: int = 1) -> Iterator[str]:
    """Serve the SQLite store of `home`, logging to `log`; yields the base URL and stops the
    server after."""
    port = free_port()
    command = [sys.executable, "-m", "proscribe.cli", "serve", "--port", str(port)]
    environment = {**os.environ, "PROSCRIBE_HOME": str(home)}
    environment.pop("PROSCRIBE_DATABASE_URL", None)
    with log.open("w") as out:
        process = subprocess.Popen(
            [*command, "--workers", str(workers)],
            env=environment,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    base = f"http://127.0.0.1:{port}"
    try:
        wait_until_up(base, process, log)
        yield base
    finally:
        process.terminate()
        process.wait(timeout=30)


def wait_until_up(base: str, process: subprocess.Popen[bytes], log: Path) -> None:
    deadline = time.monotonic() + STARTUP_SECONDS
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"the server exited: {log.read_text()}")
        try:
            if httpx.get(f"{base}/healthz", timeout=1).status_code == 200:
                return
        except httpx.TransportError:
            time.sleep(0.2)
    pytest.fail(f"the server did not answer /healthz: {log.read_text()}")
