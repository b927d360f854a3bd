"""The load client of `http_load.py` when wrk is installed (Debian package `wrk`).

wrk is written in C and spends about 0.06 ms of CPU per request here, against about 0.25 ms
for aiohttp: on a 2-core machine shared by client and server, that is a tenth of a core at
1,000 requests/s handed back to the server. It drives the same run: C keep-alive connections
post the same bodies, in the same order, until N requests are answered or S seconds pass.

How the run is bounded: a Lua script (written beside the key, in the benchmark's temporary
home, never on a command line) feeds wrk the bodies, counts the answers, and when the N-th
comes in writes the count and the time since the first request (monotonic clock, through
LuaJIT's FFI) to a marker file and stops its thread; this script then interrupts wrk, which
prints its latency histogram. Without the marker (time ran out first), wrk's own count and
duration are used.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import time
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any, NamedTuple

POLL_SECONDS = 0.01  # how often the marker is looked for: well under a run's duration
RESULT = "RESULT "

SCRIPT = r"""
local ffi = require("ffi")
ffi.cdef[[
typedef struct { long tv_sec; long tv_nsec; } proscribe_timespec;
int clock_gettime(int clock, proscribe_timespec *spec);
]]
local spec = ffi.new("proscribe_timespec")
local function now()
  ffi.C.clock_gettime(1, spec)  -- CLOCK_MONOTONIC
  return tonumber(spec.tv_sec) + tonumber(spec.tv_nsec) * 1e-9
end

local sent, answered, first = 0, 0, nil
local statuses = {}

request = function()
  if first == nil then first = now() end
  sent = sent + 1
  return wrk.format("POST", path, headers, bodies[((sent - 1) % #bodies) + 1])
end

response = function(status, _, _)
  answered = answered + 1
  statuses[status] = (statuses[status] or 0) + 1
  if answered == limit then
    local parts = {}
    for code, count in pairs(statuses) do
      parts[#parts + 1] = string.format('"%d": %d', code, count)
    end
    local file = io.open(marker, "w")
    file:write(string.format('{"answered": %d, "seconds": %.6f, "statuses": {%s}}',
      answered, now() - first, table.concat(parts, ", ")))
    file:close()
    wrk.thread:stop()
  end
end

done = function(summary, latency, _)
  local e = summary.errors
  io.write(string.format(
    'RESULT {"requests": %d, "duration_us": %d, "p50_us": %d, "p99_us": %d, "max_us": %d, '
    .. '"status_errors": %d, "socket_errors": %d}\n',
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(99),
    latency.max, e.status, e.connect + e.read + e.write + e.timeout))
end
"""


class WrkRun(NamedTuple):
    ok: int  # answers with status 200 (of the N counted)
    errors: Counter[int]  # other answers by status; -1 for socket errors and timeouts
    seconds: float  # from the first request to the N-th answer (or wrk's duration)
    p50: float  # seconds, over every answer wrk timed
    p99: float
    client_cpu: float  # CPU seconds wrk used, user and system


def available() -> bool:
    return shutil.which("wrk") is not None


def run(
    base: str,
    path: str,
    key: str,
    bodies: Sequence[dict[str, Any]],
    concurrency: int,
    seconds: float,
    folder: Path,
) -> WrkRun:
    """Post `bodies` (in order, once each up to their count) over `concurrency` connections
    with one wrk thread, until all are answered or `seconds` have passed."""
    script, marker = folder / "load.lua", folder / "done.json"
    script.write_text(_script(path, key, bodies, marker))
    marker.unlink(missing_ok=True)
    before = os.times()
    command = ["wrk", "-t1", f"-c{concurrency}", f"-d{max(1, round(seconds))}s"]
    command += ["--timeout", "30s", "-s", str(script), base]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        while process.poll() is None and not _finished(marker):
            time.sleep(POLL_SECONDS)
        if process.poll() is None:
            process.send_signal(signal.SIGINT)  # wrk then prints its summary and exits
        out, err = process.communicate(timeout=60)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
    after = os.times()
    cpu = after.children_user + after.children_system
    cpu -= before.children_user + before.children_system
    summary = _summary(out, err)
    if _finished(marker):
        counted = json.loads(marker.read_text())
        statuses = Counter({int(code): n for code, n in counted["statuses"].items()})
        wall = float(counted["seconds"])
    else:  # the time bound came first: wrk's own count and duration
        statuses = Counter({200: summary["requests"] - summary["status_errors"]})
        if summary["status_errors"]:
            statuses[0] = summary["status_errors"]  # wrk does not say which statuses
        wall = summary["duration_us"] / 1e6
    ok = statuses.pop(200, 0)
    if summary["socket_errors"]:
        statuses[-1] += summary["socket_errors"]
    return WrkRun(ok, statuses, wall, summary["p50_us"] / 1e6, summary["p99_us"] / 1e6, cpu)


def _script(path: str, key: str, bodies: Sequence[dict[str, Any]], marker: Path) -> str:
    encoded = [json.dumps(body) for body in bodies]
    level = 1  # a Lua long string's level whose closing bracket no body contains
    while any(f"]{'=' * level}]" in text for text in encoded):
        level += 1
    open_, close = f"[{'=' * level}[", f"]{'=' * level}]"
    table = ",\n".join(f"{open_}{text}{close}" for text in encoded)
    return (
        f"bodies = {{\n{table}\n}}\n"
        f'headers = {{["Authorization"] = "Bearer {key}", '
        f'["Content-Type"] = "application/json"}}\n'
        f"path = {_lua_string(path)}\nlimit = {len(bodies)}\nmarker = {_lua_string(str(marker))}\n"
        + SCRIPT
    )


def _lua_string(text: str) -> str:
    """A Lua string literal of a plain ASCII text (a path): quoted, backslashes escaped."""
    if not text.isascii() or not text.isprintable():
        raise SystemExit(f"not a plain ASCII path: {text!r}")
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _finished(marker: Path) -> bool:
    try:
        return marker.read_text().endswith("}")
    except FileNotFoundError:
        return False


def _summary(out: str, err: str) -> dict[str, int]:
    for line in out.splitlines():
        if line.startswith(RESULT):
            parsed: dict[str, int] = json.loads(line[len(RESULT) :])
            return parsed
    raise SystemExit(f"wrk printed no result:\n{out[-2000:]}\n{err[-2000:]}")
