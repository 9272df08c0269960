"""City names as people type them: Chinese (with or without 市), pinyin in any case and spacing,
with or without tones, and English names all name the stored Chinese city."""

from __future__ import annotations

import pytest
from pypinyin import lazy_pinyin

from registry.services.licensing.cities import CITIES, city_name, city_names, pinyin


@pytest.mark.parametrize(
    "typed",
    [
        "北京",
        "北京市",
        " 北京 ",
        "Beijing",
        "beijing",
        "BEIJING",
        "Bei Jing",
        "bei-jing",
        "Běijīng",
        "Peking",
    ],
)
def test_beijing_however_it_is_typed(typed: str) -> None:
    assert city_name(typed) == "北京"
    assert {"北京", "北京市", "Beijing", "beijing"} <= city_names(typed)


@pytest.mark.parametrize(
    ("typed", "chinese"),
    [
        ("Xi'an", "西安"),
        ("xian", "西安"),
        ("Xī'ān", "西安"),
        ("Canton", "广州"),
        ("guangzhou city", "广州"),
        ("Hong Kong", "香港"),
        ("Macau", "澳门"),
        ("Harbin", "哈尔滨"),
        ("Urumqi", "乌鲁木齐"),
        ("shenzhen", "深圳"),
        ("重庆市", "重庆"),
    ],
)
def test_other_cities_by_pinyin_and_english_names(typed: str, chinese: str) -> None:
    assert city_name(typed) == chinese


def test_a_city_the_table_does_not_know_is_searched_as_typed() -> None:
    assert city_name("东营市") == "东营" and city_names("东营") == {"东营", "东营市"}
    assert city_name("Atlantis") == "Atlantis" and city_names("  Atlantis ") == {"Atlantis"}
    assert city_names("") == set()


def test_the_tables_pinyin_is_the_pinyin_of_each_name() -> None:
    # A differential check against pypinyin's dictionary: every shipped spelling is right.
    assert len(CITIES) >= 40
    for chinese in CITIES:
        assert pinyin(chinese) == " ".join(lazy_pinyin(chinese)), chinese
    assert pinyin("东营") is None


def test_no_two_cities_share_a_spelling() -> None:
    seen: dict[str, str] = {}
    for chinese, (spelled, english) in CITIES.items():
        for name in (spelled.replace(" ", ""), *english):
            key = name.replace("'", "").replace(" ", "").lower()
            assert seen.setdefault(key, chinese) == chinese, (name, chinese, seen[key])
