"""The wire format's cell checks: what both ends refuse before PostgreSQL would."""

from __future__ import annotations

import pytest

from studio_app.domain.sync import CellError, Column, ColumnType, _check_cell

AFTER = Column("after", ColumnType.JSON, True)
TEXT = Column("title", ColumnType.TEXT, False)


@pytest.mark.parametrize(
    "value",
    [
        {"title": "第五期", "n": 3, "ok": True, "x": None, "f": 1.5},
        ["a", ["b", {"c": "d"}]],
        "\\u0000 written out as six characters is just text",
        None,
    ],
)
def test_json_data_without_nul_is_accepted(value: object) -> None:
    _check_cell(AFTER, value)


@pytest.mark.parametrize(
    "value",
    [
        {"title": "a\x00b"},
        {"a\x00": 1},
        [1, ["x", {"deep": "\x00"}]],
        "\x00",
        {"not json": object()},
        {1: "keys must be text"},
    ],
)
def test_a_nul_anywhere_in_json_or_non_json_data_is_refused(value: object) -> None:
    with pytest.raises(CellError, match="after"):
        _check_cell(AFTER, value)


def test_text_with_nul_is_refused_and_required_text_must_be_there() -> None:
    with pytest.raises(CellError, match="title"):
        _check_cell(TEXT, "a\x00b")
    with pytest.raises(CellError, match="required"):
        _check_cell(TEXT, None)
