"""Shared output helpers: consoles, the settings and store each command opens, JSON lines."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from enum import StrEnum
from typing import Any

from rich.console import Console

from proscribe.settings import Settings
from proscribe.store import Store

stdout = Console(soft_wrap=True)
stderr = Console(stderr=True, soft_wrap=True)


class TextOrJson(StrEnum):
    text = "text"
    json = "json"


@contextmanager
def open_store() -> Iterator[Store]:
    """The store named by the settings, created on first use."""
    settings = Settings()
    if not settings.database_url:
        settings.home.mkdir(parents=True, exist_ok=True)
    store = Store.open(settings.store_url)
    try:
        yield store
    finally:
        store.close()


def write_json(value: Any) -> None:
    sys.stdout.write(json.dumps(value, ensure_ascii=False, indent=2, default=str) + "\n")


def write_json_lines(values: Iterable[Any], stream: Any = None) -> int:
    out = stream or sys.stdout
    count = 0
    for value in values:
        out.write(json.dumps(value, ensure_ascii=False, default=str) + "\n")
        count += 1
    return count
