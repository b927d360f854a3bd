"""`cli.balance`: a worker holding more than its share of the service's keep-alive connections
closes one after a response, at most one per cool-down; other workers' counts come from the
shared slots."""

from __future__ import annotations

import asyncio

from starlette.types import Message, Receive, Scope, Send

from proscribe.cli.balance import COOLDOWN_SECONDS, ConnectionBalancer


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


async def answer(_scope: Scope, _receive: Receive, send: Send) -> None:
    await send({"type": "http.response.start", "status": 200, "headers": [(b"x-a", b"1")]})
    await send({"type": "http.response.body", "body": b"ok"})


def balancer(held: list[int], slots: list[int], clock: Clock) -> ConnectionBalancer:
    return ConnectionBalancer(answer, lambda: held[0], slots, 0, clock)


def test_a_worker_over_its_share_gives_up_one_connection_per_cooldown() -> None:
    clock, held, slots = Clock(), [5], [0, 3]
    worker = balancer(held, slots, clock)
    assert worker.over_share()  # 5 of 8 on two workers: one more than its share of 4
    assert slots == [5, 3]  # its own count recorded for the others
    assert not worker.over_share()  # the count has not caught up yet: no second close
    clock.now += COOLDOWN_SECONDS
    assert worker.over_share()
    held[0], slots[1] = 4, 4
    clock.now += COOLDOWN_SECONDS
    assert not worker.over_share()


def test_a_worker_within_its_share_keeps_its_connections() -> None:
    clock = Clock()
    assert not balancer([4], [0, 4], clock).over_share()
    assert not balancer([5], [0, 4], clock).over_share()  # 9 on two: 5 is the rounded-up share
    assert not balancer([1], [0, 0], clock).over_share()  # the other's count not yet known
    assert balancer([6], [0, 1, 1], clock).over_share()  # 8 on three workers: a share of 3


def test_the_response_of_a_worker_over_its_share_closes_its_connection() -> None:
    def served(held: int) -> list[Message]:
        sent: list[Message] = []

        async def send(message: Message) -> None:
            sent.append(message)

        async def receive() -> Message:
            return {"type": "http.request", "body": b"", "more_body": False}

        app = balancer([held], [0, 2], Clock())
        asyncio.run(app({"type": "http", "method": "GET", "path": "/healthz"}, receive, send))
        return sent

    closed, kept = served(4), served(2)
    assert closed[0]["headers"] == [(b"x-a", b"1"), (b"connection", b"close")]
    assert closed[1] == {"type": "http.response.body", "body": b"ok"}
    assert kept[0]["headers"] == [(b"x-a", b"1")]


def test_other_scopes_pass_through_uncounted() -> None:
    slots = [0, 0]
    seen: list[str] = []

    async def lifespan(scope: Scope, _receive: Receive, _send: Send) -> None:
        seen.append(scope["type"])

    async def nothing() -> Message:
        return {}

    async def drop(message: Message) -> None:
        pass

    app = ConnectionBalancer(lifespan, lambda: 7, slots, 0, Clock())
    asyncio.run(app({"type": "lifespan"}, nothing, drop))
    assert seen == ["lifespan"]
    assert slots == [0, 0]
