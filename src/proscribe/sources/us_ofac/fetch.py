"""Where OFAC publishes the SDN list and the Consolidated (non-SDN) list.

OFAC serves both lists from its Sanctions List Service (SLS); the older treasury.gov/ofac/downloads
addresses are retired in its favour. We take the "legacy" CSV files, which our parsers read: four
files per list, joined on the uid. The SLS serves them under upper-case names; we save them under
the lower-case names OFAC has always used (sdn.csv, cons_prim.csv, ...), which the parsers know.

How we know the addresses: moov-io/watchman downloads the same files from
`https://sanctionslistservice.ofac.treas.gov/api/PublicationPreview/exports/<NAME>`
(pkg/sources/ofac/download.go: SDN.CSV, ALT.CSV, ADD.CSV, SDN_COMMENTS.CSV;
pkg/sources/us_non_sdn/download.go: CONS_PRIM.CSV, CONS_ADD.CSV, CONS_ALT.CSV, CONS_COMMENTS.CSV),
and several other public screening tools use the same SLS export addresses.
"""

from __future__ import annotations

from proscribe.sources.base import Download

_SLS = "https://sanctionslistservice.ofac.treas.gov/api/PublicationPreview/exports/"

# The comments files carry the overflow of remarks longer than 1,000 characters; OFAC has
# published sets without them (see the 2021-04-25 SDN set), so their absence is not an error.
DOWNLOADS: dict[str, tuple[Download, ...]] = {
    "us_ofac_sdn": (
        Download("sdn.csv", _SLS + "SDN.CSV"),
        Download("alt.csv", _SLS + "ALT.CSV"),
        Download("add.csv", _SLS + "ADD.CSV"),
        Download("sdn_comments.csv", _SLS + "SDN_COMMENTS.CSV", optional=True),
    ),
    "us_ofac_cons": (
        Download("cons_prim.csv", _SLS + "CONS_PRIM.CSV"),
        Download("cons_alt.csv", _SLS + "CONS_ALT.CSV"),
        Download("cons_add.csv", _SLS + "CONS_ADD.CSV"),
        Download("cons_comments.csv", _SLS + "CONS_COMMENTS.CSV", optional=True),
    ),
}
