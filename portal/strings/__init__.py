"""The portal's words, one module per page or area: each a STRINGS table of (Chinese, English)."""
