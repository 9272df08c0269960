"""The portal's words: app and navigation. key: (Chinese, English); placeholders use str.format names."""

STRINGS: dict[str, tuple[str, str]] = {
    "app.title": ("RightsLedger 公开门户", "RightsLedger public portal"),
    "app.language": ("语言", "Language"),
    "app.stop": ("停止", "Stop"),
    "nav.home": ("首页", "Home"),
    "nav.verify": ("验证", "Verify"),
    "nav.works": ("作品", "Works"),
    "nav.licenses": ("许可查询", "Licenses"),
    "nav.payouts": ("我的分配", "My payouts"),
    "nav.auditor": ("审计", "Auditor"),
    "nav.report": ("透明度报告", "Transparency report"),
    "nav.admin": ("管理", "Admin"),
    "nav.section.public": ("公众", "Everyone"),
    "nav.section.members": ("会员", "Members"),
    "nav.section.licensees": ("被许可方", "Licensees"),
    "nav.section.society": ("协会与审计", "Society and auditors"),
}
