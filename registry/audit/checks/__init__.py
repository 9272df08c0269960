"""One module per business area, each registering its audit checks (see registry.audit.plugins)."""
