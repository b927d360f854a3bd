"""Mentions of listed parties in documents: the seed article against SDN 2019-01-04."""

from __future__ import annotations

import pytest

from proscribe.documents import DocumentResult, document_text, screen_text
from proscribe.errors import ParseError
from proscribe.screener import Screener
from tests.conftest import SHARED
from tests.payments.screener import sdn_2019_screener
from tests.store.factory import make_entity

ARTICLE = SHARED / "seed/article.txt"
# The parties the article names that SDN 2019-01-04 lists, by entry.
LISTED = {
    "us_ofac_sdn:20157": "Kim Jong Un",
    "us_ofac_sdn:23213": "Choe Ryong Hae",
    "us_ofac_sdn:23212": "Jong Kyong Thaek",
    "us_ofac_sdn:26168": "Pak Kwang Ho",
    "us_ofac_sdn:20123": "Organization and Guidance Department",
    "us_ofac_sdn:19528": "Propaganda and Agitation Department",
}


@pytest.fixture(scope="module")
def screener() -> Screener:
    return sdn_2019_screener()


@pytest.fixture(scope="module")
def article(screener: Screener) -> tuple[str, DocumentResult]:
    text = document_text(ARTICLE.read_bytes(), str(ARTICLE))
    return text, screen_text(screener, text, "article.txt")


def test_article_finds_every_listed_party(article: tuple[str, DocumentResult]) -> None:
    _, result = article
    assert {m.reference: m.text for m in result.mentions} == LISTED


def test_article_flags_no_journalist_politician_or_place(
    article: tuple[str, DocumentResult],
) -> None:
    _, result = article
    flagged = {m.text for m in result.mentions}
    assert flagged == set(LISTED.values())  # nothing else, at the default threshold
    assert not any("Sang-Hun" in m.text for m in result.mentions)


def test_every_mention_is_reported_with_its_span(article: tuple[str, DocumentResult]) -> None:
    text, result = article
    kims = [m for m in result.mentions if m.reference == "us_ofac_sdn:20157"]
    assert len(kims) == 3  # the caption twice and the body once
    for mention in result.mentions:
        assert text[mention.start : mention.end] == mention.text
        assert mention.match.match
    body = result.to_json()
    assert body["decision"] == "hit"
    first = body["mentions"][0]
    assert set(first) >= {"start", "end", "text", "entity", "score", "explanation"}


def test_reporter_sharing_a_surname_is_not_the_official(screener: Screener) -> None:
    result = screen_text(screener, "Reporting by Choe Sang-Hun in Seoul.")
    assert result.mentions == ()


def test_all_capitals_text_and_overlaps(screener: Screener) -> None:
    result = screen_text(screener, "PAYMENT ORDERED BY CHOE RYONG HAE FOR KIM JONG UN.")
    found = {(m.text, m.reference) for m in result.mentions}
    assert found == {
        ("CHOE RYONG HAE", "us_ofac_sdn:23213"),
        ("KIM JONG UN", "us_ofac_sdn:20157"),
    }


def test_html_markup_is_stripped(screener: Screener) -> None:
    page = (
        b"<!DOCTYPE html><html><head><title>News</title><style>p {color: red}</style>"
        b"<script>var x = 'Choe Ryong Hae';</script></head>"
        b"<body><p>The minister <b>Pak</b> <i>Kwang Ho</i> spoke.</p></body></html>"
    )
    text = document_text(page, "page.html")
    assert "color" not in text
    assert "var x" not in text
    result = screen_text(screener, text)
    assert [(m.text, m.reference) for m in result.mentions] == [
        ("Pak Kwang Ho", "us_ofac_sdn:26168")
    ]


def test_undecodable_document_names_the_line() -> None:
    with pytest.raises(ParseError, match=r"^bad\.txt:2: not UTF-8 text"):
        document_text(b"fine\n\xff\xfe broken", "bad.txt")


def test_one_person_on_two_lists_is_reported_for_both() -> None:
    screener = Screener.from_entities(
        [
            make_entity(name="Jane Roe-Listed", source="list_a", id="A1"),
            make_entity(name="Jane Roe-Listed", source="list_b", id="B1"),
            make_entity(name="Unrelated Person", source="list_a", id="A2"),
        ]
    )
    result = screen_text(screener, "A letter from Jane Roe-Listed arrived.")
    assert {(m.text, m.reference) for m in result.mentions} == {
        ("Jane Roe-Listed", "list_a:A1"),
        ("Jane Roe-Listed", "list_b:B1"),
    }
