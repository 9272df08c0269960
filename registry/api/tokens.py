"""Short-lived access tokens: JWT (HS256) signed with a key kept in the data directory, created
with mode 0600 on first use. The key is never logged; a token names its user, whose role and
state are read again on every request, so disabling a user takes effect at once."""

from __future__ import annotations

import threading
import time
from pathlib import Path
from typing import Any

import jwt

from registry.crypto import load_or_create_data_key

AUDIENCE = "rightsledger-api"
ALGORITHM = "HS256"


class TokenIssuer:
    def __init__(self, key_file: Path, minutes: int, issuer: str) -> None:
        self._key_file, self.minutes, self.issuer = key_file, minutes, issuer
        self._key: bytes | None = None
        self._lock = threading.Lock()

    def __repr__(self) -> str:
        return f"TokenIssuer({str(self._key_file)!r}, <key hidden>)"

    def _secret(self) -> bytes:
        with self._lock:
            if self._key is None:
                # 32 random bytes, base64 in a 0600 file: the data key's format, its own file.
                self._key = load_or_create_data_key(self._key_file, environ={})
            return self._key

    @property
    def lifetime(self) -> int:
        return self.minutes * 60

    def issue(self, user_id: int, role: str) -> str:
        now = int(time.time())
        claims = {
            "sub": str(user_id),
            "role": role,
            "iat": now,
            "exp": now + self.lifetime,
            "aud": AUDIENCE,
            "iss": self.issuer,
        }
        return jwt.encode(claims, self._secret(), algorithm=ALGORITHM)

    def read(self, token: str) -> dict[str, Any] | None:
        """The claims of a valid, unexpired token of ours; None for anything else."""
        try:
            claims: dict[str, Any] = jwt.decode(
                token,
                self._secret(),
                algorithms=[ALGORITHM],
                audience=AUDIENCE,
                issuer=self.issuer,
                options={"require": ["sub", "exp", "iat", "aud", "iss"]},
            )
        except jwt.PyJWTError:
            return None
        return claims
