"""The server `proscribe serve` runs: the JSON API (`proscribe.api`) and the analysts' pages
on one FastAPI app.

`create_app(settings)` builds the API app unchanged and adds the pages, their templates and
static files. Pages are left out of the OpenAPI document: it describes the API for its
clients. Errors raised while answering a page are shown as a page (or as the JSON twin's
`{"error"}`); everywhere else the API's handlers answer as before.
"""

from __future__ import annotations

import inspect
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.responses import Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from jinja2 import Environment, PackageLoader, select_autoescape

from proscribe import __version__
from proscribe.api.app import create_app as create_api
from proscribe.errors import ConflictError, InputError, NotFoundError, ProscribeError, StoreError
from proscribe.settings import Settings
from proscribe.web import alerts, entries, screening, signin
from proscribe.web.pages import NotSignedInError, PageError, Web, error_page, sign_in_redirect
from proscribe.web.sessions import SessionCodec, session_secret

HERE = Path(__file__).parent
STATUS = {InputError: 422, NotFoundError: 404, ConflictError: 409, StoreError: 503}


def create_app(settings: Settings) -> FastAPI:
    """The API of `proscribe.api.app.create_app` with the web pages added at `/`."""
    app = create_api(settings)
    environment = Environment(
        loader=PackageLoader("proscribe.web", "templates"),
        autoescape=select_autoescape(default=True),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    environment.globals["app_version"] = __version__
    app.state.web = Web(
        service=app.state.service,
        codec=SessionCodec(session_secret(settings), settings.session_minutes),
        templates=Jinja2Templates(env=environment),
    )
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    for module in (signin, screening, entries, alerts):
        app.include_router(module.router)
    api_handler = app.exception_handlers[ProscribeError]

    async def proscribe_error(request: Request, error: Exception) -> Response:
        if not getattr(request.state, "page", False):
            answer = api_handler(request, error)
            return await answer if inspect.isawaitable(answer) else answer
        assert isinstance(error, ProscribeError)
        status = next((code for kind, code in STATUS.items() if isinstance(error, kind)), 500)
        return error_page(request, status, error.code, error.message)

    app.add_exception_handler(ProscribeError, proscribe_error)
    app.add_exception_handler(PageError, _page_error)  # type: ignore[arg-type]
    app.add_exception_handler(NotSignedInError, _sign_in_required)
    return app


def from_environment() -> FastAPI:
    """The app with settings read from the environment (uvicorn's factory)."""
    return create_app(Settings())


async def _page_error(request: Request, error: PageError) -> Response:
    return error_page(request, error.status, error.code, error.message)


async def _sign_in_required(request: Request, _error: Any) -> Response:
    return sign_in_redirect(request)
