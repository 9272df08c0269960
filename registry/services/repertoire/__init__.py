"""Repertoire: works, recordings, their shares, conflicts and duplicates, and registrations
(one at a time, in bulk, from CWR files)."""
