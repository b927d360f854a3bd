"""yente-compatible matching: `POST /match/{dataset}`, so a yente client switches by URL.

The request and response follow yente's shapes (`queries` of FollowTheMoney examples in,
`responses` of scored FtM entities out). Decisions:

- `dataset` `default` or `sanctions` screens every loaded list; a source id (`us_ofac`, ...)
  screens that list only; anything else is a 404, as in yente.
- Each distinct name of an example (`name`, `alias`, else `firstName` + `lastName`) is
  screened as its own query and the candidates are merged, best score kept: our Query holds
  one name. Every one of those screenings is audited. An example with more than MAX_NAMES
  names is a 422: dropping the rest could hide the one name that is listed.
- `weights` and `config` are accepted and ignored (our algorithms are versioned tables, not
  tunable per request); an `algorithm` that is not one of ours (yente's `best`, `logic-v1`...)
  means the server's algorithm. Properties we do not compare are accepted and ignored.
- Values we would compare but cannot read (a bad date, an unknown country, a wrong IMO check
  digit, an unknown schema) are 422s naming the property, as on /v1/screen.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Annotated, Any

from fastapi import APIRouter, Request
from fastapi import Query as Param
from pydantic import BaseModel, ConfigDict, Field, PrivateAttr, model_validator

from proscribe.api.auth import ApiError, Screen, caller
from proscribe.api.models import MAX_BATCH
from proscribe.api.records import audit_screenings
from proscribe.api.routes import ERRORS
from proscribe.match import ALGORITHMS, Algorithm
from proscribe.model import (
    MAX_NAME_LENGTH,
    DateSpec,
    IdentifierType,
    Query,
    QueryIdentifier,
    Schema,
    country_code,
    imo_is_valid,
    parse_birth_date,
    to_ftm,
)
from proscribe.model.ftm import IDENTIFIER_PROPS
from proscribe.screen import Match, ScreeningResult, screen

router = APIRouter(responses=ERRORS)  # the error statuses, documented

ALL_LISTS = frozenset({"default", "sanctions"})
MAX_NAMES = 20  # screenings one example may cost (each is audited)
NAME_PROPS = ("name", "alias")
COUNTRY_PROPS = ("nationality", "citizenship", "country", "jurisdiction")
ID_TYPES = {prop: kind for kind, prop in IDENTIFIER_PROPS.items()}
# FtM schemata a yente client sends, mapped to ours; None screens every kind of party.
SCHEMAS: dict[str, Schema | None] = {
    "person": Schema.PERSON,
    "organization": Schema.ORGANIZATION,
    "company": Schema.ORGANIZATION,
    "publicbody": Schema.ORGANIZATION,
    "legalentity": Schema.LEGAL_ENTITY,
    "vessel": Schema.VESSEL,
    "airplane": Schema.AIRPLANE,
    "thing": None,
}
GENDERS = {"male": "male", "m": "male", "female": "female", "f": "female"}
Values = str | list[str]


class EntityExample(BaseModel):
    """One FtM example: `{"schema": "Person", "properties": {"name": ["..."], ...}}`."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True)

    id: str | None = Field(default=None, max_length=500)
    schema_: str = Field(alias="schema", max_length=50, examples=["Person"])
    properties: dict[str, Values] = Field(max_length=50, examples=[{"name": ["Choe Ryong-hae"]}])
    _queries: list[Query] = PrivateAttr(default_factory=list)

    @model_validator(mode="after")
    def _read(self) -> EntityExample:
        self._queries = read_queries(self)  # a ValueError here is a 422 on this example
        return self

    def to_queries(self) -> list[Query]:
        return list(self._queries)

    def values(self, prop: str) -> list[str]:
        found = self.properties.get(prop, [])
        texts = [found] if isinstance(found, str) else found
        return [text.strip() for text in texts if text.strip()]


class MatchRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    queries: dict[str, EntityExample] = Field(min_length=1, max_length=MAX_BATCH)
    weights: dict[str, float] = Field(default={}, description="Accepted for yente; ignored.")
    config: dict[str, str | int | float | bool | None] = Field(
        default={}, description="Accepted for yente; ignored."
    )


def read_queries(example: EntityExample) -> list[Query]:
    """One Query per name of the example, sharing everything else it states."""
    names = [n for prop in NAME_PROPS for n in example.values(prop)]
    if not names:
        parts = [example.values(p)[:1] for p in ("firstName", "middleName", "lastName")]
        names = [" ".join(p[0] for p in parts if p)] if any(parts) else []
    if not names:
        raise ValueError("properties.name: a name is required")
    names = list(dict.fromkeys(names))
    longest = max(len(name) for name in names)
    if longest > MAX_NAME_LENGTH:  # as on /v1/screen: a pasted document, not a name
        raise ValueError(
            f"properties.name: a name of {longest} characters, at most {MAX_NAME_LENGTH}"
        )
    if len(names) > MAX_NAMES:
        raise ValueError(
            f"properties.name: {len(names)} distinct names and aliases, at most {MAX_NAMES}"
            " (each is screened; none is left out silently)"
        )
    dates = example.values("birthDate")
    gender = next(iter(example.values("gender")), "").lower()
    common = Query(
        name="",
        schema=_schema(example.schema_),
        birth_date=_birth_date(dates[0]) if dates else None,
        countries=tuple(dict.fromkeys(_countries(example))),
        identifiers=tuple(_identifiers(example)),
        gender=GENDERS.get(gender),
        id=example.id,
    )
    return [replace(common, name=name) for name in names]


