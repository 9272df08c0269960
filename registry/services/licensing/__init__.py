"""Licensing: licensees, licenses, e-contracts, tariffs, invoices, payments and collections."""
