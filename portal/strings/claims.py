"""The portal's words: a member's claims of unidentified usage.
key: (Chinese, English); placeholders use str.format names."""

STRINGS: dict[str, tuple[str, str]] = {
    "claims.intro": (
        "许可使用方报告的使用中，有些无法与任何已登记的录音或作品匹配。若其中有您的录音或作品，"
        "请在认领期限内认领；经协会审核通过后，相应使用将在之后的分配期中作为调整支付给您。",
        "Some usage reported by licensees matched no registered recording or work. If some of it is "
        "your recording or work, claim it before its deadline; once the society accepts the claim, "
        "that usage is paid to you as an adjustment in a later period.",
    ),
    "claims.tab_search": ("查找未识别使用", "Find unidentified usage"),
    "claims.tab_mine": ("我的认领", "My claims"),
    "claims.verify_pick": ("验证认领", "Verify a claim"),
    "claims.verify_note": (
        "认领的每一步（提交、接受、驳回）都是您在账本中的一条私有记录：在此证明协会所记录的内容。",
        "Each step of a claim (submitted, accepted, rejected) is a private ledger entry of yours: "
        "prove here what the society recorded.",
    ),
    "claims.text": ("歌名、艺人或 ISRC", "Title, artist or ISRC"),
    "claims.period": ("使用期间（YYYY-MM，可不填）", "Period of use (YYYY-MM, optional)"),
    "claims.source": ("来源", "Source"),
    "claims.any_source": ("全部来源", "all sources"),
    "claims.bad_period": ("期间须为 YYYY-MM 格式，例如 2026-03。", "The period is YYYY-MM, e.g. 2026-03."),
    "claims.none_open": (
        "没有可认领的未识别使用（或没有符合条件的）。",
        "No unidentified usage open to claims (or none matching).",
    ),
    "claims.form": ("认领", "Claim"),
    "claims.pick": ("要认领的使用", "Usage to claim"),
    "claims.as": ("认领为我的", "Claim it as my"),
    "claims.as_recording": ("录音", "recording"),
    "claims.as_work": ("作品", "work"),
    "claims.mine": ("我的录音或作品", "My recording or work"),
    "claims.choose": ("（请选择，或在下面填写编号）", "(choose one, or give its id below)"),
    "claims.other_id": ("或填写编号（R-12 或 W-12）", "Or its id (R-12 or W-12)"),
    "claims.note": ("说明（可不填）", "Note (optional)"),
    "claims.submit": ("提交认领", "Submit the claim"),
    "claims.no_repertoire": (
        "您名下暂无录音或作品；请填写编号。",
        "You hold no recording or work yet; give its id.",
    ),
    "claims.need_target": ("请选择或填写要认领为的录音或作品。", "Choose or give the recording or work."),
    "claims.bad_id": (
        "编号应为 R-数字（录音）或 W-数字（作品），与上面的选择一致。",
        "The id is R-number (a recording) or W-number (a work), as chosen above.",
    ),
    "claims.submitted": (
        "认领 {id} 已提交，状态：{status}。协会审核后会在“我的认领”中更新。",
        "Claim {id} submitted; status: {status}. It is updated under “My claims” once the society decides.",
    ),
    "claims.refused": ("认领未被接受：{detail}", "The claim was not accepted: {detail}"),
    "claims.none_mine": ("您还没有提交认领。", "You have not claimed anything yet."),
    # columns
    "claims.col.id": ("编号", "No."),
    "claims.col.period": ("期间", "Period"),
    "claims.col.source": ("来源", "Source"),
    "claims.col.isrc": ("ISRC", "ISRC"),
    "claims.col.title": ("歌名", "Title"),
    "claims.col.artist": ("艺人", "Artist"),
    "claims.col.lines": ("报告行数", "Report lines"),
    "claims.col.usage": ("使用量", "Usage"),
    "claims.col.revenue": ("对应收入", "Revenue"),
    "claims.col.deadline": ("认领截止", "Claim by"),
    "claims.col.status": ("状态", "Status"),
    "claims.col.usage_id": ("未识别使用编号", "Usage no."),
    "claims.col.claimed_as": ("认领为", "Claimed as"),
    "claims.col.submitted": ("提交时间", "Submitted"),
    "claims.col.decided": ("审核时间", "Decided"),
    "claims.col.reason": ("理由", "Reason"),
    "claims.col.payable": ("支付期间", "Paid in period"),
    # statuses
    "claims.status.submitted": ("待审核", "pending review"),
    "claims.status.accepted": ("已接受", "accepted"),
    "claims.status.rejected": ("已驳回", "rejected"),
    "claims.usage.open": ("可认领", "open to claims"),
    "claims.usage.claimed": ("已被认领", "claimed"),
    "claims.usage.closed": ("认领期已过", "claims window closed"),
}
