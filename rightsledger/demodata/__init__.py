"""Demo data: small, realistic business facts that `rightsledger demo` can show."""
