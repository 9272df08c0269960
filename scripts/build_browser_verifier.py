"""Write the standalone browser verifier (portal/static/rightsledger-verifier.html) and print its
SHA-256, to publish in the README. A test rebuilds it and compares."""

from __future__ import annotations

from portal.browser_verifier import STANDALONE, standalone_html, standalone_sha256

if __name__ == "__main__":
    STANDALONE.write_text(standalone_html(), encoding="utf-8")
    print(f"{STANDALONE}: SHA-256 {standalone_sha256()}")
