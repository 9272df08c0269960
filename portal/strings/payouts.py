"""The portal's words: payouts. key: (Chinese, English); placeholders use str.format names."""

STRINGS: dict[str, tuple[str, str]] = {
    "payouts.intro": (
        "以会员身份登录，查看每期分配结算单并逐行验证。",
        "Log in as a member to see your statements per period and verify each line.",
    ),
    "payouts.none": ("暂无结算单。", "No statements yet."),
    "payouts.over_periods": ("各期分配（按来源）", "Payouts over periods, by source"),
    "payouts.period": ("期间", "Period"),
    "payouts.source": ("来源", "Source"),
    "payouts.amount": ("金额", "Amount"),
    "payouts.usage": ("使用量", "Usage"),
    "payouts.share": ("份额", "Share"),
    "payouts.lines": ("结算明细", "Statement lines"),
    "payouts.pick": ("结算单", "Statement"),
    "payouts.no_lines": ("此结算单没有明细。", "This statement has no lines."),
    "payouts.csv": ("下载 CSV", "Download CSV"),
    "payouts.pdf": ("下载 PDF 结算单", "Download the PDF statement"),
    "payouts.proofs": ("下载全部证明文件（zip）", "Download all proof files (zip)"),
    "payouts.zip_ready": ("保存 zip", "Save the zip"),
    "payouts.verify_all": ("逐行验证全部明细", "Verify every line"),
    "payouts.line": ("{what} · {amount}", "{what} · {amount}"),
    "payouts.line_listed": (
        "此行在已验证的结算单条目中，金额一致。",
        "This line is in the verified statement entry, with the same amount.",
    ),
    "payouts.line_missing": (
        "已验证的结算单条目中没有这一行：数据服务给出的明细与已锚定的结算单不符。",
        "The verified statement entry does not list this line: the data service's lines differ "
        "from the anchored statement.",
    ),
    "payouts.all_valid": ("全部 {n} 行均验证通过。", "All {n} lines verify."),
    "payouts.some_invalid": ("{bad} / {n} 行验证失败。", "{bad} of {n} lines fail."),
    "pdf.title": ("分配结算单", "Royalty statement"),
    "pdf.member": ("会员", "Member"),
    "pdf.total": ("合计", "Total"),
    "pdf.scan": ("扫码验证本结算单", "Scan to verify this statement"),
}
