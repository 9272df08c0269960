"""The portal's words: works. key: (Chinese, English); placeholders use str.format names."""

STRINGS: dict[str, tuple[str, str]] = {
    "works.intro": (
        "按标题、ISRC、ISWC 或会员查找作品与录音。",
        "Find works and recordings by title, ISRC, ISWC or member.",
    ),
    "works.what": ("查找", "Search"),
    "works.works": ("作品", "Works"),
    "works.recordings": ("录音", "Recordings"),
    "works.title": ("标题", "Title"),
    "works.iswc": ("ISWC", "ISWC"),
    "works.isrc": ("ISRC", "ISRC"),
    "works.member": ("会员", "Member"),
    "works.search": ("搜索", "Search"),
    "works.none": ("没有找到匹配的记录。请换个关键词试试。", "Nothing matches. Try other words."),
    "works.found": ("找到 {total} 条", "{total} found"),
    "works.pick": ("查看登记历史", "See the registration history of"),
    "works.history": ("登记历史", "Registration history"),
    "works.version": ("第 {version} 版 · {at}", "Version {version} · {at}"),
    "works.anchored": ("已锚定（检查点 {index}）", "Anchored (checkpoint {index})"),
    "works.pending": ("等待锚定", "Waiting to be anchored"),
    "works.no_history": ("暂无历史记录。", "No history yet."),
}
