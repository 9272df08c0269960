"""The blank templates read back cleanly, in both languages and formats; the documentation names
every column."""

from __future__ import annotations

import csv
import io
import re

import pytest
from openpyxl import load_workbook

from registry.works_template import COLUMNS, blank_template_csv, blank_template_xlsx, parse_works_template
from tests.paths import REPO


@pytest.mark.parametrize("language", ["en", "zh"])
def test_the_blank_csv_reads_back_cleanly(language: str) -> None:
    data = blank_template_csv(language)
    assert data.startswith(b"\xef\xbb\xbf")  # so that Excel opens the Chinese as Chinese
    header = next(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert header == [c.chinese if language == "zh" else c.name for c in COLUMNS]
    template = parse_works_template(data, name=f"blank-{language}.csv")
    assert template.problems == ()
    (work,) = template.works
    assert work.iswc == "T0345246801"
    assert sum(p.pr_share for p in (*work.writers, *work.publishers)) == 10000


@pytest.mark.parametrize(("language", "notes"), [("en", "Notes"), ("zh", "说明")])
def test_the_blank_workbook_reads_back_cleanly(language: str, notes: str) -> None:
    data = blank_template_xlsx(language)
    template = parse_works_template(data, name=f"blank-{language}.xlsx")
    assert template.problems == ()
    (work,) = template.works
    assert [w.ipi_name for w in work.writers] == ["00014107338", "00002530248"]
    assert work.duration_seconds == 245

    workbook = load_workbook(io.BytesIO(data))
    sheet, explained = workbook.worksheets
    assert explained.title == notes
    header = [cell for cell in sheet[1]]
    assert [cell.value for cell in header] == [c.chinese if language == "zh" else c.name for c in COLUMNS]
    assert all(cell.font.bold for cell in header)
    assert sheet.column_dimensions["A"].width >= 10
    assert sheet["B2"].value  # the example row's title
    assert isinstance(
        sheet.cell(row=2, column=_at("writer_1_pr_share")).value, int
    )  # shares typed as numbers
    assert sheet.cell(row=2, column=_at("writer_1_ipi")).number_format == "@"  # IPI kept as text
    explained_names = {row[0] for row in explained.iter_rows(values_only=True)}
    assert {c.chinese if language == "zh" else c.name for c in COLUMNS} <= explained_names


def test_the_chinese_blank_explains_in_chinese() -> None:
    workbook = load_workbook(io.BytesIO(blank_template_xlsx("zh")))
    notes = {row[0]: row[3] for row in workbook["说明"].iter_rows(values_only=True) if len(row) > 3}
    assert notes["作品名称"] == "作品的正式名称"


def test_an_unknown_language_is_refused() -> None:
    with pytest.raises(ValueError, match="not 'fr'"):
        blank_template_csv("fr")


def test_the_documentation_names_every_column_and_its_chinese_header() -> None:
    text = (REPO / "docs" / "works-template.md").read_text(encoding="utf-8")
    # writer_1..6 and publisher_1..3 are documented once, as writer_N_... and 词曲作者N...
    documented = {
        (c.name, c.chinese)
        for c in COLUMNS
        if not c.name.startswith(("writer_", "publisher_"))
        or c.name.startswith(("writer_1_", "publisher_1_"))
    }
    missing = []
    for name, chinese in sorted(documented):
        name, chinese = name.replace("_1_", "_N_"), chinese.replace("1", "N")
        if f"`{name}`" not in text:
            missing.append(name)
        if chinese not in text:
            missing.append(chinese)
    assert missing == []
    assert len(documented) == 6 + 6 + 6 + 7


def _at(name: str) -> int:
    return [c.name for c in COLUMNS].index(name) + 1


def test_the_documented_examples_read_cleanly() -> None:
    text = (REPO / "docs" / "works-template.md").read_text(encoding="utf-8")
    examples = re.findall(r"```csv\n(.*?)```", text, flags=re.DOTALL)
    assert len(examples) == 2
    for example in examples:
        template = parse_works_template(example.encode(), name="example.csv")
        assert template.problems == ()
        assert len(template.works) == 1
