"""Rate limits: a token bucket per client in each server process, written here (a bucket is a few lines, and
one per process needs no shared store), with the IETF RateLimit header fields
(draft-ietf-httpapi-ratelimit-headers: `RateLimit-Policy` and `RateLimit`) on every response and 429 with
Retry-After past the limit.

A client is its API key when it sends one of the configured keys, else its address: a made-up key buys
nothing. Behind a proxy, run the server with `--proxy-headers` so the address is the client's.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable
from dataclasses import dataclass

from starlette.datastructures import MutableHeaders
from starlette.requests import Request
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from app.api.problems import problem
from app.config import Settings

POLICY = "minute"
WINDOW_SECONDS = 60
MAX_CLIENTS = 10_000  # buckets kept before the full (idle) ones are dropped


@dataclass(frozen=True, slots=True)
class Decision:
    allowed: bool
    remaining: int
    reset: int
    """Seconds until the bucket is full again."""
    retry_after: int
    """Seconds until one request is allowed (0 when allowed now)."""


class TokenBuckets:
    """Per client: `capacity` requests at once, refilled at `capacity` a minute."""

    def __init__(self, capacity: int, clock: Callable[[], float] = time.monotonic) -> None:
        self.capacity = capacity
        self.rate = capacity / WINDOW_SECONDS
        self.clock = clock
        self.buckets: dict[str, tuple[float, float]] = {}

    def take(self, client: str) -> Decision:
        now = self.clock()
        tokens, stamp = self.buckets.get(client, (self.capacity, now))
        tokens = min(self.capacity, tokens + (now - stamp) * self.rate)
        allowed = tokens >= 1
        if allowed:
            tokens -= 1
        self.buckets[client] = (tokens, now)
        if len(self.buckets) > MAX_CLIENTS:
            self._drop_full(now)
        wait = 0 if allowed else math.ceil((1 - tokens) / self.rate)
        return Decision(allowed, math.floor(tokens), math.ceil((self.capacity - tokens) / self.rate), wait)

    def _drop_full(self, now: float) -> None:
        full = [
            c
            for c, (tokens, stamp) in self.buckets.items()
            if tokens + (now - stamp) * self.rate >= self.capacity
        ]
        for client in full:
            del self.buckets[client]


class RateLimit:
    """An ASGI middleware applying the buckets to every HTTP request."""

    def __init__(self, app: ASGIApp, settings: Settings) -> None:
        self.app = app
        self.keys = set(settings.write_keys())
        self.buckets = TokenBuckets(settings.rate_limit_per_minute)
        self.policy = f'"{POLICY}";q={settings.rate_limit_per_minute};w={WINDOW_SECONDS}'

    def client(self, scope: Scope) -> str:
        for name, value in scope["headers"]:
            if name == b"x-api-key":
                key = value.decode("latin-1")
                if key in self.keys:
                    return "key:" + key
        address = scope.get("client")
        return "address:" + (address[0] if address else "unknown")

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        decision = self.buckets.take(self.client(scope))
        fields = {
            "RateLimit-Policy": self.policy,
            "RateLimit": f'"{POLICY}";r={decision.remaining};t={decision.reset}',
        }
        if not decision.allowed:
            detail = (
                f"too many requests: {self.buckets.capacity} a minute per client (RATE_LIMIT_PER_MINUTE); "
                f"retry in {decision.retry_after} s"
            )
            response = problem(429, detail, Request(scope))
            response.headers.update({**fields, "Retry-After": str(decision.retry_after)})
            await response(scope, receive, send)
            return

        async def with_fields(message: Message) -> None:
            if message["type"] == "http.response.start":
                MutableHeaders(scope=message).update(fields)
            await send(message)

        await self.app(scope, receive, with_fields)
