"""The FastAPI application: `create_app(settings)` for tests and `from_environment()` for
uvicorn (`proscribe serve`), which calls it once in each worker process.

The Screener is built once here, from the newest version of every stored list, and reused by
every request; lists loaded later are served after a restart. Errors of the ProscribeError tree
and of authentication become `{"error": {"code", "message"}}` with a status; validation errors
keep FastAPI's field-level `{"detail": [{"loc", "msg", "type"}]}` with 422.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse

from proscribe import __version__
from proscribe.api.alerts import router as alerts_router
from proscribe.api.auth import ApiError
from proscribe.api.documents import router as documents_router
from proscribe.api.limits import BodyLimit, RateLimiter
from proscribe.api.metrics import Metrics
from proscribe.api.metrics import router as metrics_router
from proscribe.api.routes import Service, router
from proscribe.api.yente import router as yente_router
from proscribe.errors import ConflictError, InputError, NotFoundError, ProscribeError, StoreError
from proscribe.screener import Screener
from proscribe.settings import Settings
from proscribe.store import Store

STATUS = {InputError: 422, NotFoundError: 404, StoreError: 503, ConflictError: 409}


def create_app(settings: Settings) -> FastAPI:
    """The service on the store named by `settings`, screening its newest list versions."""
    if not settings.database_url:
        settings.home.mkdir(parents=True, exist_ok=True)
    store = Store.open(settings.store_url)
    store.group_commit()  # concurrent requests share audit transactions
    access = logging.getLogger("uvicorn.access")  # the web UI's app is built here too
    if not any(isinstance(f, PathOnly) for f in access.filters):
        access.addFilter(PathOnly())
    screener = Screener.from_store(store, snapshot_dir=settings.home / "index")

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        yield
        store.close()

    app = FastAPI(
        title="proscribe",
        version=__version__,
        description="Sanctions screening with explanations; every screening is audited.",
        lifespan=lifespan,
    )
    app.state.service = Service(settings=settings, store=store, screener=screener)
    app.state.limiter = RateLimiter(settings.rate_limit_per_minute)
    app.include_router(router)
    app.include_router(yente_router)
    app.include_router(documents_router)
    app.include_router(metrics_router)
    app.include_router(alerts_router)
    # The last added is outermost: metrics count the refused bodies and the 429s too.
    app.add_middleware(BodyLimit, max_bytes=settings.max_body_bytes)
    app.add_middleware(Metrics)
    app.add_exception_handler(ApiError, _api_error)  # type: ignore[arg-type]
    app.add_exception_handler(ProscribeError, _proscribe_error)  # type: ignore[arg-type]
    return app


def from_environment() -> FastAPI:
    """The app with settings read from the environment (uvicorn's factory)."""
    return create_app(Settings())


class PathOnly(logging.Filter):
    """Takes the query string off the path of uvicorn's access lines: a client may send its
    key as `?api_key=...` (refused, but logged as sent), and a key never goes into a log."""

    def filter(self, record: logging.LogRecord) -> bool:
        # uvicorn's access record: (client, method, path with query, HTTP version, status).
        if isinstance(record.args, tuple) and len(record.args) == 5:
            client, method, path, version, status = record.args
            record.args = (client, method, str(path).split("?", 1)[0], version, status)
        return True


async def _api_error(_request: Request, error: ApiError) -> JSONResponse:
    return _error(error.status, error.code, error.message, error.headers)


async def _proscribe_error(_request: Request, error: ProscribeError) -> JSONResponse:
    status = next((code for kind, code in STATUS.items() if isinstance(error, kind)), 500)
    return _error(status, error.code, error.message)


def _error(
    status: int, code: str, message: str, extra: dict[str, str] | None = None
) -> JSONResponse:
    headers = {"WWW-Authenticate": "Bearer"} if status == 401 else {}
    headers.update(extra or {})
    return JSONResponse(
        {"error": {"code": code, "message": message}}, status_code=status, headers=headers
    )
