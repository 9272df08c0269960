"""The audit's steps, one module each; registry.audit.run runs them in order. Each entry kind
declares its own checks (registry/kinds/<kind>.py); checks that span kinds are declared in
registry/audit/checks/ (the forms of check: registry.kinds.checks).

The audit consumes the kinds and the services (it checks what they record, with the kinds' own
body builders); no service imports the audit."""
