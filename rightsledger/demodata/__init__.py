"""Deterministic demo data builders: the same seed gives the same business data."""
