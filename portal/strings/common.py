"""The portal's words: common. key: (Chinese, English); placeholders use str.format names."""

STRINGS: dict[str, tuple[str, str]] = {
    "common.details": ("详情", "Details"),
    "common.empty": ("暂无数据。", "Nothing here yet."),
    "upload.button": ("选择文件", "Choose a file"),
    "upload.limit": ("可拖放文件到此处，每个文件不超过 {mb} MB", "Drop a file here; up to {mb} MB per file"),
    "common.error": ("出了点问题：{error}", "Something went wrong: {error}"),
}
