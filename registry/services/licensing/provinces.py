"""China's provincial-level divisions by their ISO 3166-2:CN codes (the 2017 two-letter codes).

Tariffs state rates per province by these codes; a licensee's province may be given by code or by
its Chinese name (北京, 广东省 ...)."""

from __future__ import annotations

from registry.services.licensing.errors import LicensingError

PROVINCES: dict[str, str] = {
    "BJ": "北京市",
    "TJ": "天津市",
    "HE": "河北省",
    "SX": "山西省",
    "NM": "内蒙古自治区",
    "LN": "辽宁省",
    "JL": "吉林省",
    "HL": "黑龙江省",
    "SH": "上海市",
    "JS": "江苏省",
    "ZJ": "浙江省",
    "AH": "安徽省",
    "FJ": "福建省",
    "JX": "江西省",
    "SD": "山东省",
    "HA": "河南省",
    "HB": "湖北省",
    "HN": "湖南省",
    "GD": "广东省",
    "GX": "广西壮族自治区",
    "HI": "海南省",
    "CQ": "重庆市",
    "SC": "四川省",
    "GZ": "贵州省",
    "YN": "云南省",
    "XZ": "西藏自治区",
    "SN": "陕西省",
    "GS": "甘肃省",
    "QH": "青海省",
    "NX": "宁夏回族自治区",
    "XJ": "新疆维吾尔自治区",
    "TW": "台湾省",
    "HK": "香港特别行政区",
    "MO": "澳门特别行政区",
}
_SUFFIXES = ("维吾尔自治区", "壮族自治区", "回族自治区", "特别行政区", "自治区", "省", "市")


def _short(name: str) -> str:
    for suffix in _SUFFIXES:
        if name.endswith(suffix):
            return name[: -len(suffix)]
    return name


_BY_NAME = {
    **{name: code for code, name in PROVINCES.items()},
    **{_short(n): c for c, n in PROVINCES.items()},
}


def normalise_province(text: str) -> str:
    """The ISO 3166-2:CN code (without CN-) of a province given by code or Chinese name."""
    value = text.strip()
    code = value.upper().removeprefix("CN-")
    if code in PROVINCES:
        return code
    if value in _BY_NAME:
        return _BY_NAME[value]
    raise LicensingError(
        f"unknown province {text!r}: give its ISO 3166-2:CN code (e.g. GD, SH) or its Chinese name"
    )
