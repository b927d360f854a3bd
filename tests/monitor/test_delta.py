"""The delta rescreen's index of changed entries skips the lookup of words that surely reach
none of its names: checked against looking every word up, on the real SDN change."""

from __future__ import annotations

import itertools
import random
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import replace
from pathlib import Path
from types import SimpleNamespace

import numpy as np
from faker import Faker
from rapidfuzz import process
from rapidfuzz.distance import DamerauLevenshtein

from proscribe.index import Index
from proscribe.index.build import COMMON_DF
from proscribe.match import ALGORITHMS
from proscribe.match.highest import Stated, lowest_name_score
from proscribe.match.names import LISTED_KEYS, LISTED_WORDS
from proscribe.model import Designation, Entity, Name, NameKind, Query, Schema
from proscribe.monitor.delta import (
    JOINED_LENGTH,
    ROUNDING,
    ChangedIndex,
    _Gathered,
    _name_bar,
    holders,
    kept_apart_once,
    lookup_tokens,
    outcome,
    ref,
)
from proscribe.monitor.parties import query_of
from proscribe.screen.screen import COMPATIBLE, MIN_COVERAGE, MIN_NAME_SIMILARITY
from proscribe.screener import Screener
from proscribe.store.monitoring import Party
from proscribe.text.forms import name_form
from tests.engine import story_screener
from tests.monitor.conftest import Monitored, Sdn

LOCALES = ("en_US", "de_DE", "ru_RU", "ar_AA", "fa_IR", "ko_KR", "zh_CN")


def mangled(word: str, rng: random.Random) -> str:
    """The word with one or two letters dropped, doubled or swapped, or cut short."""
    for _ in range(rng.choice((1, 2))):
        if len(word) < 4:
            break
        at = rng.randrange(len(word) - 1)
        word = rng.choice(
            (
                word[:at] + word[at + 1 :],
                word[:at] + word[at] + word[at:],
                word[:at] + word[at + 1] + word[at] + word[at + 2 :],
                word[: max(4, at + 1)],
            )
        )
    return word


def lookups(names: list[str]) -> set[tuple[str, str, bool]]:
    """The (word, key, joined) lookups a delta rescreen makes for parties of these names."""
    out: set[tuple[str, str, bool]] = set()
    for name in names:
        form = name_form(name, True)
        for variant, keys in zip(form.variants, form.keys, strict=True):
            out.update((word, key, False) for word, key in zip(variant, keys, strict=True))
            out.update(
                (a + b, a + b, True)
                for a, b in itertools.pairwise(variant)
                if len(a + b) >= JOINED_LENGTH
            )
    return out


def the_change(sdn: Sdn, folder: Path) -> tuple[Index, list[Entity]]:
    """The index of the newer SDN version, and the entries that are new or changed in it."""
    monitored = Monitored(sdn, folder / "store.db")
    try:
        [before] = monitored.store.versions()
        old = {e.id: e for e in monitored.store.entities(before)}
        monitored.load_after()
        index = monitored.screener().index
    finally:
        monitored.store.close()
    return index, [e for e in sdn.entities if old.get(e.id) != e]


def test_prepared_lookups_find_what_looking_every_word_up_finds(sdn: Sdn, tmp_path: Path) -> None:
    index, changed = the_change(sdn, tmp_path)
    rng = random.Random(3)
    fakers = [Faker(locale) for locale in LOCALES]
    for number, faker in enumerate(fakers):
        faker.seed_instance(number)
    names = [fakers[n % len(fakers)].name() for n in range(1500)]
    # Words of the changed names themselves, mangled: lookups that do reach them.
    words = [w for e in changed for n in e.names for w in n.full.split() if len(w) > 2]
    names += [" ".join(mangled(w, rng) for w in rng.sample(words, 2)) for _ in range(1500)]
    # And two of them written as one, which the lists never do: found by their beginning.
    plain = [w for w in words if w.isalpha()]
    names += ["".join(rng.sample(plain, 2)) for _ in range(300)]
    # And list words that begin with a changed word: found by their beginning too.
    starts = {w.lower() for w in plain if len(w) >= 4}
    heads = {w[:4] for w in starts}
    longer = sorted(t for t in index.token_ids if t.isalpha() and t[:4] in heads)
    names += [t for t in longer if any(t.startswith(w) and t != w for w in starts)]
    pairs = sorted(lookups(names))

    prepared = ChangedIndex(index, changed)
    prepared.prepare([p for p in pairs if not p[2]], [word for word, _, joined in pairs if joined])
    everything = ChangedIndex(index, changed)
    found = {pair: prepared.found(pair) for pair in pairs}
    # Each word looked up, whatever the tests say.
    expected = {pair: everything._look_up(pair, True) for pair in pairs}
    assert found == expected
    reaching = sum(1 for hits in expected.values() if hits)
    assert 500 < reaching < len(pairs) / 2  # both kinds are well represented


