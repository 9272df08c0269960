"""The business side of RightsLedger: database, migrations, the ledger writer and services."""
