"""The HTTP service: FastAPI routes over one Screener built at startup.

`app.create_app(settings)` wires the store, the screener and the routes; `auth` checks API keys
and roles; `models` are the validated request bodies; `records` turns screenings into audit
records (also used by the CLI, so it imports no FastAPI). Nothing here is imported by the core.
"""
