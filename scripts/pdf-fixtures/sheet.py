"""Shared content of the fixture sheet, plus HTML and flat-ODT (.fodt) writers.

The rows are taken from /work/shared/corpus/text/2025-06.txt, sheet
"各施策のスケジュール・工程表①" (text lines 12-15: the tab-separated rows of
the measures 官民協議会による外資系企業・外国資金の呼び込み and
国内外のアカデミア・スタートアップと製薬企業・VCのマッチングの推進).
The `<ul style="list-style-type: none">` markup was stripped and each bullet
put on its own line starting with "・".  In the program column the space
between 【省】 and "(" was removed, as on the real slide
(e.g. 創薬基盤強化支援事業【厚】(令和7年度当初予算9.3億円)).

Usage:
    python3 sheet.py html OUT.html      # for Chromium
    python3 sheet.py fodt OUT.fodt      # for LibreOffice Writer
"""
import sys
from xml.sax.saxutils import escape

HEADING = "各施策のスケジュール・工程表①"
THEME = "官民協議会を中心とした海外の実用化ノウハウを有する人材や資金の積極的な呼び込み・活用等"
SIDE_LABEL = "革新的医薬品の価値に応じた評価"  # used by the vertical reportlab variant only
CALLOUT = "再掲"
FOOTNOTE = "※2025年6月末時点"

HEADER = ["", "2024年夏", "2024年末", "2024年度末", "2025年度", "2026-2028年度",
          "KPI (成果指標)", "進捗状況※", "該当事業"]
NCOLS = len(HEADER)


def cell(lines, cs=1, rs=1):
    """A body cell: list of text lines (each line is one paragraph), colspan, rowspan."""
    if isinstance(lines, str):
        lines = [lines] if lines else []
    return {"lines": lines, "cs": cs, "rs": rs}


# Body rows in HTML order: cells covered by a rowspan/colspan are omitted.
ROWS = [
    [  # measure A, first sub-row (measure / KPI / progress / program merged over 2 rows)
        cell("官民協議会による外資系企業・外国資金の呼び込み", rs=2),
        cell("創薬エコシステムサミット開催 (官民協議会について外資系企業等から意見聴取)"),
        cell("官民協議会正式発足に向けた準備・発足 (日本での活動・投資にコミットする外資を含む企業・VC等との調整)"),
        cell(""),
        cell(["官民協議会の継続的な開催",
              "・官民協議会の議論に基づく創薬エコシステム育成施策の実現施策の継続により、"
              "外資系企業・外国資金等を呼び込み、海外の実用化ノウハウを有するアクセラレーター人材を確保し、育成"]),
        cell(""),
        cell(["国内イノベーション促進拠点又は国内イノベーション促進プログラムを有する外資系製薬企業の数",
              "14 (R10) 7 (R5)",
              "※現在政府において把握している数",
              "創薬ベンチャー採択件数 11件 → 70件 (R5→R10)",
              "左記事業によって、起業や導出など企業活動に移行した数 8 (R7～R10)"], rs=2),
        cell(["・令和7年6月26日に第1回「創薬力向上のための官民協議会」を開催し、創薬エコシステム施策の議論を実施した。"
              "同年9月以降は同協議会の下にワーキンググループを設け、官民で継続した議論を実施していく予定【厚】"], rs=2),
        cell("", rs=2),
    ],
    [  # measure A, second sub-row
        cell("官民協議会の下でアカデミア・スタートアップと外資系企業・外国 VC等の橋渡しを行う機能の検討"),
        cell("予算要求・予算編成 (橋渡しを行う事業の具体化)"),
        cell(""),
        cell(""),
        cell(""),
    ],
    [  # measure B: the 2025年度 entry spans 2025年度 and 2026-2028年度
        cell("国内外のアカデミア・スタートアップと製薬企業・VCのマッチングの推進 (官民協議会とも連携)"),
        cell("2024 BIO International Convention等を活用した海外製薬企業・VCとのマッチング機会の提供"),
        cell("BIO Japan等を活用した国内における海外製薬企業・VCとのマッチング機会の提供"),
        cell(""),
        cell("官民協議会での議論・検討内容に基づき、海外及び日本におけるアカデミア・スタートアップと"
             "国内外の製薬企業・VCとのマッチングイベントの定期的開催と具体的成果の創出", cs=2),
        cell(""),
        cell(["・令和3年度補正予算、令和4年度補正予算で措置した基金事業を執行中【経】",
              "・医療系ベンチャー・アカデミアと、製薬企業、VC等とのマッチングやネットワーキングを促進する場として、"
              "ジャパン・ヘルスケアベンチャー・サミット (JHVS) を平成29年から毎年開催【厚】",
              "・基金事業を中心としてAMED実用化推進部等と連携し取り組んでいるところ【文】"]),
        cell(["・創薬ベンチャーエコシステム強化事業【経】(基金事業)",
              "・創薬基盤強化支援事業【厚】(令和7年度当初予算9.3億円)",
              "・橋渡し研究プログラム【文】(基金事業)"]),
    ],
]

