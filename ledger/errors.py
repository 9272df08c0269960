"""Named errors of the trust core. Every failure says what is wrong, never just 'invalid'."""


class LedgerError(Exception):
    """Base of every error raised by ledger/."""


class CanonicalError(LedgerError):
    """A value cannot be serialised as RFC 8785 canonical JSON (float, NaN, non-string key...)."""


class EntryError(LedgerError):
    """An entry envelope is malformed: unknown kind, bad version chain, missing salt..."""


class ProofError(LedgerError):
    """A Merkle inclusion or consistency proof does not verify, or its inputs are malformed."""


class NoteError(LedgerError):
    """A signed note or a key string is malformed, or no trusted signature verifies."""


class CheckpointError(LedgerError):
    """A checkpoint body does not follow the C2SP tlog-checkpoint format."""


class ProofFileError(LedgerError):
    """A .rlproof or .tlog-proof file cannot be parsed."""


class StoreError(LedgerError):
    """A log store was asked for something it does not hold (index past its size...)."""


class DescriptorError(LedgerError):
    """A log descriptor is malformed, or not signed by one of the log keys it names."""
