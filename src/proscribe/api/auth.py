"""API keys on every route that reads lists or screens: `Authorization: Bearer <key>` or
`X-API-Key: <key>`. 401 without a valid key, 403 when its role is too low, 429 when the key
is over its rate limit (`api.limits`).

The secret is hashed and looked up, never logged or echoed; callers are named in audit
records as `key:<id>`.

The key is looked up on every request, uncached, so that a revoked key fails from the very
next request, in every worker. The check is async: on SQLite the lookup is a local indexed
read (~40 us) done on the event loop, which spares each request a hop to a worker thread;
on PostgreSQL, a network round trip, it runs in a thread so the loop keeps serving.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Annotated

from fastapi import Depends, Request, Security
from fastapi.security import APIKeyHeader, HTTPAuthorizationCredentials, HTTPBearer
from starlette.concurrency import run_in_threadpool

from proscribe.store import Store
from proscribe.store.keys import ApiKey

bearer = HTTPBearer(auto_error=False, description="An API key from `proscribe keys create`.")
header = APIKeyHeader(name="X-API-Key", auto_error=False)


class ApiError(Exception):
    """An error answered as `{"error": {"code", "message"}}` with an HTTP status."""

    def __init__(
        self, status: int, code: str, message: str, headers: dict[str, str] | None = None
    ) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message
        self.headers = headers


def require(role: str) -> Callable[..., Awaitable[ApiKey]]:
    """A dependency that admits keys of `role` or higher and returns the key."""

    async def check(
        request: Request,
        credentials: Annotated[HTTPAuthorizationCredentials | None, Security(bearer)],
        api_key: Annotated[str | None, Security(header)],
    ) -> ApiKey:
        secret = credentials.credentials if credentials else api_key
        if not secret:
            raise ApiError(401, "unauthenticated", "an API key is required")
        store: Store = request.app.state.service.store
        key = await authenticate(store, secret)
        if key is None:
            raise ApiError(401, "unauthenticated", "the API key is unknown or revoked")
        if not key.allows(role):
            raise ApiError(403, "forbidden", f"this needs the {role} role; the key has {key.role}")
        limiter = getattr(request.app.state, "limiter", None)  # see api.limits
        if limiter is not None:
            limiter.take(key.id)
        return key

    return check


async def authenticate(store: Store, secret: str) -> ApiKey | None:
    """The live key of `secret`: looked up inline on a local database, in a thread otherwise."""
    keys = store.keys
    if keys.local:
        return keys.authenticate(secret)
    return await run_in_threadpool(keys.authenticate, secret)


def caller(key: ApiKey) -> str:
    return f"key:{key.id}"


Screen = Annotated[ApiKey, Depends(require("screen"))]
Admin = Annotated[ApiKey, Depends(require("admin"))]
