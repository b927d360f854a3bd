"""Reading screening files: a byte that is not UTF-8 is the problem of its row only."""

from __future__ import annotations

from pathlib import Path

import pytest

from proscribe.batch import RowError, parse_row
from proscribe.batch.files import read_rows
from proscribe.errors import InputError


@pytest.mark.parametrize(
    ("name", "content", "error"),
    [
        # A Latin-1 "é" in the first row; the second row is plain UTF-8.
        (
            "parties.csv",
            b"id,name\nq1,Jos\xe9 Mar\xeda\nq2,Pak Kwang Ho\n",
            RowError("q1", "line 2: field name: byte 0xe9 is not UTF-8 text"),
        ),
        (  # the rest of the line still read for its id
            "parties.jsonl",
            b'{"id": "q1", "name": "Jos\xe9"}\n{"id": "q2", "name": "Pak Kwang Ho"}\n',
            RowError("q1", "line 1: byte 0xe9 is not UTF-8 text"),
        ),
    ],
)
def test_a_row_with_bytes_that_are_not_utf8_is_an_error_and_the_rest_is_read(
    tmp_path: Path, name: str, content: bytes, error: RowError
) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    first, second = (parse_row(row) for row in read_rows(str(path)))
    assert first == error
    assert not isinstance(second, RowError)
    assert second.name == "Pak Kwang Ho"


def test_a_file_without_a_name_column_says_which_columns_it_has(tmp_path: Path) -> None:
    path = tmp_path / "parties.csv"
    path.write_text("id;full_name\n1;x\n", encoding="utf-8")
    with pytest.raises(InputError) as raised:
        list(read_rows(str(path)))
    assert "no id or name column (columns read: id;full_name; known: id, name," in str(raised.value)
