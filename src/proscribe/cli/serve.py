"""`proscribe serve`: the HTTP service and the web UI under uvicorn."""

from __future__ import annotations

import os
from typing import Annotated

import typer


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

    if workers > 1:
        spread_connections()
    # The factory runs in each worker, so each builds (or reads the snapshot of) the index.
    uvicorn.run(
        "proscribe.web.app:from_environment",
        factory=True,
        host=host,
        port=port,
        workers=workers,
        # Access lines name method, path and status only: keys travel in headers and
        # queries in bodies, neither of which uvicorn logs.
        log_level="info",
    )


def spread_connections() -> None:
    """Let every worker accept its share of connections.

    The workers share one listening socket. When many clients connect at once (a pool of
    keep-alive connections opening), the first worker to wake accepts them all, and keeps
    them: with 16 connections the benchmark saw 16 on one worker and none on the other, so a
    second worker added nothing. libuv (under uvloop) has a switch for servers of several
    processes sharing a socket: after each accept it yields the CPU so that the other workers
    take some of the waiting connections (splits of 9/7 to 15/1 instead of 16/0). It is read
    from the environment of each worker, which inherits this one's; an explicit setting wins.
    """
    os.environ.setdefault("UV_TCP_SINGLE_ACCEPT", "1")
