"""The pages and their JSON twins over the real SDN: screening (audited as the user),
an entry with its timeline, the lists with their age, and the changes between versions."""

from __future__ import annotations

import re

from fastapi import FastAPI

from proscribe import history
from proscribe.model import Query
from proscribe.web.views import highlighted
from tests.web.conftest import client_of, sign_in

JSON = {"Accept": "application/json"}


def test_screening_shows_the_entry_explained_and_highlighted_and_is_audited(
    web_app: FastAPI,
) -> None:
    client, token = sign_in(web_app, "sam")
    page = client.post("/screen", data={"name": "Choe Ryong-hae", "csrf": token})
    assert page.status_code == 200
    first = page.text.index('class="match-card is-match"')
    card = page.text[first : page.text.index("</li>", first)]
    assert 'href="/entities/us_ofac_sdn/23213"' in card
    assert "<mark>CHOE</mark>, <mark>Ryong</mark> <mark>Hae</mark>" in card
    assert "Matched name CHOE, Ryong Hae" in card

    twin = client.post(
        "/screen", data={"name": "Choe Ryong-hae", "type": "Person", "csrf": token}, headers=JSON
    )
    best = twin.json()["matches"][0]
    assert best["references"] == [{"source": "us_ofac_sdn", "id": "23213"}]
    assert best["match"] is True

    records = list(web_app.state.service.store.audit.records())
    mine = [r for r in records if r["caller"] == "user:sam"]
    assert len(mine) == 2
    assert mine[-1]["query"]["name"] == "Choe Ryong-hae"
    assert mine[-1]["query"]["schema"] == "Person"
    assert mine[-1]["results"][0]["entity_id"] == "23213"


def test_bad_fields_are_shown_next_to_their_inputs(web_app: FastAPI) -> None:
    client, token = sign_in(web_app, "sam")
    before = len(list(web_app.state.service.store.audit.records()))
    data = {"name": "Kim", "birth_date": "19x0", "country": "Atlantis", "csrf": token}
    page = client.post("/screen", data=data)
    assert page.status_code == 422
    assert re.search(r'id="birth_date-error">[^<]*19x0', page.text)
    assert re.search(r'id="country-error">[^<]*Atlantis', page.text)
    assert 'aria-invalid="true"' in page.text
    twin = client.post("/screen", data=data, headers=JSON).json()
    assert set(twin["error"]["fields"]) == {"birth_date", "country"}
    assert len(list(web_app.state.service.store.audit.records())) == before  # nothing screened


def test_highlight_marks_the_listed_words_the_query_met(web_app: FastAPI) -> None:
    screener = web_app.state.service.screener
    result = screener.screen(Query(name="Ryonghae Choi"), limit=1)
    parts = highlighted(result.matches[0].comparison.names)
    assert "".join(p.text for p in parts) == "CHOE, Ryong Hae"
    assert [p.text for p in parts if p.hit] == ["CHOE", "Ryong", "Hae"]


def test_the_entity_page_has_every_field_and_the_timeline(web_app: FastAPI) -> None:
    client, _ = sign_in(web_app, "sam")
    page = client.get("/entities/us_ofac_sdn/23213")
    assert page.status_code == 200
    assert "<h1>CHOE, Ryong Hae</h1>" in page.text
    assert "DPRK2" in page.text
    assert "Timeline across list versions" in page.text
    twin = client.get("/entities/us_ofac_sdn/23213", params={"format": "json"}).json()
    store = web_app.state.service.store
    expected = [e.to_json() for e in history.timeline(store, "us_ofac_sdn", "23213")]
    assert twin["timeline"] == expected
    assert twin["timeline"][0]["event"] == "listed"
    assert twin["timeline"][0]["version"] == "us_ofac_sdn@2019-01-04"
    for event in expected:
        assert event["version"] in page.text
    assert twin["names"]
    assert twin["version"] == "us_ofac_sdn@2021-07-07"
    older = client.get("/entities/us_ofac_sdn/23213?version=us_ofac_sdn@2019-01-04", headers=JSON)
    assert older.json()["version"] == "us_ofac_sdn@2019-01-04"
    missing = client.get("/entities/us_ofac_sdn/no-such-id")
    assert missing.status_code == 404
    assert "no-such-id" in missing.text


