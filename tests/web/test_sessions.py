"""Sign-in, sign-out, CSRF refusals, session expiry and forgery: what keeps the pages locked."""

from __future__ import annotations

import stat
import time
from pathlib import Path

from fastapi import FastAPI

from proscribe.settings import Settings
from proscribe.web.sessions import COOKIE, SECRET_FILE, Session, SessionCodec, session_secret
from tests.web.conftest import CSRF, USERS, client_of, sign_in


def test_pages_send_a_stranger_to_sign_in_and_json_twins_answer_401(web_app: FastAPI) -> None:
    client = client_of(web_app)
    for path in ("/screen", "/alerts", "/lists", "/entities/us_ofac_sdn/23213"):
        page = client.get(path)
        assert page.status_code == 303
        assert page.headers["location"].startswith("/signin?next=")
        twin = client.get(path, headers={"Accept": "application/json"})
        assert twin.status_code == 401
        assert twin.json()["error"]["code"] == "unauthenticated"


def test_sign_in_sets_a_locked_down_cookie_and_returns_to_the_page(web_app: FastAPI) -> None:
    client = client_of(web_app)
    form = client.get("/signin", params={"next": "/lists"})
    token = CSRF.search(form.text)
    assert token
    answer = client.post(
        "/signin",
        data={"name": "ann", "password": USERS["ann"][1], "csrf": token.group(1), "next": "/lists"},
    )
    assert answer.status_code == 303
    assert answer.headers["location"] == "/lists"
    cookie = answer.headers["set-cookie"]
    assert "HttpOnly" in cookie
    assert "SameSite=lax" in cookie or "SameSite=Lax" in cookie
    assert "Max-Age=1800" in cookie  # PROSCRIBE_SESSION_MINUTES default 30
    assert client.get("/lists").status_code == 200


def test_wrong_password_unknown_user_and_foreign_next_are_refused(web_app: FastAPI) -> None:
    client = client_of(web_app)
    token = CSRF.search(client.get("/signin").text)
    assert token
    for name, password in (("ann", "not-her-password"), ("nobody", "whatever-it-is")):
        answer = client.post(
            "/signin", data={"name": name, "password": password, "csrf": token.group(1)}
        )
        assert answer.status_code == 401
        assert "wrong password" in answer.text
    assert client.get("/screen").status_code == 303  # still not signed in
    answer = client.post(
        "/signin",
        data={
            "name": "ann",
            "password": USERS["ann"][1],
            "csrf": token.group(1),
            "next": "//elsewhere.example/",
        },
    )
    assert answer.headers["location"] == "/screen"


def test_posts_without_the_session_csrf_token_are_refused(web_app: FastAPI) -> None:
    stranger = client_of(web_app)
    stranger.get("/signin")
    refused = stranger.post("/signin", data={"name": "ann", "password": USERS["ann"][1]})
    assert refused.status_code == 403
    assert stranger.get("/screen").status_code == 303

    client, token = sign_in(web_app, "ann")
    _, other_token = sign_in(web_app, "bob")
    assert token != other_token
    for data in (
        {"name": "Kim"},
        {"name": "Kim", "csrf": "0" * 64},
        {"name": "Kim", "csrf": other_token},
    ):
        answer = client.post("/screen", data=data)
        assert answer.status_code == 403, data
        assert "did not come from this site" in answer.text
    assert client.post("/signout", data={}).status_code == 403
    # The JSON twin may send the token in a header instead.
    ok = client.post(
        "/screen",
        data={"name": "Kim Jong Un"},
        headers={"X-CSRF-Token": token, "Accept": "application/json"},
    )
    assert ok.status_code == 200


def test_an_expired_or_forged_session_signs_nobody_in(web_app: FastAPI) -> None:
    codec = web_app.state.web.codec
    expired = codec.encode(Session("ann", "nonce-of-an-old-session", time.time() - 1))
    body, _, signature = codec.encode(Session("sam", "n", time.time() + 600)).partition(".")
    forged_body = codec.encode(Session("bob", "n", time.time() + 600)).partition(".")[0]
    for cookie in (expired, f"{forged_body}.{signature}", "garbage", f"{body}.AAAA"):
        client = client_of(web_app)
        client.cookies.set(COOKIE, cookie)
        assert client.get("/screen").status_code == 303, cookie


