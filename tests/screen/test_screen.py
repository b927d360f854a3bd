"""Screening the people of the 2018 story, in every script, with explanations."""

from __future__ import annotations

import pytest

from proscribe.match import ALGORITHMS
from proscribe.model import Query, QueryIdentifier, Schema, parse_date_spec
from proscribe.screener import Screener
from tests.engine import bench_screener, story_screener


def top(query: Query) -> tuple[str, float, bool]:
    result = story_screener().screen(query)
    best = result.matches[0]
    return f"{best.entity.source}:{best.entity.id}", best.score, best.match


@pytest.mark.parametrize(
    ("name", "ref"),
    [
        ("Choe Ryong-hae", "us_ofac_sdn:23213"),
        ("Ch'oe Ryong Hae", "us_ofac_sdn:23213"),
        ("Choi Ryonghae", "us_ofac_sdn:23213"),
        ("최룡해", "us_ofac_sdn:23213"),
        ("崔龍海", "us_ofac_sdn:23213"),
        ("Jong Kyong Thaek", "us_ofac_sdn:23212"),
        ("Cho'ng Kyo'ng-t'aek", "us_ofac_sdn:23212"),
        ("Pak Kwang Ho", "us_ofac_sdn:26168"),
        ("Park Kwang-ho", "us_ofac_sdn:26168"),
    ],
)
def test_the_three_officials_are_found_in_any_spelling(name: str, ref: str) -> None:
    found, score, match = top(Query(name))
    assert (found, match) == (ref, True), (name, found, score)


@pytest.mark.parametrize(
    ("name", "refs"),
    [
        # Korean syllables of one or two letters written together (proscribe-v5).
        ("CHO ILU", {"un_sc:KPi.040", "us_ofac_sdn:19791"}),
        ("CHA, Tafa", {"us_ofac_sdn:11281"}),
        # Arabic compounds around the article written as one word.
        ("BAWADUQJI, Nuraldin", {"us_ofac_sdn:22128"}),
        ("AL-MASHHADANI, Saifaldin", {"un_sc:IQi.046", "us_ofac_sdn:7888"}),
    ],
)
def test_words_written_together_match_the_entries_that_write_them_apart(
    name: str, refs: set[str]
) -> None:
    result = story_screener().screen(Query(name))
    flagged = {f"{m.entity.source}:{m.entity.id}" for m in result.matches if m.match}
    assert refs <= flagged, (name, flagged)


def test_the_reporter_is_not_the_official() -> None:
    result = story_screener().screen(Query("Choe Sang-Hun", schema=Schema.PERSON))
    assert not [m for m in result.matches if m.match and m.entity.id == "23213"]


def test_explanation_names_the_alias_and_the_romanisation() -> None:
    result = story_screener().screen(
        Query("최룡해", birth_date=parse_date_spec("1950-01-15"), countries=("kp",))
    )
    best = result.matches[0]
    text = best.comparison.explanation
    assert "CHOE, Ryong Hae" in text or "CH'OE, Ryong-hae" in text
    assert "romanised as 'choe ryong hae'" in text
    assert "birth date 15 Jan 1950 equal" in text
    codes = {r["code"] for r in best.to_json(result.algorithm)["reasons"]}
    assert {"name_match", "name_transliteration_match", "birth_date_match"} <= codes


def test_a_vessel_query_never_matches_a_person() -> None:
    result = story_screener().screen(Query("Choe Ryong Hae", schema=Schema.VESSEL))
    assert all(m.entity.schema is Schema.VESSEL for m in result.matches)
    assert not any(m.match for m in result.matches)


def test_decades_apart_birth_date_lowers_the_score() -> None:
    plain = top(Query("Choe Ryong Hae"))[1]
    far = top(Query("Choe Ryong Hae", birth_date=parse_date_spec("1995")))[1]
    assert far < plain


def test_an_identifier_alone_finds_its_entry() -> None:
    result = story_screener().screen(
        Query("Someone Else", identifiers=(QueryIdentifier("381310014"),))
    )
    refs = [(m.entity.source, m.entity.id) for m in result.matches]
    assert ("un_sc", "KPi.033") in refs


def test_result_contract_shape() -> None:
    data = story_screener().screen(Query("Choe Ryong-hae", id="c-1")).to_json()
    assert data["id"] == "c-1"
    first = data["matches"][0]
    assert {
        "entity_id",
        "caption",
        "schema",
        "score",
        "match",
        "references",
        "programs",
        "explanation",
    } <= first.keys()
    assert first["references"] == [{"source": "us_ofac_sdn", "id": "23213"}]
    assert first["programs"] == ["DPRK2"]
    scores = [m["score"] for m in data["matches"]]
    assert scores == sorted(scores, reverse=True)


@pytest.mark.parametrize(
    ("name", "schema", "birth_date"),
    [
        ("AL-TIKRITI, Ibrahim Sabawi Ibeahim Hasan", None, None),
        ("AL-TIKRITI, S. H.", Schema.PERSON, "1937-04-28"),
        ("Saddam Hussein AL-TIKRITI", None, None),
    ],
)
def test_entries_covering_a_query_alike_are_all_scored(
    name: str, schema: Schema | None, birth_date: str | None
) -> None:
    # A family shares its names: a dozen AL-TIKRITI entries of each list cover these queries
    # exactly as much as each other. A cut among them by position left out the UN twin of
    # the SDN entry that matched (IQi.084, IQi.001), and entries scoring above those shown.
    born = parse_date_spec(birth_date) if birth_date else None
    query = Query(name, schema=schema, birth_date=born)
    shown = story_screener().screen(query)
    wide = story_screener().screen(query, limit=60)
    best = [m.entity.ref for m in wide.matches[:10] if m.match]
    assert best
    assert set(best) <= {m.entity.ref for m in shown.matches}


@pytest.mark.parametrize(
    ("name", "other"),
    [
        # An exact entry covers the whole query; the other entry shares the surname and a
        # given name the index's lookups miss (Drago, two edits from Dragan).
        ("NIKOLIC, Dragan", "us_ofac_sdn:7759"),
        ("FAZL-RABI", "us_ofac_sdn:12923"),  # RAHIM, Fazel
    ],
)
def test_an_entry_far_behind_the_best_is_scored_when_spelled_alike(name: str, other: str) -> None:
    # Covering half the query against the exact entry's whole, it was left unscored by the
    # gap screen() allows behind the best, though proscribe-v5 scores it over the threshold
    # (v6 takes DRAGAN / DRAGO and RABI / RAHIM, listed words two edits apart, for other
    # names, and scores it under).
    screener = story_screener()
    result = screener.screen(Query(name))
    assert other in {m.entity.ref for m in result.matches}, name
    v5 = Screener(screener.index, (), ALGORITHMS["proscribe-v5"])
    flagged = {m.entity.ref for m in v5.screen(Query(name)).matches if m.match}
    assert other in flagged, (name, flagged)
    assert len(flagged) > 1  # the exact entry too


def test_an_entry_is_compared_on_more_than_its_first_three_names_hit() -> None:
    # Seven names of SDN 9932 cover 'AL-HAMID, H. M. A.' in full; the index orders them by
    # length, and the first three align poorly (0.05). The fourth, MU'JIL, Abd al-Hamid,
    # scores a match.
    result = bench_screener().screen(Query("AL-HAMID, H. M. A."))
    flagged = {m.entity.ref for m in result.matches if m.match}
    assert "us_ofac_sdn:9932" in flagged, flagged
