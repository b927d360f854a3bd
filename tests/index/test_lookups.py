"""The index's typo lookups find what comparing every list token would."""

from __future__ import annotations

import pytest
from rapidfuzz.distance import OSA

from proscribe.index import Index
from proscribe.index.build import COMMON_DF
from proscribe.index.filing import INITIALS_BITS, INITIALS_MOST, initials_counts
from proscribe.model import Query, Schema, parse_date_spec
from proscribe.text.forms import name_form
from tests.engine import bench_screener, story_screener


def two_edits_by_hand(index: Index, token: str) -> list[str]:
    """Every long list token two edits away or nearer, of a length two apart at most, that
    begins with one of the token's first two letters or has one of them second."""
    letters = set(token[:2])
    found = {
        other
        for bucket in index.long_tokens.values()
        for other in bucket
        if abs(len(other) - len(token)) <= 2
        and (other[0] in letters or other[1] in letters)
        and OSA.distance(token, other) <= 2
    }
    return sorted(found)


def test_two_edits_finds_what_every_bucket_holds() -> None:
    index = story_screener().index
    for token in ("pescarbqava", "tavkoli", "ryonghaee", "mohammadreza", "abdulrahmaan", "xq"):
        assert index._two_edits(token) == two_edits_by_hand(index, token), token


def test_initials_whose_key_is_a_surname_open_no_candidates() -> None:
    # "O." and "U." share keys with the Korean surnames Oh and Woo: as initials they must
    # not open every name holding an O, which pushed KOZYURA out of the candidates.
    screener = story_screener()
    for query, ref in (
        ("KOZYURA, O. G.", "us_ofac_sdn:16949"),
        ("KHANANI, O. A.", "us_ofac_sdn:19969"),
    ):
        best = screener.screen(Query(query)).matches[0]
        assert (best.entity.ref, best.match) == (ref, True), query


def test_initials_do_not_make_the_other_words_common() -> None:
    # 'AL-HASAN, S. Hasan': every word but the initial is common, so the common words open
    # candidates; the "S" alone must not, or only names holding an "S" are reached.
    index = story_screener().index
    form = name_form("AL-HASAN, S. Hasan", True)
    names, cover = index._cover(form.variants[0], form.keys[0])
    (entity,) = [i for i, e in enumerate(index.entities) if e.ref == "us_ofac_sdn:20947"]
    listed = {int(p) for p in names} & set(index.entity_names[entity])
    assert listed
    assert max(float(cover[list(names).index(p)]) for p in listed) == pytest.approx(1.0)


def test_names_that_cover_a_query_alike_are_ranked_by_its_initials() -> None:
    # Every AL-TIKRITI name covers 'R. S. H. AL-TIKRITI' alike: Rana Saddam Hussein, listed
    # by OFAC and the UN, must be among the candidates, not the entries listed first.
    screener = story_screener()
    query = Query("R. S. H. AL-TIKRITI")
    forms = (name_form(query.name),)
    found = screener.index.candidates(query, forms, limit=10, min_coverage=0.3)
    captions = [screener.index.entities[c.entity].caption.upper() for c in found]
    assert sum("RANA" in caption for caption in captions) == 2, captions
    coverages = [c.coverage for c in found]
    assert coverages == sorted(coverages, reverse=True)  # coverage still ranks first


def test_each_initial_needs_a_word_of_its_own() -> None:
    # Some fifty AL-TIKRITI entries cover 'AL-TIKRITI, S. A. A.' alike, and most hold an S
    # and an A (SADDAM, AL): SA'D ABD-AL-MAJID AL-FAISAL AL-TIKRITI (UN and OFAC), which the
    # matcher scores a match, has a word for each initial beside the AL the query spells out.
    # Counted as letters held, it was 44th.
    index = bench_screener().index
    found = offered(index, "AL-TIKRITI, S. A. A.")
    assert {"un_sc:IQi.055", "us_ofac_sdn:7897"} <= set(found), found


def test_an_entry_offered_brings_the_names_the_ranking_left_out() -> None:
    # Its Latin name ties with some fifty AL-TIKRITI names covering the query in full; its
    # Arabic-script name covers 0.85 (TAKRITI) and was not ranked, yet it is the one the
    # matcher scores a match (its renderings are shorter: SD ABD ALMJID ALFISL ALTKRITI).
    screener = bench_screener()
    index = screener.index
    query = Query("AL-TIKRITI, S. A. A.", birth_date=parse_date_spec("1944"))
    found = index.candidates(query, [name_form(query.name, None)], limit=10, min_coverage=0.3)
    [entry] = [c for c in found if index.entities[c.entity].ref == "un_sc:IQi.055"]
    texts = [index.names[p].full for p in entry.names]
    assert texts[0] == "SA'D ABD-AL-MAJID AL-FAISAL AL-TIKRITI"
    assert texts[1:] == ["سعد عبد المجيد الفيصل التكريتي"]
    matched = {m.entity.ref for m in screener.screen(query).matches if m.match}
    assert "un_sc:IQi.055" in matched


def test_initials_counts_packs_the_most_words_a_rendering_begins_with_each_letter() -> None:
    counts = initials_counts([["sad", "abd", "al", "al", "al", "faisal"], ["sa", "x1"]])
    held = {chr(97 + n): (counts >> (INITIALS_BITS * n)) & INITIALS_MOST for n in range(26)}
    assert {letter: n for letter, n in held.items() if n} == {"s": 1, "a": 3, "f": 1, "x": 1}


def offered(index: Index, name: str) -> list[str]:
    """The entries the index offers screen() for `name` (refs, best first)."""
    found = index.candidates(Query(name), [name_form(name, None)], limit=10, min_coverage=0.3)
    return [index.entities[c.entity].ref for c in found]


