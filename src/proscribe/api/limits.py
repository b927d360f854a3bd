"""Limits that protect the service: a per-key rate limit and a request body size limit.

The rate limit is a token bucket per API key id, held in memory: each key may burst up to
`PROSCRIBE_RATE_LIMIT_PER_MINUTE` requests and then gets that many per minute, refilled
continuously. It is checked after authentication (in `auth.require`), since only an
authenticated key has an id; with several workers each process keeps its own buckets, so the
effective limit is per worker (a shared store would add a network hop to every screening).
Over the limit: 429 with `Retry-After`. 0 turns it off.

The body limit is ASGI middleware, so an oversized body is refused before it is parsed:
a declared `Content-Length` over the limit at once, a chunked body as soon as it passes it.
"""

from __future__ import annotations

import json
import math
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from proscribe.api.auth import ApiError


@dataclass(slots=True)
class _Bucket:
    tokens: float
    updated: float


class RateLimiter:
    """Token buckets per key id; `clock` is injectable so tests need not sleep."""

    def __init__(self, per_minute: int, clock: Callable[[], float] = time.monotonic) -> None:
        self.capacity = float(per_minute)
        self.rate = per_minute / 60.0  # tokens per second
        self.clock = clock
        self._buckets: dict[str, _Bucket] = {}
        self._lock = threading.Lock()  # sync routes and their dependencies run in threads

    def take(self, key_id: str) -> None:
        """Spend one token of `key_id`, or raise a 429 ApiError saying when to retry."""
        if self.capacity <= 0:
            return
        now = self.clock()
        with self._lock:
            bucket = self._buckets.setdefault(key_id, _Bucket(self.capacity, now))
            elapsed = max(0.0, now - bucket.updated)
            bucket.tokens = min(self.capacity, bucket.tokens + elapsed * self.rate)
            bucket.updated = now
            if bucket.tokens >= 1.0:
                bucket.tokens -= 1.0
                return
            wait = math.ceil((1.0 - bucket.tokens) / self.rate)
        raise ApiError(
            429,
            "rate_limited",
            f"more than {int(self.capacity)} requests a minute with this key; retry in {wait} s",
            headers={"Retry-After": str(wait)},
        )


class BodyLimit:
    """Answer 422 when a request body is larger than `max_bytes`, before it is parsed: a
    field-level error on the body as a whole (`detail`, as for any invalid body), with the
    service's own `error` code beside it."""

    def __init__(self, app: ASGIApp, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or self.max_bytes <= 0:
            await self.app(scope, receive, send)
            return
        declared = dict(scope["headers"]).get(b"content-length", b"")
        if declared.isdigit() and int(declared) > self.max_bytes:
            await self._refuse(send)
            return
        await self._counted(scope, receive, send)

    async def _counted(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Count a body of undeclared length as it arrives. Past the limit the app sees the
        body end (FastAPI would turn a raised error into a 400), and whatever it answers is
        replaced by the 422."""
        seen = 0
        over = False
        started = False

        async def counting() -> Message:
            nonlocal seen, over
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.max_bytes:
                    over = True
                    return {"type": "http.request", "body": b"", "more_body": False}
            return message

        async def guarded(message: Message) -> None:
            nonlocal started
            if not over:
                started = True
                await send(message)

        await self.app(scope, counting, guarded)
        if over and not started:
            await self._refuse(send)

    async def _refuse(self, send: Send) -> None:
        message = f"the request body is larger than {self.max_bytes} bytes"
        body = json.dumps(
            {
                "detail": [{"loc": ["body"], "msg": message, "type": "body_too_large"}],
                "error": {"code": "body_too_large", "message": message},
            }
        ).encode()
        headers = [(b"content-type", b"application/json"), (b"content-length", b"%d" % len(body))]
        await send({"type": "http.response.start", "status": 422, "headers": headers})
        await send({"type": "http.response.body", "body": body})
