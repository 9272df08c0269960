"""The portal's words: API states. key: (Chinese, English); placeholders use str.format names."""

STRINGS: dict[str, tuple[str, str]] = {
    "api.down": (
        "暂时无法连接数据服务（{where}）。请稍后再试。验证上传的证明文件不受影响。",
        "The data service ({where}) cannot be reached right now. Please try again later. "
        "Verifying an uploaded proof file still works.",
    ),
    "api.not_available": ("此功能的数据服务尚未开放。", "This service is not available yet."),
    "api.not_found": ("未找到：{what}", "Not found: {what}"),
    "api.not_yet_provable": (
        "{what} 已记录，但尚未进入已发布的检查点：下一次锚定后即可证明。",
        "{what} is recorded but not yet in a published checkpoint: "
        "it can be proven after the next anchoring.",
    ),
    "api.login_needed": ("请先登录（{role}）。", "Please log in first ({role})."),
    "api.refused": ("数据服务拒绝了请求：{title}", "The data service refused the request: {title}"),
    "api.loading": ("正在加载…", "Loading…"),
}
