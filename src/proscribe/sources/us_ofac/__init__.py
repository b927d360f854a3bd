"""US Treasury OFAC: the SDN list and the consolidated non-SDN list.

OFAC publishes both lists in several formats: the legacy CSV sets (`csv_formats`, read by
`parse_csv` and mapped by `map_csv`, with the Remarks field parsed by `remarks`) and the
sdn.xml-style and enhanced XML (`xml_formats`). `map` holds what the formats share: OFAC's
party types, programme tags, `SURNAME, Given` names and country spellings.
"""

from proscribe.sources.base import ListFormat
from proscribe.sources.us_ofac.csv_formats import CONS_CSV, SDN_CSV
from proscribe.sources.us_ofac.xml_formats import XML_FORMATS

FORMATS: tuple[ListFormat, ...] = (SDN_CSV, CONS_CSV, *XML_FORMATS)

__all__ = ["FORMATS"]
