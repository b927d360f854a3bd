"""Typed settings, read once from the environment by the adapters (CLI, API) and passed down.

PROSCRIBE_HOME            where proscribe keeps its data (default: the user's data folder)
PROSCRIBE_DATABASE_URL    a SQLAlchemy URL; default: SQLite at $PROSCRIBE_HOME/proscribe.db
PROSCRIBE_MAX_LIST_AGE_DAYS   a list older than this is stale: /readyz fails (default 7)
PROSCRIBE_AUDIT_QUERIES   "full" keeps each screened query in the audit, "hash" only its sha256
PROSCRIBE_RATE_LIMIT_PER_MINUTE   requests a minute per API key, per worker (0: no limit)
PROSCRIBE_MAX_BODY_BYTES  larger request bodies get 422 (default 2 MB; 0: no limit)
PROSCRIBE_SESSION_MINUTES a web UI session ends after this many idle minutes (default 30)
PROSCRIBE_SESSION_SECRET  signs web UI session cookies; default: a random key kept in home
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

import platformdirs
from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict


def _default_home() -> Path:
    return Path(platformdirs.user_data_dir("proscribe", appauthor=False))


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="PROSCRIBE_", extra="ignore")

    home: Path = Field(default_factory=_default_home)
    database_url: str | None = None
    max_list_age_days: int = Field(default=7, ge=0)
    audit_queries: Literal["full", "hash"] = "full"
    rate_limit_per_minute: int = Field(default=6000, ge=0)
    max_body_bytes: int = Field(default=2_000_000, ge=0)
    session_minutes: int = Field(default=30, ge=1)
    session_secret: str | None = Field(default=None, repr=False)

    @property
    def store_url(self) -> str:
        """The database to use: the configured URL, else SQLite inside home."""
        if self.database_url:
            return self.database_url
        return f"sqlite:///{self.home / 'proscribe.db'}"
