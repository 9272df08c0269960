"""GET /v1/log/descriptor serves the signed log descriptor the installation published, as written."""

from __future__ import annotations

from ledger.descriptor import DESCRIPTOR_FILE, LogDescriptor, read_descriptor, sign_descriptor
from ledger.note import Signer
from tests.api.conftest import ORIGIN, World


def test_the_descriptor_is_served_once_published(world: World) -> None:
    path = world.data_dir / DESCRIPTOR_FILE
    path.unlink(missing_ok=True)
    missing = world.client.get("/v1/log/descriptor")
    assert missing.status_code == 404 and "rightsledger log descriptor" in missing.json()["detail"]

    signer = Signer.generate(ORIGIN)
    identity = LogDescriptor(ORIGIN, (signer.verifier().vkey,), world.conn.chain_id, (world.contract,))
    path.write_text(sign_descriptor(identity, signer))
    try:
        served = world.client.get("/v1/log/descriptor")
        assert served.status_code == 200 and served.headers["content-type"].startswith("application/json")
        assert served.content == path.read_bytes() and read_descriptor(served.content) == identity
    finally:
        path.unlink()
