"""Distribution rules: defaults per source, a TOML file replacing some, clear errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from registry.royalty.rules import DEFAULT_RULES, RulesError, SourceRules, load_rules, rules_for


def test_karaoke_splits_sixty_forty_by_default() -> None:
    karaoke = rules_for("karaoke")
    assert (karaoke.recording_side, dict(karaoke.work_rights)) == (
        6000,
        {"performing": 5000, "mechanical": 5000},
    )
    assert rules_for("online").weigh_by == "revenue"
    with pytest.raises(RulesError, match="known sources: karaoke"):
        rules_for("cinema")


def test_a_toml_file_replaces_what_it_names(tmp_path: Path) -> None:
    path = tmp_path / "rules.toml"
    path.write_text("[karaoke]\nadmin_rate = 1000\n\n[cinema]\nadmin_rate = 500\nrecording_side = 7000\n")
    table = load_rules(path)
    assert table["karaoke"].admin_rate == 1000
    assert table["karaoke"].recording_side == DEFAULT_RULES["karaoke"].recording_side
    assert table["cinema"] == SourceRules(500, 7000)
    assert table["online"] == DEFAULT_RULES["online"]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("[karaoke]\nadmin_rate = 12000\n", "admin_rate must be basis points"),
        ("[karaoke]\nwork_rights = { performing = 6000 }\n", "add up to 10000"),
        ("[karaoke]\nweigh_by = 'minutes'\n", "weigh_by"),
        ("[karaoke]\nfee = 1\n", "unknown rules"),
        ("[karaoke\n", "cannot read"),
        ("[cinema]\nadmin_rate = 500\n", "recording_side"),
    ],
)
def test_bad_rules_name_the_problem(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "rules.toml"
    path.write_text(text)
    with pytest.raises(RulesError, match=message):
        load_rules(path)
