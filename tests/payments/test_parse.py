"""Reading messages into their parties: roles, field paths and refusals of bad input."""

from __future__ import annotations

import pytest

from proscribe.errors import ParseError, UnsafeInputError
from proscribe.payments import FieldKind, read_message
from tests.payments import messages


def paths(data: bytes) -> dict[str, tuple[str, str, str]]:
    message = read_message(data, "m")
    return {f"{f.path}|{f.kind}": (f.role, f.value, f.country or "") for f in message.fields}


def test_pacs008_parties_by_role_and_path() -> None:
    message = read_message(messages.pacs008(), "m")
    assert message.type == "pacs.008.001.08"
    found = paths(messages.pacs008())
    assert found["CdtTrfTxInf/Cdtr/Nm|name"] == ("creditor", "Atelier Dupont SPRL", "fr")
    assert found["CdtTrfTxInf/Dbtr/Nm|name"] == ("debtor", "Maria Janssens", "be")
    assert found["CdtTrfTxInf/DbtrAgt/FinInstnId/BICFI|bic"][:2] == ("debtor_agent", "BANKBEBBXXX")
    assert found["CdtTrfTxInf/DbtrAgt/FinInstnId/Nm|name"][1] == "Bank of Brussels"
    assert found["CdtTrfTxInf/InstdAgt/FinInstnId/BICFI|bic"][0] == "instructed_agent"
    assert found["CdtTrfTxInf/Cdtr/PstlAdr/AdrLine|text"][1] == "Rue du Marche 12"
    assert found["CdtTrfTxInf/RmtInf/Ustrd|text"][0] == "remittance_information"


def test_pacs009_agents_as_debtor_and_creditor() -> None:
    message = read_message(messages.PACS009, "m")
    assert message.type == "pacs.009.001.08"
    found = paths(messages.PACS009)
    assert found["CdtTrfTxInf/Cdtr/FinInstnId/BICFI|bic"][:2] == ("creditor", "KDBKKPPYXXX")
    assert found["CdtTrfTxInf/Cdtr/FinInstnId/Nm|name"][1] == "Korea Daesong Bank"
    assert found["CdtTrfTxInf/IntrmyAgt1/FinInstnId/BICFI|bic"][0] == "intermediary_agent_1"


def test_pain001_positions_repeated_transactions() -> None:
    message = read_message(messages.PAIN001, "m")
    assert message.type == "pain.001.001.09"
    found = paths(messages.PAIN001)
    assert found["GrpHdr/InitgPty/Nm|name"][0] == "initiating_party"
    assert found["PmtInf/Dbtr/Nm|name"] == ("debtor", "Janssens Import BV", "nl")
    assert found["PmtInf/CdtTrfTxInf[1]/Cdtr/Nm|name"][1] == "Bakkerij de Vries"
    assert found["PmtInf/CdtTrfTxInf[2]/UltmtCdtr/Nm|name"][:2] == (
        "ultimate_creditor",
        "Choe Ryong Hae",
    )


def test_any_version_is_read_by_local_names() -> None:
    older = messages.PAIN001.replace(b"pain.001.001.09", b"pain.001.001.03")
    assert read_message(older, "m").type == "pain.001.001.03"


def test_mt103_fields() -> None:
    message = read_message(messages.mt103(), "m")
    assert message.type == "MT103"
    found = {(f.path, f.kind): (f.role, f.value) for f in message.fields}
    assert found["50K", FieldKind.NAME] == ("ordering_customer", "MARIA JANSSENS")
    assert found["52A", FieldKind.BIC] == ("ordering_institution", "BANKBEBB")
    assert found["57A", FieldKind.BIC] == ("account_with_institution", "BANKFRPP")
    assert found["59", FieldKind.NAME] == ("beneficiary_customer", "CHOE RYONG HAE")
    assert found["59", FieldKind.TEXT] == ("beneficiary_customer", "PYONGYANG")
    assert found["70", FieldKind.TEXT] == ("remittance_information", "INVOICE 42 MACHINE PARTS")
    assert found["block 1", FieldKind.BIC] == ("sender", "BANKBEBB")
    assert found["block 2", FieldKind.BIC] == ("receiver", "BANKDEFF")


def test_mt202_fields() -> None:
    message = read_message(messages.MT202, "m")
    assert message.type == "MT202"
    found = {(f.path, f.kind): (f.role, f.value) for f in message.fields}
    assert found["58A", FieldKind.BIC] == ("beneficiary_institution", "KDBKKPPY")
    assert found["72", FieldKind.TEXT] == ("sender_to_receiver_information", "/BNF/COVER FOR CARGO")


@pytest.mark.parametrize("hostile", [messages.BILLION_LAUGHS, messages.EXTERNAL_ENTITY])
def test_hostile_xml_is_refused(hostile: bytes) -> None:
    with pytest.raises(UnsafeInputError, match="entities"):
        read_message(hostile, "evil.xml")


def test_truncated_xml_names_the_line() -> None:
    truncated = messages.pacs008()[:600]
    with pytest.raises(ParseError, match=r"^cut\.xml:\d+: malformed XML") as caught:
        read_message(truncated, "cut.xml")
    assert caught.value.detail["line"] > 1


def test_unknown_xml_message_type() -> None:
    camt = (
        b'<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.08">'
        b"<BkToCstmrStmt/></Document>"
    )
    with pytest.raises(ParseError, match="unknown message type"):
        read_message(camt, "camt.xml")


def test_not_a_message() -> None:
    with pytest.raises(ParseError, match="not a payment message"):
        read_message(b"name,country\nACME,FR\n", "table.csv")


def test_unclosed_mt_block_4() -> None:
    with pytest.raises(ParseError, match=r"field block 4: block is not closed by '-}'"):
        read_message(messages.mt103(block4_end=""), "broken.mt")


def test_mt_text_outside_a_field_names_the_line() -> None:
    broken = messages.MT202.replace(b":20:REF-202-1", b"20:REF-202-1")
    with pytest.raises(ParseError, match=r"broken\.mt:2 field block 4: text outside any field"):
        read_message(broken, "broken.mt")


def test_mt_bic_field_must_hold_a_bic() -> None:
    broken = messages.MT202.replace(b":52A:BANKBEBB", b":52A:NOT A BIC")
    with pytest.raises(ParseError, match=r"broken\.mt:5 field 52A: expected a BIC"):
        read_message(broken, "broken.mt")


def test_unknown_mt_type() -> None:
    with pytest.raises(ParseError, match=r"field block 2: unknown message type 'I940'"):
        read_message(messages.MT202.replace(b"I202", b"I940"), "statement.mt")