def _birth_date(text: str) -> DateSpec:
    try:
        return parse_birth_date(text)
    except ValueError as error:  # named as the other properties' errors are
        raise ValueError(f"properties.birthDate: {error}") from None


def _schema(text: str) -> Schema | None:
    if text.lower() not in SCHEMAS:
        raise ValueError(f"schema: {text!r} is not one of {', '.join(s.value for s in Schema)}")
    return SCHEMAS[text.lower()]


def _countries(example: EntityExample) -> list[str]:
    codes = []
    for prop in COUNTRY_PROPS:
        for value in example.values(prop):
            code = country_code(value)
            if code is None:
                raise ValueError(f"properties.{prop}: unknown country {value!r}")
            codes.append(code)
    return codes


def _identifiers(example: EntityExample) -> list[QueryIdentifier]:
    found = []
    for prop, kind in ID_TYPES.items():
        for value in example.values(prop):
            if kind is IdentifierType.IMO:
                value = re.sub(r"^IMO\W*", "", value, flags=re.IGNORECASE)
                if not imo_is_valid(value):
                    raise ValueError(f"properties.{prop}: invalid IMO number {value!r}")
            found.append(QueryIdentifier(value, kind))
    return found


@router.post("/match/{dataset}", tags=["yente"])
def match(
    dataset: str,
    body: MatchRequest,
    key: Screen,
    request: Request,
    limit: Annotated[int, Param(ge=1, le=100)] = 5,
    threshold: Annotated[float | None, Param(ge=0.0, le=1.0)] = None,
    cutoff: Annotated[float, Param(ge=0.0, le=1.0)] = 0.0,
    algorithm: Annotated[str | None, Param(max_length=100)] = None,
) -> dict[str, Any]:
    """Match FtM examples against `dataset` as yente does; every screening is audited."""
    service = request.app.state.service
    sources = _sources(dataset, {v.source for v in service.screener.versions})
    chosen = ALGORITHMS.get(algorithm or "", service.screener.algorithm)
    # The versions screened: the audit record of a match against one list names that list's.
    versions = tuple(
        v.label for v in service.screener.versions if sources is None or v.source in sources
    )
    screenings: list[ScreeningResult] = []
    responses = {}
    for name, example in body.queries.items():
        results = [
            screen(
                query,
                service.screener.index,
                chosen,
                limit=limit,
                threshold=threshold,
                sources=sources,
                versions=versions,
            )
            for query in example.to_queries()
        ]
        screenings.extend(results)
        responses[name] = _response(example, _merged(results, limit, cutoff))
    audit_screenings(service.store, caller(key), screenings, service.settings)
    return {"responses": responses, "matcher": _matcher(chosen), "limit": limit}


def _matcher(chosen: Algorithm) -> dict[str, dict[str, Any]]:
    """yente's `matcher` (its FeatureDocs): each feature's description and coefficient. Made
    once per algorithm (by its configuration hash), not on every request: the table's
    docstrings are cleaned and joined for each feature."""
    found = _MATCHERS.get(chosen.config_hash)
    if found is None:
        found = _MATCHERS[chosen.config_hash] = {
            str(row["code"]): {
                "description": " ".join(str(row["explanation"]).split()),
                "coefficient": row["weight"],
                "url": "/v1/algorithms",
            }
            for row in chosen.table()
        }
    return found


_MATCHERS: dict[str, dict[str, dict[str, Any]]] = {}  # config hash -> `matcher`, read only


def _sources(dataset: str, loaded: set[str]) -> frozenset[str] | None:
    """None (every list) for yente's collections, the one list named, else a 404; no list
    loaded is a 503, as on /v1/screen: an empty answer would read as 'no match'."""
    if not loaded:
        raise ApiError(503, "no_lists", "no list is loaded: run `proscribe load` and restart")
    if dataset in ALL_LISTS:
        return None
    if dataset in loaded:
        return frozenset({dataset})
    known = ", ".join(sorted(ALL_LISTS | loaded))
    raise ApiError(404, "unknown_dataset", f"no dataset {dataset!r}; one of {known}")


def _merged(results: list[ScreeningResult], limit: int, cutoff: float) -> list[Match]:
    best: dict[tuple[str, str], Match] = {}
    for result in results:
        for found in result.matches:
            ref = (found.entity.source, found.entity.id)
            if found.score >= cutoff and (ref not in best or found.score > best[ref].score):
                best[ref] = found
    return sorted(best.values(), key=lambda m: (-m.score, m.entity.source, m.entity.id))[:limit]


def _response(example: EntityExample, matches: list[Match]) -> dict[str, Any]:
    return {
        "status": 200,
        "results": [_scored(m) for m in matches],
        "total": {"value": len(matches), "relation": "eq"},
        "query": example.model_dump(by_alias=True),
    }


def _scored(found: Match) -> dict[str, Any]:
    """yente's ScoredEntityResponse, with our explanation added."""
    return {
        **to_ftm(found.entity),
        "caption": found.entity.caption,
        "referents": [],
        "target": True,
        "score": found.score,
        "match": found.match,
        "features": {f.code: round(f.value, 4) for f in found.comparison.features},
        "explanation": found.comparison.explanation,
    }
