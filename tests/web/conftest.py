"""A home with two versions of the SDN (2019-01-04 and 2021-07-07, so that the entity's
timeline and the changes page have something to show) and three users made with the CLI,
once per session; the in-process app over a copy of it; clients signed in as each user."""

from __future__ import annotations

import re
import shutil
import warnings
from pathlib import Path

import pytest

from proscribe.settings import Settings
from proscribe.web.app import create_app
from tests.cli.conftest import proscribe

warnings.filterwarnings("ignore", message="Using `httpx` with `starlette.testclient`")
from fastapi import FastAPI  # noqa: E402
from fastapi.testclient import TestClient  # noqa: E402

# name -> (role, password); the passwords exist only in test homes.
USERS = {
    "sam": ("screen", "screening-only-pass"),
    "ann": ("review", "first-reviewer-pass"),
    "bob": ("approve", "second-approver-pass"),
}
CSRF = re.compile(r'name="csrf" value="([0-9a-f]+)"')


@pytest.fixture(scope="session")
def web_home(tmp_path_factory: pytest.TempPathFactory, data_dir: Path) -> Path:
    home = tmp_path_factory.mktemp("web-sdn") / "home"
    sdn = data_dir / "us_ofac_sdn"
    proscribe(home, "load", str(sdn / "2019-01-04"), str(sdn / "2021-07-07"))
    proscribe(home, "screen", "Choe Ryong-hae")  # builds the index snapshot
    for name, (role, password) in USERS.items():
        proscribe(home, "users", "add", name, "--role", role, "--password-stdin", stdin=password)
    return home


@pytest.fixture(scope="session")
def web_settings(tmp_path_factory: pytest.TempPathFactory, web_home: Path) -> Settings:
    home = tmp_path_factory.mktemp("web-app") / "home"
    shutil.copytree(web_home, home)
    return Settings(home=home, database_url=None)


@pytest.fixture(scope="session")
def web_app(web_settings: Settings) -> FastAPI:
    return create_app(web_settings)


def client_of(app: FastAPI) -> TestClient:
    """A browser of its own (own cookies); redirects are checked, not followed."""
    return TestClient(app, follow_redirects=False)


def sign_in(app: FastAPI, name: str) -> tuple[TestClient, str]:
    """A client signed in as `name`, and the CSRF token of its session."""
    client = client_of(app)
    form = client.get("/signin")
    token = CSRF.search(form.text)
    assert token, form.text
    answer = client.post(
        "/signin",
        data={"name": name, "password": USERS[name][1], "csrf": token.group(1), "next": "/"},
    )
    assert answer.status_code == 303, answer.text
    return client, csrf_of(client)


def csrf_of(client: TestClient) -> str:
    token = CSRF.search(client.get("/screen").text)
    assert token
    return token.group(1)
