"""Anchoring: the log's checkpoints anchored on chain, the proofs of entries, the log's epoch."""
