"""Parties: the persons and companies that registrations and memberships name."""
