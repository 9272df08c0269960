"""The portal's words: common. key: (Chinese, English); placeholders use str.format names."""

STRINGS: dict[str, tuple[str, str]] = {
    "common.details": ("详情", "Details"),
    "common.empty": ("暂无数据。", "Nothing here yet."),
    "common.error": ("出了点问题：{error}", "Something went wrong: {error}"),
}
