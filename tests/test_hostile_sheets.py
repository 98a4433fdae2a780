"""Workbooks edited the way people and tools edit them: formulas in place of values, and
thousands of formatted empty rows down to the sheet's last row (1,048,576). The TDocs read
are the real list's, no more, no fewer."""

from __future__ import annotations

import io
import re
import zipfile

import pytest

from scrapers.threegpp.tdoc_list import parse_tdoc_list
from tests.conftest import FIXTURES

LIST = FIXTURES / "threegpp" / "tdoc_lists" / "TDoc_List_TSGR1_122b.xlsx"
SHEET = "xl/worksheets/sheet1.xml"
LAST_ROW = 1_048_576


def rewritten(edit) -> bytes:
    """The real workbook with its TDoc_List sheet XML passed through ``edit``."""
    source = zipfile.ZipFile(io.BytesIO(LIST.read_bytes()))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            body = source.read(info)
            if info.filename == SHEET:
                body = edit(body.decode("utf-8-sig")).encode()
            target.writestr(info.filename, body)
    return buffer.getvalue()


def shared_strings() -> list[str]:
    xml = zipfile.ZipFile(LIST).read("xl/sharedStrings.xml").decode("utf-8-sig")
    return [re.sub(r"<[^>]+>", "", item) for item in re.findall(r"<si>(.*?)</si>", xml, flags=re.S)]


@pytest.fixture(scope="module")
def original():
    return parse_tdoc_list(LIST.read_bytes(), LIST.name).tdocs


def test_formatted_empty_rows_to_the_last_row_add_nothing(original):
    empty = "".join(
        f'<row r="{r}" ht="15" customHeight="1"><c r="A{r}" s="5"/><c r="M{r}" s="11"/></row>'
        for r in range(LAST_ROW - 20_000, LAST_ROW + 1)
    )

    def pad(xml: str) -> str:
        xml = re.sub(r'<row r="1048550"[^>]*>.*?</row>', "", xml)
        xml = xml.replace(
            '<dimension ref="A1:AJ1048550" />', f'<dimension ref="A1:AJ{LAST_ROW}" />'
        )
        xml = xml.replace("</sheetData>", empty + "</sheetData>")
        assert f'<dimension ref="A1:AJ{LAST_ROW}" />' in xml and f'<row r="{LAST_ROW}"' in xml
        return xml

    padded = parse_tdoc_list(rewritten(pad), LIST.name).tdocs
    assert padded.height == original.height == 1563
    assert padded.equals(original)


def test_formula_cells_are_read_by_their_cached_value(original):
    strings = shared_strings()
    header = strings.index("Source")
    column = re.search(
        rf'<c r="([A-Z]+)1"[^>]*t="s"><v>{header}</v></c>',
        zipfile.ZipFile(LIST).read(SHEET).decode("utf-8-sig"),
    )
    assert column, "the fixture's header row names a Source column"
    cell = f"{column.group(1)}2"
    first = original.row(0, named=True)

    def formula(xml: str) -> str:
        return re.sub(
            rf'<c r="{cell}"([^>]*?) t="s"><v>\d+</v></c>',
            rf'<c r="{cell}"\1 t="str"><f>CONCATENATE("Huawei",", ","HiSilicon")</f>'
            r"<v>Huawei, HiSilicon</v></c>",
            xml,
            count=1,
        )

    edited = parse_tdoc_list(rewritten(formula), LIST.name).tdocs
    row = edited.row(0, named=True)
    assert first["source"] != "Huawei, HiSilicon"  # the edit is visible
    assert row["source"] == "Huawei, HiSilicon" and row["tdoc"] == first["tdoc"]
    assert edited.drop("source").equals(original.drop("source"))


def test_a_tdoc_number_repeated_in_one_list_is_refused_naming_it():
    """Row 4 made a copy of row 3: one TDoc number twice. It used to surface as "Current
    transaction is aborted" from the database; the parser now names the file and the number."""
    from scrapers.threegpp.tdoc_list import TdocListError

    def repeat(xml: str) -> str:
        row3 = re.search(r'<row r="3"[^>]*>.*?</row>', xml, flags=re.S)
        row4 = re.search(r'<row r="4"[^>]*>.*?</row>', xml, flags=re.S)
        assert row3 and row4
        copy = re.sub(r'(<c r="[A-Z]+)3"', r'\g<1>4"', row3.group().replace('r="3"', 'r="4"', 1))
        return xml.replace(row4.group(), copy)

    first = parse_tdoc_list(LIST.read_bytes(), LIST.name).tdocs["tdoc"][1]
    with pytest.raises(TdocListError, match=rf"{LIST.name}: TDoc number\(s\) {first} appear"):
        parse_tdoc_list(rewritten(repeat), LIST.name)
