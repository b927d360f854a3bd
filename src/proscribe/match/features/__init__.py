"""Features: small pure functions, each a claim about a query and a listed entity.

A feature is `f(pair, config) -> FeatureResult`. Its name is the claim and the stable reason
code in results (`birth_date_mismatch`), its docstring the explanation analysts read, and its
value in [-1, 1] the evidence: positive for, negative against, 0 when there was nothing to
compare. Where the evidence can point either way the claim is split in two (`country_match`,
`country_mismatch`) so a code always reads the same way. Algorithms weigh features; features
never know their weight.

This package holds the features about everything but names: birth dates, countries,
identifiers, gender and schema.
"""

from proscribe.match.features.countries import country_match, country_mismatch
from proscribe.match.features.dates import birth_date_match, birth_date_mismatch
from proscribe.match.features.gender import gender_mismatch
from proscribe.match.features.identifiers import identifier_match, identifier_mismatch
from proscribe.match.features.schema import schema_mismatch

__all__ = [
    "birth_date_match",
    "birth_date_mismatch",
    "country_match",
    "country_mismatch",
    "gender_mismatch",
    "identifier_match",
    "identifier_mismatch",
    "schema_mismatch",
]
