"""`proscribe update`'s downloader: conditional, all-or-nothing, bounded; never the network.

Every test talks to a fake publisher through httpx.MockTransport. What they protect: the files on
disk are always one complete publication (a failure half-way leaves the previous one byte for
byte), unchanged lists are not rewritten, and failures read as one-line errors.
"""

from __future__ import annotations

import hashlib
import importlib
import json
import os
import sys
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import httpx
import pytest

from proscribe.errors import FetchError, OfflineError
from proscribe.sources.base import Download
from proscribe.sources.download import USER_AGENT, FetchResult, fetch_source

HOST = "publisher.example"
SET = (
    Download("sdn.csv", f"https://{HOST}/exports/SDN.CSV"),
    Download("alt.csv", f"https://{HOST}/exports/ALT.CSV"),
    Download("add.csv", f"https://{HOST}/exports/ADD.CSV"),
)
LAST_MODIFIED = "Tue, 03 Mar 2026 14:00:00 GMT"
OLD_TIME = 978_307_200  # 2001-01-01: set on files so any rewrite shows in their mtime
OFFLINE = (
    f"cannot reach {HOST}; to work offline, load files you already have with `proscribe load PATH`"
)


class Publisher:
    """A fake list publisher: serves `files` by URL with ETags, and records every request."""

    def __init__(self, files: dict[str, bytes]) -> None:
        self.files = dict(files)
        self.status: dict[str, int] = {}  # URL -> forced HTTP status
        self.honours_conditions = True
        self.requests: list[httpx.Request] = []

    def handle(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        url = str(request.url)
        if url in self.status:
            return httpx.Response(self.status[url])
        body = self.files[url]
        etag = f'"{hashlib.sha256(body).hexdigest()[:16]}"'
        if self.honours_conditions and request.headers.get("If-None-Match") == etag:
            return httpx.Response(304, headers={"ETag": etag})
        headers = {"ETag": etag, "Last-Modified": LAST_MODIFIED, "Content-Type": "text/csv"}
        return httpx.Response(200, content=body, headers=headers)

    def client(self) -> httpx.Client:
        return httpx.Client(transport=httpx.MockTransport(self.handle))


def sample_files(version: str = "1") -> dict[str, bytes]:
    return {d.url: f"{d.name} version {version}\r\n".encode() for d in SET}


@pytest.fixture
def publisher() -> Publisher:
    return Publisher(sample_files())


def source_dir(home: Path) -> Path:
    return home / "downloads" / "us_ofac_sdn"


def snapshot(home: Path) -> dict[str, tuple[bytes, int, int]]:
    """Every file under the source's folder: content, mtime and inode (a swap changes inodes)."""
    found = {}
    for path in sorted(source_dir(home).rglob("*")):
        if path.is_file() and path.name != ".lock":
            stat = path.stat()
            found[str(path.relative_to(home))] = (path.read_bytes(), stat.st_mtime_ns, stat.st_ino)
    return found


def age_files(home: Path) -> None:
    for path in source_dir(home).rglob("*"):
        os.utime(path, (OLD_TIME, OLD_TIME))


def leftovers(home: Path) -> list[str]:
    return sorted(p.name for p in source_dir(home).iterdir() if p.name.startswith((".inc", ".pre")))


def fetch(publisher: Publisher, home: Path, **options: int) -> FetchResult:
    with publisher.client() as client:
        return fetch_source(client, "us_ofac_sdn", SET, home, **options)


def test_first_fetch_saves_files_and_state(publisher: Publisher, tmp_path: Path) -> None:
    with publisher.client() as client:
        result = fetch_source(client, "us_ofac_sdn", SET, tmp_path)
    current = source_dir(tmp_path) / "current"
    assert result.changed
    assert result.folder == current
    assert sorted(p.name for p in current.iterdir()) == ["add.csv", "alt.csv", "sdn.csv"]
    for download, fetched in zip(SET, result.files, strict=True):
        body = publisher.files[download.url]
        assert (current / download.name).read_bytes() == body
        assert fetched.name == download.name
        assert fetched.sha256 == hashlib.sha256(body).hexdigest()
        assert fetched.size == len(body)
        assert fetched.last_modified == LAST_MODIFIED
    state = json.loads((source_dir(tmp_path) / "state.json").read_text())
    assert [(f["name"], f["url"], f["sha256"]) for f in state["files"]] == [
        (f.name, d.url, f.sha256) for d, f in zip(SET, result.files, strict=True)
    ]
    assert all(r.headers["User-Agent"] == USER_AGENT for r in publisher.requests)
    assert "proscribe" in USER_AGENT
    assert not any("If-None-Match" in r.headers for r in publisher.requests)
    assert leftovers(tmp_path) == []


def test_unchanged_list_is_not_rewritten(publisher: Publisher, tmp_path: Path) -> None:
    first = fetch(publisher, tmp_path)
    age_files(tmp_path)
    before = snapshot(tmp_path)
    publisher.requests.clear()

    second = fetch(publisher, tmp_path)

    assert not second.changed
    assert second.files == first.files
    assert [r.headers.get("If-None-Match") for r in publisher.requests] == [
        f.etag for f in first.files
    ]
    assert all(r.headers["If-Modified-Since"] == LAST_MODIFIED for r in publisher.requests)
    assert snapshot(tmp_path) == before
    assert leftovers(tmp_path) == []


def test_same_bytes_without_304_count_as_unchanged(publisher: Publisher, tmp_path: Path) -> None:
    fetch(publisher, tmp_path)
    age_files(tmp_path)
    before = snapshot(tmp_path)
    publisher.honours_conditions = False

    result = fetch(publisher, tmp_path)

    assert not result.changed
    assert snapshot(tmp_path) == before


def test_one_changed_file_replaces_the_set(publisher: Publisher, tmp_path: Path) -> None:
    fetch(publisher, tmp_path)
    publisher.files[SET[1].url] = b"alt.csv version 2\r\n"

    result = fetch(publisher, tmp_path)

    current = source_dir(tmp_path) / "current"
    assert result.changed
    assert {p.name: p.read_bytes() for p in current.iterdir()} == {
        d.name: publisher.files[d.url] for d in SET
    }
    state = json.loads((source_dir(tmp_path) / "state.json").read_text())
    assert state["files"][1]["sha256"] == hashlib.sha256(b"alt.csv version 2\r\n").hexdigest()
    assert leftovers(tmp_path) == []


def test_failure_on_third_file_keeps_previous_set(publisher: Publisher, tmp_path: Path) -> None:
    fetch(publisher, tmp_path)
    before = snapshot(tmp_path)
    publisher.files.update(sample_files("2"))
    publisher.status[SET[2].url] = 500

    with pytest.raises(FetchError) as caught:
        fetch(publisher, tmp_path)

    assert str(caught.value) == f"{SET[2].url} answered HTTP 500"
    assert snapshot(tmp_path) == before
    assert leftovers(tmp_path) == []


def test_failed_first_fetch_leaves_no_current(publisher: Publisher, tmp_path: Path) -> None:
    publisher.status[SET[1].url] = 403
    with pytest.raises(FetchError, match="HTTP 403"):
        fetch(publisher, tmp_path)
    assert not (source_dir(tmp_path) / "current").exists()
    assert not (source_dir(tmp_path) / "state.json").exists()
    assert leftovers(tmp_path) == []


@pytest.mark.parametrize("error", [httpx.ConnectError, httpx.ConnectTimeout])
def test_no_connection_is_offline_error(tmp_path: Path, error: type[httpx.TransportError]) -> None:
    def refuse(request: httpx.Request) -> httpx.Response:
        raise error("[Errno -3] Temporary failure in name resolution", request=request)

    with (
        httpx.Client(transport=httpx.MockTransport(refuse)) as client,
        pytest.raises(OfflineError) as caught,
    ):
        fetch_source(client, "us_ofac_sdn", SET, tmp_path)
    assert str(caught.value) == OFFLINE
    assert "\n" not in str(caught.value)
    assert caught.value.exit_code == FetchError.exit_code


def test_read_timeout_is_fetch_error_not_offline(tmp_path: Path) -> None:
    def stall(request: httpx.Request) -> httpx.Response:
        raise httpx.ReadTimeout("timed out", request=request)

    with (
        httpx.Client(transport=httpx.MockTransport(stall)) as client,
        pytest.raises(FetchError) as caught,
    ):
        fetch_source(client, "us_ofac_sdn", SET, tmp_path)
    assert not isinstance(caught.value, OfflineError)
    assert "timed out" in str(caught.value)


def test_announced_oversize_is_refused(publisher: Publisher, tmp_path: Path) -> None:
    with pytest.raises(FetchError, match="announces 19 bytes, more than the 10 allowed"):
        fetch(publisher, tmp_path, max_bytes=10)
    assert not (source_dir(tmp_path) / "current").exists()
    assert leftovers(tmp_path) == []


def test_streamed_oversize_is_refused(tmp_path: Path) -> None:
    def endless(_: httpx.Request) -> httpx.Response:
        # No Content-Length: the limit must hold while streaming.
        return httpx.Response(200, content=iter([b"x" * 6] * 1000))

    with (
        httpx.Client(transport=httpx.MockTransport(endless)) as client,
        pytest.raises(FetchError, match="sent more than the 100 bytes allowed"),
    ):
        fetch_source(client, "us_ofac_sdn", SET, tmp_path, max_bytes=100)
    assert leftovers(tmp_path) == []


def test_optional_file_may_be_missing(publisher: Publisher, tmp_path: Path) -> None:
    comments = Download("sdn_comments.csv", f"https://{HOST}/exports/SDN_COMMENTS.CSV", True)
    publisher.status[comments.url] = 404
    with publisher.client() as client:
        result = fetch_source(client, "us_ofac_sdn", (*SET, comments), tmp_path)
    assert [f.name for f in result.files] == ["sdn.csv", "alt.csv", "add.csv"]
    required = Download(comments.name, comments.url)
    with publisher.client() as client, pytest.raises(FetchError, match="HTTP 404"):
        fetch_source(client, "us_ofac_sdn", (*SET, required), tmp_path)


def test_web_page_instead_of_list_is_refused(tmp_path: Path) -> None:
    def home_page(_: httpx.Request) -> httpx.Response:
        return httpx.Response(200, html="<html><body>Welcome</body></html>")

    with (
        httpx.Client(transport=httpx.MockTransport(home_page)) as client,
        pytest.raises(FetchError, match=r"answered with a web page instead of sdn\.csv"),
    ):
        fetch_source(client, "us_ofac_sdn", SET, tmp_path)


def test_redirect_to_plain_http_is_refused(tmp_path: Path) -> None:
    def downgrade(request: httpx.Request) -> httpx.Response:
        if request.url.scheme == "https":
            return httpx.Response(302, headers={"Location": f"http://{HOST}/file.csv"})
        return httpx.Response(200, content=b"data")

    with (
        httpx.Client(transport=httpx.MockTransport(downgrade)) as client,
        pytest.raises(FetchError, match="not https; refused"),
    ):
        fetch_source(client, "us_ofac_sdn", SET, tmp_path)


def test_interrupted_swap_is_undone(publisher: Publisher, tmp_path: Path) -> None:
    """A crash between moving the old set aside and moving the new one in loses nothing."""
    fetch(publisher, tmp_path)
    base = source_dir(tmp_path)
    (base / "current").rename(base / ".previous-crashed")
    (base / ".incoming-crashed").mkdir()
    (base / ".incoming-crashed" / "sdn.csv").write_bytes(b"half")

    result = fetch(publisher, tmp_path)

    assert not result.changed
    assert (base / "current" / "sdn.csv").read_bytes() == publisher.files[SET[0].url]
    assert leftovers(tmp_path) == []


def test_damaged_current_is_fetched_again(publisher: Publisher, tmp_path: Path) -> None:
    fetch(publisher, tmp_path)
    (source_dir(tmp_path) / "current" / "alt.csv").write_bytes(b"edited by hand")
    publisher.requests.clear()

    result = fetch(publisher, tmp_path)

    assert result.changed
    assert not any("If-None-Match" in r.headers for r in publisher.requests)
    assert (source_dir(tmp_path) / "current" / "alt.csv").read_bytes() == publisher.files[
        SET[1].url
    ]


@pytest.mark.skipif(sys.platform == "win32", reason="no flock on Windows")
def test_concurrent_update_of_a_source_is_refused(publisher: Publisher, tmp_path: Path) -> None:
    import fcntl

    base = source_dir(tmp_path)
    base.mkdir(parents=True)
    with (base / ".lock").open("a") as held:
        fcntl.flock(held.fileno(), fcntl.LOCK_EX)
        with pytest.raises(FetchError, match="another update of us_ofac_sdn is running"):
            fetch(publisher, tmp_path)
    assert publisher.requests == []


@pytest.mark.parametrize(
    "downloads",
    [
        (Download("../sdn.csv", "https://x.example/a"),),
        (Download(".state", "https://x.example/a"),),
        (Download("sdn.csv", "http://x.example/a"),),
        (Download("a.csv", "https://x.example/a"), Download("a.csv", "https://x.example/b")),
        (),
    ],
)
def test_bad_address_book_is_a_programming_error(
    tmp_path: Path, downloads: tuple[Download, ...]
) -> None:
    with httpx.Client() as client, pytest.raises(ValueError, match="us_ofac_sdn: "):
        fetch_source(client, "us_ofac_sdn", downloads, tmp_path)


# The address books: one fetch.py per source subpackage, each exporting DOWNLOADS.
FETCH_MODULES = [
    "us_ofac",
    "un_sc",
    "eu_fsf",
    "gb_hmt_ofsi",
    "gb_fcdo",
    "us_bis_dpl",
    "us_trade_csl",
]
SOURCE_IDS = {
    "us_ofac_sdn",
    "us_ofac_cons",
    "un_sc",
    "eu_fsf",
    "gb_hmt_ofsi",
    "gb_fcdo",
    "us_bis_dpl",
    "us_trade_csl",
}


def all_downloads() -> Iterator[tuple[str, tuple[Download, ...]]]:
    for package in FETCH_MODULES:
        module = importlib.import_module(f"proscribe.sources.{package}.fetch")
        yield from module.DOWNLOADS.items()


def test_every_source_has_an_address_book() -> None:
    ids = [source for source, _ in all_downloads()]
    assert sorted(ids) == sorted(SOURCE_IDS)


@pytest.mark.parametrize(("source", "downloads"), list(all_downloads()))
def test_addresses_are_https_and_names_unique(source: str, downloads: tuple[Download, ...]) -> None:
    assert downloads, source
    names = [d.name for d in downloads]
    assert len(set(names)) == len(names)
    for download in downloads:
        address = urlsplit(download.url)
        assert address.scheme == "https", download.url
        assert address.hostname
        assert "." in address.hostname
        assert "/" not in download.name
        assert not download.name.startswith(".")


def test_ofac_sets_are_saved_under_the_names_the_parsers_read() -> None:
    books = dict(all_downloads())
    assert [d.name for d in books["us_ofac_sdn"]] == [
        "sdn.csv",
        "alt.csv",
        "add.csv",
        "sdn_comments.csv",
    ]
    assert [d.name for d in books["us_ofac_cons"]] == [
        "cons_prim.csv",
        "cons_alt.csv",
        "cons_add.csv",
        "cons_comments.csv",
    ]
    assert [d.optional for d in books["us_ofac_sdn"]] == [False, False, False, True]
