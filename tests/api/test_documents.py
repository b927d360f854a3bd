"""`POST /v1/screen/text` and `POST /v1/screen/message` in process, on SDN 2019-01-04: the seed
article's listed parties, payment messages by field, one audit record each, and the errors
(422 naming the field, unreadable messages, oversized bodies)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from proscribe.api.app import create_app
from proscribe.settings import Settings
from proscribe.store import Store
from tests.api.conftest import new_key
from tests.cli.conftest import proscribe
from tests.payments import messages
from tests.test_documents import ARTICLE, LISTED


def auth(key: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {key}"}


def post(client: TestClient, key: str, route: str, body: dict[str, Any]) -> Any:
    return client.post(f"/v1/screen/{route}", json=body, headers=auth(key))


def newest_record(settings: Settings) -> dict[str, Any]:
    with Store.open(settings.store_url) as store:
        return list(store.audit.records())[-1]


def test_the_seed_article_finds_every_listed_party(
    client: TestClient, screen_key: str, sdn_settings: Settings
) -> None:
    text = ARTICLE.read_text(encoding="utf-8")
    response = post(client, screen_key, "text", {"text": text, "id": "article"})
    assert response.status_code == 200, response.text
    body = response.json()
    assert {m["entity"]: m["text"] for m in body["mentions"]} == LISTED
    assert not any("Sang-Hun" in m["text"] for m in body["mentions"])
    for mention in body["mentions"]:
        assert text[mention["start"] : mention["end"]] == mention["text"]
        assert mention["explanation"]
        assert 0.5 <= mention["score"] <= 1.0
    assert (body["document"], body["decision"]) == ("article", "hit")
    assert body["versions"] == ["us_ofac_sdn@2019-01-04"]
    # One record for the document, holding its text and every mention with its span.
    record = newest_record(sdn_settings)
    assert record["query"]["kind"] == "document"
    assert record["query"]["text"] == text
    assert [(r["start"], r["end"]) for r in record["results"]] == [
        (m["start"], m["end"]) for m in body["mentions"]
    ]


def test_the_api_answers_as_the_command_does(
    client: TestClient, screen_key: str, sdn_settings: Settings
) -> None:
    response = post(client, screen_key, "text", {"text": ARTICLE.read_text(encoding="utf-8")})
    command = proscribe(sdn_settings.home, "screen-text", str(ARTICLE), "--format", "json")
    assert response.json()["mentions"] == json.loads(command.stdout)["mentions"]


def test_html_is_reduced_to_its_text(client: TestClient, screen_key: str) -> None:
    page = (
        "<html><head><script>var x = 'Choe Ryong Hae';</script></head>"
        "<body><p>The minister <b>Pak</b> <i>Kwang Ho</i> spoke.</p></body></html>"
    )
    body = post(client, screen_key, "text", {"text": page, "format": "html"}).json()
    assert [(m["text"], m["entity"]) for m in body["mentions"]] == [
        ("Pak Kwang Ho", "us_ofac_sdn:26168")
    ]
    # As plain text the markup stays: the script's name is then a mention too.
    plain = post(client, screen_key, "text", {"text": page}).json()
    assert "us_ofac_sdn:23213" in {m["entity"] for m in plain["mentions"]}


def test_a_clear_text(client: TestClient, screen_key: str) -> None:
    body = post(client, screen_key, "text", {"text": "Reporting by Choe Sang-Hun in Seoul."})
    assert (body.json()["decision"], body.json()["mentions"]) == ("clear", [])


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"text": ""}, "text"),
        ({"text": "   "}, "text"),
        ({"text": "x" * 100_001}, "text"),  # over the documented 100,000 characters
        ({"text": "ORDERED BY ACME " * 2_000}, "text"),  # over 5,000 candidate spans
        ({"text": "Kim", "format": "pdf"}, "format"),
        ({"text": "Kim", "threshold": 2}, "threshold"),
        ({"text": "Kim", "as_of": "01/12/2018"}, "as_of"),
        ({"text": "Kim", "language": "en"}, "language"),  # unknown field
        ({}, "text"),
    ],
)
def test_bad_text_fields_are_422_naming_the_field(
    client: TestClient, screen_key: str, body: dict[str, Any], field: str
) -> None:
    response = post(client, screen_key, "text", body)
    assert response.status_code == 422
    assert any(error["loc"][-1] == field for error in response.json()["detail"])


def test_a_body_over_the_limit_is_422(client: TestClient, screen_key: str) -> None:
    response = post(client, screen_key, "text", {"text": "Kim " * 600_000})  # 2.4 MB
    assert response.status_code == 422
    assert response.json()["error"]["code"] == "body_too_large"


def test_no_key_is_401(client: TestClient) -> None:
    assert client.post("/v1/screen/text", json={"text": "Kim"}).status_code == 401
    assert client.post("/v1/screen/message", json={"message": "{1:"}).status_code == 401


def test_creditor_and_remittance_hits_name_their_field(
    client: TestClient, screen_key: str, sdn_settings: Settings
) -> None:
    listed = messages.pacs008(creditor="CHOE RYONG HAE").decode()
    response = post(client, screen_key, "message", {"message": listed, "id": "m1"})
    assert response.status_code == 200, response.text
    body = response.json()
    assert (body["message"], body["type"], body["decision"]) == ("m1", "pacs.008.001.08", "hit")
    assert [(h["path"], h["entity"]) for h in body["hits"]] == [
        ("CdtTrfTxInf/Cdtr/Nm", "us_ofac_sdn:23213")
    ]
    record = newest_record(sdn_settings)
    assert record["query"]["kind"] == "message"
    assert record["results"][0]["path"] == "CdtTrfTxInf/Cdtr/Nm"
    assert "name_match" in record["results"][0]["reasons"]

    hidden = messages.pacs008(remittance="Consulting fee for Choe Ryong Hae, Pyongyang").decode()
    body = post(client, screen_key, "message", {"message": hidden}).json()
    assert [(h["path"], h["entity"]) for h in body["hits"]] == [
        ("CdtTrfTxInf/RmtInf/Ustrd", "us_ofac_sdn:23213")
    ]


def test_the_message_answer_is_the_commands(
    client: TestClient, screen_key: str, sdn_settings: Settings, tmp_path: Path
) -> None:
    path = tmp_path / "m.mt"
    path.write_bytes(messages.mt103())
    api = post(client, screen_key, "message", {"message": messages.mt103().decode()}).json()
    command = proscribe(sdn_settings.home, "screen-message", str(path), "--format", "json")
    expected = json.loads(command.stdout)
    assert api["decision"] == expected["decision"] == "hit"
    assert api["hits"] == expected["hits"]
    assert api["parties"] == expected["parties"]


@pytest.mark.parametrize(
    ("message", "error"),
    [
        (messages.BILLION_LAUGHS.decode(), "XML declares a DTD or entities"),
        (messages.EXTERNAL_ENTITY.decode(), "XML declares a DTD or entities"),
        (messages.mt103(block4_end="").decode(), "block 4"),
        ("Dear bank, please pay Kim.", "not a payment message"),
    ],
)
def test_an_unreadable_message_is_422_saying_why(
    client: TestClient, screen_key: str, message: str, error: str
) -> None:
    response = post(client, screen_key, "message", {"message": message})
    assert response.status_code == 422
    assert error in response.json()["error"]["message"]


def test_no_list_loaded_is_503(tmp_path: Path) -> None:
    settings = Settings(home=tmp_path, database_url=None)
    key = new_key(settings, "screen")
    client = TestClient(create_app(settings))
    assert post(client, key, "text", {"text": "Choe Ryong Hae"}).status_code == 503


def test_only_hashes_are_kept_when_so_configured(sdn_settings: Settings) -> None:
    hashed = sdn_settings.model_copy(update={"audit_queries": "hash"})
    key = new_key(sdn_settings, "screen")
    client = TestClient(create_app(hashed))
    assert post(client, key, "text", {"text": "Choe Ryong Hae"}).status_code == 200
    assert set(newest_record(sdn_settings)["query"]) == {"kind", "sha256"}
