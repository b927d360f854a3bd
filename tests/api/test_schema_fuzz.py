"""schemathesis over the whole OpenAPI schema: every operation, generated requests (valid and
invalid), sent in process with an admin key; no response may be a server error or stray from
the documented schema.

Bounded to a couple of dozen examples per operation so that the suite stays fast; a run with
more (`--hypothesis-seed`, a larger `max_examples`) is a matter of editing `EXAMPLES`.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import schemathesis
from fastapi import FastAPI
from hypothesis import HealthCheck, settings
from schemathesis.checks import (
    content_type_conformance,
    negative_data_rejection,
    not_a_server_error,
    response_schema_conformance,
    status_code_conformance,
)

from proscribe.api.app import create_app
from proscribe.settings import Settings
from tests.api.conftest import new_key

EXAMPLES = 25
# /readyz answers 503 by design when a list is older than the maximum age, and the list the
# tests load (SDN 2019) always is: that 503 is the probe working, not a server error.
PROBES = {"/readyz"}
# The standard checks but `positive_data_acceptance`: the models refuse some values that JSON
# Schema cannot describe (a name of blanks, an unknown country, a bad IMO check digit, a date
# that is no date), with a field-level 422, by design.
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
    negative_data_rejection,
]


@pytest.fixture(scope="module")
def fuzz_settings(tmp_path_factory: pytest.TempPathFactory, pristine_home: Path) -> Settings:
    """A home of its own: the screenings fuzzed here append audit records that other tests
    must not see."""
    home = tmp_path_factory.mktemp("api-fuzz") / "home"
    shutil.copytree(pristine_home, home)
    return Settings(home=home, database_url=None)


@pytest.fixture(scope="module")
def fuzz_app(fuzz_settings: Settings) -> FastAPI:
    return create_app(fuzz_settings)


@pytest.fixture(scope="module")
def fuzz_key(fuzz_settings: Settings) -> str:
    return new_key(fuzz_settings, "admin")


@pytest.fixture(scope="module")
def api_schema(fuzz_app: FastAPI) -> schemathesis.schemas.BaseSchema:
    return schemathesis.openapi.from_asgi("/openapi.json", fuzz_app)


schema = schemathesis.pytest.from_fixture("api_schema")


@schema.parametrize()
@settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)
def test_every_operation_conforms(case: schemathesis.Case, fuzz_key: str) -> None:
    headers = {"Authorization": f"Bearer {fuzz_key}"}
    if case.operation.path in PROBES:
        response = case.call(headers=headers)
        assert response.status_code < 500 or response.status_code == 503
        return
    case.call_and_validate(headers=headers, checks=CHECKS)
