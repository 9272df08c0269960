"""One society builder for all tests: small composable steps, each made of the registry's own
services (or, for the distribution's unit tests, of plain rows), that a test folder strings together
into the society it needs. The steps keep the order a caller gives them, so the ids a fresh
database hands out (M-1, W-1, LIC-2026-000001...) stay those the caller's tests expect.

- members.py: members with sealed contact and bank details and mandates; their `PartyRef`.
- repertoire.py: works and recordings with shares; a rival claim that opens a conflict.
- licensing.py: licensees, the karaoke tariff, licenses, invoices and payments, e-contracts.
- usage.py: matched usage frames, a play log with an unknown recording, a distribution.
- evidence.py: play-log evidence.
- access.py: API users per role and their log-in.
- anchoring.py: the anchor contract and the anchoring job on the embedded chain.
- catalogue.py: a repertoire written straight into the tables (no entries), for the distribution."""
