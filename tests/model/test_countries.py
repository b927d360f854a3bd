"""Country names as lists write them resolve to ISO codes; unknown names are not guessed."""

from __future__ import annotations

import pytest

from proscribe.model import country_code, country_name


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("Korea, North", "kp"),
        ("Democratic People's Republic of Korea", "kp"),
        ("Iran (Islamic Republic of)", "ir"),
        ("Russian Federation", "ru"),
        ("Burma", "mm"),
        ("Syrian Arab Republic", "sy"),
        ("Congo, Democratic Republic of the", "cd"),
        ("KP", "kp"),
        ("IRQ", "iq"),
        ("  germany ", "de"),
    ],
)
def test_list_spellings_resolve(name: str, code: str) -> None:
    assert country_code(name) == code


def test_unknown_names_are_not_guessed() -> None:
    assert country_code("Atlantis") is None
    assert country_code("") is None


def test_readable_name() -> None:
    assert country_name("kp") == "North Korea"
    assert country_name("zz") == "ZZ"


def test_every_code_we_give_is_read_back() -> None:
    # Kosovo is XK in every list that names it; pycountry does not know the code.
    assert country_code("Kosovo") == country_code("XK") == country_code("xk") == "xk"
    given = {country_code(name) for name in ("Kosovo", "Netherlands Antilles", "UK", "Burma")}
    assert all(code is not None and country_code(code) == code for code in given)
