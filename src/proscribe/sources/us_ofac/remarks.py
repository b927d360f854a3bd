"""OFAC's Remarks field, split into structured facts.

The legacy CSV puts everything that has no column of its own in one Remarks string of
semicolon-separated fragments, each `<label> <value>`, optionally prefixed `alt.`:

    DOB 15 Jan 1950; alt. DOB circa 1951; POB Pyongyang, Korea, North; nationality Korea,
    North; Gender Male; Passport 381310014 (Korea, North) issued 2010 expires 2015;
    Vessel Registration Identification IMO 9123456; Linked To: KOREA MINING CO.;
    Secondary sanctions risk: ...; a.k.a. 'KIM'.

`parse_remarks` turns the fragments it knows into `RemarkFacts`; the rest is returned as
`unparsed` (the caller keeps the whole string as the designation's remarks anyway, so nothing
is lost). A fragment whose value cannot be read (`DOB 31 Feb 1970`, a passport with no number)
is unparsed, never an error: publisher slips must not stop a list from loading.

OFAC convention worth knowing: the remarks' `a.k.a. 'X'` are the *weak* (low-quality)
aliases. The strong ones are in alt.csv only; in OFAC's XML of the same publication every
remarks a.k.a. carries `category weak` (checked on the 2018-04-06 consolidated list: 44 of 44
that could be paired).

Called for every row of the list, so labels are found by a dictionary lookup on the first word
and a handful of `startswith`, with no regular expressions.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum
from functools import lru_cache

from proscribe.model import (
    Country,
    CountryRole,
    DateSpec,
    Identifier,
    IdentifierType,
    Link,
    Name,
    NameKind,
    parse_date_spec,
)
from proscribe.sources.us_ofac.map import (
    no_value,
    ofac_country,
    place_country,
    split_country_suffix,
)


@dataclass(slots=True)
class RemarkFacts:
    """What a Remarks string says, in model terms. Lists keep the order of the remarks."""

    birth_dates: list[DateSpec] = field(default_factory=list)
    birth_places: list[str] = field(default_factory=list)
    countries: list[Country] = field(default_factory=list)
    gender: str | None = None
    identifiers: list[Identifier] = field(default_factory=list)
    names: list[Name] = field(default_factory=list)  # remarks aliases, `full` only
    links: list[Link] = field(default_factory=list)  # targets as written, no ids yet
    extra: dict[str, list[str]] = field(default_factory=dict)  # FtM property -> values
    unparsed: list[str] = field(default_factory=list)

    def add_extra(self, key: str, text: str) -> None:
        self.extra.setdefault(key, []).append(text)


class Kind(Enum):
    """How the value after a label is read."""

    DOB = "dob"
    POB = "pob"
    COUNTRY = "country"  # a country with a role (nationality, citizen, flag)
    GENDER = "gender"
    IDENTIFIER = "identifier"  # `<value> (<Country>) issued <date> expires <date>`
    CRYPTO = "crypto"  # `Digital Currency Address - XBT <address>`
    NAME = "name"  # `a.k.a. 'X'`
    PLAIN_NAME = "plain_name"  # a name without quotes (`Issuer Name China Telecom Corp Ltd`)
    LINK = "link"
    TEXT = "text"  # the value, as text, under an FtM property
    DATE = "date"  # the value as an ISO date when readable, else as text
    COUNTRY_TEXT = "country_text"  # the value as a country code when known, else as text
    NOTE = "note"  # the whole fragment (its label is part of the meaning)
    CONTINUATION = "continuation"  # the rest of the note before it, which held a semicolon
    IGNORE = "ignore"  # understood, carries nothing to keep beyond the remarks


@dataclass(frozen=True, slots=True)
class Rule:
    label: str  # lower case, as matched
    kind: Kind
    target: str = ""  # FtM property (TEXT/DATE/COUNTRY_TEXT/NOTE) or enum value name


def _rules(kind: Kind, target: str, *labels: str) -> list[Rule]:
    return [Rule(label, kind, target) for label in labels]


def _labels(text: str) -> tuple[str, ...]:
    """Labels written one after another, separated by semicolons (no label holds one)."""
    return tuple(" ".join(label.split()) for label in text.split(";") if label.strip())


# Identifier labels as OFAC writes them (lower case), by type. The label is kept on the
# Identifier, so "Cedula No." and "D.N.I." stay apart although both are national ids.
_IDENTIFIER_LABELS: dict[IdentifierType, tuple[str, ...]] = {
    IdentifierType.PASSPORT: _labels("""
        passport; diplomatic passport; passport booklet; service passport;
        travel document number"""),
    IdentifierType.NATIONAL_ID: _labels("""
        national id no.; national id number; cedula no.; d.n.i.; identification number;
        personal id card; personal id number; c.u.r.p.; curp #; birth certificate number;
        national foreign id number; citizen's card number; turkish identification number;
        turkish identificiation number; numero de identidad; c.u.i.; kenyan id no.; ssn;
        credencial electoral; i.f.e.; electoral registry no.; le number; residency number;
        uae identification; id no.; bosnian personal id no.; moroccan personal id no.;
        refugee id card; nie; tazkira national id card"""),
    IdentifierType.TAX_ID: _labels("""
        tax id no.; tax id; nit #; n.i.t. #; ruc #; r.u.c. #; rif #; r.f.c.; rfc;
        v.a.t. number; c.u.i.t.; cuit; c.i.f.; us fein; italian fiscal code; rtn; inn;
        paraguayan tax identification number;
        numero unico de identificacao tributaria (nuit)"""),
    IdentifierType.REGISTRATION: _labels("""
        registration number; registration id; company number; uk company number;
        business registration number; business registration document #;
        commercial registry number; commercial register number; folio mercantil no.;
        matricula mercantil no; matricula mercantil no.; government gazette number;
        chamber of commerce number; istanbul chamber of comm. no.;
        dubai chamber of commerce membership no.; c.r. no.; trade license no.; license;
        economic register number (cbls); enterprise number; legal entity number;
        d-u-n-s number; unified social credit code (uscc);
        united social credit code certificate (usccc); public registration number;
        certificate of incorporation number; business number;
        central registration system number; registered charity no.; branch unit number;
        organization code; file number; permit number; sre permit no.; company id no.;
        afghan money service provider license number;
        aircraft tail number; previous aircraft tail number"""),
    IdentifierType.IMO: _labels("""
        vessel registration identification imo; vessel registration identification;
        identification number imo; company number imo; imo"""),
    IdentifierType.MMSI: ("mmsi",),
    IdentifierType.CALL_SIGN: ("other vessel call sign", "vessel call sign"),
    IdentifierType.SWIFT_BIC: ("swift/bic",),
    IdentifierType.AIRCRAFT_SERIAL: _labels("""
        aircraft manufacturer's serial number (msn);
        aircraft construction number (also called l/n or s/n or f/n);
        aircraft serial identification"""),
    IdentifierType.OTHER: _labels("""
        bik (ru); driver's license no.; cartilla de servicio militar nacional;
        immigration no.; visanumberid; chinese commercial code;
        aircraft mode s transponder code; isin"""),
}

# Labels whose whole fragment is a sanctions note: what applies and under which authority.
_SECONDARY = _labels("secondary sanctions risk; additional sanctions information -")
_PROVISIONS = _labels("""
    transactions prohibited for persons owned or controlled by u.s. financial institutions;
    executive order; caatsa section; ifca determination -; listing date; effective date;
    peesa information; eo 14024 directive information; purchase/sales for divestment date""")
# Boilerplate with no fact beyond the remarks text itself. Fax numbers have no FtM slot;
# an arrest is an event with no slot either. The remarks keep both.
_IGNORED = _labels("""
    all offices worldwide; all branches worldwide; and all other locations worldwide;
    fax; fax no.; arrested""")
_MORE_INFORMATION = _labels("""
    for more information on directives, please visit the following link;
    for more information, please see;
    for more information, please reference the following link""")
# Family ties OFAC states in words; they become links with the wording as the relation.
_FAMILY = _labels("""
    wife of; husband of; son of; daughter of; child of; brother of; sister of;
    half-brother of; half-sister of; father of; mother of""")


def _all_rules() -> list[Rule]:
    rules = [
        Rule("dob", Kind.DOB),
        Rule("pob", Kind.POB),
        Rule("gender", Kind.GENDER),
        Rule("nationality", Kind.COUNTRY, CountryRole.NATIONALITY.name),
        Rule("citizen", Kind.COUNTRY, CountryRole.CITIZENSHIP.name),
        Rule("nationality of registration", Kind.COUNTRY, CountryRole.FLAG.name),
        Rule("other vessel flag", Kind.COUNTRY, CountryRole.FLAG.name),
        Rule("a.k.a.", Kind.NAME, NameKind.WEAK_ALIAS.name),
        # Every remarks name is weak, former ones included (as OFAC's XML marks them).
        Rule("f.k.a.", Kind.NAME, NameKind.WEAK_ALIAS.name),
        Rule("n.k.a.", Kind.NAME, NameKind.WEAK_ALIAS.name),
        Rule("linked to", Kind.LINK, "linked_to"),
        *_rules(Kind.LINK, "", *_FAMILY),
        Rule("digital currency address -", Kind.CRYPTO),
        Rule("issuer name", Kind.PLAIN_NAME, NameKind.ALIAS.name),
        Rule("u.s. persons must continue to block", Kind.CONTINUATION),
        *_rules(Kind.TEXT, "website", "website"),
        *_rules(Kind.TEXT, "sourceUrl", *_MORE_INFORMATION),
        *_rules(Kind.TEXT, "ticker", "equity ticker"),
        # Non-SDN Palestinian Legislative Council members: the party and constituency.
        *_rules(Kind.NOTE, "political", "hamas -", "pflp"),
        *_rules(Kind.TEXT, "email", "email address", "email"),
        *_rules(Kind.TEXT, "phone", "phone number", "telephone", "telephone no.", "phone"),
        *_rules(Kind.TEXT, "position", "position"),
        *_rules(Kind.TEXT, "sector", "organization type"),
        *_rules(Kind.TEXT, "classification", "target type"),
        *_rules(Kind.TEXT, "ethnicity", "ethnicity", "tribe"),
        *_rules(Kind.TEXT, "model", "aircraft model"),
        *_rules(Kind.TEXT, "operator", "aircraft operator"),
        *_rules(Kind.TEXT, "type", "other vessel type"),
        *_rules(Kind.DATE, "incorporationDate", "organization established date"),
        *_rules(Kind.DATE, "buildDate", "aircraft manufacture date", "vessel year of build"),
        *_rules(Kind.COUNTRY_TEXT, "pastFlags", "former vessel flag"),
        *_rules(Kind.NOTE, "secondarySanctions", *_SECONDARY),
        *_rules(Kind.NOTE, "provisions", *_PROVISIONS),
        # Tribunal status of ICTY indictees ("ICTY indictee at large", "... in custody").
        *_rules(Kind.NOTE, "status", "icty indictee"),
        *_rules(Kind.NOTE, "position", "member eta"),
        *_rules(Kind.IGNORE, "", *_IGNORED),
    ]
    for id_type, labels in _IDENTIFIER_LABELS.items():
        rules.extend(_rules(Kind.IDENTIFIER, id_type.name, *labels))
    return rules


def _first_word(text: str) -> str:
    return text.split(" ", 1)[0].rstrip(":")


def _index(rules: list[Rule]) -> dict[str, tuple[Rule, ...]]:
    """Rules by their label's first word, longest label first (so `passport booklet` is
    tried before `passport`)."""
    index: dict[str, list[Rule]] = {}
    for rule in rules:
        index.setdefault(_first_word(rule.label), []).append(rule)
    return {
        word: tuple(sorted(found, key=lambda rule: -len(rule.label)))
        for word, found in index.items()
    }


_RULES = _index(_all_rules())


def split_remarks(remarks: str) -> list[str]:
    """The fragments of a Remarks string, without the full stop OFAC ends it with.

    Split on every semicolon: OFAC's values never hold one, and a few remarks miss the space
    after it (`nationality possibly Palestinian;arrested 23 Apr 2002`).
    """
    text = " ".join(remarks.split())
    if text.endswith("."):
        text = text[:-1]
    return [part.strip() for part in text.split(";") if part.strip()]


def find_rule(fragment: str) -> tuple[Rule, str, str] | None:
    """The rule for a fragment, its label as written, and the value after the label.

    An `alt.` prefix (an alternative value of the same fact) is dropped.
    """
    text = fragment[5:] if fragment[:5].lower() == "alt. " else fragment
    lowered = text.lower()
    for rule in _RULES.get(_first_word(lowered), ()):
        end = len(rule.label)
        if lowered.startswith(rule.label) and (end == len(lowered) or lowered[end] in " :"):
            return rule, text[:end], text[end:].lstrip(" :")
    return None


def parse_remarks(remarks: str | None, *, truncated: bool = False) -> RemarkFacts:
    """The facts of a Remarks string. `truncated`: the string was cut by the publisher, so
    its last fragment is incomplete and only kept as text."""
    facts = RemarkFacts()
    if not remarks:
        return facts
    fragments = split_remarks(remarks)
    if truncated and fragments:
        facts.unparsed.append(fragments.pop())
    open_note: str | None = None  # the extra key of a note the next fragment may continue
    for fragment in fragments:
        found = find_rule(fragment)
        kind = found[0].kind if found is not None else None
        if kind is Kind.CONTINUATION and open_note is not None:
            # `Additional Sanctions Information - Not on the SDN List ...; U.S. Persons Must
            # Continue to Block ...` is one note holding a semicolon: glue it back together.
            notes = facts.extra[open_note]
            notes[-1] = f"{notes[-1]}; {fragment}"
            continue
        open_note = found[0].target if found is not None and kind is Kind.NOTE else None
        if not _parse(fragment, found, facts):
            facts.unparsed.append(fragment)
    return facts


def parse_fragment(fragment: str, facts: RemarkFacts) -> bool:
    """Add what one fragment says to `facts`; False if it is not understood."""
    return _parse(fragment, find_rule(fragment), facts)


def _parse(fragment: str, found: tuple[Rule, str, str] | None, facts: RemarkFacts) -> bool:
    if found is None:
        return _bare_website(fragment, facts)
    rule, label, rest = found
    if rule.kind is Kind.NOTE:
        note = fragment[5:] if fragment[:5].lower() == "alt. " else fragment
        facts.add_extra(rule.target, note)
        return True
    if rule.kind is Kind.IGNORE:
        return True
    if rule.kind is Kind.CONTINUATION or not rest:
        return False  # a continuation with no note before it stays text
    return _apply(rule, label, rest, facts)


def _bare_website(fragment: str, facts: RemarkFacts) -> bool:
    """Older remarks write `http://www.example.com (website)`."""
    if not fragment.lower().endswith(" (website)"):
        return False
    facts.add_extra("website", fragment[: -len(" (website)")].strip())
    return True


def _apply(rule: Rule, label: str, rest: str, facts: RemarkFacts) -> bool:
    kind = rule.kind
    if kind is Kind.DOB:
        spec = parse_dob(rest)
        if spec is not None:
            facts.birth_dates.append(spec)
        return spec is not None
    if kind is Kind.POB:
        _add_birth_place(rest, facts)
        return True
    if kind is Kind.COUNTRY:
        return _add_country(rest, CountryRole[rule.target], facts)
    if kind is Kind.GENDER:
        facts.gender = parse_gender(rest)
        return facts.gender is not None
    if kind is Kind.IDENTIFIER or kind is Kind.CRYPTO:
        ident = (
            parse_crypto(label, rest)
            if kind is Kind.CRYPTO
            else parse_identifier(label, rest, IdentifierType[rule.target])
        )
        if ident is not None:
            facts.identifiers.append(ident)
        return ident is not None
    if kind is Kind.NAME or kind is Kind.PLAIN_NAME:
        name = parse_quoted(rest) if kind is Kind.NAME else " ".join(rest.split())
        if name is not None:
            facts.names.append(Name(name, NameKind[rule.target]))
        return name is not None
    if kind is Kind.LINK:
        relation = rule.target or rule.label.replace(" ", "_")
        facts.links.append(Link(target=rest, relation=relation))
        return True
    return _apply_extra(rule, rest, facts)


def _apply_extra(rule: Rule, rest: str, facts: RemarkFacts) -> bool:
    if rule.kind is Kind.DATE:
        spec = _date_or_none(rest)
        facts.add_extra(rule.target, spec.iso if spec is not None else rest)
    elif rule.kind is Kind.COUNTRY_TEXT:
        if not no_value(rest):
            facts.add_extra(rule.target, ofac_country(rest) or rest)
    else:
        facts.add_extra(rule.target, rest)
    return True


@lru_cache(maxsize=16384)
def _date_or_none(text: str) -> DateSpec | None:
    # Cached: the same dates ("1960", "circa 1975") recur thousands of times per list.
    try:
        return parse_date_spec(text)
    except ValueError:
        return None


def parse_dob(text: str) -> DateSpec | None:
    """`15 Jan 1950`, `01 Jan 1961 to 31 Dec 1963`, `circa 1975`, `1946 to 1948`; None when
    the date cannot be (`31 Feb 1970`): the fragment then stays as text."""
    return _date_or_none(text)


def parse_gender(text: str) -> str | None:
    lowered = text.strip().lower()
    return lowered if lowered in ("male", "female") else None


def _add_birth_place(place: str, facts: RemarkFacts) -> None:
    facts.birth_places.append(place)
    code = place_country(place)
    if code is not None:
        facts.countries.append(Country(code, CountryRole.BIRTH_PLACE))


def _add_country(text: str, role: CountryRole, facts: RemarkFacts) -> bool:
    code = ofac_country(text)
    if code is None:
        return False  # stays in the remarks; unusual spellings are listed by the tests
    facts.countries.append(Country(code, role))
    return True


def parse_identifier(label: str, text: str, id_type: IdentifierType) -> Identifier | None:
    """`381310014 (Korea, North) issued 01 Jan 2010 expires 01 Jan 2015` -> the number with
    its issuing country. Issue and expiry dates have no slot and stay in the remarks."""
    value = _cut_dates(text)
    value, country, _ = split_country_suffix(value)
    value = value.strip(" ,")
    if not value:
        return None
    return Identifier(id_type, value, country, label)


def _cut_dates(text: str) -> str:
    padded = f" {text}"
    for marker in (" issued ", " expires "):
        at = padded.find(marker)
        if at >= 0:
            padded = padded[:at]
    return padded[1:]


def parse_crypto(label: str, text: str) -> Identifier | None:
    """`XBT 1Kuf2Rd8...` after `Digital Currency Address -`: the currency joins the label."""
    currency, _, address = text.partition(" ")
    address = address.strip()
    if not address or " " in address:
        return None
    return Identifier(IdentifierType.CRYPTO_ADDRESS, address, None, f"{label} {currency}")


def parse_quoted(text: str) -> str | None:
    """The name in `'AL-QA'IDA'`; None when the closing quote is missing (a truncated
    remark), since half a name would match the wrong people."""
    value = text.strip()
    if len(value) < 3 or value[0] != "'" or value[-1] != "'":
        return None
    name = " ".join(value[1:-1].split())
    return name or None
