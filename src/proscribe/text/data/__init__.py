"""Tables of facts about names: spellings, readings, legal forms. Data only, no logic.

Each `names_<family>` module holds `VARIANT_SETS`: groups of spellings that lists use for the same
name (every spelling normalised: lowercase ASCII, no punctuation). `canonical_token` merges the
groups of all families into one key per name. The first spelling of a group is its key, so
declare the most standard spelling first.
"""
