"""As-of screening and entry timelines in the API, on two real SDN snapshots: 2015-01-17 and
2019-01-04. On 2018-12-01 the list in force was the 2015 one (of those stored): CHOE Ryong
Hae, designated on 2018-12-10, was not on it."""

from __future__ import annotations

import csv
import io
import json
import shutil
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from proscribe.api.app import create_app
from proscribe.api.routes import Screeners, Service
from proscribe.settings import Settings
from proscribe.store import Store
from tests.api.conftest import new_key
from tests.cli.conftest import proscribe

OLD, NEW = "us_ofac_sdn@2015-01-17", "us_ofac_sdn@2019-01-04"
CHOE = "23213"  # designated 2018-12-10


@pytest.fixture(scope="module")
def home(tmp_path_factory: pytest.TempPathFactory, pristine_home: Path, data_dir: Path) -> Path:
    """The SDN 2019 home with the SDN of 2015-01-17 loaded as well."""
    copy = tmp_path_factory.mktemp("as-of") / "home"
    shutil.copytree(pristine_home, copy)
    proscribe(copy, "load", str(data_dir / "us_ofac_sdn/2015-01-17"))
    return copy


@pytest.fixture(scope="module")
def settings(home: Path) -> Settings:
    return Settings(home=home, database_url=None)


@pytest.fixture(scope="module")
def client(settings: Settings) -> Iterator[TestClient]:
    with TestClient(create_app(settings)) as test_client:
        yield test_client


@pytest.fixture(scope="module")
def key(settings: Settings) -> dict[str, str]:
    return {"Authorization": f"Bearer {new_key(settings, 'screen')}"}


def sdn_uids(folder: Path, name: str = "sdn.csv") -> set[str]:
    """Uids of an OFAC CSV file read with the csv module alone (not the parser under test)."""
    text = (folder / name).read_bytes().decode("cp1252", errors="replace")
    return {row[0].strip() for row in csv.reader(io.StringIO(text)) if row and row[0].isdigit()}


def sdn_rows(folder: Path) -> dict[str, list[str]]:
    """sdn.csv rows by uid, cells stripped (OFAC pads some with a space)."""
    text = (folder / "sdn.csv").read_bytes().decode("cp1252", errors="replace")
    rows = csv.reader(io.StringIO(text))
    return {row[0].strip(): [c.strip() for c in row] for row in rows if row and row[0].isdigit()}


def entries(result: dict[str, Any]) -> set[str]:
    return {ref["id"] for match in result["matches"] for ref in match["references"]}


def test_as_of_screens_the_versions_in_force_that_day(
    client: TestClient, key: dict[str, str]
) -> None:
    query = {"name": "Choe Ryong Hae", "limit": 20}
    latest = client.post("/v1/screen", json=query, headers=key).json()
    past = client.post("/v1/screen", json={**query, "as_of": "2018-12-01"}, headers=key)
    assert past.status_code == 200, past.text
    assert latest["versions"] == [NEW]
    assert past.json()["versions"] == [OLD]
    assert CHOE in entries(latest)
    assert CHOE not in entries(past.json())
    # A day on or after the newest version is the newest: the service's own screener.
    today = client.post("/v1/screen", json={**query, "as_of": "2030-01-01"}, headers=key).json()
    assert today["versions"] == [NEW]


def test_a_batch_takes_as_of_for_all_or_per_query(client: TestClient, key: dict[str, str]) -> None:
    queries = [
        {"id": "batch-day", "name": "Choe Ryong Hae"},
        {"id": "own-day", "name": "Choe Ryong Hae", "as_of": "2019-02-01"},
    ]
    body = {"queries": queries, "as_of": "2018-12-01"}
    results = client.post("/v1/screen/batch", json=body, headers=key).json()["results"]
    assert [r["versions"] for r in results] == [[OLD], [NEW]]
    assert CHOE not in entries(results[0])
    assert CHOE in entries(results[1])


def test_text_and_messages_take_as_of(client: TestClient, key: dict[str, str]) -> None:
    text = {"text": "Payment ordered by Choe Ryong Hae.", "as_of": "2018-12-01"}
    body = client.post("/v1/screen/text", json=text, headers=key).json()
    assert body["versions"] == [OLD]
    assert CHOE not in {m["entity"].split(":")[1] for m in body["mentions"]}
    now = client.post("/v1/screen/text", json={**text, "as_of": None}, headers=key).json()
    assert [m["entity"] for m in now["mentions"]] == [f"us_ofac_sdn:{CHOE}"]


