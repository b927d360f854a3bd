"""List sources: one subpackage per publisher list, each reading its formats into the model.

Each subpackage has `fetch.py` (the only network code: where the publisher serves the list),
`parse_<format>.py` (bytes -> the list's own records, publisher field names kept) and `map.py`
(records -> entities). Sources never import each other; what they share is in `base`.
`registry` lists every format and finds which ones claim a file or folder.
"""
