"""Members: their membership, and the ledger entries that name them."""