def with_initials(name: str, rng: random.Random) -> str:
    """The name with some of its words cut to their first letter ("S. Hasan AL-HASAN")."""
    words = name.replace(",", " ").split()
    keep = rng.randrange(len(words))
    return " ".join(
        w if i == keep or rng.random() < 0.5 else w[0] + "." for i, w in enumerate(words)
    )


def one_slip(word: str, rng: random.Random) -> str:
    """The word one edit off: a letter dropped (from four letters on), else one doubled."""
    at = rng.randrange(len(word))
    if len(word) >= 4:
        return word[:at] + word[at + 1 :]
    return word[:at] + word[at] + word[at:]


def split_word(name: str, rng: random.Random) -> str:
    """The name with one of its longer words written as two ('TAWA SUL' for TAWASUL)."""
    words = name.replace(",", " ").split()
    long = [i for i, w in enumerate(words) if len(w) >= 6]
    if not long:
        return name
    i = rng.choice(long)
    cut = rng.randrange(2, len(words[i]) - 1)
    return " ".join([*words[:i], words[i][:cut], words[i][cut:], *words[i + 1 :]])


def is_common(index: Index, word: str) -> bool:
    return len(word) >= 4 and len(index._postings(word)) > COMMON_DF


def misspell_common(index: Index, name: str, rng: random.Random) -> str:
    """The name with a common word's first letter changed ('JASAN' for HASAN)."""
    words = name.split()
    at = rng.choice([i for i, w in enumerate(words) if is_common(index, w.lower())])
    letter = rng.choice([c for c in "bdfjkmpstvz" if c != words[at][0].lower()])
    return " ".join([*words[:at], letter + words[at][1:], *words[at + 1 :]])


def test_the_changed_index_bounds_the_coverage_the_full_index_gives_new_names(
    sdn: Sdn, tmp_path: Path
) -> None:
    """What lets the delta skip a party: its coverage of a new name in the index of changed
    entries is at least the full index's (the full index decides what screen() is offered).
    On the changed names themselves, mangled, with initials, and joined with common words."""
    index, changed = the_change(sdn, tmp_path)
    rng = random.Random(11)
    listed = [n.full for e in changed for n in e.names if len(n.full.split()) > 1]
    names = [with_initials(rng.choice(listed), rng) for _ in range(400)]
    names += [" ".join(mangled(w, rng) for w in rng.choice(listed).split()) for _ in range(400)]
    names += [
        f"{rng.choice(('al', 'de', 'van', 'o.', 'u.'))} {rng.choice(listed)}" for _ in range(200)
    ]
    # A word written as two (the joined lookup, whose reading counts where it beats the
    # words' own: TAWA SUL / TAWASUL).
    names += [split_word(rng.choice(listed), rng) for _ in range(300)]
    # A common word misspelled, which then only adds to names its other words opened.
    common = [n for n in listed if any(is_common(index, w) for w in n.lower().split())]
    names += [misspell_common(index, rng.choice(common), rng) for _ in range(300)]
    prepared = ChangedIndex(index, changed)
    refs = {ref(e) for e in changed}
    parties = [party_named(f"p{n}", name) for n, name in enumerate(names)]
    gathered, coverage = prepared.covering(parties)
    by_row: dict[int, dict[int, float]] = defaultdict(dict)
    for row, name, value in zip(
        coverage.rows.tolist(), coverage.names.tolist(), coverage.values.tolist(), strict=True
    ):
        by_row[row][name] = value
    checked = row = 0
    for party in parties:
        variants, keys, _ = party.tokens
        for variant, keyed in zip(variants, keys, strict=True):
            assert gathered.variants[row] == variant
            names_found, coverages = index._cover(variant, keyed)
            full = by_entry(index, zip(names_found.tolist(), coverages.tolist(), strict=True), refs)
            bound = by_entry(prepared, by_row[row].items(), refs)
            row += 1
            for entry, value in full.items():
                if value >= MIN_COVERAGE:
                    checked += 1
                    assert bound.get(entry, 0.0) >= value - 1e-9, (party.name, variant, entry)
    # Words near a common word, which only add to names other words opened.
    near_common = {w for w, k in gathered.singles if prepared._near_common((w, k, False))}
    assert checked > 500
    assert len(near_common) > 20  # the names near common words are well represented


