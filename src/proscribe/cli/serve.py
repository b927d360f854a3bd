"""`proscribe serve`: the HTTP service and the web UI under uvicorn.

With several workers, each worker listens on a socket of its own bound to the same address
(SO_REUSEPORT), and the kernel spreads new connections across the sockets. uvicorn's own
workers share one socket instead, and the first worker to wake accepts every connection that
is waiting: a client pool opening 16 keep-alive connections at once put all 16 on one worker
in the benchmark, so a second worker added nothing. Where the system lacks SO_REUSEPORT,
uvicorn's workers are used, with libuv told to yield after each accept (which spreads some).

SO_REUSEPORT lets another process of the same user bind the same port and take a share of the
connections; the service runs under its own user, as any service should. The hash that picks
a worker for each connection often splits a few keep-alive connections unevenly: the workers
even that out between themselves (`cli.balance`).
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import signal
import socket
from multiprocessing.connection import wait
from types import FrameType
from typing import TYPE_CHECKING, Annotated

import typer

from proscribe.cli.output import open_store

if TYPE_CHECKING:
    from proscribe.cli.balance import ConnectionBalancer, Slots

APP = "proscribe.web.app:from_environment"  # a factory: each worker builds its own app
# uvicorn's access lines (log level info) name method, path and status only: keys travel in
# headers and queries in bodies, neither of which uvicorn logs, and the app takes the query
# string off the path (`api.app.PathOnly`), where a client may have put its key.
BACKLOG = 2048  # uvicorn's default
# The cyclic collector's first generation in a serving process. Under `bench/http.py
# --requests 10000 --concurrency 8 --workers 2`, a worker serving its ~5,000 requests ran 990
# young collections, 90 of the middle generation and 2 full ones at Python's default of 700
# (0.21 s in all, each pass also walking the objects of the requests in flight); at 5,000,
# 50, 4 and none (0.06 s): about 1.5 % of its CPU saved. Alternated pairs of runs: 11 of 15
# faster, p99 lower in each of the calmest five (the machine's drift is larger than the gain).
SERVING_COLLECTOR = (5000, 10, 10)
STOP_SECONDS = 30  # a worker's graceful shutdown, then it is killed


def register(app: typer.Typer) -> None:
    app.command("serve")(serve)


def serve(
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(min=1, max=65535)] = 8000,
    workers: Annotated[int, typer.Option(min=1, help="Worker processes.")] = 1,
) -> None:
    """Serve the screening API and the web UI (FastAPI under uvicorn); keys come from
    `proscribe keys`, users of the web UI from `proscribe users`."""
    import uvicorn  # imported here: every other command starts without it

    if workers == 1:
        gc.set_threshold(*SERVING_COLLECTOR)
        uvicorn.run(APP, factory=True, host=host, port=port, log_level="info")
        return
    # Every worker opens the store as it starts: on a new store each would create the tables
    # at once, and on SQLite all but one failed ("database is locked"), which stopped the
    # server. The tables are created here first, once; a store that cannot be opened is
    # then reported before any worker starts.
    with open_store():
        pass
    if hasattr(socket, "SO_REUSEPORT"):
        raise typer.Exit(supervise(host, port, workers))
    os.environ.setdefault("UV_TCP_SINGLE_ACCEPT", "1")
    uvicorn.run(APP, factory=True, host=host, port=port, workers=workers, log_level="info")


def supervise(host: str, port: int, workers: int) -> int:
    """Run `workers` worker processes until one stops or this process is told to stop; then
    stop them all. The exit status: the first stopped worker's, 0 when told to stop."""
    # Each worker reads the index snapshot (or builds the index) itself: spawned, not forked,
    # so that no worker inherits the supervisor's state.
    context = multiprocessing.get_context("spawn")
    slots = context.RawArray("i", workers)  # each worker's open connections (`cli.balance`)
    processes = [
        context.Process(
            target=run_worker, args=(host, port, slots, n), name=f"proscribe-worker-{n}"
        )
        for n in range(workers)
    ]
    told_to_stop = False

    def stop(_signum: int, _frame: FrameType | None) -> None:
        nonlocal told_to_stop
        told_to_stop = True

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    for process in processes:
        process.start()
    try:
        while not told_to_stop and all(process.is_alive() for process in processes):
            wait([process.sentinel for process in processes], timeout=0.5)
    finally:
        for process in processes:
            if process.is_alive():
                process.terminate()  # SIGTERM: uvicorn finishes the requests in flight
        for process in processes:
            process.join(STOP_SECONDS)
            if process.is_alive():
                process.kill()
                process.join()
    if told_to_stop:
        return 0
    return next((p.exitcode or 1 for p in processes if p.exitcode != 0), 0)


def run_worker(host: str, port: int, slots: Slots, worker: int) -> None:
    """Worker number `worker`: its own listening socket on the shared address, served by
    uvicorn; `slots` the connections each worker holds, shared by all of them."""
    import uvicorn

    from proscribe.cli.balance import ConnectionBalancer
    from proscribe.web.app import from_environment

    def balanced_app() -> ConnectionBalancer:
        def connections() -> int:
            return len(server.server_state.connections)

        return ConnectionBalancer(from_environment(), connections, slots, worker)

    config = uvicorn.Config(balanced_app, factory=True, log_level="info")
    server = uvicorn.Server(config)
    gc.set_threshold(*SERVING_COLLECTOR)
    server.run(sockets=[listening_socket(host, port)])


def listening_socket(host: str, port: int) -> socket.socket:
    """A socket listening on host:port that other workers may bind too (SO_REUSEPORT)."""
    family, kind, protocol, _, address = socket.getaddrinfo(
        host, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE
    )[0]
    sock = socket.socket(family, kind, protocol)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)
    sock.bind(address)
    sock.listen(BACKLOG)
    return sock
