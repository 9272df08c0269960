"""Distribution: royalty runs over a period's matched usage and pool, and members' statements."""