def test_reach_finds_every_new_entry_the_full_index_offers_a_party(
    sdn: Sdn, tmp_path: Path
) -> None:
    """What the delta judges of a party: every new content the full index would offer it, by
    a name covering its floor, a name equal to the party's, a name the party explains whole,
    or an identifier, must be among the entities `ChangedIndex.reach` gives the party. On
    the changed names with particles before them or a word written as two, on names made of
    words common in the full index only (whose common words then open names), on ordinary
    names, at floors from the lowest to none a coverage reaches."""
    index, changed = the_change(sdn, tmp_path)
    rng = random.Random(5)
    listed = [n.full for e in changed for n in e.names if len(n.full.split()) > 1]
    words = sorted({w for name in listed for w in name_form(name, True).variants[0]})
    common = [w for w in words if len(w) > 1 and index._frequency(w, w) > COMMON_DF]
    rare = [w for w in words if len(w) > 3 and index._frequency(w, w) <= COMMON_DF]
    fakers = [Faker(locale) for locale in LOCALES]
    for number, faker in enumerate(fakers):
        faker.seed_instance(number)
    names = [fakers[n % len(fakers)].name() for n in range(1000)]
    names += [" ".join(rng.sample(common, 2)) for _ in range(300)]
    names += [f"{rng.choice(common)} {fakers[0].last_name()}" for _ in range(300)]
    names += [
        f"{rng.choice(common)} {rng.choice(rare)} {fakers[1].first_name()}" for _ in range(300)
    ]
    names += [f"{rng.choice(('al', 'de', 'van'))} {rng.choice(listed)}" for _ in range(200)]
    # A word of a changed name written as two, whose halves may reach nothing on their own
    # (its first two letters apart: too short to be looked up).
    names += [split_word(rng.choice(listed), rng) for _ in range(300)]
    names += [f"{w[:2]} {w[2:]} {fakers[2].first_name()}" for w in rng.sample(rare, 200)]
    names += [" ".join(mangled(w, rng) for w in rng.choice(listed).split()) for _ in range(300)]
    names += rng.sample(listed, 100)
    # A changed name inside a longer one: explained whole, offered whatever the floor.
    inside = len(names)
    names += [
        f"{fakers[3].first_name()} {rng.choice(listed)} {fakers[4].last_name()}" for _ in range(200)
    ]
    # A changed name with one word given as its initial: explained whole all the same (the
    # initial counts for the word it may stand for), whatever the floor.
    initialled = len(names)
    for name in rng.sample(listed, 200):
        words = name_form(name, True).variants[0]
        at = rng.randrange(len(words))
        names.append(" ".join([*words[:at], words[at][0], *words[at + 1 :]]))
    # A changed name with one word one slip off: explained whole word by word through a near
    # spelling (`Index.explained_near`), whatever the floor. The slip may make a common word
    # (WALI -> ALI), whose list words one edit away only add to the names others opened.
    slipped = len(names)
    for name in rng.sample(listed, 300):
        words = name_form(name, True).variants[0]
        at = rng.randrange(len(words))
        names.append(" ".join([*words[:at], one_slip(words[at], rng), *words[at + 1 :]]))
    floors = (MIN_COVERAGE, 0.5, 0.7, 0.9, 2.0)
    parties = [
        replace(party_named(f"p{n}", name), floor=rng.choice(floors))
        for n, name in enumerate(names)
    ]
    # Identifiers of changed entries, given to parties with ordinary names.
    numbers = [(i.type, i.value) for e in changed for i in e.identifiers][:20]
    parties += [
        replace(p, id=f"i{p.id}", identifiers=(number,))
        for p, number in zip(parties, numbers, strict=False)
    ]
    prepared = ChangedIndex(index, changed)
    reached = {party.id: entities for party, entities in prepared.reach(parties)}
    # Asked about a third of them, the population gathered as a whole: what it says of those.
    among = range(0, len(parties), 3)
    part = {party.id: entities for party, entities in prepared.reach(parties, None, among)}
    asked = {parties[n].id for n in among}
    assert part == {i: entities for i, entities in reached.items() if i in asked}
    assert len(part) > 300
    refs = {ref(e) for e in changed}
    offered = equal = whole = by_initial = by_slip = by_identifier = 0
    for number, party in enumerate(parties):
        expected = offered_by_the_full_index(index, party, refs)
        found = {ref(prepared.entities[e]) for e in reached.get(party.id, {})}
        assert expected <= found, (party.name, party.floor, expected - found)
        offered += bool(expected)
        beyond = bool(expected) and party.floor == 2.0 and not party.identifiers
        equal += beyond and number < inside
        whole += beyond and inside <= number < initialled
        by_initial += beyond and initialled <= number < slipped
        by_slip += beyond and slipped <= number < len(names)
        by_identifier += bool(party.identifiers) and bool(expected)
    # Both answers are well represented, and names equal to a changed name or holding one
    # whole, and identifiers, are offered where no coverage reaches the floor.
    assert len(parties) - offered > 1000
    assert offered > 500
    assert equal > 5
    assert whole > 10
    assert by_initial > 10
    assert by_slip > 10
    assert by_identifier > 5


