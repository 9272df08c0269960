"""What a license states and whether it is proven, said apart, in both languages: a revoked or
expired license never reads as valid; a proof of an older version says a newer one is not
anchored yet."""

from __future__ import annotations

from portal.api_client import ApiClient
from portal.license_status import enumeration, facts_markdown, proven, reason_words, stated
from portal.settings import PortalSettings
from portal.verification import verify_bytes
from tests.portal.world import GOLDEN, SILVER, World


def test_revoked_and_expired_never_read_as_valid_in_either_language(portal_env: World) -> None:
    with ApiClient(PortalSettings().api_url) as client:  # type: ignore[call-arg]
        golden, silver = client.license(GOLDEN), client.license(SILVER)
    for item in (golden, silver):
        for lang, valid in (("en", "valid"), ("zh", "有效")):
            words = stated(item, lang)
            assert not words.licensed_now and words.colour in ("red", "gray")
            assert "check_circle" not in words.badge and valid not in words.sentence + words.word
    assert stated(golden, "en").sentence == f"License revoked on {golden.status_on}: unpaid invoice"
    assert stated(silver, "zh").sentence == "许可已于 2020年12月31日 到期。"


def test_a_proof_of_an_older_version_says_a_newer_one_is_not_anchored_yet(portal_env: World) -> None:
    with ApiClient(PortalSettings().api_url) as client:  # type: ignore[call-arg]
        golden = client.license(GOLDEN)
    settings = PortalSettings()  # type: ignore[call-arg]
    older = verify_bytes(portal_env.rlproof(GOLDEN, 1), settings)
    assert older.ok
    words = proven(golden, older, "en")
    assert words.level == "warning" and "A newer version (v2) exists but is not anchored yet" in words.text
    latest = verify_bytes(portal_env.rlproof(GOLDEN), settings)
    words = proven(golden, latest, "zh")
    assert words.level == "info" and "此状态（已撤销）是最新的已锚定版本（第 2 版）" in words.text
    tampered = verify_bytes(portal_env.tampered(GOLDEN), settings)
    assert proven(golden, tampered, "en").level == "error"


def test_reasons_and_enumerations_in_the_readers_language() -> None:
    assert (
        reason_words("venue closed", "zh") == "场所已停业"
        and reason_words(" Venue  Closed ", "en") == "venue closed"
    )
    assert reason_words("a reason nobody listed", "zh") == "a reason nobody listed"  # as recorded
    assert reason_words(None, "zh") == "未注明原因" and reason_words("  ", "en") == "no reason given"
    assert (
        enumeration("kind", "karaoke_venue", "zh") == "卡拉OK场所"
        and enumeration("province", "BJ", "en") == "Beijing"
    )
    assert enumeration("kind", "new_kind", "zh") == "new_kind" and enumeration("kind", None, "en") == "—"


def test_the_details_table_escapes_markdown_in_names(portal_env: World) -> None:
    with ApiClient(PortalSettings().api_url) as client:  # type: ignore[call-arg]
        golden = client.license(GOLDEN)
    odd = golden.model_copy(update={"licensee": "A|B *KTV* [x](y)"})
    table = facts_markdown(odd, "en")
    assert "| licensee | A\\|B \\*KTV\\* \\[x\\](y) |" in table
    assert table.count("\n") == len(table.splitlines()) - 1 and table.startswith("| Field | Value |")
