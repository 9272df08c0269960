"""City names as people type them: 北京, 北京市, Beijing, beijing, Bei Jing, Peking.

Licensees' cities are stored in Chinese without the 市 suffix (北京, 深圳). A search names a city
in Chinese, in pinyin (with or without spaces, tones or capitals) or by its English name; this
shipped table of the provincial capitals and major cities turns any of them into the Chinese
name and the other forms a city may be stored in (a licensee registered as "Shanghai"), with no
download at run time. A name the table does not know is searched as typed.
"""

from __future__ import annotations

import re
import unicodedata

# Chinese name (as stored) -> pinyin (syllables separated by spaces), other English names.
CITIES: dict[str, tuple[str, tuple[str, ...]]] = {
    "北京": ("bei jing", ("peking",)),
    "上海": ("shang hai", ()),
    "天津": ("tian jin", ("tientsin",)),
    "重庆": ("chong qing", ("chungking",)),
    "广州": ("guang zhou", ("canton",)),
    "深圳": ("shen zhen", ()),
    "杭州": ("hang zhou", ()),
    "成都": ("cheng du", ()),
    "南京": ("nan jing", ("nanking",)),
    "武汉": ("wu han", ()),
    "西安": ("xi an", ("xi'an", "sian")),
    "苏州": ("su zhou", ()),
    "郑州": ("zheng zhou", ()),
    "长沙": ("chang sha", ()),
    "沈阳": ("shen yang", ("mukden",)),
    "青岛": ("qing dao", ("tsingtao",)),
    "宁波": ("ning bo", ()),
    "东莞": ("dong guan", ()),
    "佛山": ("fo shan", ()),
    "合肥": ("he fei", ()),
    "济南": ("ji nan", ("tsinan",)),
    "大连": ("da lian", ()),
    "福州": ("fu zhou", ()),
    "厦门": ("xia men", ("amoy",)),
    "哈尔滨": ("ha er bin", ("harbin",)),
    "长春": ("chang chun", ()),
    "石家庄": ("shi jia zhuang", ()),
    "太原": ("tai yuan", ()),
    "呼和浩特": ("hu he hao te", ("hohhot",)),
    "南昌": ("nan chang", ()),
    "南宁": ("nan ning", ()),
    "海口": ("hai kou", ()),
    "三亚": ("san ya", ()),
    "贵阳": ("gui yang", ()),
    "昆明": ("kun ming", ()),
    "拉萨": ("la sa", ("lhasa",)),
    "兰州": ("lan zhou", ()),
    "西宁": ("xi ning", ()),
    "银川": ("yin chuan", ()),
    "乌鲁木齐": ("wu lu mu qi", ("urumqi",)),
    "无锡": ("wu xi", ()),
    "温州": ("wen zhou", ()),
    "珠海": ("zhu hai", ()),
    "香港": ("xiang gang", ("hong kong", "hongkong")),
    "澳门": ("ao men", ("macau", "macao")),
    "台北": ("tai bei", ("taipei",)),
}
_SUFFIXES = ("市", " city", " shi")


def _key(text: str) -> str:
    """Lower case, tone marks and apostrophes gone, no spaces or hyphens: "Xī'ān" -> "xian"."""
    plain = unicodedata.normalize("NFKD", text.strip().lower())
    plain = "".join(ch for ch in plain if not unicodedata.combining(ch))
    for suffix in _SUFFIXES:
        if plain.endswith(suffix) and len(plain) > len(suffix):
            plain = plain[: -len(suffix)]
    return re.sub(r"[\s'’\-_.·]+", "", plain)


_BY_KEY: dict[str, str] = {}
for _chinese, (_pinyin, _english) in CITIES.items():
    for _name in (_chinese, _pinyin, *_english):
        _BY_KEY[_key(_name)] = _chinese


def city_name(text: str) -> str:
    """The stored (Chinese) name of the city `text` names, or `text` itself (stripped, without a
    trailing 市) when the table does not know it."""
    value = text.strip()
    known = _BY_KEY.get(_key(value))
    if known is not None:
        return known
    return value[:-1] if value.endswith("市") and len(value) > 1 else value


def city_names(text: str) -> set[str]:
    """Every form a licensee's city may be stored in for the city `text` names: its Chinese name
    with and without 市, its pinyin and English names as written in English ("Beijing",
    "Peking"), and `text` as typed. A set for `IN`, so the city index still serves the search."""
    value = text.strip()
    chinese = city_name(value)
    names = {value, chinese}
    if any("\u4e00" <= ch <= "\u9fff" for ch in chinese):  # 市 only after a Chinese name
        names.add(chinese + "市")
    known = CITIES.get(chinese)
    if known is not None:
        spelled, english = known
        for name in (spelled.replace(" ", ""), *english):
            names |= {name.title(), name.lower(), name.upper()}
    return {name for name in names if name}


def pinyin(chinese: str) -> str | None:
    """The pinyin of a city in the table ("bei jing"), None for one it does not know."""
    found = CITIES.get(chinese)
    return None if found is None else found[0]
