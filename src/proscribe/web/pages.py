"""What every page shares: the signed-in user and their role, CSRF checks, and answering in
HTML or as the page's JSON twin.

A page answers JSON instead of HTML when the URL has `?format=json` or the request's `Accept`
header names `application/json` and not `text/html` (a browser's names both, HTML first).
The JSON twin needs the same session cookie as the page, and a POST the same CSRF token.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated, Any
from urllib.parse import quote

from fastapi import Depends, Request
from fastapi.responses import JSONResponse, RedirectResponse, Response
from fastapi.templating import Jinja2Templates

from proscribe.api.routes import Service
from proscribe.errors import NotFoundError
from proscribe.store.users import User
from proscribe.web.sessions import COOKIE, Session, SessionCodec


@dataclass(frozen=True, slots=True)
class Web:
    """What the pages share, built once at startup and kept in `app.state.web`."""

    service: Service
    codec: SessionCodec
    templates: Jinja2Templates


@dataclass(frozen=True, slots=True)
class Viewer:
    """The signed-in user of a request and their session."""

    user: User
    session: Session


class PageError(Exception):
    """An error shown as a page (or as `{"error": {"code", "message"}}` to a JSON twin)."""

    def __init__(self, status: int, code: str, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message


class NotSignedInError(Exception):
    """No valid session: pages redirect to the sign-in form, JSON twins get 401."""


def web_of(request: Request) -> Web:
    web: Web = request.app.state.web
    return web


def mark_page(request: Request) -> None:
    """Dependency of every page route: errors raised from here on are shown as pages."""
    request.state.page = True


def wants_json(request: Request) -> bool:
    if request.query_params.get("format") == "json":
        return True
    accept = request.headers.get("accept", "")
    return "application/json" in accept and "text/html" not in accept


def session_of(request: Request) -> Session | None:
    return web_of(request).codec.decode(request.cookies.get(COOKIE))


def signed_in(role: str) -> Any:
    """A dependency admitting signed-in, enabled users of `role` or higher."""

    def check(request: Request) -> Viewer:
        session = session_of(request)
        if session is None or session.user is None:
            raise NotSignedInError
        try:
            user = web_of(request).service.store.users.get(session.user)
        except NotFoundError as error:
            raise NotSignedInError from error
        if user.disabled_at is not None:
            raise NotSignedInError
        if not user.allows(role):
            raise PageError(
                403, "forbidden", f"This needs the {role} role; {user.name} has {user.role}."
            )
        viewer = Viewer(user, session)
        request.state.viewer = viewer
        return viewer

    return Depends(check)


Screener = Annotated[Viewer, signed_in("screen")]
Reviewer = Annotated[Viewer, signed_in("review")]


def require_csrf(request: Request, session: Session | None, token: str | None) -> None:
    """Refuse a POST whose token (form field `csrf` or header `X-CSRF-Token`) is not the
    session's."""
    token = token or request.headers.get("x-csrf-token")
    if session is None or not web_of(request).codec.csrf_ok(session, token):
        raise PageError(
            403, "csrf", "The form has expired or did not come from this site; try again."
        )


def render(
    request: Request,
    template: str,
    context: dict[str, Any],
    data: Any,
    status: int = 200,
    session: Session | None = None,
) -> Response:
    """The page, or its JSON twin `data`; the session cookie is renewed (sliding expiry)."""
    web = web_of(request)
    viewer: Viewer | None = getattr(request.state, "viewer", None)
    session = session or (viewer.session if viewer else None)
    response: Response
    if wants_json(request):
        response = JSONResponse(data, status_code=status)
    else:
        page = {
            **context,
            "viewer": viewer.user if viewer else None,
            "csrf": web.codec.csrf_token(session) if session else "",
        }
        response = web.templates.TemplateResponse(request, template, page, status_code=status)
    if session is not None:
        set_session(request, response, web.codec.renewed(session))
    response.headers.update(HEADERS)
    return response


def set_session(request: Request, response: Response, session: Session) -> None:
    codec = web_of(request).codec
    response.set_cookie(
        COOKIE,
        codec.encode(session),
        max_age=codec.seconds,
        httponly=True,
        samesite="lax",
        secure=request.url.scheme == "https",
        path="/",
    )


def redirect(url: str) -> RedirectResponse:
    """After a POST: 303, so the browser follows with a GET."""
    return RedirectResponse(url, status_code=303)


def sign_in_redirect(request: Request) -> Response:
    if wants_json(request):
        error = {"code": "unauthenticated", "message": "sign in first: POST /signin"}
        return JSONResponse({"error": error}, status_code=401)
    target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
    return RedirectResponse(f"/signin?next={quote(target, safe='')}", status_code=303)


def error_page(request: Request, status: int, code: str, message: str) -> Response:
    if wants_json(request):
        return JSONResponse({"error": {"code": code, "message": message}}, status_code=status)
    context = {"title": TITLES.get(status, "Something went wrong"), "message": message}
    return render(request, "error.html", context, None, status=status)


# Pages hold screened names and decisions: not kept by caches or the back button after
# sign-out, never framed (the decision forms could be clickjacked), no script at all.
HEADERS = {
    "Cache-Control": "no-store",
    "Content-Security-Policy": (
        "default-src 'self'; script-src 'none'; frame-ancestors 'none'; form-action 'self'"
    ),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
}

TITLES = {
    400: "That request cannot be used",
    403: "Not allowed",
    404: "Not found",
    409: "Someone else was faster",
    422: "Please check the form",
    503: "Not available",
}
