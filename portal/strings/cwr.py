"""The portal's words: the CWR files received and the acknowledgements sent back (staff).
key: (Chinese, English); placeholders use str.format names."""

STRINGS: dict[str, tuple[str, str]] = {
    "nav.cwr": ("CWR 文件", "CWR files"),
    "cwr.intro": (
        "出版者以 CWR 文件向协会登记作品。此处列出协会收到的每个文件，以及每个登记文件的确认回执"
        "（CWR ACK 文件）：逐笔交易的处理状态、协会的作品编号和问题说明，可下载后发回出版者。",
        "Publishers register works with the society in CWR files. Here are the files the society "
        "received and, for each registration file, its acknowledgement (CWR ACK file): each "
        "transaction's status, the society's work number and what was wrong, to download and send "
        "back to the publisher.",
    ),
    "cwr.none": ("尚未收到 CWR 文件。", "No CWR file received yet."),
    "cwr.export": ("导出本协会的作品（CWR）", "Export the society's works (CWR)"),
    "cwr.export_help": (
        "每部作品一条 NWR 登记，含各权利人有效的份额；本会会员为受控方。可发给出版者或兄弟协会。",
        "One NWR registration per work with the shares that count; our members are the controlled "
        "parties. For a publisher or a sister society.",
    ),
    "cwr.export_member": (
        "只导出某会员的作品（会员号 M-n，可空）",
        "Only one member's works (member number M-n, optional)",
    ),
    "cwr.export_prepare": ("生成导出文件", "Prepare the export"),
    "cwr.export_bad_member": ("会员号形如 M-12。", "A member number looks like M-12."),
    "cwr.col.received": ("收到时间", "Received"),
    "cwr.col.file": ("文件", "File"),
    "cwr.col.sender": ("发送方", "Sender"),
    "cwr.col.type": ("类型", "Type"),
    "cwr.col.version": ("CWR 版本", "CWR version"),
    "cwr.col.transactions": ("交易数", "Transactions"),
    "cwr.col.accepted": ("已接受", "Accepted"),
    "cwr.col.rejected": ("已拒绝", "Rejected"),
    "cwr.col.ack": ("可生成回执", "Acknowledgement"),
    "cwr.type.registration": ("作品登记", "registration"),
    "cwr.type.acknowledgement": ("协会回执", "a society's acknowledgement"),
    "cwr.ack.yes": ("可以", "available"),
    "cwr.ack.no": ("不可", "not available"),
    "cwr.pick": ("登记文件", "Registration file"),
    "cwr.prepare": ("生成确认回执", "Prepare the acknowledgement"),
    "cwr.download": ("下载 {name}", "Download {name}"),
    "cwr.ready": (
        "回执含 {n} 笔交易的处理状态：AS 已登记，AC 已登记但有字段被舍弃，DU 已在册，"
        "CO 份额冲突待审，RJ 已拒绝。",
        "The acknowledgement holds the status of {n} transactions: AS registered, AC registered with "
        "fields dropped, DU already held, CO in a share conflict under review, RJ rejected.",
    ),
    "cwr.none_acknowledgeable": (
        "本页没有可生成回执的登记文件（协会回执本身不再回执；本功能上线前导入的文件未保存逐笔结果）。",
        "No registration file on this page can be acknowledged (a society's acknowledgement is not "
        "acknowledged back; files imported before this feature kept no per-transaction outcome).",
    ),
}