def test_a_word_near_a_common_word_ranks_the_entry_holding_both_first() -> None:
    # HASAN is in hundreds of names: one edit from it, JASAN opens none of them, and the
    # typo of AMMAR alone tied HASAN, Ammar with every other entry holding an Ammar (it was
    # 20th). The common word near the first adds to the names the second opened.
    index = bench_screener().index
    assert len(index._postings("hasan")) > COMMON_DF
    assert "us_ofac_sdn:21926" in offered(index, "JASAN, Amnmar")[:3]


def test_a_word_folded_to_a_sound_alike_reaches_it() -> None:
    # DZH and J are one sound in transliterations of Cyrillic (Дж): DZHINMYONG is three edits
    # from JINMYONG and begins with another letter, yet shares its phonetic key once folded.
    index = story_screener().index
    assert offered(index, "DZHINMYONG JOINT BANK")[0] == "us_ofac_sdn:23006"


def test_a_word_one_slip_from_two_list_words_written_as_one_reaches_them() -> None:
    # The index files RI, Jong Chol's JONG CHOL joined as JONGCHOL, without a typo lookup of
    # its own: 'Songchol' is one slip from it, and JO, Kyong-Chol's KYONGCHOL one letter
    # more than 'YONGCHOL'. Both entries score a match; the common surnames alone tied them
    # with dozens of others.
    index = bench_screener().index
    assert "us_ofac_sdn:18668" in offered(index, "RI, Songchol")
    assert "us_ofac_sdn:23090" in offered(index, "JO YONGCHOL")


def test_a_list_word_offers_the_names_holding_its_beginning() -> None:
    # CANALVE is a list word (CANALVE LTDA., alias of CANALES VENECIA LTDA.), and CANAL S.A.
    # scores 0.5 against it, a word cut short: beginnings were looked up for unknown words
    # only, and brute force flagged an entry the index never offered.
    screener = bench_screener()
    index = screener.index
    assert "canalve" in index.token_ids
    assert "us_ofac_sdn:10241" in offered(index, "CANALVE LTDA.")
    matched = {m.entity.ref for m in screener.screen(Query("CANALVE LTDA.")).matches if m.match}
    assert {"us_ofac_sdn:11558", "us_ofac_sdn:10241"} <= matched


def test_a_name_the_query_explains_whole_is_offered_beyond_the_ranking() -> None:
    # UN KPi.040's alias Cho Ch'o'l holds two of the query's three words: it covers 0.66 of
    # the query where some twenty entries sharing CHOL and a near YONG cover 0.86 and more,
    # and came 25th; the matcher scores it a match with the birth date (the query explains
    # all of the alias). Offered beyond the ten, with its OFAC twin.
    screener = bench_screener()
    index = screener.index
    query = Query("CHO, Kyo'ng-ch'o'l", birth_date=parse_date_spec("1944/1945"))
    found = index.candidates(query, [name_form(query.name, None)], limit=10, min_coverage=0.3)
    extra = {index.entities[c.entity].ref for c in found if c.explained}
    assert {"un_sc:KPi.040", "us_ofac_sdn:19791"} <= extra
    assert sum(not c.explained for c in found) >= 10
    matched = {m.entity.ref for m in screener.screen(query).matches if m.match}
    assert {"un_sc:KPi.040", "us_ofac_sdn:19791"} <= matched


def test_an_initial_counts_for_the_word_it_may_stand_for_in_a_name_explained_whole() -> None:
    # SDN 28697's alias AL-ADNANI, Muhammad: the query's AL and ADNANI meet two of its words,
    # and its initial M (which weighs nothing in the coverage) may stand for the third. By
    # coverage the entry came 11th, behind eight entries holding ABU, AL and a word near
    # ADNANI; the matcher flags it.
    screener = bench_screener()
    index = screener.index
    query = Query("AL-ADNANI, Abu M.", Schema.PERSON)
    found = index.candidates(query, [name_form(query.name, None)], limit=10, min_coverage=0.3)
    assert "us_ofac_sdn:28697" in {index.entities[c.entity].ref for c in found if c.explained}
    assert sum(not c.explained for c in found) >= 10
    assert "us_ofac_sdn:28697" in {m.entity.ref for m in screener.screen(query).matches if m.match}
    # The same query without the initial explains no more than two of the alias's words.
    bare = Query("AL-ADNANI, Abu", Schema.PERSON)
    found = index.candidates(bare, [name_form(bare.name, None)], limit=10, min_coverage=0.3)
    assert "us_ofac_sdn:28697" not in {index.entities[c.entity].ref for c in found}


def test_a_name_explained_word_by_word_through_a_near_spelling_is_offered() -> None:
    # WALI, Mohammad (SDN 13125; Mohammad Wali, MOHAMMED, Wali and Wali Mohammad on UN TAi.078,
    # SDN 15831 and UN TAi.007): the query's words are both common, so ALI's near spellings
    # were never looked up and the entries covered the query through MOHAMMAD alone, as
    # hundreds of others do (not among the first 300). The matcher pairs ALI with WALI and
    # flags all four (0.69). ALI's list words one edit away now add to the names opened, and
    # a name whose every word a word of the query meets, equal or one edit away, is offered.
    screener = bench_screener()
    index = screener.index
    wali = {"us_ofac_sdn:13125", "us_ofac_sdn:15831", "un_sc:TAi.007", "un_sc:TAi.078"}
    for name in ("ALI, Mohammad", "Muhammad 'ALI"):
        query = Query(name)
        found = index.candidates(query, [name_form(name, None)], limit=10, min_coverage=0.3)
        assert wali <= {index.entities[c.entity].ref for c in found}, name
        assert wali <= {m.entity.ref for m in screener.screen(query).matches if m.match}, name
