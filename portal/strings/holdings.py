"""The portal's words: a member's works and recordings with their shares.
key: (Chinese, English); placeholders use str.format names."""

STRINGS: dict[str, tuple[str, str]] = {
    "holdings.intro": (
        "您享有份额的作品与录音，以及您在其中的每一项份额（角色、权利类型、比例）。共有人的份额不在此列出。",
        "The works and recordings in which you hold a share, with each of your shares (role, right "
        "type, share). Co-owners' shares are not listed here.",
    ),
    "holdings.works": ("作品", "Works"),
    "holdings.recordings": ("录音", "Recordings"),
    "holdings.search": ("按标题（或艺人）查找", "Search by title (or artist)"),
    "holdings.none.works": ("没有找到您享有份额的作品。", "No works of yours found."),
    "holdings.none.recordings": ("没有找到您享有份额的录音。", "No recordings of yours found."),
    "holdings.col.id": ("编号", "Id"),
    "holdings.col.iswc": ("ISWC", "ISWC"),
    "holdings.col.isrc": ("ISRC", "ISRC"),
    "holdings.col.title": ("标题", "Title"),
    "holdings.col.artist": ("艺人", "Artist"),
    "holdings.col.status": ("登记状态", "Registration"),
    "holdings.col.role": ("角色", "Role"),
    "holdings.col.right": ("权利类型", "Right type"),
    "holdings.col.share": ("份额", "Share"),
    "holdings.col.controlled": ("由协会管理", "Administered by the society"),
}
