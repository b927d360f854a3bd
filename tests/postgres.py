"""A real, throwaway PostgreSQL server for the store suite, started and stopped by the tests.

Uses the server binaries of the Debian `postgresql` package (installed by .ci/run). As root,
the cluster runs as the `postgres` user, since PostgreSQL refuses to run as root. If the
variable PROSCRIBE_TEST_DATABASE_URL is set, that server is used instead.
"""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from tests.serving import free_port


def _bin(name: str) -> str | None:
    found = shutil.which(name)
    if found:
        return found
    candidates = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"))
    return candidates[-1] if candidates else None


def _as_postgres(args: list[str]) -> list[str]:
    if os.geteuid() == 0:
        return ["runuser", "-u", "postgres", "--", *args]
    return args


@contextmanager
def postgres_server() -> Iterator[str | None]:
    """Yield a SQLAlchemy URL of a fresh server, or None when no server binaries exist."""
    configured = os.environ.get("PROSCRIBE_TEST_DATABASE_URL")
    if configured:
        yield configured
        return
    initdb, pg_ctl = _bin("initdb"), _bin("pg_ctl")
    if initdb is None or pg_ctl is None:
        yield None
        return
    root = Path(tempfile.mkdtemp(prefix="proscribe-pg-"))
    data = root / "data"
    if os.geteuid() == 0:
        shutil.chown(root, "postgres", "postgres")
    port = free_port()
    subprocess.run(
        _as_postgres(
            [initdb, "-D", str(data), "-U", "postgres", "-A", "trust", "--no-sync", "-E", "UTF8"]
        ),
        check=True,
        capture_output=True,
    )
    options = f"-p {port} -k {root} -c listen_addresses=127.0.0.1 -c fsync=off"
    subprocess.run(
        _as_postgres(
            [pg_ctl, "-D", str(data), "-o", options, "-w", "-l", str(root / "log"), "start"]
        ),
        check=True,
        capture_output=True,
    )
    try:
        _wait_ready(port)
        yield f"postgresql+psycopg://postgres@127.0.0.1:{port}/postgres"
    finally:
        subprocess.run(
            _as_postgres([pg_ctl, "-D", str(data), "-m", "immediate", "stop"]),
            check=False,
            capture_output=True,
        )
        shutil.rmtree(root, ignore_errors=True)


def _wait_ready(port: int) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"PostgreSQL did not start on port {port}")
