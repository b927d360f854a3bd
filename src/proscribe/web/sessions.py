"""Sessions of the web UI: a signed cookie, no server-side state.

The cookie holds `{"user", "nonce", "expires"}` as base64 JSON and an HMAC-SHA256 of it under
the server's secret, so every worker process (and every host sharing the secret) reads it
without a session table. A visitor who has not signed in still gets a session (no user): its
nonce is what the sign-in form's CSRF token is derived from. Signing in issues a new nonce, so
a session fixed before sign-in is worth nothing after it.

Expiry slides: each page answered to a signed-in user re-issues the cookie with a new expiry,
so a session ends after `PROSCRIBE_SESSION_MINUTES` idle minutes. The trade-off of a
stateless cookie: sign-out removes it from the browser, but a copy stolen before would stay
valid until it expires; the short idle limit bounds that.

The CSRF token is an HMAC of the nonce (not the nonce itself), sent in a hidden form field or
the `X-CSRF-Token` header and compared in constant time.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import json
import os
import secrets
import time
from dataclasses import dataclass, replace
from pathlib import Path

from proscribe.errors import StoreError
from proscribe.settings import Settings

COOKIE = "proscribe_session"
SECRET_FILE = "session.key"


@dataclass(frozen=True, slots=True)
class Session:
    user: str | None  # the signed-in user's name; None before sign-in
    nonce: str
    expires: float  # seconds since the epoch


class SessionCodec:
    """Signs, reads and renews session cookies under one secret."""

    def __init__(self, secret: bytes, minutes: int) -> None:
        self._secret = secret
        self.seconds = minutes * 60

    def new(self, user: str | None = None, now: float | None = None) -> Session:
        return Session(user, secrets.token_urlsafe(16), self._expiry(now))

    def renewed(self, session: Session, now: float | None = None) -> Session:
        return replace(session, expires=self._expiry(now))

    def encode(self, session: Session) -> str:
        payload = json.dumps(
            {"user": session.user, "nonce": session.nonce, "expires": session.expires},
            separators=(",", ":"),
        ).encode()
        return f"{_b64(payload)}.{_b64(self._sign(payload))}"

    def decode(self, cookie: str | None, now: float | None = None) -> Session | None:
        """The session in `cookie`, or None when it is missing, forged or expired."""
        if not cookie or "." not in cookie:
            return None
        body, _, signature = cookie.partition(".")
        try:
            payload, mac = _unb64(body), _unb64(signature)
            if not hmac.compare_digest(mac, self._sign(payload)):
                return None
            data = json.loads(payload)
            session = Session(data["user"], str(data["nonce"]), float(data["expires"]))
        except (ValueError, KeyError, TypeError, binascii.Error):
            return None
        if session.expires <= (time.time() if now is None else now):
            return None
        return session

    def csrf_token(self, session: Session) -> str:
        return hmac.new(self._secret, b"csrf:" + session.nonce.encode(), "sha256").hexdigest()

    def csrf_ok(self, session: Session, token: str | None) -> bool:
        return bool(token) and hmac.compare_digest(self.csrf_token(session), str(token))

    def _sign(self, payload: bytes) -> bytes:
        return hmac.new(self._secret, b"session:" + payload, hashlib.sha256).digest()

    def _expiry(self, now: float | None) -> float:
        return (time.time() if now is None else now) + self.seconds


def session_secret(settings: Settings) -> bytes:
    """The configured secret, else the one kept in `$PROSCRIBE_HOME/session.key` (made once,
    readable by its owner only; workers starting together all read the one that won)."""
    if settings.session_secret:
        return settings.session_secret.encode()
    path = settings.home / SECRET_FILE
    settings.home.mkdir(parents=True, exist_ok=True)
    try:
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return _read_secret(path)
    with os.fdopen(descriptor, "w") as out:
        out.write(secrets.token_hex(32))
    return _read_secret(path)


def _read_secret(path: Path) -> bytes:
    for _ in range(50):  # another worker may be between creating and writing it
        text = path.read_text().strip()
        if text:
            return text.encode()
        time.sleep(0.02)
    raise StoreError(f"the session key file {path} is empty: delete it and restart")


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
