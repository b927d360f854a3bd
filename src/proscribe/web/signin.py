"""Signing in and out: `GET /signin` (the form), `POST /signin`, `POST /signout`."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Form, Query, Request
from fastapi.responses import Response

from proscribe.web.pages import (
    mark_page,
    redirect,
    render,
    require_csrf,
    session_of,
    set_session,
    wants_json,
    web_of,
)
from proscribe.web.sessions import Session

router = APIRouter(include_in_schema=False, dependencies=[Depends(mark_page)])
HOME = "/screen"


@router.get("/")
def home() -> Response:
    return redirect(HOME)


@router.get("/signin")
def sign_in_form(request: Request, target: Annotated[str, Query(alias="next")] = HOME) -> Response:
    """The form; a visitor without a session gets one here, for the form's CSRF token."""
    session = session_of(request) or web_of(request).codec.new()
    data = {"user": session.user, "csrf_token": web_of(request).codec.csrf_token(session)}
    context = {"title": "Sign in", "next": _local(target), "error": "", "name": ""}
    return render(request, "signin.html", context, data, session=session)


@router.post("/signin")
def sign_in(
    request: Request,
    name: Annotated[str, Form()] = "",
    password: Annotated[str, Form()] = "",
    csrf: Annotated[str, Form()] = "",
    target: Annotated[str, Form(alias="next")] = HOME,
) -> Response:
    """Check the password; on success a new session (new nonce) for the user."""
    web = web_of(request)
    session = session_of(request)
    if session is None and not wants_json(request):
        # The form sat open longer than a session lasts: show it again, with a fresh token.
        message = "The sign-in form had expired; please sign in again."
        return _form(request, web.codec.new(), target, name, message, 403)
    require_csrf(request, session, csrf)
    user = web.service.store.users.authenticate(name.strip(), password)
    if user is None:
        message = "Unknown user name or wrong password, or the user is disabled."
        return _form(request, session, target, name, message, 401)
    fresh = web.codec.new(user.name)
    if wants_json(request):
        data = {"user": user.name, "role": user.role, "csrf_token": web.codec.csrf_token(fresh)}
        return render(request, "signin.html", {}, data, session=fresh)
    response = redirect(_local(target))
    set_session(request, response, fresh)
    return response


@router.post("/signout")
def sign_out(request: Request, csrf: Annotated[str, Form()] = "") -> Response:
    """End the session: the browser gets a new one without a user."""
    require_csrf(request, session_of(request), csrf)
    response = redirect("/signin")
    set_session(request, response, web_of(request).codec.new())
    return response


def _form(
    request: Request, session: Session | None, target: str, name: str, message: str, status: int
) -> Response:
    context = {"title": "Sign in", "next": _local(target), "error": message, "name": name}
    error = {"code": "unauthenticated", "message": message}
    return render(request, "signin.html", context, {"error": error}, status, session)


def _local(target: str) -> str:
    """Only paths of this site: `next` must not send a user elsewhere after sign-in."""
    if target.startswith("/") and not target.startswith("//") and "\\" not in target:
        return target
    return HOME
