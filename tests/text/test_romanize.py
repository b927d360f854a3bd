"""romanizations: every plausible Latin rendering of a name, per script."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from proscribe.text import canonical_token, normalize, romanizations, romanize, script_of, tokens
from proscribe.text.cyrillic import (
    RUSSIAN_STANDARDS,
    UKRAINIAN_2010,
    romanize_cyrillic,
    transliterate,
)
from proscribe.text.hangul import romanize_hangul
from proscribe.text.romanize import LIMIT

# Latin-1 letters, digits and punctuation; the micro sign is Greek mu once NFKC-normalised.
latin_text = st.text(
    alphabet=st.characters(
        codec="latin-1",
        categories=("Lu", "Ll", "Nd", "Zs", "Pd", "Po"),
        exclude_characters="µ",
    ),
)


@given(latin_text)
def test_latin_input_is_its_normal_form(text: str) -> None:
    expected = (normalize(text),) if normalize(text) else ()
    assert romanizations(text) == expected


@given(st.text())
def test_renderings_are_normalised_unique_and_bounded(text: str) -> None:
    renderings = romanizations(text)
    assert len(renderings) <= LIMIT
    assert len(set(renderings)) == len(renderings)
    for rendering in renderings:
        assert rendering
        assert normalize(rendering) == rendering
        assert script_of(rendering) in ("Latin", None)


def test_hangul_in_every_system_split_and_joined() -> None:
    renderings = romanizations("최룡해")
    assert renderings[0] == "choe ryong hae"
    assert "choe ryonghae" in renderings
    assert "choi ryong hae" in renderings  # common South Korean spelling of the surname


@pytest.mark.parametrize(
    ("hangul", "expected"),
    [
        ("김정은", ["gim jeong eun", "kim chong un", "kim jong un", "kim jongun"]),
        ("장성택", ["jang seong taek", "chang song taek", "jang song thaek"]),
        ("박지성", ["bak ji seong", "pak chi song", "park ji sung"]),
        ("이민호", ["i min ho", "lee min ho", "lee minho"]),
        ("김여정", ["kim yo jong"]),
        ("최선희", ["choe son hui"]),
        ("리영호", ["ri yong ho"]),
        ("남궁민수", ["namgung min su", "namgung minsu"]),
        ("김 정은", ["kim jong un", "kim jongun"]),
    ],
)
def test_hangul_names(hangul: str, expected: list[str]) -> None:
    renderings = romanizations(hangul)
    for rendering in expected:
        assert rendering in renderings


def test_hangul_renderings_in_order_each_system_split_then_joined() -> None:
    # Made from each word's renderings: the order is still system by system, split first.
    assert romanize_hangul(("김", "정은")) == [
        "gim jeong eun",
        "gim jeongeun",
        "kim chong un",
        "kim chongun",
        "kim jong un",
        "kim jongun",
        "kim jung eun",
        "kim jungeun",
    ]
    assert romanize_hangul(("남궁민수",)) == [
        "namgung min su",
        "namgung minsu",
        "namgoong min soo",
        "namgoong minsoo",
    ]


def test_hangul_words_not_of_syllables_are_left_for_the_fallback() -> None:
    # Bare jamo are not syllables: kept as they are in every rendering, for anyascii.
    assert romanize_hangul(("김", "ㅈㅇ")) == ["gim ㅈㅇ", "kim ㅈㅇ"]
    assert romanizations("김 ㅈㅇ")[0].startswith("gim ")


def test_han_characters_read_as_korean_mandarin_and_wade_giles() -> None:
    renderings = romanizations("崔龍海")
    assert "choe ryong hae" in renderings  # Korean reading, as written in the North
    assert "choe ryonghae" in renderings
    assert "choe yong hae" in renderings  # with the South's initial-sound law
    assert "cui long hai" in renderings  # pinyin
    assert "cui longhai" in renderings
    assert "tsui lung hai" in renderings  # Wade-Giles


@pytest.mark.parametrize(
    ("han", "expected"),
    [
        ("金正恩", ["kim jong un"]),
        ("习近平", ["xi jinping", "xi jin ping", "hsi chin ping"]),
        ("毛泽东", ["mao zedong", "mao tse tung"]),
        ("单雄信", ["shan xiongxin"]),  # surname reading, not the everyday "dan"
        ("欧阳修", ["ouyang xiu"]),  # two-character surname
        ("山田太郎", ["yamada taro"]),  # Japanese, from the table of names
    ],
)
def test_han_names(han: str, expected: list[str]) -> None:
    renderings = romanizations(han)
    for rendering in expected:
        assert rendering in renderings


@pytest.mark.parametrize(
    ("cyrillic", "expected"),
    [
        ("Владимир Путин", ["vladimir putin"]),
        ("Дмитрий Медведев", ["dmitry medvedev", "dmitriy medvedev", "dmitrii medvedev"]),
        ("Юлия Тимошенко", ["yulia timoshenko", "yuliya timoshenko", "iuliia timoshenko"]),
        ("Евгений Пригожин", ["yevgeny prigozhin", "evgenii prigozhin"]),
        ("Алексей Навальный", ["aleksey navalny", "aleksei navalnyi"]),
        ("Віктор Ющенко", ["viktor yushchenko"]),  # Ukrainian letters: Ukrainian first
        ("Володимир Зеленський", ["volodymyr zelenskyi"]),  # Ukrainian also without them
        ("Сергей Шойгу", ["sergey shoygu", "sergei shoigu"]),
    ],
)
def test_cyrillic_standards(cyrillic: str, expected: list[str]) -> None:
    renderings = romanizations(cyrillic)
    for rendering in expected:
        assert rendering in renderings


def test_ukrainian_letters_put_the_ukrainian_system_first() -> None:
    assert romanizations("Віктор Ющенко")[0] == "viktor yushchenko"
    assert romanizations("Олександр Ющенко")[0] == "oleksandr yushchenko"


def test_arabic_reaches_the_latin_spelling_through_variant_keys() -> None:
    renderings = romanizations("محمد")
    keys = {canonical_token(token) for rendering in renderings for token in rendering.split()}
    assert canonical_token("muhammad") in keys
    assert canonical_token("mohammed") in keys


@pytest.mark.parametrize(
    ("arabic", "expected"),
    [
        ("محمد علي", "muhammad ali"),
        ("أحمد حسن", "ahmad hasan"),
        ("عبد الله", "abd allah"),
        ("أبو بكر البغدادي", "abu bakr al baghdadi"),
        ("أسامة بن لادن", "usama bin ladin"),
        ("راشد", "rashid"),  # pattern CaCiC, not in the table
        ("منصور", "mansur"),
        ("قاسم سلیمانی", "qasim soleimani"),  # Persian yeh
    ],
)
def test_arabic_first_reading(arabic: str, expected: str) -> None:
    assert romanizations(arabic)[0] == expected


def test_greek_elot_and_phonetic() -> None:
    assert romanizations("Αλέξανδρος") == ("alexandros", "aleksandros")
    assert romanizations("Ευάγγελος Βενιζέλος")[0] == "evangelos venizelos"
    assert "bakogianni" in romanizations("Μπακογιάννη")


def test_hebrew_names_and_letters() -> None:
    assert romanizations("משה") == ("moshe",)
    assert romanizations("דוד") == ("david",)
    assert romanizations("אביגדור ליברמן") == ("avigdor livrmn",)


def test_other_scripts_through_anyascii() -> None:
    assert romanizations("ქართული") == ("kartuli",)
    assert romanizations("やまだ") == ("yamada",)


def test_mixed_scripts_romanise_each_run() -> None:
    renderings = romanizations("Kim 正恩")
    assert renderings[0].startswith("kim ")
    assert "kim jong un" in renderings
    assert tokens(romanizations("Ali Хасанов")[0]) == ("ali", "khasanov")


def test_no_letters() -> None:
    assert romanizations("") == ()
    assert romanizations("--") == ()
    assert romanizations("123") == ("123",)


@pytest.mark.parametrize("cyrillic", ["дмитрий медведев", "віктор ющенко", "юлия ёлкина", "ий"])
def test_cyrillic_renderings_are_each_standards_transliteration(cyrillic: str) -> None:
    # romanize_cyrillic renders word by word (cached); transliterate, the whole name.
    words = tuple(cyrillic.split())
    ukrainian = any(char in "іїєґ" for char in cyrillic)
    russian_first = (*RUSSIAN_STANDARDS, UKRAINIAN_2010)
    order = (UKRAINIAN_2010, *RUSSIAN_STANDARDS) if ukrainian else russian_first
    expected = list(dict.fromkeys(transliterate(words, standard) for standard in order))
    assert romanize_cyrillic(words) == expected


def test_remembered_renderings_are_the_renderings_and_the_cache_stays_bounded(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(romanize, "ROMANIZED_CACHE", 2)
    monkeypatch.setattr(romanize, "_ROMANIZED", {})
    # Each text twice in a row: the second call is answered from the cache; the third text
    # fills it past its bound, which clears it.
    texts = ["최룡해", "최룡해", "崔龍海", "崔龍海", "Владимир Путин", "Владимир Путин"]
    hits = 0
    for text in texts:
        hits += normalize(text) in romanize._ROMANIZED
        assert romanizations(text) == romanize._romanized(normalize(text))
        assert len(romanize._ROMANIZED) <= 2
    assert hits == 3