def test_a_common_word_adds_through_its_near_words_in_the_changed_index_too(sdn: Sdn) -> None:
    """A common word's list words one edit away add to the names the query's other words
    opened (`Index._one_edit_names`: ALI adds to WALI, Mohammad). The changed index must add
    at least as much, or a party covering a new name above its floor only so is passed
    over: parties of a common word and a rare one, against new names of that rare word, the
    common word with a letter put before it and a third word, each party at a floor its full
    coverage just reaches."""
    counts: dict[str, int] = defaultdict(int)
    for entity in sdn.entities:
        for name in entity.names:
            for word in set(name_form(name.full, True).variants[0]):
                counts[word] += 1
    common = sorted(w for w, n in counts.items() if n > COMMON_DF and len(w) >= 3 and w.isalpha())
    assert len(common) >= 5  # ABU, ALI, MUHAMMAD, COMPANY, ...
    rng = random.Random(11)
    common *= 3
    rare = ["".join(rng.choices("bcdfghklmnprstvz", k=4)) + "ov" for _ in common]
    changed = [
        replace(listed_entity(f"near{n}", [f"Q{word} {other} Ostrowiak"]), schema=Schema.PERSON)
        for n, (word, other) in enumerate(zip(common, rare, strict=True))
    ]
    full = Screener.from_entities([*sdn.entities, *changed]).index
    prepared = ChangedIndex(full, changed)
    parties = []
    for n, (word, other) in enumerate(zip(common, rare, strict=True)):
        party = party_named(f"p{n}", f"{word} {other}")
        variant, keys = party.tokens[0][0], party.tokens[1][0]
        found, cover = full._covered(variant, keys, *full._word_roles(variant, keys))
        position = int(full.entity_names[full.entities.index(changed[n])][0])
        parties.append(replace(party, floor=float(cover[found == position][0])))
    reached = {party.id: entities for party, entities in prepared.reach(parties)}
    refs = {ref(e) for e in changed}
    near = 0
    for party in parties:
        expected = offered_by_the_full_index(full, party, refs)
        found = {ref(prepared.entities[e]) for e in reached.get(party.id, {})}
        assert expected <= found, (party.name, party.floor, expected - found)
        near += bool(expected)
    assert near >= 10


def test_the_parties_holding_words_are_told_over_arrays_as_word_by_word() -> None:
    """The parties holding any of some words, as a word of one of their variants or as its
    key, told for a whole population at once as each party's words tell it; a party never
    screened holds none."""
    fakers = [Faker(locale) for locale in LOCALES]
    for number, faker in enumerate(fakers):
        faker.seed_instance(number)
    names = [fakers[n % len(fakers)].name() for n in range(700)]
    names += ["Mohammed Ali", "Muhammad Hassan", "Mohamed Salah"]
    parties = [party_named(f"p{n}", name) for n, name in enumerate(names)]
    parties.insert(5, Party("never", "Mohammed Ivanov"))  # no tokens yet
    words = {"muhammad", "petrov", "smith", *(w for n in names[:40:8] for w in n.lower().split())}
    expected = {
        n
        for n, party in enumerate(parties)
        if party.tokens
        and not words.isdisjoint(itertools.chain(*party.tokens[0], *party.tokens[1]))
    }
    assert holders(words, _Gathered(parties)) == expected
    by_key_only = [n for n in expected if words.isdisjoint(itertools.chain(*parties[n].tokens[0]))]
    assert len(by_key_only) >= 2  # MOHAMMED and MOHAMED, by their key MUHAMMAD
    assert len(expected) > 10
    assert 5 not in expected