# Relative column widths (sum 100); measure column first.
COL_WIDTHS = [11, 8, 8, 7, 9, 9, 14, 20, 14]


def grid():
    """Expand ROWS into a dense grid: grid[r][c] = (cell, is_origin)."""
    nrows = len(ROWS)
    g = [[None] * NCOLS for _ in range(nrows)]
    for r, row in enumerate(ROWS):
        c = 0
        for cl in row:
            while g[r][c] is not None:
                c += 1
            for dr in range(cl["rs"]):
                for dc in range(cl["cs"]):
                    g[r + dr][c + dc] = (cl, dr == 0 and dc == 0)
            c += cl["cs"]
    return g


# ---------------------------------------------------------------- HTML (Chromium)
def html():
    out = []
    out.append("""<!DOCTYPE html>
<html lang="ja"><head><meta charset="utf-8"><title>工程表 fixture</title>
<style>
@page { size: A4 landscape; margin: 10mm; }
body { font-family: "IPAexGothic", sans-serif; margin: 0; font-size: 7.5pt; }
h1 { font-size: 14pt; margin: 0 0 3mm 0; font-weight: normal; }
.theme { display: inline-block; border: 1px solid #000; background: #dde8f4; padding: 1mm 3mm; font-size: 9pt; }
.callout { position: absolute; top: 0; right: 0; border: 1.5px solid #c00; color: #c00; padding: 1mm 4mm; font-size: 10pt; }
table { border-collapse: collapse; width: 100%; margin-top: 3mm; table-layout: fixed; }
th, td { border: 0.75px solid #000; vertical-align: top; padding: 1mm; line-height: 1.25; }
th { background: #d9d9d9; font-weight: normal; text-align: center; }
td p { margin: 0; }
td.span { background: #fce4d6; }
.foot { text-align: right; font-size: 8pt; margin-top: 2mm; }
.page { position: relative; }
</style></head><body><div class="page">
""")
    out.append(f"<h1>{escape(HEADING)}</h1>\n")
    out.append(f'<div class="theme">{escape(THEME)}</div>\n')
    out.append(f'<div class="callout">{escape(CALLOUT)}</div>\n')
    out.append("<table>\n<colgroup>" + "".join(f'<col style="width:{w}%">' for w in COL_WIDTHS) + "</colgroup>\n")
    out.append("<tr>" + "".join(f"<th>{escape(h)}</th>" for h in HEADER) + "</tr>\n")
    for row in ROWS:
        out.append("<tr>")
        for cl in row:
            attrs = ""
            if cl["cs"] > 1:
                attrs += f' colspan="{cl["cs"]}" class="span"'
            if cl["rs"] > 1:
                attrs += f' rowspan="{cl["rs"]}"'
            body = "".join(f"<p>{escape(l)}</p>" for l in cl["lines"])
            out.append(f"<td{attrs}>{body}</td>")
        out.append("</tr>\n")
    out.append("</table>\n")
    out.append(f'<div class="foot">{escape(FOOTNOTE)}</div>\n</div></body></html>\n')
    return "".join(out)


