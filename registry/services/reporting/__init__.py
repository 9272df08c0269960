"""Reporting: the monthly transparency report and the public read side (log feed, search)."""
