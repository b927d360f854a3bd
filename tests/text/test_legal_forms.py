"""legal_form: company forms recognised at the end (or start) and made comparable."""

from __future__ import annotations

import pytest

from proscribe.text import legal_form, tokens


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
