"""Tables as WordprocessingML, inserted into the template with `{{p block.table }}`.

Cells use the template's `Plan Table Text` / `Plan Table Heading` styles so a restyled template
restyles tables too. Borders are single lines; the heading row repeats on each page.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from plangen.markup import FootnoteSink, Runs

CENTER, LEFT, RIGHT, JUSTIFY = "center", "left", "right", "both"


@dataclass
class Column:
    heading: str
    width: int  # twips
    align: str = LEFT


@dataclass
class TableXml:
    """A table ready for the template; `str()` gives its XML."""

    columns: list[Column]
    rows: list[list[str]] = field(default_factory=list)
    bold_rows: set[int] = field(default_factory=set)
    notes: FootnoteSink | None = None

    def _cell(self, text: str, column: Column, style: str, bold: bool = False) -> str:
        runs = Runs().add_markup(text, bold=bold, notes=self.notes)
        paragraphs = (f'<w:p><w:pPr><w:pStyle w:val="{style}"/><w:jc w:val="{column.align}"/></w:pPr>'
                      f"{runs.xml}</w:p>")
        return (f'<w:tc><w:tcPr><w:tcW w:w="{column.width}" w:type="dxa"/><w:vAlign w:val="center"/>'
                f"</w:tcPr>{paragraphs}</w:tc>")

    def __str__(self) -> str:
        grid = "".join(f'<w:gridCol w:w="{c.width}"/>' for c in self.columns)
        border = '<w:{0} w:val="single" w:sz="4" w:space="0" w:color="000000"/>'
        borders = "".join(border.format(side) for side in
                          ("top", "left", "bottom", "right", "insideH", "insideV"))
        head = "".join(self._cell(c.heading, Column(c.heading, c.width, CENTER), "PlanTableHeading")
                       for c in self.columns)
        out = [f'<w:tbl><w:tblPr><w:tblW w:w="{sum(c.width for c in self.columns)}" w:type="dxa"/>'
               f'<w:jc w:val="center"/><w:tblBorders>{borders}</w:tblBorders><w:tblLayout w:type="fixed"/>'
               f'<w:tblCellMar><w:left w:w="80" w:type="dxa"/><w:right w:w="80" w:type="dxa"/>'
               f'</w:tblCellMar></w:tblPr><w:tblGrid>{grid}</w:tblGrid>',
               f'<w:tr><w:trPr><w:tblHeader/><w:cantSplit/></w:trPr>{head}</w:tr>']
        for i, row in enumerate(self.rows):
            cells = "".join(self._cell(text, col, "PlanTableText", bold=i in self.bold_rows)
                            for text, col in zip(row, self.columns, strict=True))
            out.append(f"<w:tr><w:trPr><w:cantSplit/></w:trPr>{cells}</w:tr>")
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
