"""The works registration template, CSV or Excel, for societies and publishers that do not send
CWR: one row per work, columns headed in English or Chinese (docs/works-template.md).

    from registry.works_template import parse_works_template, TemplateError
    template = parse_works_template(path.read_bytes(), name=path.name)
    for row in template.rows: ...  # row.work, or row.problems naming line and column

A pure parser and the blank templates; no database here. Each row becomes a submission in the
staff's review queue (registry/services), not a registered work.
"""

from registry.works_template.blank import blank_template_csv, blank_template_xlsx
from registry.works_template.columns import COLUMNS, Column
from registry.works_template.model import (
    Problem,
    TemplateError,
    TemplateFile,
    TemplateParty,
    TemplateRecording,
    TemplateRow,
    TemplateWork,
)
from registry.works_template.parse import MAX_ROWS, parse_works_template

__all__ = [
    "COLUMNS",
    "MAX_ROWS",
    "Column",
    "Problem",
    "TemplateError",
    "TemplateFile",
    "TemplateParty",
    "TemplateRecording",
    "TemplateRow",
    "TemplateWork",
    "blank_template_csv",
    "blank_template_xlsx",
    "parse_works_template",
]
