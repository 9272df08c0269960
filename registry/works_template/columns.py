"""The columns of the works registration template: one row per work, one column per fact.

Each column has its canonical English name (the header of the English template and the name
problems give) and the header Chinese publishers' spreadsheets use. A header matches either
after Unicode NFKC (full-width letters and spaces fold to ASCII), ignoring case and all white
space: ``Writer_1_IPI``, `` writer_1_ipi `` and ``词曲作者1IPI`` all name ``writer_1_ipi``.

The codes the role and AI columns accept are here too, with the Chinese words for them.
docs/works-template.md documents the same columns for societies; a test keeps the two together.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

from registry.works_template.model import TemplateError

WRITERS = 6  # writer_1_* .. writer_6_*
PUBLISHERS = 3  # publisher_1_* .. publisher_3_*


@dataclass(frozen=True, slots=True)
class Column:
    name: str  # canonical: the English header
    chinese: str  # the Chinese header
    required: bool
    note: str  # format and meaning, in English
    note_zh: str  # the same in Chinese
    aliases: tuple[str, ...] = ()  # further headers accepted


WRITER_ROLES = {
    "CA": "composer and lyricist",
    "C": "composer",
    "A": "lyricist",
    "AR": "arranger",
    "AD": "adapter",
}
PUBLISHER_ROLES = {"E": "original publisher", "SE": "sub-publisher", "AM": "administrator"}
DEFAULT_WRITER_ROLE = "CA"
DEFAULT_PUBLISHER_ROLE = "E"
# The words Chinese spreadsheets write instead of the codes.
CHINESE_ROLES = {
    "词曲": "CA",
    "作词作曲": "CA",
    "作曲": "C",
    "曲": "C",
    "作词": "A",
    "词": "A",
    "编曲": "AR",
    "改编": "AD",
    "原出版者": "E",
    "出版者": "E",
    "次级出版者": "SE",
    "再出版者": "SE",
    "管理者": "AM",
}
AI_INVOLVEMENT = ("none", "assisted", "generated")
CHINESE_AI_INVOLVEMENT = {
    "无": "none",
    "辅助": "assisted",
    "AI辅助": "assisted",
    "生成": "generated",
    "AI生成": "generated",
}

_SHARE_NOTE = "percent, 0 to 100 with at most 2 decimals: 50, 33.33, 50%; empty is 0"
_SHARE_NOTE_ZH = "百分比，0 到 100，最多两位小数：50、33.33、50%；留空为 0"


def _work_columns() -> list[Column]:
    return [
        Column(
            "submitter_work_id",
            "作品编号",
            True,
            "your own number of the work, unique in the file; the registry's answers quote it",
            "贵方自己的作品编号，文件内不得重复；登记处的回复引用此编号",
        ),
        Column("title", "作品名称", True, "the work's title", "作品的正式名称"),
        Column(
            "iswc",
            "国际标准作品编码",
            False,
            "ISWC if the work has one: T-034.524.680-1 or T0345246801 (check digit verified)",
            "如有国际标准作品编码（ISWC）：T-034.524.680-1 或 T0345246801（校验位会被核对）",
            aliases=("ISWC",),
        ),
        Column(
            "language",
            "语言",
            False,
            "language of the lyrics, ISO 639-1 two letters: zh, en; empty for instrumental works",
            "歌词语言，ISO 639-1 两个字母：zh、en；纯音乐留空",
        ),
        Column(
            "duration",
            "时长",
            False,
            "seconds (245), m:ss (4:05) or h:mm:ss (0:04:05)",
            "秒数（245）、分:秒（4:05）或 时:分:秒（0:04:05）",
        ),
        Column(
            "alternate_titles",
            "别名",
            False,
            "other titles of the work, separated by |",
            "作品的其他名称，多个用 | 分隔",
        ),
    ]


def _party_columns(kind: str, n: int) -> list[Column]:
    if kind == "writer":
        zh = f"词曲作者{n}"
        who, who_zh = f"writer {n}", f"第 {n} 位词曲作者"
        name_note = f"{who}: 'Last, First' or a single name (pen name)"
        name_note_zh = f"{who_zh}：“姓, 名”或单一姓名（笔名）"
        roles = ", ".join(f"{code} {meaning}" for code, meaning in WRITER_ROLES.items())
        role_note = f"{roles}; empty is {DEFAULT_WRITER_ROLE}"
        role_note_zh = "CA 词曲、C 作曲、A 作词、AR 编曲、AD 改编；留空为 CA"
        name_header = f"{zh}姓名"
    else:
        zh = f"出版者{n}"
        who, who_zh = f"publisher {n}", f"第 {n} 位出版者"
        name_note = f"{who}: the company's name"
        name_note_zh = f"{who_zh}：公司名称"
        roles = ", ".join(f"{code} {meaning}" for code, meaning in PUBLISHER_ROLES.items())
        role_note = f"{roles}; empty is {DEFAULT_PUBLISHER_ROLE}"
        role_note_zh = "E 原出版者、SE 次级出版者、AM 管理者；留空为 E"
        name_header = f"{zh}名称"
    p = f"{kind}_{n}"
    return [
        Column(f"{p}_name", name_header, False, name_note, name_note_zh),
        Column(
            f"{p}_ipi",
            f"{zh} IPI",
            False,
            f"{who}'s IPI name number, 9 to 11 digits (zero-padded to 11, check digits verified)",
            f"{who_zh}的 IPI 名称号，9 至 11 位数字（左侧补零至 11 位，核对校验位）",
        ),
        Column(f"{p}_role", f"{zh}角色", False, role_note, role_note_zh),
        Column(
            f"{p}_pr_share",
            f"{zh}表演权份额",
            False,
            f"{who}'s performing right share, {_SHARE_NOTE}",
            f"{who_zh}的表演权份额，{_SHARE_NOTE_ZH}",
        ),
        Column(
            f"{p}_mr_share",
            f"{zh}复制权份额",
            False,
            f"{who}'s mechanical right share, {_SHARE_NOTE}",
            f"{who_zh}的复制权（机械复制）份额，{_SHARE_NOTE_ZH}",
        ),
        Column(
            f"{p}_sr_share",
            f"{zh}同步权份额",
            False,
            f"{who}'s synchronisation right share, as above; empty is the mechanical share",
            f"{who_zh}的同步权份额，格式同上；留空则等于复制权份额",
        ),
    ]


def _recording_and_ai_columns() -> list[Column]:
    return [
        Column(
            "isrc",
            "国际标准录音编码",
            False,
            "ISRC of a recording of the work: CN-A01-26-00001 or CNA012600001",
            "作品一个录音的国际标准录音编码（ISRC）：CN-A01-26-00001 或 CNA012600001",
            aliases=("ISRC",),
        ),
        Column(
            "recording_title",
            "录音名称",
            False,
            "the recording's title, when not the work's",
            "录音名称（与作品名称不同时填写）",
        ),
        Column("artist", "表演者", False, "the recording's main artist", "录音的主要表演者"),
        Column(
            "recording_duration",
            "录音时长",
            False,
            "the recording's duration, written as the work's duration",
            "录音时长，格式同作品时长",
        ),
        Column(
            "ai_involvement",
            "AI参与",
            False,
            "none, assisted or generated (无, 辅助, 生成): how far AI took part in making the "
            "work; empty when not declared",
            "none、assisted 或 generated（无、辅助、生成）：AI 参与创作的程度；未声明则留空",
        ),
        Column(
            "ai_tool",
            "AI工具",
            False,
            "the AI tool used, with assisted or generated",
            "所用 AI 工具名称（辅助或生成时填写）",
        ),
        Column(
            "human_share",
            "人类作者份额",
            False,
            "with assisted: the human authors' part of the work, percent 0 to 100 "
            "(generated: empty or 0; none: empty or 100)",
            "辅助时：人类作者在作品中所占比例，百分比 0 到 100（生成：留空或 0；无：留空或 100）",
        ),
    ]


COLUMNS: tuple[Column, ...] = (
    *_work_columns(),
    *(c for n in range(1, WRITERS + 1) for c in _party_columns("writer", n)),
    *(c for n in range(1, PUBLISHERS + 1) for c in _party_columns("publisher", n)),
    *_recording_and_ai_columns(),
)
BY_NAME = {column.name: column for column in COLUMNS}
REQUIRED = tuple(column.name for column in COLUMNS if column.required)


def header_key(header: str) -> str:
    """The form a header is matched in (see the module doc)."""
    return "".join(unicodedata.normalize("NFKC", header).split()).casefold()


def _headers() -> dict[str, str]:
    headers: dict[str, str] = {}
    for column in COLUMNS:
        for header in (column.name, column.chinese, *column.aliases):
            key = header_key(header)
            # Two columns answering to one header would make a file mean two things.
            if headers.setdefault(key, column.name) != column.name:
                raise AssertionError(f"header {header!r} names both {headers[key]} and {column.name}")
    return headers


HEADERS = _headers()


def column_positions(header: Sequence[object], name: str) -> dict[str, int]:
    """Where each column of the header row is: canonical name -> 0-based position.

    Empty header cells are ignored (spreadsheets leave trailing ones). Raises TemplateError for
    a header that names no column, a column named twice, or a required column missing."""
    positions: dict[str, int] = {}
    for at, cell in enumerate(header):
        text = "" if cell is None else str(cell)
        if not text.strip():
            continue
        column = HEADERS.get(header_key(text))
        if column is None:
            raise TemplateError(
                name,
                f"line 1, column {at + 1}: unknown column {text.strip()!r}; "
                "see docs/works-template.md for the columns and their Chinese headers",
            )
        if column in positions:
            raise TemplateError(
                name,
                f"line 1: column {column!r} appears twice (columns {positions[column] + 1} and {at + 1})",
            )
        positions[column] = at
    missing = [column for column in REQUIRED if column not in positions]
    if missing:
        headers = ", ".join(f"{c} ({BY_NAME[c].chinese})" for c in missing)
        raise TemplateError(name, f"line 1: required column missing: {headers}")
    return positions
