"""Reading screening files: a byte that is not UTF-8 is the problem of its row only."""

from __future__ import annotations

from pathlib import Path

import pytest

from proscribe.batch import RowError, parse_row
from proscribe.batch.files import count_rows, read_rows
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


def screened(path: Path) -> list[str]:
    """Each row read, as its id and name or its error."""
    out = []
    for row in read_rows(str(path)):
        parsed = parse_row(row)
        out.append(
            f"{parsed.id}: {parsed.message}" if isinstance(parsed, RowError) else parsed.name
        )
    return out


ASTRAY = "the lines after it are read as rows"


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (  # a quote never closed: the rest of the file was one field of one row
            'id,name,schema\nq1,"Choe Ryong Hae,Person\nq2,John Smith,Person\nq3,Pak Kwang Ho,\n',
            [
                f"q1: line 2: a quote opened on this line is not closed; {ASTRAY}",
                "John Smith",
                "Pak Kwang Ho",
            ],
        ),
        (  # a stray quote closed rows later: the rows between were joined into one field
            'id,name,note\nq1,"John Smith,\nq2,Pak Kwang Ho,"x"\nq3,Jong Kyong Thaek,\n',
            [
                f"q1: line 2: a quote opened on this line runs to line 3; {ASTRAY}",
                "Pak Kwang Ho",
                "Jong Kyong Thaek",
            ],
        ),
    ],
)
def test_a_quote_gone_astray_is_the_error_of_its_row_and_the_rows_after_it_are_read(
    tmp_path: Path, content: str, expected: list[str]
) -> None:
    path = tmp_path / "parties.csv"
    path.write_text(content, encoding="utf-8")
    assert screened(path) == expected
    assert count_rows(str(path)) == 3


def test_a_value_over_lines_in_a_column_not_read_is_valid_csv(tmp_path: Path) -> None:
    path = tmp_path / "parties.csv"
    path.write_text(
        'id,name,address\nq1,Choe Ryong Hae,"1 Main St\nPyongyang"\nq2,Pak Kwang Ho,\n',
        encoding="utf-8",
    )
    rows = list(read_rows(str(path)))
    assert [(row.line, row.values["name"], row.problem) for row in rows] == [
        (2, "Choe Ryong Hae", None),
        (4, "Pak Kwang Ho", None),
    ]
    assert count_rows(str(path)) == 2


def test_a_field_too_large_to_read_names_its_line(tmp_path: Path) -> None:
    path = tmp_path / "parties.csv"
    path.write_text(f'id,name\nq1,Kim\nq2,"{"x" * 200_000}"\n', encoding="utf-8")
    with pytest.raises(InputError, match=r"parties.csv:3: unreadable CSV \(field larger"):
        list(read_rows(str(path)))