def test_the_name_bar_is_the_bisection_s_for_each_algorithm_and_what_a_party_states() -> None:
    """Each algorithm, and each thing a party may state beside its name, gets its own bar,
    the one `match.highest` finds (never under MIN_NAME_SIMILARITY), asked again or not."""
    bars = []
    for name in ("proscribe-v2", "proscribe-v6", "proscribe-v2"):
        algorithm = ALGORITHMS[name]
        screener = SimpleNamespace(algorithm=algorithm)
        for born, countries, ids in itertools.product((False, True), repeat=3):
            party = Party(
                "p",
                "Someone",
                birth_date="1970-01-01" if born else None,
                countries=("US",) if countries else (),
                identifiers=((None, "A1"),) if ids else (),
            )
            needed = lowest_name_score(algorithm, 0.7 - ROUNDING, Stated(born, countries, ids))
            bar = _name_bar(screener, party, 0.7)  # type: ignore[arg-type]
            assert bar == max(MIN_NAME_SIMILARITY, needed)
            bars.append(bar)
    assert bars[:8] == bars[16:]
    assert bars[:8] != bars[8:16]  # the two algorithms need other name scores


def offered_by_the_full_index(index: Index, party: Party, refs: set[str]) -> set[str]:
    """The entries among `refs` the full index offers a party beside the ranking, or may
    rank: by a name covering its floor (with the index's sums), equal to its name, explained
    whole by it, or by an identifier; of a schema its own admits."""
    names: set[int] = set()
    variants, keys, sorted_keys = party.tokens
    for variant, keyed in zip(variants, keys, strict=True):
        weights, opens = index._word_roles(variant, keyed)
        found, cover = index._covered(variant, keyed, weights, opens)
        names.update(found[cover >= (party.floor or 0.0)].tolist())
        kept = cover >= MIN_COVERAGE
        names.update(
            index._explained(variant, keyed, sum(weights) or 1.0, found[kept], cover[kept])
        )
    for words in sorted_keys:
        names.update(index.exact.get(tuple(words), ()))
    entities = {int(index.name_entity[n]) for n in names}
    entities |= index._identifier_hits(query_of(party))
    admitted = COMPATIBLE[Schema.PERSON]
    return {
        ref(index.entities[e])
        for e in entities
        if ref(index.entities[e]) in refs and index.entities[e].schema in admitted
    }


def party_named(party_id: str, name: str) -> Party:
    """A party with what a full screening keeps of it for the next delta."""
    tokens = lookup_tokens(name_form(name, True))
    return Party(party_id, name, "Person", floor=MIN_COVERAGE, tokens=tokens, candidates=())


def by_entry(
    index: Index, coverages: Iterable[tuple[int, float]], refs: set[str]
) -> dict[str, float]:
    """The best coverage of each entry among `refs`, from (name, coverage) pairs."""
    best: dict[str, float] = {}
    for name, value in coverages:
        entry = ref(index.entities[int(index.name_entity[name])])
        if entry in refs:
            best[entry] = max(best.get(entry, 0.0), value)
    return best


def listed_entity(entity_id: str, names: list[str]) -> Entity:
    return Entity(
        source="test_list",
        id=entity_id,
        schema=Schema.ORGANIZATION,
        names=tuple(
            Name(n, NameKind.PRIMARY if i == 0 else NameKind.ALIAS) for i, n in enumerate(names)
        ),
        designation=Designation(source="test_list"),
    )


def test_an_offer_cut_short_by_the_index_is_not_kept_for_the_next_delta() -> None:
    """Three entries with 30 names each holding the party's word fill the 80 names the index
    ranks for ten candidates, and a fourth entry holding it ranks below them: not offered,
    though fewer than ten are. Were one of the three removed, it would come in, which a delta
    that read "fewer than ten" as "every entry covering enough" would miss. The outcome keeps
    no candidates then, so that the next delta screens the party in full."""
    seconds = ["Alder", "Birch", "Cedar", "Dogwood", "Elm", "Fir", "Gum", "Hazel", "Ironwood",
               "Juniper", "Kapok", "Larch", "Maple", "Nutmeg", "Oak", "Pine", "Quince", "Rowan",
               "Spruce", "Teak", "Umbrella", "Viburnum", "Walnut", "Xylosma", "Yew", "Zelkova",
               "Acacia", "Baobab", "Catalpa", "Date"]  # fmt: skip
    crowding = [
        listed_entity(f"h{n}", [f"Zarkovian {word} {letter}" for word in seconds])
        for n, letter in enumerate(("Alpha", "Bravo", "Charlie"))
    ]
    fourth = listed_entity("late", ["Zarkovian Trading Enterprise Holdings Group"])
    alone = listed_entity("alone", ["Ostrowiak Foundry"])
    everything = [*crowding, fourth, alone]
    screener = Screener.from_entities(everything)
    query = Query("Zarkovian", Schema.ORGANIZATION, id="party")
    result = screener.screen(query)
    offered = {m.entity.id for m in result.matches}
    assert offered == {"h0", "h1", "h2"}  # the fourth ranked below the cut
    assert outcome(screener, query, result).candidates is None
    # Without one of the three, the fourth is offered: the change a delta must not miss.
    fewer = Screener.from_entities([crowding[0], crowding[1], fourth, alone])
    assert "late" in {m.entity.id for m in fewer.screen(query).matches}
    # An ordinary offer is kept.
    plain = Query("Ostrowiak Foundry", Schema.ORGANIZATION, id="other")
    assert outcome(screener, plain, screener.screen(plain)).candidates == ("test_list:alone",)


