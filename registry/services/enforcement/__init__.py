"""Enforcement: evidence of infringing use, fixed on the ledger."""
