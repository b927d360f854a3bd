"""The published algorithms by name; `DEFAULT_ALGORITHM` is what screening uses unless told.

proscribe-v4 is the default; v1 (the default until v3), v2 (v1 calibrated) and v3 (the default
until v4) stay selectable and unchanged, so that screenings recorded under them can be
replayed.
"""

from proscribe.match.algorithms.base import Algorithm
from proscribe.match.algorithms.v1 import V1
from proscribe.match.algorithms.v2 import V2
from proscribe.match.algorithms.v3 import V3
from proscribe.match.algorithms.v4 import V4

ALGORITHMS: dict[str, Algorithm] = {V1.name: V1, V2.name: V2, V3.name: V3, V4.name: V4}
DEFAULT_ALGORITHM = V4.name

__all__ = ["ALGORITHMS", "DEFAULT_ALGORITHM", "Algorithm"]
