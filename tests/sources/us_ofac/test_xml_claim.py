"""OFAC's XML formats claim exactly their own files, from the root element alone.

Protects: across every real list file we hold, only the consolidated XML and the enhanced-XML
exports are claimed, each by the right format; other XML (UN, EU), CSV and spreadsheets are
left alone, even under a misleading file name; claiming reads only the first 4 KB.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from proscribe.sources.us_ofac.xml_formats import XML_FORMATS, root_name
from tests.conftest import read_folder

SDN_XML, CONS_XML, ENHANCED = XML_FORMATS

EXPECTED = {
    ("us_ofac_cons", "2018-04-06"): {"consolidated.xml": CONS_XML},
    ("us_ofac_cons", "2024-05-06"): {"consolidated.xml": CONS_XML},
    ("us_ofac_enhanced_xml", "2024-05-24"): {"yemen_sanctions.xml": ENHANCED},
    ("us_ofac_enhanced_xml", "2024-08-28"): {"IRGC_sanctions.xml": ENHANCED},
}


def test_each_real_file_is_claimed_by_the_right_format_or_none(data_dir: Path) -> None:
    folders = sorted(path for path in data_dir.glob("*/*") if path.is_dir())
    assert len(folders) >= 20
    for folder in folders:
        files = read_folder(folder)
        claims = {name: fmt for fmt in XML_FORMATS for name in fmt.claim(files)}
        assert claims == EXPECTED.get((folder.parent.name, folder.name), {}), folder


def test_the_names_of_the_formats() -> None:
    assert [(fmt.source, fmt.name) for fmt in XML_FORMATS] == [
        ("us_ofac_sdn", "ofac_xml"),
        ("us_ofac_cons", "ofac_xml"),
        ("us_ofac_sdn", "ofac_enhanced_xml"),
    ]


def test_a_un_list_named_like_ofac_is_not_claimed(data_dir: Path) -> None:
    data = (data_dir / "un_sc_consolidated" / "2018-08-24" / "consolidated.xml").read_bytes()
    for fmt in XML_FORMATS:
        assert fmt.claim({"consolidated.xml": data, "sdn.xml": data}) == ()


def test_claiming_reads_only_the_head(data_dir: Path) -> None:
    data = (data_dir / "us_ofac_cons" / "2024-05-06" / "consolidated.xml").read_bytes()
    assert CONS_XML.claim({"consolidated.xml": data[:4096] + b"\x00 not xml at all"}) == (
        "consolidated.xml",
    )
    assert root_name(b" " * 5000 + b"<sdnList/>") is None


@pytest.mark.parametrize(
    ("head", "root"),
    [
        (b'<?xml version="1.0"?>\n<sdnList xmlns="x">', "sdnList"),
        (b"\xef\xbb\xbf<ns:sanctionsData xmlns:ns='y'>", "sanctionsData"),
        (b"<!-- <sanctionsData> -->\n<CONSOLIDATED_LIST>", "CONSOLIDATED_LIST"),
        (b'<!DOCTYPE sdnList [<!ENTITY a "b">]><sdnList>', "sdnList"),
        (b'"1","X",-0- ,"IRAN"', None),
    ],
)
def test_root_name(head: bytes, root: str | None) -> None:
    assert root_name(head) == root
