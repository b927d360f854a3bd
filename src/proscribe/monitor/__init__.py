"""Monitored populations: stored parties, delta rescreening on list changes, alerts and
their review.

A *party* is a customer or counterparty with a stable id and the fields of a screening query;
its *fingerprint* is the sha256 of those fields. Adding parties screens them (`rescreen.
add_parties`); a new list version rescreens only the parties the change can affect
(`rescreen.rescreen`, with `delta` deciding which). A match opens an *alert*, reviewed with
four eyes through `alerts` (the interface the CLI, the API and the web UI share): every
decision has a reason, is an alert event and a record of the audit chain, and an approved
clear keeps the pair (party fingerprint, entry content hash) cleared until either changes.
"""
