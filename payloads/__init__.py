"""The API's public answers as typed models, shared by the API (which serves them and documents
them in its OpenAPI schema) and by its clients, the portal first (which parses what it reads into
them). Pydantic only: this package imports nothing of ours, so both sides can stand on it.

One module per subject: paging and problems, system, users (auth and members), log (checkpoints,
the feed, entry versions, anchoring), repertoire, licensing, usage, distribution (runs and
statements), reports, enforcement."""
