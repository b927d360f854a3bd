"""Where HM Treasury's OFSI published its Consolidated List of Financial Sanctions Targets.

Two caveats, both about the publisher rather than our code:

* The file at this address is in OFSI's 2022 format (new columns such as the name type and the
  "Ship" group type, introduced in February 2022), not the older layout of our sample file
  (`uk_hmt_ofsi_conlist/2018-04-13`) that the gb_hmt_ofsi parser is written for; the parser may
  not claim it, in which case `update` loads nothing for this list.
* On 28 January 2026 the UK moved to a single list: the FCDO's UK Sanctions List (source
  gb_fcdo) is now the authoritative one and the OFSI Consolidated List is no longer updated.
  Once OFSI withdraws the file, fetching it fails with an HTTP error naming this address.

How we know the address: the OFSI page "Financial sanctions targets: list of all asset freeze
targets" linked it; OpenSanctions' gb_hmt_sanctions crawler metadata uses its XML sibling
(`.../publishlive/2022format/ConList.xml`) and many public screening tools fetch this CSV.
"""

from __future__ import annotations

from proscribe.sources.base import Download

DOWNLOADS: dict[str, tuple[Download, ...]] = {
    "gb_hmt_ofsi": (
        Download(
            "ConList.csv",
            "https://ofsistorage.blob.core.windows.net/publishlive/2022format/ConList.csv",
        ),
    ),
}