def test_each_page_renews_the_session_and_sign_out_ends_it(web_app: FastAPI) -> None:
    codec = web_app.state.web.codec
    client = client_of(web_app)
    soon = time.time() + 60
    client.cookies.set(COOKIE, codec.encode(Session("ann", "a-nonce-for-this-test", soon)))
    page = client.get("/lists")
    assert page.status_code == 200
    renewed = codec.decode(page.cookies[COOKIE])
    assert renewed is not None
    assert renewed.user == "ann"
    assert renewed.expires > soon + 60  # a fresh 30 minutes, not the 1 left
    token = CSRF.search(page.text)
    assert token
    out = client.post("/signout", data={"csrf": token.group(1)})
    assert out.status_code == 303
    after = codec.decode(out.cookies[COOKIE])
    assert after is not None
    assert after.user is None
    assert client.get("/lists").status_code == 303


def test_a_disabled_user_is_signed_out_at_once(web_app: FastAPI) -> None:
    service = web_app.state.service
    service.store.users.create("dee", "review", "temporary-pass-1")
    client = client_of(web_app)
    token = CSRF.search(client.get("/signin").text)
    assert token
    data = {"name": "dee", "password": "temporary-pass-1", "csrf": token.group(1)}
    assert client.post("/signin", data=data).status_code == 303
    assert client.get("/screen").status_code == 200
    service.store.users.disable("dee")
    assert client.get("/screen").status_code == 303


def test_the_secret_is_made_once_private_and_shared_by_workers(tmp_path: Path) -> None:
    settings = Settings(home=tmp_path / "home", database_url=None)
    first = session_secret(settings)
    assert session_secret(settings) == first  # a second worker reads the same key
    key_file = tmp_path / "home" / SECRET_FILE
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600
    configured = Settings(home=tmp_path / "home", session_secret="from-the-environment")
    assert session_secret(configured) == b"from-the-environment"
    ten = SessionCodec(first, minutes=10)
    session = ten.new("ann", now=1_000.0)
    assert session.expires == 1_600.0
    assert ten.decode(ten.encode(session), now=1_599.0) == session
    assert ten.decode(ten.encode(session), now=1_600.0) is None
    assert SessionCodec(b"another key", 10).decode(ten.encode(session), now=1_000.0) is None


def test_a_script_signs_in_and_screens_through_the_json_twins(web_app: FastAPI) -> None:
    client = client_of(web_app)
    form = client.get("/signin", params={"format": "json"}).json()
    assert form["user"] is None
    json = {"Accept": "application/json"}
    data = {"name": "sam", "password": USERS["sam"][1], "csrf": form["csrf_token"]}
    signed = client.post("/signin", data=data, headers=json)
    assert signed.status_code == 200
    assert signed.json()["user"] == "sam"
    assert signed.json()["role"] == "screen"
    token = signed.json()["csrf_token"]
    assert token != form["csrf_token"]  # a new session after sign-in
    screened = client.post(
        "/screen", data={"name": "Choe Ryong-hae"}, headers={**json, "X-CSRF-Token": token}
    )
    assert screened.json()["matches"][0]["references"][0]["id"] == "23213"


def test_an_expired_sign_in_form_is_shown_again_with_a_fresh_token(web_app: FastAPI) -> None:
    client = client_of(web_app)  # no session: it expired while the form was open
    data = {"name": "ann", "password": USERS["ann"][1], "csrf": "a-token-of-the-old-session"}
    again = client.post("/signin", data=data)
    assert again.status_code == 403
    assert "form had expired" in again.text
    token = CSRF.search(again.text)
    assert token
    assert client.post("/signin", data={**data, "csrf": token.group(1)}).status_code == 303


def test_pages_are_not_cached_framed_or_scripted(web_app: FastAPI) -> None:
    client, _ = sign_in(web_app, "sam")
    for answer in (client.get("/lists"), client.get("/lists?format=json")):
        assert answer.headers["cache-control"] == "no-store"
        policy = answer.headers["content-security-policy"]
        assert "frame-ancestors 'none'" in policy
        assert "script-src 'none'" in policy
