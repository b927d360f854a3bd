"""`proscribe serve --workers 2`: two worker processes, each listening on a socket of its own
(SO_REUSEPORT), answering; stopping the server stops them both; keep-alive connections end
up shared evenly between them."""

from __future__ import annotations

import gc
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest
import typer
import uvicorn
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import create_engine

from proscribe.cli import serve as serve_command
from proscribe.cli.balance import COOLDOWN_SECONDS
from proscribe.cli.serve import SERVING_COLLECTOR
from proscribe.store.engine import MIGRATIONS
from tests.serving import free_port, wait_until_up

pytestmark = pytest.mark.skipif(sys.platform != "linux", reason="reads /proc")


def children(pid: int) -> list[int]:
    found = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    return [int(child) for child in found]


def listening_sockets(pid: int) -> set[str]:
    """The inodes of the TCP sockets `pid` listens on."""
    inodes = set()
    for line in Path(f"/proc/{pid}/net/tcp").read_text().splitlines()[1:]:
        fields = line.split()
        if fields[3] == "0A":  # LISTEN
            inodes.add(fields[9])
    return inodes & held_sockets(pid)


def established(pid: int, port: int) -> int:
    """How many connections to `port` that `pid` holds open."""
    inodes = set()
    for line in Path(f"/proc/{pid}/net/tcp").read_text().splitlines()[1:]:
        fields = line.split()
        if fields[3] == "01" and int(fields[1].split(":")[1], 16) == port:  # ESTABLISHED
            inodes.add(fields[9])
    return len(inodes & held_sockets(pid))


def held_sockets(pid: int) -> set[str]:
    """The inodes of the sockets among `pid`'s open files."""
    held = set()
    for fd in Path(f"/proc/{pid}/fd").iterdir():
        try:
            target = os.readlink(fd)
        except FileNotFoundError:
            continue  # closed since it was listed: a worker still starting opens and closes files
        if target.startswith("socket:["):
            held.add(target[len("socket:[") : -1])
    return held


def is_worker(pid: int) -> bool:
    return b"spawn_main" in Path(f"/proc/{pid}/cmdline").read_bytes()


def two_workers(home: Path) -> tuple[subprocess.Popen[bytes], int, Path]:
    """`proscribe serve --workers 2` on a free port of its own: the process, the port, and
    the log it writes."""
    port = free_port()
    environment = {**os.environ, "PROSCRIBE_HOME": str(home)}
    environment.pop("PROSCRIBE_DATABASE_URL", None)
    command = [sys.executable, "-m", "proscribe.cli", "serve", "--port", str(port)]
    log = home / "server.log"
    with log.open("w") as out:
        server = subprocess.Popen(
            [*command, "--workers", "2"], env=environment, stdout=out, stderr=subprocess.STDOUT
        )
    return server, port, log


def test_two_workers_listen_on_their_own_sockets_and_stop_together(tmp_path: Path) -> None:
    server, port, log = two_workers(tmp_path)
    try:
        wait_until_up(f"http://127.0.0.1:{port}", server, log)
        workers = [pid for pid in children(server.pid) if is_worker(pid)]
        assert len(workers) == 2
        # The first worker up answered; the other may still be starting.
        deadline = time.monotonic() + 60
        sockets = [listening_sockets(pid) for pid in workers]
        while not all(len(held) == 1 for held in sockets):
            assert time.monotonic() < deadline, f"a worker is not listening: {log.read_text()}"
            time.sleep(0.2)
            sockets = [listening_sockets(pid) for pid in workers]
        assert sockets[0] != sockets[1]  # one socket each, not one shared
        for _ in range(20):  # a new connection each time
            assert httpx.get(f"http://127.0.0.1:{port}/healthz").status_code == 200
        server.send_signal(signal.SIGTERM)
        assert server.wait(timeout=60) == 0
        deadline = time.monotonic() + 10
        while any(Path(f"/proc/{pid}").exists() for pid in workers):
            assert time.monotonic() < deadline, "a worker outlived the server"
            time.sleep(0.1)
    finally:
        if server.poll() is None:
            server.kill()
            server.wait()


def test_the_store_is_made_before_the_workers_start(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Workers that each created a new store's tables raced: one failed ("database is
    # locked") and the server stopped. The supervisor now creates them before any starts.
    monkeypatch.setenv("PROSCRIBE_HOME", str(tmp_path / "home"))
    monkeypatch.delenv("PROSCRIBE_DATABASE_URL", raising=False)
    found: list[str | None] = []

    def supervise(*_: object) -> int:
        engine = create_engine(f"sqlite:///{tmp_path / 'home' / 'proscribe.db'}")
        with engine.connect() as connection:
            found.append(MigrationContext.configure(connection).get_current_revision())
        engine.dispose()
        return 0

    monkeypatch.setattr(serve_command, "supervise", supervise)
    with pytest.raises(typer.Exit):
        serve_command.serve(workers=2)
    head = ScriptDirectory(str(MIGRATIONS)).get_current_head()
    assert head is not None
    assert found == [head]


def test_keep_alive_connections_end_up_shared_evenly(tmp_path: Path) -> None:
    # The kernel places 16 connections on two workers by a hash: 8 and 8 one time in five.
    # A worker holding more than its share closes one after a response, the client
    # reconnects, and the kernel places it again, until the split is even.
    server, port, log = two_workers(tmp_path)
    clients = [httpx.Client(base_url=f"http://127.0.0.1:{port}") for _ in range(16)]
    try:
        wait_until_up(f"http://127.0.0.1:{port}", server, log)
        workers = [pid for pid in children(server.pid) if is_worker(pid)]
        deadline = time.monotonic() + 60
        while True:
            for client in clients:  # each keeps one connection, reopened when closed
                assert client.get("/healthz").status_code == 200
            held = sorted(established(pid, port) for pid in workers)
            if held == [8, 8]:
                break
            assert time.monotonic() < deadline, f"connections held by the workers: {held}"
            time.sleep(COOLDOWN_SECONDS)
    finally:
        for client in clients:
            client.close()
        server.terminate()
        server.wait(timeout=60)


def test_serving_processes_collect_young_objects_less_often(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    seen: list[tuple[int, int, int]] = []

    def running(*_: object, **__: object) -> None:
        seen.append(gc.get_threshold())

    monkeypatch.setattr(uvicorn, "run", running)
    monkeypatch.setattr(uvicorn.Server, "run", running)
    monkeypatch.setattr(serve_command, "listening_socket", lambda *_: None)
    before = gc.get_threshold()
    try:
        serve_command.serve(workers=1)  # one process: uvicorn.run
        gc.set_threshold(*before)
        serve_command.run_worker("127.0.0.1", 0, [0, 0], 0)  # a worker of several
    finally:
        gc.set_threshold(*before)
    assert seen == [SERVING_COLLECTOR, SERVING_COLLECTOR]
    assert before != SERVING_COLLECTOR