def test_a_day_before_every_version_is_422_on_the_field(
    client: TestClient, key: dict[str, str]
) -> None:
    response = client.post("/v1/screen", json={"name": "x", "as_of": "2001-01-01"}, headers=key)
    assert response.status_code == 422
    (error,) = response.json()["detail"]
    assert error["loc"] == ["body", "as_of"]
    assert "2001-01-01" in error["msg"]
    queries = [{"name": "x"}, {"name": "y", "as_of": "2001-01-01"}]
    batch = client.post("/v1/screen/batch", json={"queries": queries}, headers=key)
    assert batch.json()["detail"][0]["loc"] == ["body", "queries", 1, "as_of"]


def test_past_screeners_are_kept_and_bounded(client: TestClient) -> None:
    service: Service = client.app.state.service  # type: ignore[attr-defined]
    first = service.screener_on(date(2018, 12, 1))
    assert service.screener_on(date(2017, 6, 1)) is first  # same versions
    with Store.open(service.settings.store_url) as store:
        old, new = (store.version(label) for label in (OLD, NEW))
    bounded = Screeners(service, size=1)
    kept_old = bounded.get([old])
    assert bounded.get([old]) is kept_old
    bounded.get([new])
    assert bounded.get([old]) is not kept_old  # evicted, then built again


def test_the_entity_view_has_the_timeline_of_show(
    client: TestClient, key: dict[str, str], home: Path, data_dir: Path
) -> None:
    old_uids = sdn_uids(data_dir / "us_ofac_sdn/2015-01-17")
    new_uids = sdn_uids(data_dir / "us_ofac_sdn/2019-01-04")
    delisted = min(old_uids - new_uids, key=int)
    # 2015 came without alt.csv: it cannot say what aliases an entry had, so an entry whose
    # sdn.csv row is the same in both is not amended by the aliases 2019 gives it; one whose
    # row changed is.
    old_rows = sdn_rows(data_dir / "us_ofac_sdn/2015-01-17")
    new_rows = sdn_rows(data_dir / "us_ofac_sdn/2019-01-04")
    aliased = sdn_uids(data_dir / "us_ofac_sdn/2019-01-04", "alt.csv")
    same = min((u for u in old_uids & new_uids & aliased if old_rows[u] == new_rows[u]), key=int)
    kept = min((u for u in old_uids & new_uids if old_rows[u] != new_rows[u]), key=int)
    expected = {CHOE: ["listed"], delisted: ["listed", "delisted"], same: ["listed"]}
    for uid, events in expected.items():
        view = client.get(f"/v1/entities/us_ofac_sdn/{uid}", headers=key).json()
        assert [event["event"] for event in view["timeline"]] == events
        shown = json.loads(proscribe(home, "show", f"us_ofac_sdn:{uid}", "--format", "json").stdout)
        assert view["timeline"] == shown["timeline"]
    view = client.get(f"/v1/entities/us_ofac_sdn/{kept}", headers=key).json()
    shown = json.loads(proscribe(home, "show", f"us_ofac_sdn:{kept}", "--format", "json").stdout)
    assert view["timeline"] == shown["timeline"]
    listed, amended = view["timeline"]
    assert (listed["event"], listed["version"]) == ("listed", OLD)
    assert (amended["event"], amended["version"]) == ("amended", NEW)
    assert "names.alias" not in {change["field"] for change in amended["changes"]}
    assert amended["changes"]
    assert all({"field", "before", "after"} <= set(c) for c in amended["changes"])


@pytest.mark.parametrize(
    ("day", "listed"),
    [("2018-12-01", False), ("2019-02-01", True), ("2001-01-01", None)],
)
def test_listed_on_answers_for_a_day(
    client: TestClient, key: dict[str, str], day: str, listed: bool | None
) -> None:
    url = f"/v1/entities/us_ofac_sdn/{CHOE}?listed_on={day}"
    answer = client.get(url, headers=key).json()["listed_on"]
    assert (answer["date"], answer["listed"]) == (day, listed)
    if listed is None:
        assert "no version of us_ofac_sdn" in answer["reason"]


def test_a_bad_listed_on_is_422(client: TestClient, key: dict[str, str]) -> None:
    response = client.get(f"/v1/entities/us_ofac_sdn/{CHOE}?listed_on=1543622400", headers=key)
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["query", "listed_on"]
