"""The screener of SDN 2019-01-04 (which lists the officials of the December 2018
designations) for the payment message tests."""

from __future__ import annotations

import pytest

from proscribe.screener import Screener
from tests.payments.screener import sdn_2019_screener


@pytest.fixture(scope="session")
def sdn_screener() -> Screener:
    return sdn_2019_screener()
