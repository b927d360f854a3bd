"""The analyst web UI: server-rendered pages over the same services as the JSON API.

`app.create_app(settings)` adds the pages to the API's app, so one `proscribe serve` answers
both. People sign in as users of `store.users` (keys are for machines); the roles are the
API's. Every page has a JSON twin (`?format=json`), every form that posts a CSRF token, and
every screening from a page is audited like one from the API.
"""
