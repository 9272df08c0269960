"""Deterministic demo data for `rightsledger demo`: one builder per business area."""
