"""`proscribe serve`: the HTTP service and the web UI under uvicorn."""

from __future__ import annotations

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