# ---------------------------------------------------------------- FODT (LibreOffice)
def fodt():
    page_w_cm = 29.7
    margin_cm = 1.0
    table_w_cm = page_w_cm - 2 * margin_cm
    col_styles = "".join(
        f'<style:style style:name="T.C{i}" style:family="table-column">'
        f'<style:table-column-properties style:column-width="{table_w_cm * w / 100:.3f}cm"/></style:style>'
        for i, w in enumerate(COL_WIDTHS))
    cell_style = ('<style:style style:name="T.cell" style:family="table-cell">'
                  '<style:table-cell-properties fo:border="0.5pt solid #000000" fo:padding="0.05cm"/></style:style>'
                  '<style:style style:name="T.head" style:family="table-cell">'
                  '<style:table-cell-properties fo:border="0.5pt solid #000000" fo:padding="0.05cm" '
                  'fo:background-color="#d9d9d9"/></style:style>'
                  '<style:style style:name="T.span" style:family="table-cell">'
                  '<style:table-cell-properties fo:border="0.5pt solid #000000" fo:padding="0.05cm" '
                  'fo:background-color="#fce4d6"/></style:style>')
    x = []
    x.append(f'''<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
 xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0"
 xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"
 xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"
 xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0"
 xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0"
 xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"
 office:version="1.3" office:mimetype="application/vnd.oasis.opendocument.text">
<office:font-face-decls>
 <style:font-face style:name="IPAexGothic" svg:font-family="IPAexGothic" style:font-family-generic="swiss"/>
</office:font-face-decls>
<office:styles>
 <style:default-style style:family="paragraph">
  <style:paragraph-properties fo:margin-top="0cm" fo:margin-bottom="0cm"/>
  <style:text-properties style:font-name="IPAexGothic" style:font-name-asian="IPAexGothic"
   style:font-name-complex="IPAexGothic" fo:font-size="7.5pt" style:font-size-asian="7.5pt" fo:language="ja"
   fo:country="JP" style:language-asian="ja" style:country-asian="JP"/>
 </style:default-style>
</office:styles>
<office:automatic-styles>
 <style:page-layout style:name="PL">
  <style:page-layout-properties fo:page-width="{page_w_cm}cm" fo:page-height="21cm"
   style:print-orientation="landscape" fo:margin-top="{margin_cm}cm" fo:margin-bottom="{margin_cm}cm"
   fo:margin-left="{margin_cm}cm" fo:margin-right="{margin_cm}cm"/>
 </style:page-layout>
 <style:style style:name="P.h" style:family="paragraph">
  <style:text-properties fo:font-size="14pt" style:font-size-asian="14pt"/></style:style>
 <style:style style:name="P.theme" style:family="paragraph">
  <style:paragraph-properties fo:border="0.75pt solid #000000" fo:padding="0.08cm" fo:background-color="#dde8f4"
   fo:margin-right="12cm" fo:margin-top="0.1cm"/>
  <style:text-properties fo:font-size="9pt" style:font-size-asian="9pt"/></style:style>
 <style:style style:name="P.th" style:family="paragraph">
  <style:paragraph-properties fo:text-align="center"/></style:style>
 <style:style style:name="P.foot" style:family="paragraph">
  <style:paragraph-properties fo:text-align="end" fo:margin-top="0.15cm"/>
  <style:text-properties fo:font-size="8pt" style:font-size-asian="8pt"/></style:style>
 <style:style style:name="P.callout" style:family="paragraph">
  <style:paragraph-properties fo:text-align="center"/>
  <style:text-properties fo:font-size="10pt" style:font-size-asian="10pt" fo:color="#cc0000"/></style:style>
 <style:style style:name="F.callout" style:family="graphic">
  <style:graphic-properties fo:border="1.5pt solid #cc0000" fo:padding="0.05cm" style:wrap="none"
   style:horizontal-pos="right" style:horizontal-rel="page-content" style:vertical-pos="top"
   style:vertical-rel="page-content" fo:background-color="#ffffff"/></style:style>
 <style:style style:name="T" style:family="table">
  <style:table-properties style:width="{table_w_cm:.3f}cm" table:align="left" fo:margin-top="0.2cm"/></style:style>
 {col_styles}{cell_style}
 <style:style style:name="Pmain" style:family="paragraph" style:master-page-name="Landscape"/>
</office:automatic-styles>
<office:master-styles>
 <style:master-page style:name="Landscape" style:page-layout-name="PL"/>
</office:master-styles>
<office:body><office:text>
<text:p text:style-name="Pmain"><draw:frame draw:style-name="F.callout" draw:name="callout" text:anchor-type="page"
 text:anchor-page-number="1" svg:width="1.6cm" draw:z-index="1"><draw:text-box fo:min-height="0.6cm">
 <text:p text:style-name="P.callout">{escape(CALLOUT)}</text:p></draw:text-box></draw:frame></text:p>
<text:p text:style-name="P.h">{escape(HEADING)}</text:p>
<text:p text:style-name="P.theme">{escape(THEME)}</text:p>
<table:table table:name="Roadmap" table:style-name="T">
''')
    for i in range(NCOLS):
        x.append(f'<table:table-column table:style-name="T.C{i}"/>')
    x.append("<table:table-header-rows><table:table-row>")
    for h in HEADER:
        x.append(f'<table:table-cell table:style-name="T.head" office:value-type="string">'
                 f'<text:p text:style-name="P.th">{escape(h)}</text:p></table:table-cell>')
    x.append("</table:table-row></table:table-header-rows>\n")
    for row in grid():
        x.append("<table:table-row>")
        for cl, origin in row:
            if not origin:
                x.append("<table:covered-table-cell/>")
                continue
            attrs = ""
            style = "T.cell"
            if cl["cs"] > 1:
                attrs += f' table:number-columns-spanned="{cl["cs"]}"'
                style = "T.span"
            if cl["rs"] > 1:
                attrs += f' table:number-rows-spanned="{cl["rs"]}"'
            paras = "".join(f"<text:p>{escape(l)}</text:p>" for l in cl["lines"]) or "<text:p/>"
            x.append(f'<table:table-cell table:style-name="{style}" office:value-type="string"{attrs}>'
                     f'{paras}</table:table-cell>')
        x.append("</table:table-row>\n")
    x.append("</table:table>\n")
    x.append(f'<text:p text:style-name="P.foot">{escape(FOOTNOTE)}</text:p>\n')
    x.append("</office:text></office:body></office:document>\n")
    return "".join(x)


if __name__ == "__main__":
    kind, out = sys.argv[1], sys.argv[2]
    text = {"html": html, "fodt": fodt}[kind]()
    with open(out, "w", encoding="utf-8") as f:
        f.write(text)
