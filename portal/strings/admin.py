"""The portal's words: admin. key: (Chinese, English); placeholders use str.format names."""

STRINGS: dict[str, tuple[str, str]] = {
    "admin.intro": (
        "待锚定条目、最近的锚定运行，以及立即运行锚定。",
        "Pending entries, the last anchoring runs, and run anchoring now.",
    ),
    "admin.pending": ("待锚定条目", "Pending entries"),
    "admin.runs": ("最近的锚定运行", "Last anchoring runs"),
    "admin.run_now": ("立即运行锚定", "Run anchoring now"),
    "admin.ran": ("锚定已运行：{result}", "Anchoring ran: {result}"),
    "admin.pending_entries": ("待锚定条目", "Entries waiting"),
    "admin.log_size": ("日志条目数", "Entries in the log"),
    "admin.anchors": ("锚定次数", "Anchors"),
    "admin.total_gas": ("累计 gas", "Gas spent"),
    "admin.none": ("暂无。", "None."),
}