def test_lists_show_age_and_the_stale_warning(web_app: FastAPI) -> None:
    client, _ = sign_in(web_app, "sam")
    twin = client.get("/lists", headers=JSON).json()
    assert [v["label"] for v in twin["lists"]] == [
        "us_ofac_sdn@2019-01-04",
        "us_ofac_sdn@2021-07-07",
    ]
    assert twin["stale"] == ["us_ofac_sdn@2021-07-07"]  # the one screened, years old
    assert all(v["age_days"] > 7 for v in twin["lists"])
    page = client.get("/lists").text
    assert "Stale lists:" in page
    assert "8,976" in page  # records of the 2021-07-07 version


def test_the_changes_page_is_the_library_diff(web_app: FastAPI) -> None:
    client, _ = sign_in(web_app, "sam")
    params = {"source": "us_ofac_sdn", "from": "2019-01-04", "to": "us_ofac_sdn@2021-07-07"}
    twin = client.get("/lists/changes", params={**params, "format": "json"}).json()
    store = web_app.state.service.store
    expected = history.changes(store, "us_ofac_sdn", "2019-01-04", "us_ofac_sdn@2021-07-07")
    assert twin == expected.to_json()
    page = client.get("/lists/changes", params=params).text
    for kind in ("added", "removed", "amended"):
        count = f"{len(twin[kind]):,}"
        assert re.search(rf"{kind.title()}</a></th><td class=\"num\">{count}<", page), kind
    bad = client.get("/lists/changes", params={"source": "us_ofac_sdn", "from": "1999-01-01"})
    assert bad.status_code == 404


def test_json_twins_by_accept_header_or_format_parameter(web_app: FastAPI) -> None:
    client, _ = sign_in(web_app, "sam")
    for path in ("/screen", "/lists", "/alerts", "/entities/us_ofac_sdn/23213"):
        by_header = client.get(path, headers=JSON)
        by_format = client.get(path, params={"format": "json"})
        assert by_header.headers["content-type"] == "application/json"
        assert by_header.json() == by_format.json()
        html = client.get(path, headers={"Accept": "text/html,application/json;q=0.9"})
        assert html.headers["content-type"].startswith("text/html")


def test_every_page_is_accessible_in_its_markup(web_app: FastAPI) -> None:
    """Labels for every input, a skip link, one h1, a main landmark, headed tables."""
    client, token = sign_in(web_app, "ann")
    pages = [
        client.get("/screen").text,
        client.post("/screen", data={"name": "Choe Ryong-hae", "csrf": token}).text,
        client.get("/lists").text,
        client.get("/alerts").text,
        client.get("/entities/us_ofac_sdn/23213").text,
        client_of(web_app).get("/signin").text,
    ]
    for page in pages:
        assert '<a class="skip" href="#main">' in page
        assert '<main id="main"' in page
        assert page.count("<h1") == 1
        ids = set(re.findall(r'<label for="([^"]+)"', page))
        for control in re.findall(r"<(?:input|select|textarea)\b[^>]*>", page):
            if 'type="hidden"' in control:
                continue
            found = re.search(r'id="([^"]+)"', control)
            assert found, control
            assert found.group(1) in ids, control
        assert page.count("<table") == page.count("<thead>")


def test_api_routes_answer_as_before(web_app: FastAPI) -> None:
    client = client_of(web_app)
    assert client.post("/v1/screen", json={"name": "Kim"}).status_code == 401
    assert client.get("/healthz").json() == {"status": "ok"}
    paths = client.get("/openapi.json").json()["paths"]
    assert "/v1/screen" in paths
    assert not any(path.startswith(("/screen", "/signin", "/alerts")) for path in paths)
    assert client.get("/static/style.css").status_code == 200
