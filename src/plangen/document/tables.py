"""Tables as WordprocessingML, inserted into the template with `{{p block.table }}`.

Cells use the template's `Plan Table Text` / `Plan Table Heading` styles so a restyled template
restyles tables too. Borders are single lines; the heading row repeats on each page unless the
author says otherwise. Tables as offices make them: alignment per column or cell, cells merged
over rows (`w:vMerge`) or columns (`w:gridSpan`), the table's own font size.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from plangen.plan.markup import FootnoteSink, Runs

CENTER, LEFT, RIGHT, JUSTIFY = "center", "left", "right", "both"


@dataclass
class Column:
    heading: str
    width: int  # twips
    align: str = LEFT


@dataclass
class Cell:
    """A cell that spans rows or columns, or has its own alignment or weight."""

    text: str = ""
    rowspan: int = 1
    colspan: int = 1
    align: str | None = None
    bold: bool = False


@dataclass
class _Placed:
    """A cell at its place in the grid: where it starts, and whether it continues a merge."""

    cell: Cell
    column: int
    continued: bool = False


def _place(rows: list[list[str | Cell]], columns: int) -> list[list[_Placed]]:
    """Each row's cells at their grid columns; a cell merged from above gets a continuation cell
    in every row it covers (Word needs one per row, marked `<w:vMerge/>`)."""
    covering: dict[int, list] = {}  # column → [the cell from above, rows it still covers]
    out = []
    for row in rows:
        cells = iter(row)
        placed: list[_Placed] = []
        col = 0
        while col < columns:
            if col in covering:
                above = covering[col]
                placed.append(_Placed(above[0], col, continued=True))
                above[1] -= 1
                col += above[0].colspan
                continue
            value = next(cells, None)
            if value is None:
                break
            cell = value if isinstance(value, Cell) else Cell(value)
            placed.append(_Placed(cell, col))
            if cell.rowspan > 1:
                covering[col] = [cell, cell.rowspan - 1]
            col += cell.colspan
        out.append(placed)
        covering = {c: v for c, v in covering.items() if v[1] > 0}
    return out


_RPR_HEAD = re.compile(r"<w:rPr>((?:<w:rStyle [^>]*/>)?(?:<w:b/>)?(?:<w:bCs/>)?(?:<w:i/>)?(?:<w:iCs/>)?)")


def sized(xml: str, half_points: int) -> str:
    """Run XML with every run set at `half_points` (w:sz), in the schema's order of run properties."""
    size = f'<w:sz w:val="{half_points}"/><w:szCs w:val="{half_points}"/>'
    xml = xml.replace("<w:r><w:t", f"<w:r><w:rPr>{size}</w:rPr><w:t").replace(
        "<w:r><w:br", f"<w:r><w:rPr>{size}</w:rPr><w:br").replace(
        "<w:r><w:tab", f"<w:r><w:rPr>{size}</w:rPr><w:tab")
    return _RPR_HEAD.sub(lambda m: f"<w:rPr>{m.group(1)}{size}" if size not in m.group(0) else m.group(0), xml)


@dataclass
class TableXml:
    """A table ready for the template; `str()` gives its XML."""

    columns: list[Column]
    rows: list[list[str | Cell]] = field(default_factory=list)
    bold_rows: set[int] = field(default_factory=set)
    notes: FootnoteSink | None = None
    font_size: float | None = None  # pt; the template's table styles when None
    repeat_header: bool = True
    header_rows: list[list[str | Cell]] | None = None  # written out; one row of headings when None

    def _cell(self, text: str, column: Column, style: str, bold: bool = False,
              colspan: int = 1, merge: str = "") -> str:
        """One cell; `column` gives its width and alignment; `merge` is "restart" or "continue"
        for a cell merged over rows."""
        runs = "" if merge == "continue" else Runs().add_markup(text, bold=bold, notes=self.notes).xml
        if self.font_size and runs:
            runs = sized(runs, round(self.font_size * 2))
        paragraphs = (f'<w:p><w:pPr><w:pStyle w:val="{style}"/><w:jc w:val="{column.align}"/></w:pPr>'
                      f"{runs}</w:p>")
        grid = f'<w:gridSpan w:val="{colspan}"/>' if colspan > 1 else ""
        vmerge = {"restart": '<w:vMerge w:val="restart"/>', "continue": "<w:vMerge/>"}.get(merge, "")
        return (f'<w:tc><w:tcPr><w:tcW w:w="{column.width}" w:type="dxa"/>{grid}{vmerge}'
                f'<w:vAlign w:val="center"/></w:tcPr>{paragraphs}</w:tc>')

    def _row(self, i: int, row: list[_Placed], heading: bool = False) -> str:
        out = []
        for placed in row:
            cell, col = placed.cell, placed.column
            width = sum(c.width for c in self.columns[col:col + cell.colspan])
            align = CENTER if heading else cell.align or self.columns[col].align
            merge = "continue" if placed.continued else ("restart" if cell.rowspan > 1 else "")
            out.append(self._cell(cell.text, Column(self.columns[col].heading, width, align),
                                  "PlanTableHeading" if heading else "PlanTableText",
                                  bold=cell.bold or (not heading and i in self.bold_rows),
                                  colspan=cell.colspan, merge=merge))
        return "".join(out)

    def __str__(self) -> str:
        grid = "".join(f'<w:gridCol w:w="{c.width}"/>' for c in self.columns)
        border = '<w:{0} w:val="single" w:sz="4" w:space="0" w:color="000000"/>'
        borders = "".join(border.format(side) for side in
                          ("top", "left", "bottom", "right", "insideH", "insideV"))
        if self.header_rows:
            heads = [self._row(i, row, heading=True)
                     for i, row in enumerate(_place(self.header_rows, len(self.columns)))]
        else:
            heads = ["".join(self._cell(c.heading, Column(c.heading, c.width, CENTER), "PlanTableHeading")
                             for c in self.columns)]
        repeat = "<w:tblHeader/>" if self.repeat_header else ""
        out = [f'<w:tbl><w:tblPr><w:tblW w:w="{sum(c.width for c in self.columns)}" w:type="dxa"/>'
               f'<w:jc w:val="center"/><w:tblBorders>{borders}</w:tblBorders><w:tblLayout w:type="fixed"/>'
               f'<w:tblCellMar><w:left w:w="80" w:type="dxa"/><w:right w:w="80" w:type="dxa"/>'
               f'</w:tblCellMar></w:tblPr><w:tblGrid>{grid}</w:tblGrid>']
        out += [f'<w:tr><w:trPr>{repeat}<w:cantSplit/></w:trPr>{head}</w:tr>' for head in heads]
        for i, row in enumerate(_place(self.rows, len(self.columns))):
            out.append(f"<w:tr><w:trPr><w:cantSplit/></w:trPr>{self._row(i, row)}</w:tr>")
        out.append("</w:tbl>")
        return "".join(out)

    def __html__(self) -> str:
        return str(self)


def spread(total: int, weights: list[float]) -> list[int]:
    """Split a width in twips by weights (the last column takes the rounding)."""
    s = sum(weights)
    widths = [int(total * w / s) for w in weights]
    widths[-1] += total - sum(widths)
    return widths
