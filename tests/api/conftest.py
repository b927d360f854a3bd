"""A home with the SDN of 2019-01-04 loaded and its index snapshot built, once per session;
each user of it gets a copy, so one test's edits of the audit never reach another's."""

from __future__ import annotations

import shutil
import warnings
from collections.abc import Iterator
from pathlib import Path

import pytest

from proscribe.api.app import create_app
from proscribe.settings import Settings
from proscribe.store import Store
from tests.cli.conftest import proscribe

# Starlette 1.x warns that its test client will move from httpx to httpx2; httpx is what we
# depend on and what the client still runs on, so the notice is not ours to act on yet.
warnings.filterwarnings("ignore", message="Using `httpx` with `starlette.testclient`")
from fastapi.testclient import TestClient  # noqa: E402


@pytest.fixture(scope="session")
def pristine_home(tmp_path_factory: pytest.TempPathFactory, data_dir: Path) -> Path:
    home = tmp_path_factory.mktemp("api-sdn-2019")
    proscribe(home, "load", str(data_dir / "us_ofac_sdn/2019-01-04"))
    proscribe(home, "screen", "Choe Ryong-hae")  # builds the index snapshot; audited as cli:
    return home


@pytest.fixture(scope="session")
def sdn_settings(tmp_path_factory: pytest.TempPathFactory, pristine_home: Path) -> Settings:
    home = tmp_path_factory.mktemp("api-app") / "home"
    shutil.copytree(pristine_home, home)
    return Settings(home=home, database_url=None)


@pytest.fixture(scope="session")
def client(sdn_settings: Settings) -> Iterator[TestClient]:
    with TestClient(create_app(sdn_settings)) as test_client:
        yield test_client


def new_key(settings: Settings, role: str) -> str:
    with Store.open(settings.store_url) as store:
        return store.keys.create(role, f"test {role}")[1]


@pytest.fixture(scope="session")
def screen_key(sdn_settings: Settings) -> str:
    return new_key(sdn_settings, "screen")


@pytest.fixture(scope="session")
def admin_key(sdn_settings: Settings) -> str:
    return new_key(sdn_settings, "admin")
