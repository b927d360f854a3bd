"""Keep-alive connections spread evenly over the workers of `proscribe serve --workers N`.

Each worker listens on a socket of its own (SO_REUSEPORT) and the kernel places every new
connection on one of them by a hash of its addresses. Over many clients the spread is even,
but a few long-lived keep-alive connections (a proxy's upstream pool, a payment gateway's
client pool) often land unevenly, 5 and 3 or 7 and 1 of eight; one worker then queues
requests while the other waits for work. Under the load of `bench/http.py --requests 10000
--concurrency 8 --workers 2` (wrk; a throwaway script that also read the split with `ss`):
1,020 and 1,034 requests/s with p99 15.0 and 16.1 ms when the eight were split 4 and 4,
877-1,044 with p99 17.0-20.7 ms at 3 and 5; before audit commits waited two more turns of
the loop (`store.group_commit`), 955 and 990 (p99 16.1 and 15.6 ms) at 4 and 4, 865 (p99
24.0 ms) at 1 and 7.

So the workers even it out themselves. Each one writes how many connections it holds into its
slot of a small array in memory shared by all of them, on every request. A worker holding
more than its share (the total over the workers, rounded up) answers a request with
`Connection: close`, after a complete response as HTTP/1.1 allows; the client opens a new
connection, which the kernel places again, on either worker. At most one connection per
worker is closed every `COOLDOWN_SECONDS`, so that the counts catch up between moves. Each
worker writes its own count before deciding; another's may be a little late (it is written
when that worker next answers), which costs at most a move made too early or too late, one
per cool-down, until the counts agree.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Protocol

from starlette.types import ASGIApp, Message, Receive, Scope, Send

COOLDOWN_SECONDS = 0.05  # between two connections closed by one worker
CLOSE = (b"connection", b"close")


class Slots(Protocol):
    """The shared counts, one per worker (a `multiprocessing` RawArray of ints)."""

    def __len__(self) -> int: ...
    def __getitem__(self, index: int) -> int: ...
    def __setitem__(self, index: int, value: int) -> None: ...


class ConnectionBalancer:
    """ASGI middleware closing, after its response, a connection of a worker that holds more
    than its share of the service's connections."""

    def __init__(
        self,
        app: ASGIApp,
        held: Callable[[], int],
        slots: Slots,
        worker: int,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.app = app
        self._held = held  # this worker's open connections
        self._slots = slots
        self._worker = worker
        self._clock = clock
        self._next_close = 0.0

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or not self.over_share():
            await self.app(scope, receive, send)
            return

        async def closing(message: Message) -> None:
            if message["type"] == "http.response.start":
                message = {**message, "headers": [*message.get("headers", ()), CLOSE]}
            await send(message)

        await self.app(scope, receive, closing)

    def over_share(self) -> bool:
        """Record this worker's count; whether it should give up a connection now."""
        held = self._held()
        self._slots[self._worker] = held
        workers = len(self._slots)
        total = sum(self._slots[n] for n in range(workers))
        share = -(-total // workers)  # rounded up: 9 connections on 2 workers may be 5 and 4
        now = self._clock()
        if held <= share or now < self._next_close:
            return False
        self._next_close = now + COOLDOWN_SECONDS
        return True
