"""Shared output helpers: consoles, the settings and store each command opens, JSON lines."""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from enum import StrEnum
from typing import Any

from rich.console import Console
from rich.table import Table
from rich.text import Text

from proscribe.settings import Settings
from proscribe.store import Store


def _width(stream: Any) -> int | None:
    """Terminal width on a terminal; wide enough for whole tables when piped to a file."""
    if os.environ.get("COLUMNS") or stream.isatty():
        return None
    return 200


stdout = Console(soft_wrap=True, width=_width(sys.stdout))
stderr = Console(stderr=True, soft_wrap=True, width=_width(sys.stderr))


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


def plain_table(title: str, columns: Sequence[str], rows: Iterable[Sequence[str]]) -> Table:
    """A table whose cells are literal text: list data is full of square brackets that rich
    would otherwise read as markup and swallow."""
    table = Table(title=title, title_justify="left")
    for column in columns:
        table.add_column(column)
    for row in rows:
        table.add_row(*(Text(cell) for cell in row))
    return table
