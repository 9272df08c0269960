"""Named errors of the chain side. Messages name the URL, chain id, address or file concerned;
they never carry a private key or a passphrase."""


class ChainError(Exception):
    """Base of every error raised by the chain connections."""


class ChainUnreachable(ChainError):
    """A JSON-RPC node does not answer (refused, timed out, not JSON-RPC)."""


class WrongChain(ChainError):
    """The node serves another chain than the one expected (chain id mismatch)."""


class NoContractCode(ChainError):
    """There is no contract code at an address: wrong address, wrong chain, or a reset node."""


class KeystoreError(ChainError):
    """The publisher's keystore is missing, unreadable, or its passphrase is missing or wrong."""


class DevKeyRefused(ChainError):
    """A well-known development key was about to sign on a chain that is not a development chain."""
