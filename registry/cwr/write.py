"""Writing CWR records from records.py's layouts: each field at its position, numbers zero-filled,
text left-aligned and blank-padded. One definition of positions for the parser and every writer
(the test-file generator, the acknowledgements we send back)."""

from __future__ import annotations

from registry.cwr import records as R


def field_text(value: object, field: R.Field) -> str:
    """`value` as the field's characters; an empty value blank (zeros for numbers, dates, times)."""
    if value is None or value == "":
        return ("0" if field.fmt in "NDT" else " ") * field.size
    text = f"{value:0{field.size}d}" if isinstance(value, int) else str(value).ljust(field.size)
    if len(text) != field.size:
        raise ValueError(f"{field.name}: {value!r} does not fit {field.size} characters")
    return text


def render(layout: R.Layout, values: dict[str, object], prefix: str) -> str:
    """One record: the prefix (record type, and sequence numbers for transaction records), then
    every field of the layout at its position."""
    parts = [prefix]
    position = len(prefix) + 1
    for field in layout.fields:
        if field.start != position:
            raise AssertionError(f"{layout.record_type}.{field.name} starts at {field.start}, not {position}")
        parts.append(field_text(values.get(field.name), field))
        position = field.end + 1
    return "".join(parts)


def fit(text: str, size: int) -> str:
    """Free text on one line, cut to a field's size (CWR has no continuation for titles or
    messages)."""
    return " ".join(text.split())[:size]
