"""The published algorithms by name; `DEFAULT_ALGORITHM` is what screening uses unless told.

proscribe-v6 is the default; v1 (the default until v3), v2 (v1 calibrated), v3 (the default
until v4), v4 (the default until v5) and v5 (the default until v6) stay selectable and
unchanged, so that screenings recorded under them can be replayed.
"""

from proscribe.match.algorithms.base import Algorithm
from proscribe.match.algorithms.v1 import V1
from proscribe.match.algorithms.v2 import V2
from proscribe.match.algorithms.v3 import V3
from proscribe.match.algorithms.v4 import V4
from proscribe.match.algorithms.v5 import V5
from proscribe.match.algorithms.v6 import V6

ALGORITHMS: dict[str, Algorithm] = {
    algorithm.name: algorithm for algorithm in (V1, V2, V3, V4, V5, V6)
}
DEFAULT_ALGORITHM = V6.name

__all__ = ["ALGORITHMS", "DEFAULT_ALGORITHM", "Algorithm"]
