"""Path and filename tricks on API uploads (evidence and CWR): traversal, absolute paths, NUL and
control characters, very long names in any script, bidi overrides, Windows separators, names made
of dots. Nothing is written outside the data directory, no upload fails on its name, and the name
recorded is one plain path component."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import pytest

from registry.cwr.generate import generate_cwr
from registry.services.enforcement.evidence_uploads import safe_filename
from tests.api.conftest import World, sqlite_society, sqlite_world  # noqa: F401 - the module-scoped world

TRICKS = [
    "../../../../tmp/evil.txt",
    "/etc/passwd",
    "..\\..\\windows\\system32\\evil.dll",
    "C:\\evil.txt",
    "evil\x00.txt",
    "a/../../b.txt",
    "..",
    ".",
    "...",
    "   ",
    "",
    ".hidden",
    "x" * 5000,
    "月" * 300,
    "😀" * 100,
    "report\u202etxt.exe",
    "\u2215etc\u2215passwd",
    "．．／．．／evil",
    "e\u0301vidence.pdf",
    "con.txt",
    "line\nbreak\r.txt",
    "%2e%2e%2fevil",
]


def _files(root: Path) -> set[Path]:
    return {Path(d) / f for d, _, files in os.walk(root) for f in files}


def _assert_plain_component(safe: str) -> None:
    assert safe and "/" not in safe and "\\" not in safe and "\x00" not in safe
    assert not safe.startswith(".") and safe not in (".", "..")
    assert len(safe.encode("utf-8")) <= 255  # any filesystem's component limit
    assert all(ord(c) >= 0x20 and c not in "\u202e\u202d" for c in safe)


@pytest.mark.parametrize("name", TRICKS)
def test_safe_filename_is_one_short_plain_component(name: str) -> None:
    _assert_plain_component(safe_filename(name))


def test_uploads_with_tricky_names_stay_inside_the_data_directory(sqlite_world: World) -> None:  # noqa: F811
    world = sqlite_world
    outside = world.data_dir.parent
    before_outside = {p for p in _files(outside) if world.data_dir not in p.parents}
    admin = world.as_("admin")
    refused: list[str] = []
    for n, name in enumerate(TRICKS):
        body = f"evidence {n} {name!r}".encode()
        response = world.client.post("/v1/admin/evidence", headers=admin, files={"file": (name, body)})
        # Refusals are fine (no filename: a plain field, 422; a header of kilobytes: 400), errors not.
        assert response.status_code in (200, 400, 422), (name, response.text)
        if response.status_code != 200:
            refused.append(name)
            continue
        # The client may escape some characters (httpx sends NUL as %00): check what was recorded.
        _assert_plain_component(response.json()["name"])
        kept = world.settings.documents_dir / "evidence" / hashlib.sha256(body).hexdigest()
        assert kept.read_bytes() == body, name
    assert set(refused) <= {"", "x" * 5000}, refused
    for n, name in enumerate(TRICKS):  # usage reports are spooled under their (cleaned) name
        if name in refused:
            continue
        log = f"licensee,title,played_at,plays\nV{n},歌 {n},2026-03-01 10:00,1\n".encode()
        response = world.client.post(
            "/v1/admin/imports/usage",
            headers=admin,
            params={"period": "2026-03", "source": "karaoke"},
            files={"file": (name, log)},
        )
        assert response.status_code == 200, (name, response.text)
        _assert_plain_component(response.json()["report"]["file"])
    assert not list((world.data_dir / "usage" / "incoming").iterdir())  # spooled copies removed
    cwr = world.client.post(
        "/v1/admin/imports/cwr",
        headers=admin,
        files={"file": ("../../../../tmp/evil.v22", generate_cwr(1, seed=99))},
    )
    assert cwr.status_code == 200, cwr.text
    assert cwr.json()["file"] == "evil.v22"
    after_outside = {p for p in _files(outside) if world.data_dir not in p.parents}
    assert after_outside == before_outside
    evidence = world.settings.documents_dir / "evidence"
    assert all(len(p.name) == 64 for p in evidence.iterdir())  # only content addresses, no staging left
