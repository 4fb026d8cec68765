#!/usr/bin/env python3
"""Hostile inputs for tests/cli/hostile.sh, made at test time (never committed
as big files). Usage: gen.py KIND OUT [SCALE]; SCALE multiplies the size."""
import sys, zipfile

CT = ('<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
      '<Default Extension="xml" ContentType="application/xml"/></Types>')
NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" ' \
     'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'


def xlsx(out, sheet_xml, sst=None, nsheets=1):
    sheets = ''.join('<sheet name="S%d" sheetId="%d" r:id="rId1"/>' % (i, i + 1) for i in range(nsheets))
    with zipfile.ZipFile(out, 'w', zipfile.ZIP_DEFLATED) as z:
        z.writestr('[Content_Types].xml', CT)
        z.writestr('xl/workbook.xml', '<workbook %s><sheets>%s</sheets></workbook>' % (NS, sheets))
        z.writestr('xl/_rels/workbook.xml.rels',
                   '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                   '<Relationship Id="rId1" Type="worksheet" Target="worksheets/sheet1.xml"/></Relationships>')
        if sst is not None:
            z.writestr('xl/sharedStrings.xml', '<sst %s>%s</sst>' % (NS, ''.join('<si><t>%s</t></si>' % s for s in sst)))
        z.writestr('xl/worksheets/sheet1.xml', sheet_xml)


def rows_xml(rows):
    return '<worksheet %s><sheetData>%s</sheetData></worksheet>' % (NS, rows)


def main():
    kind, out = sys.argv[1], sys.argv[2]
    k = float(sys.argv[3]) if len(sys.argv) > 3 else 1.0
    if kind == 'xlsx-sst':        # one 1 MiB shared string in 2,000,000 cells
        n = int(2000000 * k)
        row = '<c t="s"><v>0</v></c>' * 100
        xlsx(out, rows_xml(''.join('<row>%s</row>' % row for _ in range(n // 100))), ['税' * (1 << 18) + 'x' * 256])
    elif kind == 'xlsx-rows':     # 200,000 <row> without r=
        n = int(200000 * k)
        xlsx(out, rows_xml('<row><c><v>%d</v></c></row>' % 1 * n))
    elif kind == 'xlsx-sheets':   # 5,000 <sheet> naming one 20,000-row part
        xlsx(out, rows_xml(''.join('<row r="%d"><c r="A%d"><v>%d</v></c></row>' % (i, i, i) for i in range(1, 20001))),
             nsheets=int(5000 * k))
    elif kind == 'text-digits':   # a run of 200,000 digits in prose
        open(out, 'w').write('2024年度本年支出合计' + '7' * int(200000 * k) + '万元。\n')
    elif kind == 'text-figures':  # one 5 MB line of figures without 。
        unit = '支出合计12,345.67万元，'
        open(out, 'w').write('2024年度' + unit * int(5000000 * k / len(unit.encode())) + '\n')
    elif kind == 'text-big':      # a large ordinary text (k × 20 MB)
        line = '2024年度本年收入合计23,427.00万元，比上年增加1,234.56万元，增长5.56%。主要原因是人员增加。\n'
        with open(out, 'w') as f:
            f.write(line * int(20000000 * k / len(line.encode())))
    elif kind == 'docx-digits':   # 8 MiB of one-digit paragraphs
        n = int(8 * 2 ** 20 * k / len('<w:p><w:r><w:t>7</w:t></w:r></w:p>'))
        body = '<w:p><w:r><w:t>7</w:t></w:r></w:p>' * n
        with zipfile.ZipFile(out, 'w', zipfile.ZIP_DEFLATED) as z:
            z.writestr('[Content_Types].xml', CT)
            z.writestr('word/document.xml', '<w:document xmlns:w="http://schemas.openxmlformats.org/'
                       'wordprocessingml/2006/main"><w:body>%s</w:body></w:document>' % body)
    else:
        sys.exit('unknown kind ' + kind)


main()
