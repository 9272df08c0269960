"""The audit's steps, one module each; registry.audit.run runs them in order. Business areas
declare their own checks in registry/audit/checks/ (see registry.kinds.checks).

The audit consumes the services (it checks what they record, with their own body builders);
no service imports the audit."""
