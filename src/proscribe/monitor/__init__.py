"""Monitored populations: stored parties, delta rescreening on list changes, alerts and
their review."""
