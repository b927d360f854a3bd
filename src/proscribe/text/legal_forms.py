"""Legal forms of companies: recognised, set aside and made comparable.

"ACME TRADING CO., LTD.", "Acme Trading Company Limited" and "ACME TRADING CO LTD" are one
company; so are "OOO Romashka", "ООО «Ромашка»" and "Romashka LLC" (an OOO is a Russian
limited liability company). `legal_form` removes the legal form from the end of a name (or, for
the forms that are written first, such as OOO, PT and JSC, from its start) and returns its
canonical abbreviation, so that the matcher can compare the rest and the forms separately.

Canonical forms group by legal meaning where that is unambiguous: OOO, TOV (Ukraine), TOO
(Kazakhstan) and "limited liability company" are all "llc"; OAO is "ojsc", ZAO "cjsc", PAO
"pjsc", AO "jsc". "co ltd" and "company limited" stay "co ltd", distinct from "ltd": lists keep
them apart and so does company law in the jurisdictions that use them (China, Japan, Korea).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from functools import lru_cache

# canonical form: spellings (tokens joined by "_"), after `normalize` (Cyrillic stays Cyrillic).
_FORMS: dict[str, str] = {
    "co ltd": "co_ltd company_limited co_limited company_ltd co_ltd_co",
    "ltd": "ltd limited ltda limitada",
    "co": "co company compania cia",
    "corp": "corp corporation",
    "inc": "inc incorporated",
    "llc": "llc l_l_c limited_liability_company ooo ооо tov тов too тоо sp_z_o_o mchj "
    "ood оод eood еоод "
    "obshchestvo_s_ogranichennoy_otvetstvennostyu общество_с_ограниченной_ответственностью",
    "llp": "llp l_l_p limited_liability_partnership",
    "lp": "lp l_p limited_partnership",
    "plc": "plc p_l_c public_limited_company",
    "pte ltd": "pte_ltd private_limited pte_limited",
    "pvt ltd": "pvt_ltd private_ltd pvt_limited",
    "pty ltd": "pty_ltd pty_limited proprietary_limited",
    "pte": "pte",
    "pvt": "pvt",
    "pty": "pty",
    "sdn bhd": "sdn_bhd sendirian_berhad",
    "bhd": "bhd berhad",
    "tbk": "tbk terbuka",
    "pt": "pt",
    "kk": "kk kabushiki_kaisha k_k",
    "gmbh": "gmbh g_m_b_h",
    "gmbh co kg": "gmbh_co_kg gmbh_und_co_kg",
    "kg": "kg",
    "ag": "ag a_g aktiengesellschaft",
    "se": "se",
    "sa": "sa s_a societe_anonyme sociedad_anonima",
    "sa de cv": "sa_de_cv s_a_de_c_v",
    "sas": "sas s_a_s",
    "sarl": "sarl s_a_r_l",
    "srl": "srl s_r_l",
    "spa": "spa s_p_a",
    "sl": "s_l",
    "bv": "bv b_v",
    "nv": "nv n_v",
    "oy": "oy",
    "oyj": "oyj",
    "ab": "ab",
    "aps": "aps",
    "asa": "asa",
    "as": "as a_s",
    "ltd sti": "ltd_sti",
    "sro": "sro s_r_o",
    "doo": "doo d_o_o",
    "kft": "kft",
    "zrt": "zrt",
    "nyrt": "nyrt",
    "jsc": "jsc j_s_c joint_stock_company ao ао at ат",
    "ojsc": "ojsc open_joint_stock_company oao оао",
    "cjsc": "cjsc closed_joint_stock_company zao зао",
    "pjsc": "pjsc public_joint_stock_company pao пао pat пат",
    "prjsc": "prjsc private_joint_stock_company prat прат",
    "fsue": "fgup фгуп fsue federal_state_unitary_enterprise",
    "sue": "gup гуп sue state_unitary_enterprise",
    "fze": "fze",
    "fzco": "fzco",
    "fzc": "fzc",
    "fzllc": "fzllc fz_llc",
    "wll": "wll w_l_l",
    "est": "est establishment",
    "sae": "sae s_a_e",
    "saoc": "saoc",
    "saog": "saog",
    "qsc": "qsc",
    "qpsc": "qpsc",
    "bsc": "bsc",
    "psc": "psc",
}
# Chinese, Japanese and Korean forms written in Latin letters: by the word, or syllable by
# syllable as a romanised name is often spaced ("Ju Sik Hoe Sa"). Korean and Japanese write
# theirs before the name as often as after it.
_CJK_LATIN: dict[str, str] = {
    "co ltd": "youxian_gongsi youxiangongsi you_xian_gong_si yu_hsien_kung_ssu "
    "gufen_youxian_gongsi jusik_hoesa jusikhoesa chusik_hoesa chusikhoesa ju_sik_hoe_sa "
    "chu_sik_hoe_sa yuhan_gongsa yuhangongsa yu_han_gong_sa",
    "kk": "kabushiki_gaisha kabushikigaisha kabushikikaisha",
    "llc": "youxian_zeren_gongsi yuhan_hoesa yuhanhoesa godo_kaisha godokaisha",
}
# Forms that the law or custom writes before the name (ООО «Ромашка», PT Bank Mandiri).
_PREFIX_FORMS = frozenset({"llc", "jsc", "ojsc", "cjsc", "pjsc", "prjsc", "pt", "fsue", "sue"})
# The same in Chinese, Japanese and Korean script, set aside before romanisation (where a
# name written without spaces has no word to cut): "蒋科技有限公司", "주식회사 성해운",
# "佐々木商事株式会社". Longest first, so "股份有限公司" is not read as "有限公司". The
# enclosed forms (㈜, ㈱) are matched after NFKC, which writes them "(주)" and "(株)".
_CJK_FORMS: tuple[tuple[str, str], ...] = tuple(
    sorted(
        {
            "股份有限公司": "co ltd",
            "有限责任公司": "llc",
            "有限責任公司": "llc",
            "有限公司": "co ltd",
            "公司": "co",
            "株式会社": "kk",
            "有限会社": "ltd",
            "合同会社": "llc",
            "(株)": "kk",
            "会社": "co",
            "주식회사": "co ltd",
            "유한책임회사": "llc",
            "유한회사": "ltd",
            "유한공사": "co ltd",  # 有限公司 read in Korean: how Korean writes Chinese firms
            "(주)": "co ltd",
            "회사": "co",
        }.items(),
        key=lambda item: -len(item[0]),
    )
)
# Those that custom also writes before the name (주식회사 카카오, 株式会社山田); the bare
# "company" words (公司, 会社, 회사) only end one.
_CJK_FIRST = frozenset(
    {"株式会社", "有限会社", "合同会社", "(株)", "주식회사", "유한회사", "유한책임회사", "(주)"}
)


def _index(forms: dict[str, str]) -> dict[tuple[str, ...], str]:
    return {
        tuple(spelling.split("_")): canonical
        for canonical, spellings in forms.items()
        for spelling in spellings.split()
    }


CJK_SPELLINGS = frozenset(_index(_CJK_LATIN))
SPELLINGS = _index(_FORMS) | _index(_CJK_LATIN)
_LONGEST = max(len(spelling) for spelling in SPELLINGS)


def _cut_short(spellings: dict[tuple[str, ...], str]) -> dict[tuple[str, ...], str]:
    """Beginnings of two words or more of the longer spellings, each mapped to its form:
    only those that are no spelling themselves, belong to one form only and hold a word
    (single letters at the end of a name are as likely initials: "SMITH, J. S.")."""
    forms: dict[tuple[str, ...], set[str]] = {}
    for spelling, canonical in spellings.items():
        for end in range(2, len(spelling)):
            forms.setdefault(spelling[:end], set()).add(canonical)
    return {
        cut: next(iter(found))
        for cut, found in forms.items()
        if len(found) == 1 and cut not in spellings and any(len(token) > 1 for token in cut)
    }


# A legal form cut short at the end of a name, by the field limits of payment messages or a
# careless copy: "GRUPO DIJEMA, S.A. DE" is S.A. de C.V., "... JOINT STOCK" a JSC.
CUT_SHORT = _cut_short(_index(_FORMS))  # not the CJK spellings: "you xian" is a name too


def _suffix(toks: Sequence[str]) -> tuple[int, str] | None:
    for length in range(min(_LONGEST, len(toks) - 1), 0, -1):
        canonical = SPELLINGS.get(tuple(toks[-length:]))
        if canonical is not None:
            return length, canonical
    # Only when no whole form ends the name: "... S.A." stays "sa", not "sa de cv" cut short.
    for length in range(min(_LONGEST, len(toks) - 1), 1, -1):
        canonical = CUT_SHORT.get(tuple(toks[-length:]))
        if canonical is not None:
            return length, canonical
    return None


def _prefix(toks: Sequence[str]) -> tuple[int, str] | None:
    for length in range(min(_LONGEST, len(toks) - 1), 0, -1):
        spelling = tuple(toks[:length])
        canonical = SPELLINGS.get(spelling)
        if canonical is not None and (canonical in _PREFIX_FORMS or spelling in CJK_SPELLINGS):
            return length, canonical
    return None


def legal_form(toks: Sequence[str]) -> tuple[tuple[str, ...], str | None]:
    """(name tokens without the legal form, canonical legal form or None).

    The longest form at the end wins ("co ltd" over "ltd"); a form written first (OOO, PT) is
    removed too, and the canonical form then names both ("pt tbk"). A name is never reduced to
    nothing: "Limited" alone stays a name.
    """
    return _legal_form(tuple(toks))


@lru_cache(maxsize=1 << 14)
def _legal_form(rest: tuple[str, ...]) -> tuple[tuple[str, ...], str | None]:
    forms: list[str] = []
    found = _suffix(rest)
    if found is not None:
        rest, forms = rest[: -found[0]], [found[1]]
    found = _prefix(rest)
    if found is not None:
        rest, forms = rest[found[0] :], [found[1], *forms]
    return rest, " ".join(forms) if forms else None


def cjk_legal_form(text: str) -> tuple[str, str | None]:
    """(`text` without a Chinese, Japanese or Korean legal form at its end or start, the
    canonical form or None). The text is NFKC-normalised when a form is found; a name is
    never reduced to nothing: "有限公司" alone stays a name."""
    if text.isascii():
        return text, None  # most names: no form here, and nothing to normalise
    folded = unicodedata.normalize("NFKC", text).strip()
    for spelling, canonical in _CJK_FORMS:
        if folded.endswith(spelling):
            rest = folded[: -len(spelling)]
        elif spelling in _CJK_FIRST and folded.startswith(spelling):
            rest = folded[len(spelling) :]
        else:
            continue
        rest = rest.strip(" ,.-")
        if any(character.isalpha() for character in rest):
            return rest, canonical
        return text, None
    return text, None
