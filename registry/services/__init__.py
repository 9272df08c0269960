"""Business services: each changes state and records its ledger entry in the same transaction."""
