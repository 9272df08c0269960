"""The audit's steps, one module each; registry.audit.run runs them in order. Business areas
plug their own checks in through registry.audit.plugins (see its docstring)."""
