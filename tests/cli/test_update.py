"""`proscribe update` end to end through a mock transport: fetch, load, then nothing new."""

from __future__ import annotations

from pathlib import Path

import httpx
import pytest

from proscribe.cli.output import open_store
from proscribe.cli.update import run_update
from proscribe.errors import OfflineError


def test_update_fetches_and_loads_then_finds_nothing_new(
    tmp_path: Path, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PROSCRIBE_HOME", str(tmp_path))
    monkeypatch.delenv("PROSCRIBE_DATABASE_URL", raising=False)
    body = (data_dir / "un_sc_consolidated/2026-02-27/UN_consolidated.xml").read_bytes()
    requests: list[httpx.Request] = []

    def answer(request: httpx.Request) -> httpx.Response:
        requests.append(request)
        if request.headers.get("if-none-match") == '"v1"':
            return httpx.Response(304)
        return httpx.Response(200, content=body, headers={"ETag": '"v1"'})

    run_update(["un_sc"], transport=httpx.MockTransport(answer))
    with open_store() as store:
        versions = store.versions("un_sc")
    assert [(v.record_count, v.published and v.published.isoformat()) for v in versions] == [
        (1003, "2026-02-27")
    ]
    run_update(["un_sc"], transport=httpx.MockTransport(answer))
    assert requests[-1].headers["if-none-match"] == '"v1"'
    with open_store() as store:
        assert len(store.versions("un_sc")) == 1


def test_update_offline_says_how_to_load_files(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PROSCRIBE_HOME", str(tmp_path))

    def refuse(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("no route", request=request)

    with pytest.raises(OfflineError, match="proscribe load"):
        run_update(["un_sc"], transport=httpx.MockTransport(refuse))
