"""Values from the data in the reader's language: every value the registry can store (sources,
right types, roles, statuses, kinds) has words in Chinese and English; an unknown value shows as
it is; a table's headings and enumerated cells are translated, lists and mappings made text."""

from __future__ import annotations

import re

import pytest

from ledger.kinds import KINDS
from portal import enums
from portal.i18n import STRINGS
from registry.models.licensing import LICENSE_STATUSES, LICENSEE_KINDS, SOURCES
from registry.models.members import MEMBERSHIP_STATUSES
from registry.models.repertoire import (
    CANDIDATE_STATUSES,
    CONFLICT_STATUSES,
    PUBLISHER_ROLES,
    RECORDING_ROLES,
    SHARE_RIGHT_TYPES,
    WORK_STATUSES,
    WRITER_ROLES,
)
from registry.models.usage import CLAIM_STATUSES
from registry.services.licensing.provinces import PROVINCES

CJK = re.compile(r"[\u4e00-\u9fff]")
REGISTRY = {
    "source": SOURCES,
    "right_type": SHARE_RIGHT_TYPES,
    "role": WRITER_ROLES + PUBLISHER_ROLES + RECORDING_ROLES,
    "work_status": WORK_STATUSES,
    "conflict_status": CONFLICT_STATUSES,
    "candidate_status": CANDIDATE_STATUSES,
    "license_status": (*LICENSE_STATUSES, "expired", "pending"),  # the last two derived from dates
    "claim_status": CLAIM_STATUSES,
    "membership_status": MEMBERSHIP_STATUSES,
    "licensee_kind": LICENSEE_KINDS,
    "kind": tuple(KINDS),
    "province": tuple(PROVINCES),
}


@pytest.mark.parametrize("group", sorted(REGISTRY))
def test_every_value_the_registry_stores_has_words(group: str) -> None:
    assert group in enums.GROUPS
    for value in REGISTRY[group]:
        chinese, english = enums.word(group, value, "zh"), enums.word(group, value, "en")
        assert CJK.search(chinese), f"{group} {value}: {chinese!r}"
        assert not CJK.search(english) and english, f"{group} {value}: {english!r}"


def test_the_words_named_in_the_issue() -> None:
    assert enums.source("karaoke", "zh") == "卡拉OK" and enums.source("online", "zh") == "网络"
    assert enums.reason("venue closed", "zh") == "场所已停业"
    assert enums.reason(" Venue Closed ", "en") == "venue closed"  # as staff may type it
    assert enums.field("duration_seconds", "zh") == "时长（秒）"
    assert enums.field("alternate_titles", "en") == "alternate titles"
    assert enums.status("revoked", "zh") == "已撤销" and enums.status("in_conflict", "zh") == "存在冲突"
    assert enums.right_type("mechanical", "en") == "mechanical"


def test_a_province_reads_as_the_registry_names_it_in_chinese() -> None:
    for code, name in PROVINCES.items():
        assert enums.province(code, "zh") == name, code
    assert enums.province("SH", "en") == "Shanghai" and enums.province("HK", "en") == "Hong Kong"


def test_figures_by_source_or_status_are_labelled_in_words() -> None:
    figures = {"collected_fen": {"background_music": 0, "karaoke": 12}, "by_status": {"revoked": 1}}
    assert enums.value_text(figures, "zh") == "已收取: 背景音乐: 0; 卡拉OK: 12; by status: 已撤销: 1"


def test_an_unknown_value_shows_as_it_is() -> None:
    assert enums.source("satellite", "zh") == "satellite"
    assert enums.reason("a reason nobody wrote before", "zh") == "a reason nobody wrote before"
    assert enums.status("dormant", "zh") == "dormant"
    assert enums.field("brand_new_field", "zh") == "brand new field"  # no underscores shown
    assert enums.word("source", None, "zh") == "—"


def test_a_table_translates_headings_and_enumerated_cells() -> None:
    rows = [
        {
            "title": "月亮代表我的心",
            "alternate_titles": ["Moon", "月亮"],
            "duration_seconds": 215,
            "source": "karaoke",
            "status": "incomplete",
            "anchored": True,
            "right_type": ["performing", "mechanical"],
            "body": {"tree_size": 3, "right_type": "performing"},
            "reason": None,
        }
    ]
    assert enums.table(rows, "zh") == [
        {
            "标题": "月亮代表我的心",
            "别名": "Moon、月亮",
            "时长（秒）": 215,
            "来源": "卡拉OK",
            "状态": "不完整",
            "已锚定": "是",
            "权利类型": "表演权、复制权",
            "内容": "树大小: 3; 权利类型: 表演权",
            "原因": "—",
        }
    ]
    english = enums.table(rows, "en")[0]
    assert english["alternate titles"] == "Moon, 月亮" and english["anchored"] == "yes"


def test_every_enumeration_key_has_both_languages() -> None:
    keys = [key for key in STRINGS if key.startswith("enum.")]
    assert len(keys) > 100
    for key in keys:
        chinese, english = STRINGS[key]
        assert chinese and english, key


def test_a_column_several_enumerations_share_finds_its_word() -> None:
    assert enums.word("kind", "license", "zh") == "许可"  # an entry's kind
    assert enums.word("kind", "karaoke_venue", "zh") == "KTV 场所"  # a licensee's, in its body
    assert enums.status("submitted", "zh") == "已提交" and enums.status("terminated", "zh") == "已终止"
