"""The portal's words: the log search (by entry id, leaf hash or log index) and the pager of
public lists. key: (Chinese, English); placeholders use str.format names."""

STRINGS: dict[str, tuple[str, str]] = {
    "nav.lookup": ("日志查找", "Log search"),
    "lookup.intro": (
        "像 crt.sh 和 Rekor 一样查找日志中的记录：输入记录编号（如 W-12、LIC-2026-000001）、"
        "64 位十六进制的叶哈希，或日志序号。",
        "Find an entry of the log as crt.sh and Rekor do: type an entry id (W-12, LIC-2026-000001), "
        "a leaf hash of 64 hex digits, or a log index.",
    ),
    "lookup.query": ("记录编号、叶哈希或日志序号", "Entry id, leaf hash or log index"),
    "lookup.search": ("查找", "Search"),
    "lookup.bad": (
        "无法识别：请输入记录编号、64 位十六进制的叶哈希或日志序号（非负整数）。",
        "Not understood: type an entry id, a leaf hash of 64 hex digits, or a log index (a whole number).",
    ),
    "lookup.none": (
        "日志中没有这条记录（或它尚未写入日志）。",
        "No such entry in the log (or not in it yet).",
    ),
    "lookup.by.leaf_hash": ("按叶哈希查找", "By leaf hash"),
    "lookup.by.index": ("按日志序号查找", "By log index"),
    "lookup.by.entry": ("按记录编号查找", "By entry id"),
    "lookup.found": ("{by}：{count} 条", "{by}: {count} found"),
    "lookup.col.index": ("日志序号", "log index"),
    "lookup.col.kind": ("类别", "kind"),
    "lookup.col.id": ("编号", "id"),
    "lookup.col.version": ("版本", "version"),
    "lookup.col.visibility": ("公开性", "visibility"),
    "lookup.col.leaf_hash": ("叶哈希", "leaf hash"),
    "lookup.col.at": ("记录时间", "recorded at"),
    "lookup.public": ("公开", "public"),
    "lookup.private": ("保密", "private"),
    "lookup.entry_title": (
        "日志序号 {index} · {kind} · {id} · 第 {version} 版",
        "Log index {index} · {kind} · {id} · v{version}",
    ),
    "lookup.private_title": ("日志序号 {index} · 保密记录", "Log index {index} · private entry"),
    "lookup.private_note": (
        "这是一条保密记录（如会员资料或分配明细）：内容不公开，但任何人都可以核对它的指纹"
        "（叶哈希）是否在日志中并已锚定上链。",
        "This is a private entry (a membership, a payout line...): its content is not public, but anyone "
        "can check that its fingerprint (leaf hash) is in the log and anchored on chain.",
    ),
    "lookup.check_fingerprint": ("核对指纹", "Check the fingerprint"),
    "lookup.open_work": ("打开作品页面", "Open the work's page"),
    "lookup.open_license": ("打开许可页面", "Open the license's page"),
    "lookup.share_link": ("此次查找的可分享链接", "Shareable link to this search"),
    "lookup.facts": ("记录内容", "What the entry states"),
    "lookup.kind.member": ("会员", "member"),
    "lookup.kind.work": ("作品", "work"),
    "lookup.kind.recording": ("录音", "recording"),
    "lookup.kind.conflict": ("份额冲突", "share conflict"),
    "lookup.kind.license": ("许可", "license"),
    "lookup.kind.contract": ("合同", "contract"),
    "lookup.kind.usage_report": ("使用报告", "usage report"),
    "lookup.kind.usage_day": ("每日使用", "usage day"),
    "lookup.kind.distribution_line": ("分配明细", "payout line"),
    "lookup.kind.distribution_summary": ("分配汇总", "distribution summary"),
    "lookup.kind.evidence": ("证据", "evidence"),
    "lookup.kind.transparency_report": ("透明度报告", "transparency report"),
    "lookup.kind.tariff": ("费率", "tariff"),
    "lookup.kind.invoice": ("账单", "invoice"),
    "lookup.kind.payment": ("付款", "payment"),
    "lookup.kind.api_user": ("接口账户", "API account"),
    "pager.range": ("第 {first}–{last} 条，共 {total} 条", "{first}–{last} of {total}"),
    "pager.none": ("共 0 条", "0 of 0"),
    "pager.previous": ("上一页", "Previous page"),
    "pager.next": ("下一页", "Next page"),
    "pager.page": ("页码（共 {pages} 页）", "Page (of {pages})"),
    "pager.size": ("每页条数", "Per page"),
    "pager.beyond": ("没有第 {page} 页：共 {pages} 页。", "There is no page {page}: there are {pages}."),
}
