"""Hand-written test messages, laid out after the published message definitions (ISO 20022
pacs.008.001.08, pacs.009.001.08, pain.001.001.09; SWIFT MT103 and MT202)."""

from __future__ import annotations

PACS008 = """<?xml version="1.0" encoding="UTF-8"?>
<Document xmlns="urn:iso:std:iso:20022:tech:xsd:pacs.008.001.08">
  <FIToFICstmrCdtTrf>
    <GrpHdr>
      <MsgId>MSG-0001</MsgId>
      <CreDtTm>2019-01-10T10:00:00</CreDtTm>
      <NbOfTxs>1</NbOfTxs>
      <SttlmInf><SttlmMtd>INDA</SttlmMtd></SttlmInf>
    </GrpHdr>
    <CdtTrfTxInf>
      <PmtId><InstrId>I-1</InstrId><EndToEndId>E2E-1</EndToEndId></PmtId>
      <IntrBkSttlmAmt Ccy="EUR">1250.00</IntrBkSttlmAmt>
      <ChrgBr>SHAR</ChrgBr>
      <InstgAgt><FinInstnId><BICFI>BANKBEBBXXX</BICFI></FinInstnId></InstgAgt>
      <InstdAgt><FinInstnId><BICFI>BANKDEFFXXX</BICFI></FinInstnId></InstdAgt>
      <Dbtr>
        <Nm>{debtor}</Nm>
        <PstlAdr><TwnNm>Brussels</TwnNm><Ctry>BE</Ctry></PstlAdr>
      </Dbtr>
      <DbtrAgt>
        <FinInstnId><BICFI>BANKBEBBXXX</BICFI><Nm>Bank of Brussels</Nm></FinInstnId>
      </DbtrAgt>
      <CdtrAgt><FinInstnId><BICFI>{creditor_agent}</BICFI></FinInstnId></CdtrAgt>
      <Cdtr>
        <Nm>{creditor}</Nm>
        <PstlAdr><AdrLine>Rue du Marche 12</AdrLine><Ctry>{country}</Ctry></PstlAdr>
      </Cdtr>
      <RmtInf><Ustrd>{remittance}</Ustrd></RmtInf>
    </CdtTrfTxInf>
  </FIToFICstmrCdtTrf>
</Document>
"""


def pacs008(
    *,
    debtor: str = "Maria Janssens",
    creditor: str = "Atelier Dupont SPRL",
    creditor_agent: str = "BANKFRPPXXX",
    country: str = "FR",
    remittance: str = "Invoice 2019-042 garden furniture",
) -> bytes:
    return PACS008.format(
        debtor=debtor,
        creditor=creditor,
        creditor_agent=creditor_agent,
        country=country,
        remittance=remittance,
    ).encode()


PACS009 = b"""<?xml version="1.0" encoding="UTF-8"?>
<Document xmlns="urn:iso:std:iso:20022:tech:xsd:pacs.009.001.08">
  <FICdtTrf>
    <GrpHdr><MsgId>FI-1</MsgId><CreDtTm>2019-01-10T10:00:00</CreDtTm><NbOfTxs>1</NbOfTxs>
      <SttlmInf><SttlmMtd>INDA</SttlmMtd></SttlmInf></GrpHdr>
    <CdtTrfTxInf>
      <PmtId><InstrId>FI-1</InstrId><EndToEndId>FI-1</EndToEndId></PmtId>
      <IntrBkSttlmAmt Ccy="USD">1000000.00</IntrBkSttlmAmt>
      <IntrmyAgt1><FinInstnId><BICFI>BANKUS33XXX</BICFI></FinInstnId></IntrmyAgt1>
      <Dbtr><FinInstnId><BICFI>BANKBEBBXXX</BICFI></FinInstnId></Dbtr>
      <Cdtr><FinInstnId><BICFI>KDBKKPPYXXX</BICFI><Nm>Korea Daesong Bank</Nm></FinInstnId></Cdtr>
    </CdtTrfTxInf>
  </FICdtTrf>
</Document>
"""

