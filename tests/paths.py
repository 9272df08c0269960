"""Where the shared conformance vectors and sample files live: ../shared beside the repository
(as in CI), or RIGHTS_SHARED_DIR."""

import os
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("RIGHTS_SHARED_DIR", REPO.parent / "shared"))
VECTORS = SHARED / "vectors" / "rfc9162"
SAMPLES = SHARED / "samples"
