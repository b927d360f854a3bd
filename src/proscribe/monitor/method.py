"""The screening method: what a screening of the monitored population depends on besides the
list versions. A delta rescreen builds on what the last screening stored (each party's
candidates, coverage floor and lookup words, its alerts); that is sound only when the last
screening used the same method, so the method is stored with the versions screened against
and compared before a delta."""

from __future__ import annotations

import hashlib
from functools import cache
from pathlib import Path

import proscribe.index
import proscribe.match
import proscribe.screen
import proscribe.text
from proscribe.screener import Screener


@cache
def _code_digest() -> str:
    """sha256 of the code that decides what a screening finds and what a delta rescreen keeps
    of it (text, index, match, screen, monitor), read once per process."""
    digest = hashlib.sha256()
    for package in (proscribe.text, proscribe.index, proscribe.match, proscribe.screen):
        folder = Path(package.__file__ or "").parent
        for path in sorted(folder.rglob("*.py")):
            digest.update(path.relative_to(folder).as_posix().encode())
            digest.update(path.read_bytes())
    for path in sorted(Path(__file__).parent.rglob("*.py")):  # the monitor package
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def screening_method(screener: Screener) -> str:
    """What a screening of the population depends on besides the list versions: the
    algorithm (name, configuration hash, threshold) and the code of matching and of the
    delta. A delta rescreen builds on what the last screening stored, which is sound only
    when that screening used the same method (an upgrade that changes the default algorithm
    or the index changes it)."""
    digest = hashlib.sha256(_code_digest().encode())
    algorithm = screener.algorithm
    digest.update(f"{algorithm.name}|{algorithm.config_hash}|{screener.threshold!r}".encode())
    return digest.hexdigest()
