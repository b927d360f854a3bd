"""`proscribe screen-file FOLDER`: payment messages and documents screened file by file, one
JSON line each in sorted path order, bad files as errors in their place, every screened file
audited; and `--as-of` on tables and folders. On SDN 2019-01-04 (and 2015-01-17 for as-of).

The messages are written here from the test writers of tests/payments (laid out after the
published message definitions); the seed article is linked into the folder, not copied.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest

from tests.cli.conftest import proscribe
from tests.cli.test_screen_file import ROWS, write_csv
from tests.payments import messages
from tests.test_documents import ARTICLE, LISTED

CHOE = "us_ofac_sdn:23213"
PAGE = b"<html><body><p>The minister <b>Pak</b> <i>Kwang Ho</i> spoke.</p></body></html>"


@pytest.fixture(scope="module")
def home(tmp_path_factory: pytest.TempPathFactory, sdn_2019_home: Path) -> Path:
    """A copy of the SDN 2019 home: the tests count the audit records they add."""
    copy = tmp_path_factory.mktemp("folder") / "home"
    shutil.copytree(sdn_2019_home, copy)
    return copy


@pytest.fixture(scope="module")
def inbox(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("inbox")
    files = {
        "a_creditor.xml": messages.pacs008(creditor="CHOE RYONG HAE"),
        "b_remittance.xml": messages.pacs008(remittance="Fee for Choe Ryong Hae, Pyongyang"),
        "c_clean.mt": messages.mt103("JEAN DUPONT"),
        "d_mt103.txt": messages.mt103(),  # an MT message, whatever its name says
        "e_laughs.xml": messages.BILLION_LAUGHS,
        "f_cut.mt": messages.mt103(block4_end=""),
        "h_page.html": PAGE,
        "i_latin1.txt": "Caf\xe9 owned by Choe Ryong Hae".encode("latin-1"),
        "notes.csv": b"id,name\n1,Choe Ryong Hae\n",  # a table, not ours here: skipped
        ".hidden.xml": messages.pacs008(creditor="CHOE RYONG HAE"),  # never looked at
        "sub/j_pacs009.xml": messages.PACS009,
    }
    for name, data in files.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_bytes(data)
    (folder / "g_article.txt").symlink_to(ARTICLE)
    return folder


def lines(text: str) -> list[dict[str, Any]]:
    return [json.loads(line) for line in text.splitlines()]


def audit_records(home: Path) -> list[dict[str, Any]]:
    return lines(proscribe(home, "audit", "export").stdout)


@pytest.fixture(scope="module")
def screened(home: Path, inbox: Path) -> tuple[list[dict[str, Any]], str, list[dict[str, Any]]]:
    before = len(audit_records(home))
    result = proscribe(home, "screen-file", str(inbox), "--workers", "2")
    return lines(result.stdout), result.stderr, audit_records(home)[before:]


def test_one_line_per_file_in_sorted_order(screened: Any, inbox: Path) -> None:
    found, _, _ = screened
    names = [Path(line["file"]).relative_to(inbox).as_posix() for line in found]
    assert names == [
        "a_creditor.xml",
        "b_remittance.xml",
        "c_clean.mt",
        "d_mt103.txt",
        "e_laughs.xml",
        "f_cut.mt",
        "g_article.txt",
        "h_page.html",
        "i_latin1.txt",
        "sub/j_pacs009.xml",
    ]
    kinds = [line["kind"] for line in found]
    assert kinds == ["message"] * 6 + ["document"] * 3 + ["message"]
    assert all(line["versions"] == ["us_ofac_sdn@2019-01-04"] for line in found)


def test_messages_are_screened_by_field(screened: Any) -> None:
    creditor, remittance, clean, mt103, *_ = screened[0]
    assert [(h["path"], h["entity"]) for h in creditor["hits"]] == [("CdtTrfTxInf/Cdtr/Nm", CHOE)]
    assert [(h["path"], h["entity"]) for h in remittance["hits"]] == [
        ("CdtTrfTxInf/RmtInf/Ustrd", CHOE)
    ]
    assert (clean["type"], clean["decision"], clean["hits"]) == ("MT103", "clear", [])
    assert (mt103["type"], mt103["decision"]) == ("MT103", "hit")
    assert {"role", "path", "kind", "value"} <= set(clean["parties"][0])


def test_documents_are_screened_for_mentions(screened: Any) -> None:
    by_name = {Path(line["file"]).name: line for line in screened[0]}
    article = by_name["g_article.txt"]
    assert {m["entity"]: m["text"] for m in article["mentions"]} == LISTED
    assert article["decision"] == "hit"
    page = by_name["h_page.html"]
    assert [(m["text"], m["entity"]) for m in page["mentions"]] == [
        ("Pak Kwang Ho", "us_ofac_sdn:26168")
    ]


def test_a_bad_file_is_an_error_in_its_place(screened: Any) -> None:
    by_name = {Path(line["file"]).name: line for line in screened[0]}
    for name, reason in [
        ("e_laughs.xml", "XML declares a DTD or entities"),
        ("f_cut.mt", "block is not closed by '-}'"),
        ("i_latin1.txt", "not UTF-8 text"),
    ]:
        line = by_name[name]
        assert line["decision"] == "error"
        assert reason in line["error"]
        assert line["error"].startswith(line["file"])
        assert "hits" not in line
        assert "mentions" not in line


def test_progress_and_summary_on_stderr(screened: Any) -> None:
    _, stderr, _ = screened
    assert "10 files screened: " in stderr
    assert "3 errors, 1 other files skipped" in stderr


def test_every_screened_file_is_audited_in_order(screened: Any, home: Path) -> None:
    found, _, added = screened
    ok = [line for line in found if line["decision"] != "error"]
    assert [r["query"]["kind"] for r in added] == [line["kind"] for line in ok]
    assert [r["query"].get("message") or r["query"].get("document") for r in added] == [
        line["file"] for line in ok
    ]
    assert added[0]["results"][0]["path"] == "CdtTrfTxInf/Cdtr/Nm"
    assert {r["caller"] for r in added} == {added[0]["caller"]}
    assert proscribe(home, "audit", "verify").returncode == 0


def test_one_worker_gives_the_same_lines(screened: Any, home: Path, inbox: Path) -> None:
    single = proscribe(home, "screen-file", str(inbox), "--workers", "1")
    assert lines(single.stdout) == screened[0]


def test_a_folder_with_nothing_to_screen_is_an_error(home: Path, tmp_path: Path) -> None:
    (tmp_path / "notes.csv").write_text("id,name\n")
    result = proscribe(home, "screen-file", str(tmp_path), check=False)
    assert result.returncode != 0
    assert "no payment message or document" in result.stderr
    csv_out = proscribe(home, "screen-file", str(tmp_path), "--format", "csv", check=False)
    assert "JSON lines only" in csv_out.stderr


# -- as-of -----------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def two_versions(tmp_path_factory: pytest.TempPathFactory, home: Path, data_dir: Path) -> Path:
    """The SDN 2019 home with SDN 2015-01-17 loaded too (in force on 2018-12-01)."""
    copy = tmp_path_factory.mktemp("as-of") / "home"
    shutil.copytree(home, copy)
    proscribe(copy, "load", str(data_dir / "us_ofac_sdn/2015-01-17"))
    return copy


def test_as_of_screens_a_table_against_the_lists_of_that_day(
    two_versions: Path, tmp_path: Path
) -> None:
    parties = write_csv(tmp_path / "parties.csv", ROWS)
    latest = lines(proscribe(two_versions, "screen-file", str(parties)).stdout)
    past = lines(
        proscribe(two_versions, "screen-file", str(parties), "--as-of", "2018-12-01").stdout
    )
    assert {tuple(r["versions"]) for r in latest if "versions" in r} == {
        ("us_ofac_sdn@2019-01-04",)
    }
    assert {tuple(r["versions"]) for r in past if "versions" in r} == {("us_ofac_sdn@2015-01-17",)}
    assert latest[0]["matches"][0]["references"][0]["id"] == "23213"
    assert "23213" not in {ref["id"] for m in past[0]["matches"] for ref in m["references"]}


def test_as_of_screens_a_folder_too(two_versions: Path, inbox: Path) -> None:
    past = lines(proscribe(two_versions, "screen-file", str(inbox), "--as-of", "2018-12-01").stdout)
    assert {tuple(line["versions"]) for line in past} == {("us_ofac_sdn@2015-01-17",)}
    creditor = past[0]
    assert CHOE not in {hit["entity"] for hit in creditor["hits"]}


def test_as_of_errors(two_versions: Path, tmp_path: Path) -> None:
    parties = write_csv(tmp_path / "parties.csv", ROWS)
    early = proscribe(
        two_versions, "screen-file", str(parties), "--as-of", "2001-01-01", check=False
    )
    assert "no list version published on or before 2001-01-01" in early.stderr
    both = proscribe(
        two_versions, "screen-file", str(parties), "--as-of", "2018-12-01",
        "--version", "us_ofac_sdn@2019-01-04", check=False,
    )  # fmt: skip
    assert "not both" in both.stderr
    bad = proscribe(two_versions, "screen-file", str(parties), "--as-of", "Dec 2018", check=False)
    assert "--as-of: expected YYYY-MM-DD" in bad.stderr


# -- screen-text and screen-message are audited and take --as-of as well ----------------------


def test_screen_text_and_screen_message_are_audited(home: Path, tmp_path: Path) -> None:
    before = len(audit_records(home))
    proscribe(home, "screen-text", str(ARTICLE), "--format", "json")
    listed = tmp_path / "listed.xml"
    listed.write_bytes(messages.pacs008(creditor="CHOE RYONG HAE"))
    clean = tmp_path / "clean.mt"
    clean.write_bytes(messages.mt103("JEAN DUPONT"))
    proscribe(home, "screen-message", str(listed), str(clean))
    document, message, cleared = audit_records(home)[before:]
    assert (document["query"]["kind"], document["query"]["document"]) == ("document", str(ARTICLE))
    assert {f"{r['source']}:{r['entity_id']}" for r in document["results"]} == set(LISTED)
    assert message["query"]["message"] == str(listed)
    assert [(r["path"], r["entity_id"]) for r in message["results"]] == [
        ("CdtTrfTxInf/Cdtr/Nm", "23213")
    ]
    assert (cleared["query"]["type"], cleared["results"]) == ("MT103", [])


def test_screen_text_and_screen_message_take_as_of(two_versions: Path, tmp_path: Path) -> None:
    text = proscribe(two_versions, "screen-text", str(ARTICLE), "--as-of", "2018-12-01")
    assert CHOE not in text.stdout
    listed = tmp_path / "listed.xml"
    listed.write_bytes(messages.pacs008(creditor="CHOE RYONG HAE"))
    message = proscribe(
        two_versions, "screen-message", str(listed), "--as-of", "2018-12-01", "--format", "json"
    )
    assert CHOE not in {hit["entity"] for hit in json.loads(message.stdout)["hits"]}
