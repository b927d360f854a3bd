"""A loading process killed mid-save leaves nothing of the version it was saving.

The child process saves a large version and, after its first chunk of rows is written (inside
the open transaction), says so and sleeps; the parent SIGKILLs it there. No Python cleanup runs
in the child, so this checks what the database itself guarantees, not our exception handling.
"""

from __future__ import annotations

import os
import selectors
import signal
import subprocess
import sys
from datetime import date
from pathlib import Path

from proscribe.store import Store
from tests.store.conftest import snapshot
from tests.store.factory import make_version, realistic_entities

ROOT = Path(__file__).resolve().parents[2]
NEW_SHA = "b" * 64

CHILD = f"""
import sys, time
from datetime import date
from proscribe.store import Store
from tests.store.factory import make_version, realistic_entities

def stall(written):
    print(f"written {{written}}", flush=True)
    time.sleep(600)

entities = realistic_entities(5_000, revision=1)
version = make_version(entities, published=date(2024, 1, 2), sha256="{NEW_SHA}")
with Store.open(sys.argv[1]) as store:
    store.save_version(version, entities, progress=stall)
print("finished", flush=True)
"""


def test_a_killed_save_leaves_the_store_as_before(store_url: str) -> None:
    old = realistic_entities(3_000)
    with Store.open(store_url) as store:
        store.save_version(make_version(old, published=date(2024, 1, 1)), old)
    before = snapshot(store_url)

    with _start_child(store_url) as child:
        try:
            assert _first_line(child, timeout=60) == "written 1000"
        finally:
            os.kill(child.pid, signal.SIGKILL)
            child.wait(timeout=30)
    assert child.returncode == -signal.SIGKILL

    after = snapshot(store_url)
    assert after == before
    assert all(version.sha256 != NEW_SHA for version in after.versions)
    assert sorted(after.entities[before.versions[0].id or 0], key=lambda e: e.id) == old


def _start_child(url: str) -> subprocess.Popen[str]:
    paths = [str(ROOT / "src"), str(ROOT), os.environ.get("PYTHONPATH", "")]
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(path for path in paths if path)}
    return subprocess.Popen(
        [sys.executable, "-c", CHILD, url],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
        cwd=ROOT,
    )


def _first_line(child: subprocess.Popen[str], timeout: float) -> str:
    """The child's first line of output; fails with its stderr if it says nothing in time."""
    assert child.stdout is not None
    assert child.stderr is not None
    with selectors.DefaultSelector() as selector:
        selector.register(child.stdout, selectors.EVENT_READ)
        ready = selector.select(timeout)
    line = child.stdout.readline().strip() if ready else ""
    if not line:
        child.kill()
        raise AssertionError(f"the child said nothing: {child.stderr.read()}")
    return line
