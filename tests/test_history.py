"""History across real list versions: change reports are exact against counts derived here,
independently of the parsers, from the raw files; timelines, "listed on" and as-of versions.

The store is the session's shared history home (tests/history_home.py): SDN 2015-01-17,
2019-01-04, 2021-07-07, 2022-02-23, 2022-02-25 and UN 2018-08-24, 2018-10-29.
"""

from __future__ import annotations

import csv
import io
import re
from collections import defaultdict
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from proscribe.errors import InputError, NotFoundError
from proscribe.history import (
    changes,
    default_source,
    listed_on,
    resolve,
    timeline,
    versions_in_force,
)
from proscribe.store import Store
from tests.history_home import history_home, store_url
from tests.store.factory import make_entity, make_version

SDN = "us_ofac_sdn"
UN = "un_sc"


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory, data_dir: Path) -> Iterator[Store]:
    home = history_home(tmp_path_factory.getbasetemp(), data_dir)
    with Store.open(store_url(home)) as opened:
        yield opened


# -- independent readings of the raw files ---------------------------------------------------


def raw_rows(folder: Path, name: str) -> dict[str, list[list[str]]]:
    """Rows of one OFAC CSV file by their first column (the SDN uid), read with the csv module
    alone; the trailing Ctrl-Z line and blank lines have no numeric uid and are skipped."""
    path = folder / name
    if not path.exists():
        return {}
    rows: dict[str, list[list[str]]] = defaultdict(list)
    text = path.read_bytes().decode("cp1252", errors="replace")
    for row in csv.reader(io.StringIO(text)):
        if row and row[0].strip().isdigit():
            # OFAC pads some cells with a space ("-0- "); that is not a change.
            rows[row[0].strip()].append([cell.strip() for cell in row])
    return rows


def sdn_uids(folder: Path) -> set[str]:
    return set(raw_rows(folder, "sdn.csv"))


def sdn_changed_raw(before: Path, after: Path) -> set[str]:
    """Uids in both folders whose rows differ in any of the CSV files the two folders share.
    An alias or address row is compared without its own number (alt_num, add_num: OFAC
    renumbers a row now and then) and the rows of a uid in any order."""
    common = sdn_uids(before) & sdn_uids(after)
    files = ("sdn.csv", "alt.csv", "add.csv", "sdn_comments.csv")
    names = [n for n in files if (before / n).exists() and (after / n).exists()]
    tables = [(content(before, n), content(after, n)) for n in names]
    return {uid for uid in common if any(old.get(uid) != new.get(uid) for old, new in tables)}


def content(folder: Path, name: str) -> dict[str, list[list[str]]]:
    rows = raw_rows(folder, name)
    if name not in ("alt.csv", "add.csv"):
        return rows
    return {uid: sorted(row[:1] + row[2:] for row in found) for uid, found in rows.items()}


def un_references(folder: Path) -> set[str]:
    text = (folder / "consolidated.xml").read_text(encoding="utf-8")
    return set(re.findall(r"<REFERENCE_NUMBER>\s*([^<\s]+)\s*</REFERENCE_NUMBER>", text))


def ids(entries: list[dict[str, str]]) -> set[str]:
    return {entry["id"] for entry in entries}


# -- changes ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("before", "after"),
    [
        ("2019-01-04", "2021-07-07"),
        # 2022-02-23 holds sdn.csv alone: aliases and addresses are unknown there, not gone.
        ("2021-07-07", "2022-02-23"),
        ("2022-02-23", "2022-02-25"),
    ],
)
def test_sdn_changes_are_exact(store: Store, data_dir: Path, before: str, after: str) -> None:
    old, new = data_dir / SDN / before, data_dir / SDN / after
    report = changes(store, SDN, before, after).to_json()
    assert ids(report["added"]) == sdn_uids(new) - sdn_uids(old)
    assert ids(report["removed"]) == sdn_uids(old) - sdn_uids(new)
    # Every raw change shows in the model. An entry with unchanged rows can still change in one
    # way: its "Linked To:" text is resolved to the id of the entry of that name, so a renamed
    # target changes the link (SDN 33399 after 33398 was renamed on 2022-02-25).
    raw = sdn_changed_raw(old, new)
    assert raw <= ids(report["amended"])
    # Remarks continued in a comments file that the other version lacks are cut short there
    # (1,000 characters): what they state past the cut is not known on that side.
    continued = set(raw_rows(old, "sdn_comments.csv")) ^ set(raw_rows(new, "sdn_comments.csv"))
    for entry in report["amended"]:
        if entry["id"] not in raw and entry["id"] not in continued:
            assert [change["field"] for change in entry["changes"]] == ["links"], entry
    # A set without its alias and address files says nothing of them: not compared.
    lacking = not (new / "alt.csv").exists()
    assert bool(report["not_compared"]) == lacking
    if lacking:
        assert {"names.alias", "addresses", "countries.address"} <= set(report["not_compared"])
    assert report["added"]  # (nothing was removed on 2022-02-25)
    assert report["amended"]
    assert all(entry["caption"] and entry["source"] == SDN for entry in report["added"])


