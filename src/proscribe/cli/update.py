"""`proscribe update`: fetch each list from its publisher, load it when it changed."""

from __future__ import annotations

from datetime import UTC, datetime

import httpx

from proscribe.cli.lists import save_all, summary_table
from proscribe.cli.monitor import rescreen_after_load
from proscribe.cli.output import open_store, stderr, stdout
from proscribe.errors import InputError
from proscribe.settings import Settings
from proscribe.sources.download import fetch_source
from proscribe.sources.registry import DOWNLOADS, read_path


def run_update(sources: list[str], transport: httpx.BaseTransport | None = None) -> None:
    """Fetch `sources` (all when empty); `transport` lets tests answer without a network."""
    unknown = sorted(set(sources) - set(DOWNLOADS))
    if unknown:
        raise InputError(
            f"unknown list id(s): {', '.join(unknown)}; known: {', '.join(sorted(DOWNLOADS))}"
        )
    home = Settings().home
    publications = []
    with httpx.Client(transport=transport, follow_redirects=True, timeout=60.0) as client:
        for source in sources or sorted(DOWNLOADS):
            with stderr.status(f"fetching {source}"):
                result = fetch_source(client, source, DOWNLOADS[source], home)
            if not result.changed:
                stderr.print(f"{source}: unchanged since the last fetch")
                continue
            publications += [p for p in read_path(result.folder) if p.parsed.source == source]
    if not publications:
        stdout.print("Nothing new to load.")
        return
    with open_store() as store:
        # A list that states no date of its own is dated by the day we fetched it: the
        # publication happened on or before it.
        today = datetime.now(UTC).date()
        results = save_all(store, publications, today, force=False)
        stdout.print(summary_table(results))
        rescreen_after_load(store, results)
