"""Screening messages against SDN 2019-01-04: a hit names the field it came from."""

from __future__ import annotations

from proscribe.payments import MessageResult, screen_message
from proscribe.screener import Screener
from tests.payments import messages

CHOE = "us_ofac_sdn:23213"  # CHOE, Ryong Hae, designated 2018-12-10


def hits(result: MessageResult) -> set[tuple[str, str]]:
    return {(hit.path, hit.reference) for hit in result.hits}


def test_listed_creditor_name_is_a_hit_on_cdtr_nm(sdn_screener: Screener) -> None:
    data = messages.pacs008(creditor="CHOE RYONG HAE", country="KP")
    result = screen_message(sdn_screener, data, "m.xml")
    assert result.decision == "hit"
    assert hits(result) == {("CdtTrfTxInf/Cdtr/Nm", CHOE)}
    hit = result.hits[0]
    assert hit.role == "creditor"
    assert hit.score >= sdn_screener.threshold
    assert "CHOE, Ryong Hae" in hit.explanation


def test_party_hidden_in_remittance_text_is_a_hit_on_ustrd(sdn_screener: Screener) -> None:
    text = "Payment for goods, beneficiary Choe Ryong Hae, invoice 42"
    result = screen_message(sdn_screener, messages.pacs008(remittance=text), "m.xml")
    assert hits(result) == {("CdtTrfTxInf/RmtInf/Ustrd", CHOE)}
    assert result.hits[0].value == "Choe Ryong Hae"
    assert result.hits[0].role == "remittance_information"


def test_clean_message_is_clear_and_lists_the_parties_screened(sdn_screener: Screener) -> None:
    result = screen_message(sdn_screener, messages.pacs008(), "m.xml")
    assert result.decision == "clear", [h.to_json() for h in result.hits]
    body = result.to_json()
    assert body["decision"] == "clear"
    assert body["hits"] == []
    roles = {party["role"] for party in body["parties"]}
    assert {"debtor", "creditor", "debtor_agent", "creditor_agent"} <= roles


def test_listed_bic_of_an_agent_is_a_hit(sdn_screener: Screener) -> None:
    data = messages.pacs008(creditor_agent="KDBKKPPYXXX")
    result = screen_message(sdn_screener, data, "m.xml")
    assert hits(result) == {("CdtTrfTxInf/CdtrAgt/FinInstnId/BICFI", "us_ofac_sdn:12312")}
    assert "KDBKKPPY" in result.hits[0].explanation


def test_pacs009_creditor_bank_by_bic_and_name(sdn_screener: Screener) -> None:
    result = screen_message(sdn_screener, messages.PACS009, "m.xml")
    assert {
        ("CdtTrfTxInf/Cdtr/FinInstnId/BICFI", "us_ofac_sdn:12312"),
        ("CdtTrfTxInf/Cdtr/FinInstnId/Nm", "us_ofac_sdn:12312"),
    } <= hits(result)


def test_pain001_ultimate_creditor(sdn_screener: Screener) -> None:
    result = screen_message(sdn_screener, messages.PAIN001, "m.xml")
    assert hits(result) == {("PmtInf/CdtTrfTxInf[2]/UltmtCdtr/Nm", CHOE)}


def test_mt103_beneficiary_in_field_59(sdn_screener: Screener) -> None:
    result = screen_message(sdn_screener, messages.mt103(), "m.mt")
    assert result.type == "MT103"
    assert hits(result) == {("59", CHOE)}
    assert result.hits[0].role == "beneficiary_customer"


def test_mt103_clean_beneficiary_is_clear(sdn_screener: Screener) -> None:
    result = screen_message(sdn_screener, messages.mt103("JEAN DUPONT"), "m.mt")
    assert result.decision == "clear", [h.to_json() for h in result.hits]


def test_mt202_beneficiary_institution_bic(sdn_screener: Screener) -> None:
    result = screen_message(sdn_screener, messages.MT202, "m.mt")
    assert hits(result) == {("58A", "us_ofac_sdn:12312")}
