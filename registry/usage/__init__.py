"""Usage: the reports licensees and platforms send (DDEX DSR flat files, the CMO's own play logs),
their normalised lines in Parquet files, matching to recordings and works, and what the royalty
engine reads (:mod:`registry.usage.matched`).

Usage lines never go into the relational database row by row: a period can hold ten million of
them. Each ingested report becomes one Parquet file ``<data dir>/usage/<sha256>.parquet`` and one
``usage_report`` row (and ledger entry); unmatched usage is kept per group (same ISRC, title and
artist) as ``unidentified_usage`` rows that members can claim.
"""
