"""Where the UK Foreign, Commonwealth and Development Office publishes the UK Sanctions List.

Since 28 January 2026 this is the UK's only authoritative sanctions designation list. The FCDO
serves it at fixed addresses under sanctionslist.fcdo.gov.uk/docs/, one per format (CSV, XML,
ODS, ODT, TXT, HTML, PDF); we take the OpenDocument spreadsheet, the format of our gb_fcdo sample.

How we know the address: the FCDO's page "The UK Sanctions List" (gov.uk/government/publications/
the-uk-sanctions-list) links these documents; moov-io/watchman (pkg/sources/csl_uk/download_uk.go)
fetches the CSV sibling `https://sanctionslist.fcdo.gov.uk/docs/UK-Sanctions-List.csv`, and other
public tools the XML one. The `.ods` address follows the same pattern; a public integration note
citing the FCDO's format guide lists ODS among the static formats served there. We have not seen
a public project fetch the `.ods` itself.

Caveat: our sample (`FCDO_SL_Mon_Aug 11 2025.ods`) is a one-row-per-designation summary; the
published spreadsheet may carry a fuller layout, which the gb_fcdo parser must recognise or
decline to claim.
"""

from __future__ import annotations

from proscribe.sources.base import Download

DOWNLOADS: dict[str, tuple[Download, ...]] = {
    "gb_fcdo": (
        Download(
            "UK-Sanctions-List.ods", "https://sanctionslist.fcdo.gov.uk/docs/UK-Sanctions-List.ods"
        ),
    ),
}
