"""The portal's words: login. key: (Chinese, English); placeholders use str.format names."""

STRINGS: dict[str, tuple[str, str]] = {
    "login.title": ("登录", "Log in"),
    "login.username": ("用户名", "Username"),
    "login.password": ("密码", "Password"),
    "login.submit": ("登录", "Log in"),
    "login.failed": ("用户名或密码不正确。", "Wrong username or password."),
    "login.as": ("已登录：{subject}（{role}）", "Logged in as {subject} ({role})"),
    "login.logout": ("退出登录", "Log out"),
    "login.wrong_role": (
        "此页面需要 {role} 身份登录；您当前是 {current}。",
        "This page needs a login as {role}; you are logged in as {current}.",
    ),
    "role.member": ("会员", "member"),
    "role.auditor": ("审计员", "auditor"),
    "role.admin": ("管理员", "admin"),
    "role.clerk": ("登记专员", "registry clerk"),
    "role.licensing": ("许可专员", "licensing officer"),
    "role.finance": ("财务", "finance"),
    "role.approver": ("分配审批人", "distribution approver"),
    "login.roles_or": ("或", " or "),
    "login.roles_sep": ("、", ", "),
}
