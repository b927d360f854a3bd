"""Where the UN Security Council publishes its Consolidated List.

One XML file, `<CONSOLIDATED_LIST dateGenerated=...>`, regenerated whenever a sanctions committee
changes an entry. How we know the address: it is the "XML" link of the Council's consolidated list
page (un.org/securitycouncil/content/un-sc-consolidated-list); OpenSanctions' un_sc_sanctions
crawler metadata (data.url) and moov-io/watchman (pkg/sources/csl_un/download_un.go) fetch it
from the same address.
"""

from __future__ import annotations

from proscribe.sources.base import Download

DOWNLOADS: dict[str, tuple[Download, ...]] = {
    "un_sc": (
        Download(
            "consolidated.xml", "https://scsanctions.un.org/resources/xml/en/consolidated.xml"
        ),
    ),
}
