"""Where the European Commission publishes the EU consolidated financial sanctions list (FSF).

The Financial Sanctions Files service publishes the full list in several formats; we take the
XML 1.1 file (`<export>` / `<sanctionEntity>`, about 25 MB). The download address needs a token,
but the token is a fixed public one printed on the service's public download links
(`dG9rZW4tMjAxNw`, base64 for "token-2017"), not a credential.

How we know the address: OpenSanctions' eu_fsf crawler metadata (data.url) uses exactly this
address; moov-io/watchman (pkg/sources/csl_eu/download_eu.go) uses the CSV sibling
`csvFullSanctionsList_1_1` with the same token. The service names the file after its date
(e.g. 20250801-FULL-1_1.xml); we save it under one stable name.
"""

from __future__ import annotations

from proscribe.sources.base import Download

DOWNLOADS: dict[str, tuple[Download, ...]] = {
    "eu_fsf": (
        Download(
            "xmlFullSanctionsList_1_1.xml",
            "https://webgate.ec.europa.eu/fsd/fsf/public/files/xmlFullSanctionsList_1_1/content"
            "?token=dG9rZW4tMjAxNw",
        ),
    ),
}