PAIN001 = b"""<?xml version="1.0" encoding="UTF-8"?>
<Document xmlns="urn:iso:std:iso:20022:tech:xsd:pain.001.001.09">
  <CstmrCdtTrfInitn>
    <GrpHdr><MsgId>P-1</MsgId><CreDtTm>2019-01-10T10:00:00</CreDtTm><NbOfTxs>2</NbOfTxs>
      <InitgPty><Nm>Janssens Import BV</Nm></InitgPty></GrpHdr>
    <PmtInf>
      <PmtInfId>B-1</PmtInfId><PmtMtd>TRF</PmtMtd>
      <Dbtr><Nm>Janssens Import BV</Nm><PstlAdr><Ctry>NL</Ctry></PstlAdr></Dbtr>
      <DbtrAcct><Id><IBAN>NL91ABNA0417164300</IBAN></Id></DbtrAcct>
      <DbtrAgt><FinInstnId><BICFI>ABNANL2A</BICFI></FinInstnId></DbtrAgt>
      <CdtTrfTxInf>
        <PmtId><EndToEndId>T-1</EndToEndId></PmtId>
        <Amt><InstdAmt Ccy="EUR">10.00</InstdAmt></Amt>
        <Cdtr><Nm>Bakkerij de Vries</Nm></Cdtr>
      </CdtTrfTxInf>
      <CdtTrfTxInf>
        <PmtId><EndToEndId>T-2</EndToEndId></PmtId>
        <Amt><InstdAmt Ccy="EUR">20.00</InstdAmt></Amt>
        <UltmtCdtr><Nm>Choe Ryong Hae</Nm></UltmtCdtr>
        <Cdtr><Nm>Van Dijk Logistics</Nm></Cdtr>
      </CdtTrfTxInf>
    </PmtInf>
  </CstmrCdtTrfInitn>
</Document>
"""


def mt103(beneficiary: str = "CHOE RYONG HAE", block4_end: str = "-}") -> bytes:
    return (
        "{1:F01BANKBEBBAXXX0000000000}{2:I103BANKDEFFXXXXN}{3:{108:MT103REF}}{4:\r\n"
        ":20:REF-103-1\r\n"
        ":23B:CRED\r\n"
        ":32A:190110EUR1250,00\r\n"
        ":50K:/BE68539007547034\r\n"
        "MARIA JANSSENS\r\n"
        "RUE HAUTE 1 BRUSSELS\r\n"
        ":52A:BANKBEBB\r\n"
        ":57A:BANKFRPP\r\n"
        f":59:/FR7630006000011234567890189\r\n{beneficiary}\r\nPYONGYANG\r\n"
        ":70:INVOICE 42 MACHINE PARTS\r\n"
        ":71A:SHA\r\n"
        f"{block4_end}{{5:{{CHK:123456789ABC}}}}"
    ).encode()


MT202 = (
    b"{1:F01BANKBEBBAXXX0000000000}{2:I202BANKUS33XXXXN}{4:\n"
    b":20:REF-202-1\n"
    b":21:RELATED\n"
    b":32A:190110USD1000000,\n"
    b":52A:BANKBEBB\n"
    b":58A:/12345\n"
    b"KDBKKPPY\n"
    b":72:/BNF/COVER FOR CARGO\n"
    b"-}"
)

BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
]>
<Document xmlns="urn:iso:std:iso:20022:tech:xsd:pacs.008.001.08">
 <FIToFICstmrCdtTrf><CdtTrfTxInf><Cdtr><Nm>&lol3;</Nm></Cdtr></CdtTrfTxInf></FIToFICstmrCdtTrf>
</Document>
"""

EXTERNAL_ENTITY = b"""<?xml version="1.0"?>
<!DOCTYPE Document [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<Document xmlns="urn:iso:std:iso:20022:tech:xsd:pacs.008.001.08">
 <FIToFICstmrCdtTrf><CdtTrfTxInf><Cdtr><Nm>&xxe;</Nm></Cdtr></CdtTrfTxInf></FIToFICstmrCdtTrf>
</Document>
"""