def test_every_entry_a_screening_scores_covers_the_floor_it_leaves() -> None:
    """A delta judges a new content by the floor of the party's last screening: an entry
    covering less is taken never to be scored. So every entry screen() scores must cover the
    floor. 'NIKOLIC, Dragan' has an exact entry (coverage 1.5, counted as 1) and NIKOLIC,
    Drago covering half: far behind the best, yet scored for its spelling, and a match. A
    floor raised to the best's less the gap screen() allows (0.55) would hide its like."""
    screener = story_screener()
    for name in ("NIKOLIC, Dragan", "FAZL-RABI", "Choe Ryong-hae", "Pak Kwang Ho"):
        query = Query(name, Schema.PERSON, id="party")
        result = screener.screen(query)
        assert result.offered is not None
        floor = outcome(screener, query, result).floor
        coverage = {screener.index.entities[c.entity].ref: c.coverage for c in result.offered}
        scored = [m.entity.ref for m in result.matches]
        assert all(coverage[r] >= floor for r in scored), (name, floor, coverage)
    # Scored that far behind, an entry can be a match: NIKOLIC, Drago is one under
    # proscribe-v5, still selectable (v6 takes DRAGAN and DRAGO, both listed, for two names).
    v5 = Screener(screener.index, (), ALGORITHMS["proscribe-v5"])
    drago = v5.screen(Query("NIKOLIC, Dragan", Schema.PERSON))
    assert "us_ofac_sdn:7759" in {m.entity.ref for m in drago.matches if m.match}


def test_only_words_kept_apart_once_score_otherwise_when_one_is_listed_no_more(sdn: Sdn) -> None:
    """A word a change leaves in no list changes a party's score only where proscribe-v6
    kept it apart from a listed word: `kept_apart_once` names every such pair of the real
    list's words (compared as words and as keys, as the delta compares them), and the
    pairs it passes over (one edit apart, short words) score the same listed or not."""
    rules = ALGORITHMS["proscribe-v6"].names
    assert rules.listed_apart
    forms = [name_form(name.full) for entity in sdn.entities for name in entity.names]
    words = sorted(
        {
            (token, key)
            for form in forms
            for variant, keys in zip(form.variants, form.keys, strict=True)
            for token, key in zip(variant, keys, strict=True)
        }
    )
    sample = random.Random(5).sample(words, 600)
    tokens = [token for token, _ in words]
    distances = process.cdist(
        [t for t, _ in sample],
        tokens,
        scorer=DamerauLevenshtein.distance,
        score_cutoff=3,
        dtype=np.int8,
        workers=-1,
    )
    changed = kept = 0
    for row, col in zip(*np.nonzero(distances <= 3), strict=True):
        (a, a_key), (b, b_key) = sample[row], words[col]
        listed = rules.similarity(a, a_key, b, b_key, LISTED_WORDS | LISTED_KEYS)
        if listed != rules.similarity(a, a_key, b, b_key, 0):
            changed += 1
            assert kept_apart_once(a, b) or kept_apart_once(a_key, b_key), (a, b)
        elif kept_apart_once(a, b):
            kept += 1
    assert changed > 100  # the rule decides many pairs of real words
    assert kept > 0  # and wider than the rule: some pairs two slips apart never pair at all
    assert not kept_apart_once("van", "ivan")  # one edit: scored alike listed or not
    assert not kept_apart_once("van", "bin")  # two edits in three letters: never paired
    assert not kept_apart_once("yn", "al")
    assert kept_apart_once("elcar", "edgar")
