"""The screening method: what a screening of the monitored population depends on besides the
list versions. A delta rescreen builds on what the last screening stored (each party's
candidates, coverage floor and lookup words, its alerts); that is sound only when the last
screening used the same method, so the method is stored with the versions screened against
and compared before a delta."""

from __future__ import annotations

import hashlib

import proscribe.index
import proscribe.match
import proscribe.monitor
import proscribe.screen
import proscribe.text
from proscribe.screener import Screener, code_digest


def screening_method(screener: Screener) -> str:
    """What a screening of the population depends on besides the list versions: the
    algorithm (name, configuration hash, threshold) and the code of matching and of the
    delta. A delta rescreen builds on what the last screening stored, which is sound only
    when that screening used the same method (an upgrade that changes the default algorithm
    or the index changes it)."""
    # The code that decides what a screening finds and what a delta keeps of it (named here,
    # not at import: this module is part of the monitor package it names).
    packages = (
        proscribe.text,
        proscribe.index,
        proscribe.match,
        proscribe.screen,
        proscribe.monitor,
    )
    digest = hashlib.sha256(code_digest(packages).encode())
    algorithm = screener.algorithm
    digest.update(f"{algorithm.name}|{algorithm.config_hash}|{screener.threshold!r}".encode())
    return digest.hexdigest()
