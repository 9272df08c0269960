"""CISAC Common Works Registration (CWR) 2.1 and 2.2: a pure parser of registration and
acknowledgement files, and a generator of valid files for tests and benchmarks.

    from registry.cwr import parse_cwr, CwrStructureError
    cwr = parse_cwr(path.read_bytes(), name=path.name)
    for transaction in cwr.accepted: ...

No database here: importers in registry/services turn a CwrFile into registry facts.
"""

from registry.cwr.errors import CwrStructureError
from registry.cwr.model import (
    Ack,
    AckMessage,
    AltTitle,
    CrossRef,
    CwrFile,
    Group,
    Issue,
    OriginalWork,
    OtherWriter,
    ParsedPublisher,
    ParsedRecording,
    ParsedWork,
    ParsedWriter,
    PublisherLink,
    Territory,
    Transaction,
    WorkOrigin,
)
from registry.cwr.parser import parse_cwr

__all__ = [
    "Ack",
    "AckMessage",
    "AltTitle",
    "CrossRef",
    "CwrFile",
    "CwrStructureError",
    "Group",
    "Issue",
    "OriginalWork",
    "OtherWriter",
    "ParsedPublisher",
    "ParsedRecording",
    "ParsedWork",
    "ParsedWriter",
    "PublisherLink",
    "Territory",
    "Transaction",
    "WorkOrigin",
    "parse_cwr",
]
