"""Demo data builders: realistic business data for `rightsledger demo` and manual trials."""
