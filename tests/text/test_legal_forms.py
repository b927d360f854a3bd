"""legal_form: company forms recognised at the end (or start) and made comparable."""

from __future__ import annotations

import pytest

from proscribe.text import legal_form, tokens
from proscribe.text.forms import name_form
from proscribe.text.legal_forms import cjk_legal_form
from proscribe.text.weights import is_legal_word


@pytest.mark.parametrize(
    ("name", "rest", "form"),
    [
        ("Acme Trading Co., Ltd.", ("acme", "trading"), "co ltd"),
        ("Acme Trading Company Limited", ("acme", "trading"), "co ltd"),
        ("Acme Trading Ltd", ("acme", "trading"), "ltd"),
        ("Acme Trading Limited", ("acme", "trading"), "ltd"),
        ("OOO Ромашка", ("ромашка",), "llc"),
        ("ООО «Ромашка»", ("ромашка",), "llc"),
        ("Romashka LLC", ("romashka",), "llc"),
        ("Romashka Limited Liability Company", ("romashka",), "llc"),
        ("PJSC Rosneft", ("rosneft",), "pjsc"),
        ("ПАО Сбербанк", ("сбербанк",), "pjsc"),
        ("ZAO Alfa", ("alfa",), "cjsc"),
        ("Sberbank of Russia PJSC", ("sberbank", "of", "russia"), "pjsc"),
        ("Siemens AG", ("siemens",), "ag"),
        ("Nestle S.A.", ("nestle",), "sa"),
        ("Tosco Sdn. Bhd.", ("tosco",), "sdn bhd"),
        ("Kilo Pte. Ltd.", ("kilo",), "pte ltd"),
        ("Dubai Trading FZE", ("dubai", "trading"), "fze"),
        ("Acme GmbH & Co. KG", ("acme",), "gmbh co kg"),
        ("PT Bank Mandiri Tbk", ("bank", "mandiri"), "pt tbk"),
        ("Bank Melli Iran", ("bank", "melli", "iran"), None),
        ("Bullet Trade OOD", ("bullet", "trade"), "llc"),
        ("Cherno More EOOD", ("cherno", "more"), "llc"),
        # Cut short at the end, as a payment field's length limit leaves them:
        ("Grupo Dijema, S.A. de", ("grupo", "dijema"), "sa de cv"),
        ("Sepriv, S.A. de C.", ("sepriv",), "sa de cv"),
        ("Neftekhim Open Joint Stock", ("neftekhim",), "ojsc"),
        ("Severstal Public Joint", ("severstal",), "pjsc"),
    ],
)
def test_forms(name: str, rest: tuple[str, ...], form: str | None) -> None:
    assert legal_form(tokens(name)) == (rest, form)


@pytest.mark.parametrize(
    "name",
    [
        "Limited",  # a name is never emptied
        "JSC",
        "Company",
        "Smith, J. S.",  # single letters at the end may be initials, never a form cut short
        "Romashka Limited Liability",  # the start of an LLC and of an LLP: which, unknown
        "Casa de",  # a form cut short needs more than a word that may begin one
        "Limited Brands Holdings",  # forms inside a name stay
    ],
)
def test_names_left_whole(name: str) -> None:
    assert legal_form(tokens(name)) == (tokens(name), None)


@pytest.mark.parametrize(
    ("name", "rest", "form"),
    [
        ("Jiang Keji Youxian Gongsi", ("jiang", "keji"), "co ltd"),
        ("Sa Chon Gong Eop Ju Sik Hoe Sa", ("sa", "chon", "gong", "eop"), "co ltd"),
        ("Jusikhoesa Kakao", ("kakao",), "co ltd"),  # Korean forms may come first
        ("Lan Hang Yun Yu Han Gong Sa", ("lan", "hang", "yun"), "co ltd"),  # 有限公司 in Korean
        ("Toyota Jidosha Kabushiki Kaisha", ("toyota", "jidosha"), "kk"),
    ],
)
def test_chinese_japanese_and_korean_forms_in_latin_letters(
    name: str, rest: tuple[str, ...], form: str
) -> None:
    assert legal_form(tokens(name)) == (rest, form)


@pytest.mark.parametrize("name", ["ZHANG You Xian", "LI Ju Sik", "GONG Li", "HAN Song Yu"])
def test_their_syllables_are_names_too(name: str) -> None:
    # A form's syllables cut short are no form: "You Xian" and "Ju Sik" are given names.
    assert legal_form(tokens(name)) == (tokens(name), None)
    assert not any(is_legal_word(token) for token in tokens(name))


@pytest.mark.parametrize(
    ("name", "rest", "form"),
    [
        ("蒋科技有限公司", "蒋科技", "co ltd"),
        ("華信船務(香港)有限公司", "華信船務(香港)", "co ltd"),
        ("中国石油天然气股份有限公司", "中国石油天然气", "co ltd"),
        ("佐々木商事株式会社", "佐々木商事", "kk"),
        ("株式会社山田", "山田", "kk"),
        ("주식회사 성해운", "성해운", "co ltd"),
        ("화웨이기술유한공사", "화웨이기술", "co ltd"),
        ("㈜ 박김", "박김", "co ltd"),  # the enclosed form, as NFKC writes it: (주)
        ("朝鲜联合机械贸易会社", "朝鲜联合机械贸易", "co"),
    ],
)
def test_chinese_japanese_and_korean_forms_in_their_script(name: str, rest: str, form: str) -> None:
    assert cjk_legal_form(name) == (rest, form)


@pytest.mark.parametrize("name", ["有限公司", "최룡해", "Acme Co Ltd", "公司蒋科技", "회사원"])
def test_cjk_names_without_a_form_or_without_a_name_stay_whole(name: str) -> None:
    assert cjk_legal_form(name) == (name, None)


def test_the_form_is_cut_before_romanisation() -> None:
    # Written without spaces, the romanised name is one word with its form inside.
    form = name_form("蒋科技有限公司")
    assert form.legal_form == "co ltd"
    assert all("gongsi" not in token and "gong" not in token for v in form.variants for token in v)
    assert name_form("蒋科技").variants == form.variants
