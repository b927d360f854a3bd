"""Where the US Commerce Department's BIS publishes the Denied Persons List.

One tab-separated file, `dpl.txt`, at the address BIS has used for years. How we know it:
moov-io/watchman's DPL downloader built it (`dplURLTemplate = "https://www.bis.doc.gov/dpl/%s"`
with dpl.txt), as do other public CSL importers (a Ruby `ScreeningList::Dpl` ENDPOINT) and
OpenSanctions' older us_bis_denied metadata; our three samples are watchman's test copies.

Caveat: BIS has moved its site to bis.gov. One public project reports that this address now
gives the site's home page, and OpenSanctions' us_bis_denied crawler now follows the "Export as
CSV" link on bis.gov/licensing/end-user-guidance/denied-persons-list-dpl instead (a CSV whose
layout differs from dpl.txt). If so, `update` fails for this list with "answered with a web page";
the DPL is also part of the US Consolidated Screening List (source us_trade_csl).
"""

from __future__ import annotations

from proscribe.sources.base import Download

DOWNLOADS: dict[str, tuple[Download, ...]] = {
    "us_bis_dpl": (Download("dpl.txt", "https://www.bis.doc.gov/dpl/dpl.txt"),),
}