def test_un_changes_are_exact(store: Store, data_dir: Path) -> None:
    old = un_references(data_dir / "un_sc_consolidated/2018-08-24")
    new = un_references(data_dir / "un_sc_consolidated/2018-10-29")
    report = changes(store, UN, "2018-08-24", "2018-10-29").to_json()
    assert ids(report["added"]) == new - old
    assert ids(report["removed"]) == old - new
    assert len(report["added"]) == len(new - old) > 0
    assert {"source", "id", "changes"} <= set(report["amended"][0])


def test_amended_entry_shows_before_and_after(store: Store, data_dir: Path) -> None:
    # UN LYi.021 was renamed from "Ermias Ghermay" to "Ermias Alem" on 17 Sep 2018.
    xml = (data_dir / "un_sc_consolidated/2018-10-29/consolidated.xml").read_text("utf-8")
    assert "Ermias Ghermay, Guro" in xml  # the new alias, independently of the parser
    report = changes(store, UN, f"{UN}@2018-08-24", f"{UN}@2018-10-29").to_json()
    entry = next(e for e in report["amended"] if e["id"] == "LYi.021")
    by_field = {change["field"]: change for change in entry["changes"]}
    primary = by_field["names.primary"]
    assert [name["full"] for name in primary["before"]] == ["Ermias Ghermay"]
    assert [name["full"] for name in primary["after"]] == ["Ermias Alem"]
    assert by_field["names.alias"]["before"] is None


def test_a_date_names_the_version_in_force(store: Store) -> None:
    assert resolve(store, SDN, "2020-06-30").label == f"{SDN}@2019-01-04"
    assert resolve(store, SDN, "2019-01-04").label == f"{SDN}@2019-01-04"
    with pytest.raises(NotFoundError):
        resolve(store, SDN, "2010-01-01")
    with pytest.raises(InputError):
        resolve(store, SDN, f"{UN}@2018-08-24")


# -- one entry -------------------------------------------------------------------------------


def test_timeline_of_choe_ryong_hae(store: Store) -> None:
    events = [(e.kind, e.version.label) for e in timeline(store, SDN, "23213")]
    # Not in 2015 (designated 10 Dec 2018), then in every later version.
    assert events[0] == ("listed", f"{SDN}@2019-01-04")
    assert all(kind in {"listed", "amended"} for kind, _ in events)
    amended = [e for e in timeline(store, SDN, "23213") if e.kind == "amended"]
    assert all(e.changes for e in amended)


def test_timeline_shows_delisting(store: Store, data_dir: Path) -> None:
    gone = sorted(sdn_uids(data_dir / SDN / "2019-01-04") - sdn_uids(data_dir / SDN / "2021-07-07"))
    uid = next(u for u in gone if u in sdn_uids(data_dir / SDN / "2015-01-17"))
    kinds = [(e.kind, e.version.label) for e in timeline(store, SDN, uid)]
    assert kinds[0] == ("listed", f"{SDN}@2015-01-17")
    assert ("delisted", f"{SDN}@2021-07-07") in kinds


def test_listed_on_uses_the_version_in_force(store: Store) -> None:
    # 2018-12-01 falls between the 2015-01-17 and 2019-01-04 files: the 2015 one was in force
    # by the stored (path) dates, and it does not hold 23213.
    assert listed_on(store, SDN, "23213", date(2018, 12, 1)) is False
    assert listed_on(store, SDN, "23213", date(2019, 2, 1)) is True
    with pytest.raises(NotFoundError):
        listed_on(store, SDN, "23213", date(2014, 1, 1))


def test_versions_in_force(store: Store) -> None:
    labels = {v.label for v in versions_in_force(store, date(2018, 9, 1))}
    assert labels == {f"{SDN}@2015-01-17", f"{UN}@2018-08-24"}
    with pytest.raises(NotFoundError):
        versions_in_force(store, date(2000, 1, 1))


def test_several_lists_need_a_source(store: Store) -> None:
    assert default_source(store, SDN) == SDN
    with pytest.raises(InputError, match="--source"):
        default_source(store, None)


def test_timeline_relisting_and_extracts(tmp_path: Path) -> None:
    """Listed, delisted, re-listed with other content; an extract lacking it delists nothing."""
    a1 = make_entity(id="A", name="ALPHA TRADING")
    a2 = make_entity(id="A", name="ALPHA TRADING LLC")
    b = make_entity(id="B")
    saved = [
        (make_version([a1, b], published=date(2020, 1, 1)), [a1, b]),
        (make_version([b], published=date(2020, 2, 1), scope="program=X"), [b]),
        (make_version([b], published=date(2020, 3, 1)), [b]),
        (make_version([a2, b], published=date(2020, 4, 1)), [a2, b]),
    ]
    with Store.open(f"sqlite:///{tmp_path / 'store.db'}") as opened:
        for version, items in saved:
            opened.save_version(version, items, force=True)
        events = timeline(opened, a1.source, "A")
        assert [(e.kind, e.version.published) for e in events] == [
            ("listed", date(2020, 1, 1)),
            ("delisted", date(2020, 3, 1)),
            ("relisted", date(2020, 4, 1)),
        ]
        assert [c.field for c in events[-1].changes] == ["names.primary"]
        assert events[-1].to_json()["changes"][0]["after"] == [
            {"full": "ALPHA TRADING LLC", "kind": "primary"}
        ]
        assert listed_on(opened, a1.source, "A", date(2020, 3, 15)) is False
        assert listed_on(opened, a1.source, "A", date(2020, 2, 15)) is True
