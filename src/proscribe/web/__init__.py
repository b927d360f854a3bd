"""The analyst web UI: server-rendered pages over the same services as the JSON API."""
