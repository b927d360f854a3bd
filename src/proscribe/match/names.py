"""Name comparison: the best token alignment between two names, with its evidence.

Two names are compared as token sequences (one per Latin rendering, see `text.forms`). Each
query token is paired with at most one list token, greedily by similarity; word order does
not matter. A pair's similarity is 1.0 when the tokens are equal or known variants of each
other (Choi / Choe), graded by edit distance for typos, 0.8 for a token cut short and for
an initial against a name it could stand for, 0.7 for tokens that sound alike. A token may
also pair with two adjacent tokens of the other name written together (Ryonghae / Ryong Hae),
and under proscribe-v5's rules with three around an Arabic article (Nuraldin / Nur al-Din).
Under proscribe-v6's, two words the lists both hold (`NameRules.listed_apart`) pair by a typo
only when one edit apart: Adel / Abdul or Hasnain / Hussain are two names, not one mistyped.

The score weighs each token by how telling it is (`token_weight`: rare tokens count fully,
tokens as common as 'al', 'kim' or 'trading' less) and averages two coverages: how much of
the query the list name explains, and how much of the list name the query explains.

How typos and initials are graded is a `NameRules` table that belongs to an algorithm
(`Algorithm.names`): proscribe-v1 and v2 use `V1_NAMES`, whose figures are the ones above; a
change of grading is a new algorithm version, so that past scores can be replayed.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Container, Iterator, Sequence
from dataclasses import dataclass, field, fields
from functools import lru_cache, partial

from rapidfuzz.distance import OSA, DamerauLevenshtein, JaroWinkler

from proscribe.text import phonetic_key
from proscribe.text.forms import NameForm
from proscribe.text.keyboard import neighbouring_keys

# How much of the score comes from covering the query (vs covering the list name). Equal
# shares: a query that leaves out a middle name still scores high (3 of 3 and 3 of 4 words),
# while a surname alone against a two-word name stays under a match (1 of 1 and 1 of 2).
QUERY_SHARE = 0.5
MIN_PAIR = 0.5  # token pairs below this similarity are not paired at all
RESEMBLANCE = 0.75  # Jaro-Winkler above which leftover words are not a conflict
INITIAL_SIMILARITY = 0.8  # "J." for John: consistent, though not proof
FIRST_SLIP_LENGTH = 5  # shortest word whose first letter may be one of two slips

Weight = Callable[[str], float]
# (a, a_key, b, b_key, listed): `listed` says which of the two comparisons are of words the
# lists both hold: LISTED_WORDS (a and b), LISTED_KEYS (a_key and b_key); see `listed_mask`.
Similarity = Callable[[str, str, str, str, int], float]
LISTED_WORDS = 1
LISTED_KEYS = 2


@dataclass(frozen=True, eq=False)
class NameRules:
    """How one algorithm grades token pairs. Typos are graded by edit distance (OSA:
    a swap of two neighbouring letters is one edit) over the longer token's length:

    - one edit in a token of 4+ letters: 1 - one_edit / longest - 0.05, and
      1 - transposition / longest - 0.05 when the edit swaps two neighbouring letters;
    - two edits in a token of 7+ letters: 1 - two_edits / longest - 0.05;
    - two edits in a token of 4-6 letters that keeps its first letter:
      1 - short_two_edits / longest (0 turns it off: no pairing);
    - `initial`: an initial paired with a word it could stand for ("J." / John);
    - `list_initials`: whether a word of the query may pair with an initial of the list name
      ("MIN" with "M."), as an initial of the query always may with a list word;
    - `moved_letters`: whether a letter moved past others ('SURZAEZ' / SUAREZ: a swap and
      a slip) is the edits it takes (Damerau-Levenshtein, two) rather than the edits of
      letters swapped only where they stand (OSA, three);
    - `first_letter_slips`: whether two slips in a short word may change its first letter
      when the change is itself a slip: a neighbouring key ('DRANO' / FRANCO) or a letter
      added, dropped or swapped at the start ('UDEDA' / RUEDA, 'ASLHE' / SALEH);
    - `joined_prefixes`: whether a token may pair with two words of the other name written
      together when it is no more than the start of the first ('IVANOV' with 'Ivanovich
      KOUFFA', as the start of 'IVANOVICHKOUFFA'); False: the token must reach into the
      second word, as 'RYONGHAE' does into 'Ryong Hae'.
    - `short_joins`: whether a token of three or four letters may pair with two words of the
      other name that it equals written together ('ILU' / 'Il U', 'TAFA' / 'Ta Fa': Korean
      given names of one-letter and two-letter syllables); False: joined pairings are for
      tokens of five letters or more only;
    - `particle_joins`: whether a token may pair with three words of the other name written
      together when the middle one is an Arabic article ('NURALDIN' / 'Nur al-Din',
      'SAIFALDIN' / 'Saif-al-Din'; `JOINING_PARTICLES`);
    - `joins_past_repeats`: whether joined pairings are looked for when the two words are
      paired already but recur in their name ('Usama bin Muhammad binawad' / 'Usama bin
      Muhammad bin Awad BIN LADIN': the first pairing gave each BIN of the query a BIN of the
      list, the second of them the one before AWAD); False: only when both are poorly paired.
    - `listed_apart`: whether two words that the loaded lists both hold (as words, keys or two
      adjacent words written as one: the index's vocabulary, `MatchConfig.vocabulary`) stay
      unpaired when two edits apart: 'ADEL' / ABDUL, 'AHMED' / AYMAN, 'HASNAIN' / HUSSAIN
      and 'ADANI' / MADAN are names of their own, and two slips rarely land on another listed
      name. One edit apart they still pair, and so does a word the lists lack (a slip).

    Identity is equality (eq=False): each table has its own similarity cache, and its
    settings go into the algorithm's configuration hash."""

    one_edit: float = 0.8
    transposition: float = 0.8
    two_edits: float = 1.6
    short_two_edits: float = 0.0
    initial: float = INITIAL_SIMILARITY
    list_initials: bool = True
    moved_letters: bool = False
    first_letter_slips: bool = False
    joined_prefixes: bool = True
    short_joins: bool = False
    particle_joins: bool = False
    joins_past_repeats: bool = False
    listed_apart: bool = False
    # Cached per table: the same tokens recur across a candidate's aliases and across a
    # batch, and a lookup costs a tenth of computing an edit distance.
    similarity: Similarity = field(init=False, repr=False)

    def __post_init__(self) -> None:
        cached = lru_cache(maxsize=1 << 20)(partial(_token_similarity, self))
        object.__setattr__(self, "similarity", cached)

    def __reduce__(self) -> tuple[type[NameRules], tuple[float | bool, ...]]:
        # Pickled by its figures; the cache is rebuilt on the other side.
        return (NameRules, tuple(getattr(self, f.name) for f in fields(self) if f.init))

    def settings(self) -> dict[str, float | bool]:
        """The table's figures, for the configuration hash and for documentation. The rules
        added after proscribe-v3 appear only when they differ from their default, so that
        the hashes of the tables published before them stay what they were."""
        return {
            f.name: getattr(self, f.name)
            for f in fields(self)
            if f.init and (f.name not in _LATER_RULES or getattr(self, f.name) != f.default)
        }


_LATER_RULES = frozenset(
    {
        "moved_letters",
        "first_letter_slips",
        "joined_prefixes",
        "short_joins",
        "particle_joins",
        "joins_past_repeats",
        "listed_apart",
    }
)
LONG_JOIN = 5  # a token this long may be two words written together, whatever the rules
SHORT_JOIN = 3  # ... and from this length on, under `short_joins`, when it equals them
# The Arabic article as it stands between two words of a compound name (Nur al-Din, Zia ul
# Haq, Nasir ud Din, Habib ur Rahman), which customers often write as one word.
JOINING_PARTICLES = frozenset(
    {"al", "el", "ul", "ud", "ad", "ed", "ur", "ar", "as", "ash", "at", "az", "an"}
)


@dataclass(frozen=True, slots=True)
class Sides:
    """Both names' tokens with their pairing similarities and weights: what the conflict is
    computed from, kept so that it is computed only for the alignment that wins."""

    q: Sequence[str]
    q_sim: list[float]
    q_weights: list[float]
    c: Sequence[str]
    c_sim: list[float]
    c_weights: list[float]


@dataclass(frozen=True, slots=True)
class Alignment:
    score: float
    pairs: tuple[tuple[str, str, float], ...]  # (query token, list token(s), similarity)
    query_rendering: str
    list_rendering: str
    sides: Sides | None = None  # None when the names are the same words: no conflict

    @property
    def conflict(self) -> float:
        """The smaller of the weighted shares of words left unpaired on each side: 0 when one
        name explains the other entirely (a truncated or longer name), high when both hold
        words the other lacks ("Atiqullah Wali Basir" / "Atiqullah Wali Mohammad": another
        person). Computed on demand: most alignments lose to a better one and never need it."""
        return 0.0 if self.sides is None else _conflict(self.sides)


def listed_mask(vocabulary: Container[str], token: str, key: str) -> int:
    """Which of a token and its key the lists hold (LISTED_WORDS, LISTED_KEYS): the mask of a
    pair of tokens is the two masks and-ed (`NameRules.listed_apart`)."""
    return (LISTED_WORDS if token in vocabulary else 0) | (LISTED_KEYS if key in vocabulary else 0)


def _token_similarity(
    rules: NameRules, a: str, a_key: str, b: str, b_key: str, listed: int = 0
) -> float:
    """Similarity of two tokens in [0, 1]; 0 means they should not be paired. Called
    through `NameRules.similarity`, which caches it. `listed`: which of the tokens (and of
    their keys) are words the lists both hold (`listed_mask`)."""
    if a_key == b_key or a == b:
        return 1.0
    a_length, b_length = len(a), len(b)
    if a_length < 2 or b_length < 2:
        return 0.0
    # More than two letters apart in length: no typo, no sound-alike; only a cut-short token
    # can still be the same word. Most pairs of a candidate's tokens end here.
    close = abs(a_length - b_length) <= 2
    if not close and abs(len(a_key) - len(b_key)) > 2:
        return prefix_similarity(a, b)
    apart = rules.listed_apart
    score = _typo_similarity(a, b, rules, apart and bool(listed & LISTED_WORDS))
    if a_key != a or b_key != b:
        keys_apart = apart and bool(listed & LISTED_KEYS)
        score = max(score, _typo_similarity(a_key, b_key, rules, keys_apart))
    score = max(score, prefix_similarity(a, b))
    # Sound-alike only between tokens of four letters or more and of similar length:
    # phonetic keys drop vowels, so 'ryong' and 'ryonghae', or 'choe' and 'jo', share one.
    if (
        score < 0.7
        and close
        and a_length >= 4
        and b_length >= 4
        and phonetic_key(a) == phonetic_key(b)
    ):
        score = 0.7
    return score


def _typo_similarity(a: str, b: str, rules: NameRules, listed: bool = False) -> float:
    """Graded by edit distance as `rules` say (see `NameRules`). One edit in a 3-letter token
    changes a third of it: not a typo. `listed`: both are words the lists hold, which two
    edits do not pair under `listed_apart` (the caller has checked the rule)."""
    shortest, longest = (len(a), len(b)) if len(a) <= len(b) else (len(b), len(a))
    if shortest < 3:
        return 0.0
    edits = DamerauLevenshtein if rules.moved_letters else OSA
    distance = edits.distance(a, b, score_cutoff=2)
    if distance == 2 and listed:
        return 0.0
    if distance == 1 and longest >= 4:
        # Equal letters in another order, one edit apart: two neighbours swapped.
        swapped = len(a) == len(b) and sorted(a) == sorted(b)
        return 1.0 - (rules.transposition if swapped else rules.one_edit) / longest - 0.05
    if distance == 2 and longest >= 7:
        return 1.0 - rules.two_edits / longest - 0.05
    # Two slips in a short word leave it half right at best: worth pairing only when the
    # first letter, which typists rarely miss, still agrees (Zdan / Zoran, not Rawi / Taqi).
    if distance == 2 and longest >= 4 and rules.short_two_edits and _same_start(a, b, rules):
        return 1.0 - rules.short_two_edits / longest
    return 0.0


def _same_start(a: str, b: str, rules: NameRules) -> bool:
    """The first letter agrees, or (under `first_letter_slips`) differs by a slip of its own:
    a neighbouring key, or a letter added, dropped or swapped at the start."""
    if a[0] == b[0]:
        return True
    # Four letters or fewer with two slips, the first among them, are another name more
    # often than a typo (Rawi / Taqi, Hong / Jang, Liao / Pao).
    if not rules.first_letter_slips or min(len(a), len(b)) < FIRST_SLIP_LENGTH:
        return False
    return neighbouring_keys(a[0], b[0]) or a[0] == b[1] or a[1] == b[0]


def prefix_similarity(a: str, b: str) -> float:
    """A token cut short (field limits in payment messages, truncated aliases): the shorter
    is the start of the longer and has at least four letters."""
    short, long = (a, b) if len(a) < len(b) else (b, a)
    if len(short) >= 4 and long.startswith(short):
        return 0.8
    return 0.0


def align_tokens(
    q: Sequence[str],
    q_keys: Sequence[str],
    c: Sequence[str],
    c_keys: Sequence[str],
    weight: Weight,
    rules: NameRules,
    vocabulary: Container[str] = frozenset(),
) -> tuple[float, list[tuple[str, str, float]], Sides]:
    """Score one query rendering against one list rendering: (score, pairs, sides)."""
    q_weights = [weight(key) for key in q_keys]
    c_weights = [weight(key) for key in c_keys]
    q_masks = _masks(q, q_keys, rules, vocabulary)
    c_masks = _masks(c, c_keys, rules, vocabulary)
    score, pairs, q_sim, c_sim = _scored(
        q, q_keys, q_weights, c, c_keys, c_weights, rules, q_masks, c_masks
    )
    return score, pairs, Sides(q, q_sim, q_weights, c, c_sim, c_weights)


def ruled_vocabulary(rules: NameRules, vocabulary: Container[str]) -> Container[str]:
    """The vocabulary whose words `rules` keep apart: empty unless `listed_apart`, so that a
    table without the rule caches each similarity once, with the mask 0."""
    return vocabulary if rules.listed_apart else frozenset()


def _masks(
    tokens: Sequence[str], keys: Sequence[str], rules: NameRules, vocabulary: Container[str]
) -> list[int]:
    """Each token's `listed_mask`, all 0 when the rules do not ask (`listed_apart`)."""
    if not rules.listed_apart:
        return [0] * len(tokens)
    return [listed_mask(vocabulary, t, k) for t, k in zip(tokens, keys, strict=True)]


def _scored(
    q: Sequence[str],
    q_keys: Sequence[str],
    q_weights: list[float],
    c: Sequence[str],
    c_keys: Sequence[str],
    c_weights: list[float],
    rules: NameRules,
    q_masks: Sequence[int],
    c_masks: Sequence[int],
) -> tuple[float, list[tuple[str, str, float]], list[float], list[float]]:
    """`align_tokens` with both sides' weights and `listed_mask`s given: (score, pairs,
    q_sim, c_sim)."""
    options = _single_options(q, q_keys, c, c_keys, rules, q_masks, c_masks)
    q_sim, c_sim, pairs = _greedy(options, q, c)
    # Joined pairings (Ryonghae / Ryong Hae) are looked for only when a long token is left
    # poorly paired: most names never need them, and they cost more than the singles.
    if _may_join(q, q_sim, c, c_sim, rules) or _may_join(c, c_sim, q, q_sim, rules):
        joined = _joined_options(q, c, q_sim, rules, flipped=False)
        joined += _joined_options(c, q, c_sim, rules, flipped=True)
        if joined:
            q_sim, c_sim, pairs = _greedy(options + joined, q, c)
    q_total, c_total = sum(q_weights), sum(c_weights)
    covered_q = sum([s * w for s, w in zip(q_sim, q_weights, strict=True)]) / q_total
    covered_c = sum([s * w for s, w in zip(c_sim, c_weights, strict=True)]) / c_total
    score = QUERY_SHARE * covered_q + (1 - QUERY_SHARE) * covered_c
    if not _substantive(pairs):
        score *= 0.5  # only initials and particles agree ("EL M."): no evidence of a name
    return score, pairs, q_sim, c_sim


PARTICLES = frozenset(
    {
        "al",
        "el",
        "ul",
        "ad",
        "ar",
        "as",
        "ash",
        "at",
        "az",
        "bin",
        "ibn",
        "ben",
        "abu",
        "abou",
        "bou",
        "de",
        "la",
        "le",
        "da",
        "di",
        "del",
        "della",
        "van",
        "von",
        "der",
        "den",
        "du",
        "dos",
        "das",
    }
)


def _substantive(pairs: list[tuple[str, str, float]]) -> bool:
    """At least one pairing of real words: longer than an initial, not a particle."""
    return any(
        sim >= MIN_PAIR and len(a) > 1 and len(b) > 1 and a not in PARTICLES and b not in PARTICLES
        for a, b, sim in pairs
    )


def _conflict(sides: Sides) -> float:
    """The smaller weighted share of words left unpaired on either side. A leftover word that
    still resembles a leftover of the other side (Jaro-Winkler >= 0.75: a heavily mistyped
    word) is not counted: it may be the same word."""
    q, q_sim, q_weights = sides.q, sides.q_sim, sides.q_weights
    c, c_sim, c_weights = sides.c, sides.c_sim, sides.c_weights
    left_q = [i for i, sim in enumerate(q_sim) if not sim]
    left_c = [j for j, sim in enumerate(c_sim) if not sim]
    if not left_q or not left_c:
        return 0.0
    alike_q = {i for i in left_q if any(_resemble(q[i], c[j]) for j in left_c)}
    alike_c = {j for j in left_c if any(_resemble(q[i], c[j]) for i in left_q)}
    unpaired_q = sum(q_weights[i] for i in left_q if i not in alike_q) / sum(q_weights)
    unpaired_c = sum(c_weights[j] for j in left_c if j not in alike_c) / sum(c_weights)
    return min(unpaired_q, unpaired_c)


def _resemble(a: str, b: str) -> bool:
    return len(a) > 2 and len(b) > 2 and JaroWinkler.similarity(a, b) >= RESEMBLANCE


# (similarity, tokens explained, query token positions, list token positions)
Option = tuple[float, int, tuple[int, ...], tuple[int, ...]]


def _greedy(
    options: list[Option], q: Sequence[str], c: Sequence[str]
) -> tuple[list[float], list[float], list[tuple[str, str, float]]]:
    """Pair greedily: best similarity first; among equals, the option explaining more."""
    q_sim = [0.0] * len(q)
    c_sim = [0.0] * len(c)
    pairs: list[tuple[str, str, float]] = []
    for sim, _, q_ids, c_ids in sorted(options, reverse=True):
        if len(q_ids) == 1 and len(c_ids) == 1:  # most options: one token each side
            i, j = q_ids[0], c_ids[0]
            if q_sim[i] or c_sim[j]:
                continue
            q_sim[i] = c_sim[j] = sim
            pairs.append((q[i], c[j], sim))
            continue
        if any(q_sim[i] for i in q_ids) or any(c_sim[j] for j in c_ids):
            continue
        for i in q_ids:
            q_sim[i] = sim
        for j in c_ids:
            c_sim[j] = sim
        pairs.append((" ".join(q[i] for i in q_ids), " ".join(c[j] for j in c_ids), sim))
    return q_sim, c_sim, pairs


def _may_join(
    tokens: Sequence[str],
    sims: list[float],
    other: Sequence[str],
    other_sims: list[float],
    rules: NameRules,
) -> bool:
    """A long token of one name is poorly paired while two adjacent tokens of the other are
    too (or, under `joins_past_repeats`, are paired but recur in their name): the only
    situations a joined pairing can improve."""
    short = rules.short_joins
    for token, sim in zip(tokens, sims, strict=True):
        if sim >= 0.9:
            continue
        if len(token) >= LONG_JOIN:
            break
        # A short token pairs only with two words it spells: tested here, most are not.
        if short and len(token) >= SHORT_JOIN and _spells_two(token, other):
            break
    else:
        return False
    if any(a < 0.9 and b < 0.9 for a, b in itertools.pairwise(other_sims)):
        return True
    if not rules.joins_past_repeats or len(set(other)) == len(other):
        return False
    free = [
        sim < 0.9 or other.count(token) > 1 for token, sim in zip(other, other_sims, strict=True)
    ]
    return any(a and b for a, b in itertools.pairwise(free))


def _single_options(
    q: Sequence[str],
    q_keys: Sequence[str],
    c: Sequence[str],
    c_keys: Sequence[str],
    rules: NameRules,
    q_masks: Sequence[int],
    c_masks: Sequence[int],
) -> list[Option]:
    """Token-to-token pairings worth considering, initials (C. / Choe) included."""
    options: list[Option] = []
    similarity = rules.similarity
    initial, list_initials = rules.initial, rules.list_initials
    c_positions = {key: j for j, key in enumerate(c_keys)}
    # What the inner loop reads of each list token, gathered once.
    listed = [(j, (j,), b, c_keys[j], len(b), len(c_keys[j]), c_masks[j]) for j, b in enumerate(c)]
    for i, a in enumerate(q):
        a_key, a_mask = q_keys[i], q_masks[i]
        a_length, a_key_length = len(a), len(a_key)
        single = (i,)
        exact = c_positions.get(a_key)
        if exact is not None:  # the usual case in a real hit: no similarity to compute
            options.append((1.0, 2, single, (exact,)))
        for j, pair, b, b_key, b_length, b_key_length, b_mask in listed:
            if j == exact:
                continue
            # The cached similarity's first exit, without the cost of a cache lookup: tokens
            # more than two letters apart in length can only be a word cut short (4+ letters,
            # as prefix_similarity asks).
            if abs(a_length - b_length) > 2 and abs(a_key_length - b_key_length) > 2:
                if a_length < b_length:
                    sim = 0.8 if a_length >= 4 and b.startswith(a) else 0.0
                else:
                    sim = 0.8 if b_length >= 4 and a.startswith(b) else 0.0
            else:
                sim = similarity(a, a_key, b, b_key, a_mask & b_mask)
            if sim >= MIN_PAIR:
                options.append((sim, 2, single, pair))
            elif (a_length == 1 or (b_length == 1 and list_initials)) and a[0] == b[0]:
                options.append((initial, 2, single, pair))
    return options


def _spelled_pairs(token: str, other: Sequence[str]) -> Iterator[int]:
    """Where `token` is two adjacent words of `other` written together (the first's place)."""
    for j, (first, second) in enumerate(itertools.pairwise(other)):
        if token.startswith(first) and token[len(first) :] == second:
            yield j


def _spells_two(token: str, other: Sequence[str]) -> bool:
    return next(_spelled_pairs(token, other), None) is not None


def _joined_options(
    one: Sequence[str], other: Sequence[str], sims: list[float], rules: NameRules, *, flipped: bool
) -> list[Option]:
    """The pairings of a token of `one` with two (or three) adjacent tokens of `other`;
    `sims`: how well each token of `one` is paired on its own. A short token (`short_joins`)
    is tried only when poorly paired: one paired as well on its own has nothing to gain."""
    options: list[Option] = []
    shortest = SHORT_JOIN if rules.short_joins else LONG_JOIN
    long = [
        (i, token)
        for i, token in enumerate(one)
        if len(token) >= LONG_JOIN or (len(token) >= shortest and sims[i] < 0.9)
    ]
    if not long or len(other) < 2:
        return options
    joined_prefixes = rules.joined_prefixes
    heads = [token[:2] for token in other]
    tails = [token[-2:] for token in other]
    # Two adjacent words, and three around an article (`particle_joins`), by their places. 'abd
    # al X' is the text layer's own split of a compound (Abdollahi): the name's first variant
    # holds it as written, and joining it back would add nothing.
    around: list[tuple[int, ...]] = (
        [
            (j, j + 1, j + 2)
            for j in range(len(other) - 2)
            if other[j + 1] in JOINING_PARTICLES and other[j] != "abd"
        ]
        if rules.particle_joins and not JOINING_PARTICLES.isdisjoint(other)
        else []
    )
    spans: list[tuple[int, ...]] = [(j, j + 1) for j in range(len(other) - 1)] + around
    for i, token in long:
        if len(token) < LONG_JOIN:  # a short token: only the two words it spells exactly
            options.extend(
                _option(1.0, i, (j, j + 1), flipped) for j in _spelled_pairs(token, other)
            )
            continue
        head, tail = token[:2], token[-2:]
        for span in spans:
            # Cheap test first: a typo rarely hits both of the first two letters.
            if head != heads[span[0]] and tail != tails[span[-1]]:
                continue
            if len(span) == 2 and not joined_prefixes and len(token) <= len(other[span[0]]):
                continue  # at most the first word: a word cut short, paired on its own
            joined = "".join([other[k] for k in span])
            # Not two words: `listed_apart` is for a word against a word.
            sim = rules.similarity(token, token, joined, joined, 0)
            if sim >= 0.8:
                options.append(_option(sim, i, span, flipped))
    return options


def _option(sim: float, single: int, several: tuple[int, ...], flipped: bool) -> Option:
    """One token of one name paired with `several` of the other, which is the list name's
    side when not `flipped`."""
    explained = 1 + len(several)
    return (sim, explained, several, (single,)) if flipped else (sim, explained, (single,), several)


def align(
    query: NameForm,
    listed: NameForm,
    weight: Weight,
    rules: NameRules | None = None,
    vocabulary: Container[str] = frozenset(),
) -> Alignment | None:
    """The best alignment over every rendering of both names; None if either has no tokens.
    `rules` grade typos and initials; proscribe-v1's (`V1_NAMES`) unless given. `vocabulary`:
    the words the loaded lists hold, for `NameRules.listed_apart`."""
    rules = rules or V1_NAMES
    # The common case first: the same words in any order (a cheap tuple comparison).
    for qi, q_sorted in enumerate(query.sorted_keys):
        for ci, c_sorted in enumerate(listed.sorted_keys):
            if q_sorted == c_sorted:
                q = query.variants[qi]
                same = tuple((token, token, 1.0) for token in q)
                return Alignment(1.0, same, query.renderings[qi], listed.renderings[ci])
    best: Alignment | None = None
    # Each rendering's weights once, whichever rendering of the other side it meets.
    c_weights = [[weight(key) for key in c_keys] for c_keys in listed.keys]
    c_masks = [
        _masks(c, keys, rules, vocabulary)
        for c, keys in zip(listed.variants, listed.keys, strict=True)
    ]
    for qi, (q, q_keys) in enumerate(zip(query.variants, query.keys, strict=True)):
        q_weights = [weight(key) for key in q_keys]
        q_masks = _masks(q, q_keys, rules, vocabulary)
        for ci, (c, c_keys) in enumerate(zip(listed.variants, listed.keys, strict=True)):
            score, pairs, q_sim, c_sim = _scored(
                q, q_keys, q_weights, c, c_keys, c_weights[ci], rules, q_masks, c_masks[ci]
            )
            if best is None or score > best.score:
                sides = Sides(q, q_sim, q_weights, c, c_sim, c_weights[ci])
                best = Alignment(
                    score, tuple(pairs), query.renderings[qi], listed.renderings[ci], sides
                )
            if score >= 1.0:
                return best
    return best


V1_NAMES = NameRules()  # proscribe-v1 and v2: the grading described at the top
