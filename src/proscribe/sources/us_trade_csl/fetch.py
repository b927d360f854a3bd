"""Where the US International Trade Administration publishes the Consolidated Screening List.

One CSV file combining the export screening lists of Commerce, State and Treasury, refreshed
daily by trade.gov. How we know the address: moov-io/watchman's current CSL downloader
(pkg/sources/csl_us/download.go) uses
`https://data.trade.gov/downloadable_consolidated_screening_list/v1/consolidated.csv`, the
keyless bulk file that replaced the older api.trade.gov/static/consolidated_screening_list/
addresses (OpenSanctions' us_trade_csl metadata still names the JSON there). We save it as
csl.csv, the name of our sample file.
"""

from __future__ import annotations

from proscribe.sources.base import Download

DOWNLOADS: dict[str, tuple[Download, ...]] = {
    "us_trade_csl": (
        Download(
            "csl.csv",
            "https://data.trade.gov/downloadable_consolidated_screening_list/v1/consolidated.csv",
        ),
    ),
}
