"""Usage: usage reports imported, and claims of unidentified usage."""
