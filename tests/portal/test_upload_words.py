"""Streamlit says "Upload" and "200MB per file" (its file uploader) and "Stop" (its running
indicator) in English whatever the page's language: the portal draws its own words in their place
with CSS (portal/widgets.py)."""

from __future__ import annotations

import re

from portal.i18n import translate
from portal.widgets import _css_string, stop_css, uploader_css


def test_the_css_puts_the_readers_words_in_place_of_streamlits() -> None:
    button = translate("upload.button", "zh")
    limit = translate("upload.limit", "zh", mb=200)
    css = uploader_css(button, limit)
    assert css.count("visibility: hidden") == 1 and css.count("visibility: visible") == 2
    assert "stFileUploaderDropzone" in css and "stFileUploaderDropzoneInstructions" in css
    drawn = [_unescape(text) for text in re.findall(r'content: "((?:[^"\\]|\\.)*)"', css)]
    assert drawn == [button, limit]
    assert "200" in limit and "MB" in limit


def test_the_running_indicators_stop_is_in_the_readers_words() -> None:
    css = stop_css(translate("app.stop", "zh"))
    assert "stStatusWidget" in css and "font-size: 0}" in css
    assert _unescape(re.findall(r'content: "((?:[^"\\]|\\.)*)"', css)[0]) == "停止"


def test_a_quote_or_brace_in_the_words_cannot_break_out_of_the_css() -> None:
    hostile = 'a"}body{display:none}'
    escaped = _css_string(hostile)
    assert escaped.startswith('"') and escaped.endswith('"')
    assert '"' not in escaped[1:-1] and "}" not in escaped and "{" not in escaped
    assert _unescape(escaped[1:-1]) == hostile


def _unescape(text: str) -> str:
    return re.sub(r"\\([0-9a-f]+) ", lambda m: chr(int(m.group(1), 16)), text)
