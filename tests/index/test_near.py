"""Names explained whole word by word through near spellings (`index.near`)."""

from __future__ import annotations

import pytest

from proscribe.index.near import explains_near, one_edit


@pytest.mark.parametrize(
    ("query", "name", "expected"),
    [
        (["ali", "muhammad"], ["wali", "muhammad"], True),  # one letter added, one word equal
        (["muhammad", "ali"], ["wali", "muhammad"], True),  # in any order
        (["ali", "muhammad", "x"], ["wali", "muhammad"], True),  # the query may say more
        (["ali", "muhammad"], ["wali", "muhammad", "khan"], False),  # the name says more
        (["aly", "mohamad"], ["wali", "muhamed"], False),  # no word equal
        (["ali", "kim"], ["ali", "wali"], False),  # ALI meets one word only
        (["ala", "kim"], ["ali", "kim"], False),  # three letters each: no typo at all
        (["abdul", "rahman"], ["abdur", "rahman"], True),
        (["abdul", "rahman"], ["abdullah", "rahman"], False),  # three letters more
        (["ryongahe", "choe"], ["ryonghae", "choe"], True),  # neighbours swapped: one edit
    ],
)
def test_a_name_is_explained_when_each_word_meets_its_own_query_word(
    query: list[str], name: list[str], expected: bool
) -> None:
    assert explains_near(query, query, name, name) is expected


def test_keys_meet_as_the_words_do() -> None:
    # MOHAMMED and MUHAMMAD share their key: equal by it, as the index files them.
    assert explains_near(
        ["ali", "mohammed"], ["ali", "muhammad"], ["wali", "muhammad"], ["wali", "muhammad"]
    )
    assert not explains_near(
        ["ali", "mohammed"], ["ali", "mohammed"], ["wali", "xyz"], ["wali", "xyz"]
    )


def test_one_edit_is_the_matcher_s_typo_rule() -> None:
    assert one_edit("ali", "wali")
    assert one_edit("hasan", "hassan")
    assert not one_edit("ali", "ala")  # the longer under four letters
    assert not one_edit("al", "all")  # a word under three letters
    assert not one_edit("hasan", "hussain")
