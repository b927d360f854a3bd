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
    ],
)
def test_forms(name: str, rest: tuple[str, ...], form: str | None) -> None:
    assert legal_form(tokens(name)) == (rest, form)


@pytest.mark.parametrize("name", ["Limited", "JSC", "Company"])
def test_a_name_is_never_emptied(name: str) -> None:
    assert legal_form(tokens(name)) == (tokens(name), None)


def test_forms_inside_a_name_stay() -> None:
    assert legal_form(tokens("Limited Brands Holdings")) == (
        ("limited", "brands", "holdings"),
        None,
    )
