"""The portal's words: licenses. key: (Chinese, English); placeholders use str.format names."""

STRINGS: dict[str, tuple[str, str]] = {
    "licenses.intro": (
        "查询某个场所或平台是否持有有效许可：按许可编号、场所或公司名称、城市。",
        "Check whether a venue or platform holds a valid license: by license number, venue or company "
        "name, city.",
    ),
    "licenses.number": ("许可编号", "License number"),
    "licenses.name": ("场所或公司名称", "Venue or company name"),
    "licenses.city": ("城市", "City"),
    "licenses.search": ("查询", "Look up"),
    "licenses.none": ("没有找到许可。", "No license found."),
    "licenses.reason": ("原因", "Reason"),
    "licenses.status": ("状态", "Status"),
    "licenses.validity": ("有效期", "Valid"),
    "licenses.states": ("许可所载状态", "What the license states"),
    "licenses.proof": ("这一状态是否得到证明", "Whether this status is proven"),
    "licenses.no_reason": ("未注明原因", "no reason given"),
    "licenses.states.active": ("许可有效：自 {start} 至 {end}。", "License in force from {start} to {end}."),
    "licenses.states.pending": (
        "许可尚未生效：自 {start} 起生效。",
        "License not yet in force: it starts on {start}.",
    ),
    "licenses.states.suspended": ("许可已于 {on} 暂停：{reason}", "License suspended on {on}: {reason}"),
    "licenses.states.revoked": ("许可已于 {on} 撤销：{reason}", "License revoked on {on}: {reason}"),
    "licenses.states.expired": ("许可已于 {end} 到期。", "License expired on {end}."),
    "licenses.states.other": ("许可状态：{status}", "License status: {status}"),
    "licenses.not_licensed": ("该场所或平台目前未获许可。", "This venue or platform is not licensed now."),
    "licenses.press_verify": (
        "按“验证”核对此状态：检查的是许可的最新版本（第 {version} 版）。",
        "Press “Verify” to check this status: the proof checked is of the license's latest "
        "version (v{version}).",
    ),
    "licenses.proven_at": (
        "此状态（{status}）是最新的已锚定版本（第 {version} 版），"
        "已在链 {chain} 上的第 {index} 号检查点得到证明。",
        "This status ({status}) is the latest anchored version (v{version}), proven at checkpoint {index} "
        "on chain {chain}.",
    ),
    "licenses.found_by_size": (
        "此状态（{status}，第 {version} 版）已在链上得到证明（按树大小找到检查点）。",
        "This status ({status}, v{version}) is proven on chain (its checkpoint found by tree size).",
    ),
    "licenses.newer_unanchored": (
        "已有更新的版本（第 {version} 版）但尚未锚定：上面的状态尚未得到证明；已证明的是第 {proven} 版。",
        "A newer version (v{version}) exists but is not anchored yet: the status above is not proven yet; "
        "what is proven is v{proven}.",
    ),
    "licenses.not_proven": (
        "此状态（第 {version} 版）未得到证明：见下面的验证步骤。",
        "This status (v{version}) is not proven: see the verification steps below.",
    ),
    "status.active": ("有效", "active"),
    "status.expired": ("已过期", "expired"),
    "status.revoked": ("已撤销", "revoked"),
    "status.suspended": ("已暂停", "suspended"),
    "status.pending": ("待生效", "pending"),
}
