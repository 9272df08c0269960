from __future__ import annotations

from pathlib import Path

import pytest

from registry.crypto import FieldCipher, field_cipher


@pytest.fixture
def cipher(tmp_path: Path) -> FieldCipher:
    return field_cipher(tmp_path / "keys" / "data.key", environ={})
