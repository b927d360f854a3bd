"""Pure string and name work: what makes two spellings of one name comparable.

Everything here takes strings and returns strings, deterministic and offline, with no I/O and
nothing imported from the rest of proscribe. The matcher calls these functions millions of
times in a batch, so each is cached and the hot paths use `str.translate`, not regexes. The
caches are bounded (65,536 entries for the per-token functions and `normalize`, 16,384 for the
per-name ones); filled to the brim they hold about 70 MB. What costs less than a cache's
bookkeeping is not cached: ASCII text's normalisation, script and romanisation, and the
tests that most names have no title and no word to divide.

- `normalize`, `tokens`: NFKC, case, diacritics, punctuation, whitespace.
- `script_of`: the writing system a name is in.
- `romanizations`: every plausible Latin rendering of a name in any script (hangul in three
  systems, Han characters read as Korean, Mandarin and Japanese, Cyrillic in five standards,
  Arabic and Persian, Greek, Hebrew; anyascii for the rest).
- `canonical_token`: one key for the known spellings of a name (Choi / Choe / Chwe, Mohamed /
  Muhammad, Aleksandr / Alexander).
- `phonetic_key`: a sound-alike key, evidence only.
- `strip_honorifics`, `legal_form`: titles and company forms set aside and made comparable.
- `joined_variants`: the ways a name's words can be split and joined (Ryonghae / Ryong Hae,
  Abdulrahman / Abd al-Rahman).
"""

from proscribe.text.honorifics import strip_honorifics
from proscribe.text.joining import joined_variants
from proscribe.text.legal_forms import legal_form
from proscribe.text.normalize import normalize, tokens
from proscribe.text.phonetic import phonetic_key
from proscribe.text.romanize import romanizations
from proscribe.text.scripts import script_of
from proscribe.text.variants import canonical_token

__all__ = [
    "canonical_token",
    "joined_variants",
    "legal_form",
    "normalize",
    "phonetic_key",
    "romanizations",
    "script_of",
    "strip_honorifics",
    "tokens",
]
