//! Each converter flaw the dump front-end handles, on small dumps written for the purpose.

use kouteihyo::edition::{Edition, Sheet};
use kouteihyo::input::convert_bytes;
use kouteihyo::roles::Role;

const HEAD: &str = "\t2024年夏\t2024年末\t2024年度末\t2025年度\t2026-2028年度\tKPI (成果指標)\t進捗状況※\t該当事業";

fn dump(body: &[&str]) -> String {
    let mut s = String::from("表題\n\n各施策のスケジュール・工程表①\n\nテーマ\n\n");
    for l in body {
        s.push_str(l);
        s.push('\n');
    }
    s.push_str("\n※2025年6月末時点\n");
    s
}

fn read(body: &[&str]) -> Edition {
    convert_bytes("t.txt", dump(body).as_bytes()).expect("converts")
}

/// Items of the cell at (row, col) as normalized texts.
fn at(s: &Sheet, row: usize, col: usize) -> Vec<String> {
    s.cells
        .iter()
        .find(|c| c.row == row && c.col == col)
        .map(|c| c.items.iter().map(|i| i.text.clone()).collect())
        .unwrap_or_default()
}

fn roles(s: &Sheet) -> Vec<Role> {
    s.columns.iter().map(|c| c.role).collect()
}

#[test]
fn header_variants_are_recognised_by_what_they_say() {
    let ed = read(&["\t２０２４年夏\t2024 年末\t2024年年末\t2024年未\t2026- 2028年度\tKPI (成果指標)\t進捗状況※2\t該当事業", "施策\tA\tB\tC\tD\tE\tF\tG【厚】\tH事業【厚】"]);
    let s = &ed.sheets[0];
    let labels: Vec<String> = s
        .columns
        .iter()
        .filter_map(|c| c.phase.as_ref().map(|p| p.label.clone()))
        .collect();
    assert_eq!(
        labels,
        [
            "2024年夏",
            "2024年末",
            "2024年末",
            "2024年末",
            "2026-2028年度"
        ]
    );
    assert_eq!(
        s.columns[5].phase.as_ref().unwrap().to.as_deref(),
        Some("2029-03")
    );
    assert_eq!(s.columns[1].label.raw, "２０２４年夏", "raw label kept");
}

#[test]
fn phases_of_a_new_layout_are_columns_too() {
    let ed = read(&[
        "\t2025年度\t2026年度\t2027年度\t2028年度\tKPI (成果指標)\t進捗状況※\t該当事業",
        "施策\t実施\t\t\t評価\t件数 (R10)\t実施【厚】\t事業【厚】",
    ]);
    let s = &ed.sheets[0];
    assert_eq!(
        roles(s),
        [
            Role::Measure,
            Role::Phase,
            Role::Phase,
            Role::Phase,
            Role::Phase,
            Role::Kpi,
            Role::Progress,
            Role::Programs
        ]
    );
    assert_eq!(s.columns[4].phase.as_ref().unwrap().from, "2028-04");
    assert_eq!(at(s, 0, 4), ["評価"]);
}

#[test]
fn a_header_without_its_leading_blank_gets_one_when_rows_are_wider() {
    let ed = read(&[HEAD.trim_start_matches('\t'), "施策\t検討\t予算要求\t\t実施\t\t件数 10件 (R10)\t実施【厚】\t事業【厚】(令和7年度当初予算1億円)"]);
    let s = &ed.sheets[0];
    assert_eq!(s.columns.len(), 9);
    assert_eq!(s.columns[0].role, Role::Measure);
    assert_eq!(at(s, 0, 1), ["検討"]);
    assert!(ed
        .warnings
        .iter()
        .any(|w| w.code == "header-missing-leading-blank"));
}

#[test]
fn a_sheet_whose_rows_match_a_header_without_blank_has_no_measure_column() {
    let ed = read(&[
        HEAD.trim_start_matches('\t'),
        "検討\t予算要求\t\t実施\t\t件数 10件 (R10)\t実施【厚】\t事業【厚】",
    ]);
    let s = &ed.sheets[0];
    assert_eq!(s.columns.len(), 8);
    assert!(!roles(s).contains(&Role::Measure));
    assert_eq!(at(s, 0, 0), ["検討"]);
    let r = kouteihyo::records::records(&ed);
    assert!(r.iter().all(|r| r.measure.is_empty()));
}

#[test]
fn extra_trailing_header_cells_and_an_extra_empty_field_are_realigned() {
    let head = format!("{HEAD}\t");
    let ed = read(&[&head, "施策\t検討\t予算要求\t\t実施\t\t\t品目のうち開発着手 (R8)\t準備を実施【厚】\t支援事業【厚】(令和7年度当初予算0.56億円)"]);
    let s = &ed.sheets[0];
    assert_eq!(s.columns.len(), 9);
    assert_eq!(at(s, 0, 6), ["品目のうち開発着手(R8)"]);
    assert_eq!(at(s, 0, 7), ["準備を実施【厚】"]);
    assert_eq!(at(s, 0, 8), ["支援事業【厚】(令和7年度当初予算0.56億円)"]);
    let w: Vec<_> = ed
        .warnings
        .iter()
        .filter(|w| w.code == "row-realigned")
        .collect();
    assert_eq!(w.len(), 1, "the decision is recorded: {:?}", ed.warnings);
    assert_eq!(w[0].row, Some(0));
}

#[test]
fn a_row_with_fewer_cells_is_placed_by_content() {
    let ed = read(&[
        HEAD,
        "施策\t検討\t\t\t\t\t件数 10件 (R10)\t実施【厚】\t事業【厚】(令和7年度当初予算1億円)",
        "\t\t\t実施\t\t件数 20件 (R10)\t実施した【厚】",
    ]);
    let s = &ed.sheets[0];
    assert_eq!(at(s, 1, 6), ["件数 20件(R10)"]);
    assert_eq!(at(s, 1, 7), ["実施した【厚】"]);
    assert!(ed
        .warnings
        .iter()
        .any(|w| w.code == "row-realigned" && w.row == Some(1)));
}

#[test]
fn a_row_shifted_left_by_one_is_put_back_under_its_measure() {
    let ed = read(&[
        HEAD,
        "支援・連携強化\t支援強化の検討\t製造人材の確保\t\tGMP対応状況の確認\t拠点の稼働\t0拠点→16拠点 (R5→R10)\t着手【経】\t整備事業【経】(基金事業)",
        "人材の呼び込み\t施策の検討\t\t発足\t継続的な開催\t\t0拠点→16拠点 (R5→R10)\t開催【厚】\t-",
        "支援強化の検討\t製造人材の確保\t\tGMP対応状況の確認\t拠点の稼働\t\t0拠点→16拠点 (R5→R10)\t着手【経】\t整備事業【経】(基金事業)",
    ]);
    let s = &ed.sheets[0];
    assert_eq!(at(s, 2, 1), ["支援強化の検討"]);
    assert_eq!(at(s, 2, 5), ["拠点の稼働"]);
    assert_eq!(
        s.measure_cell(2).map(|c| c.text()).as_deref(),
        Some("人材の呼び込み"),
        "covered by the measure above"
    );
    assert!(ed
        .warnings
        .iter()
        .any(|w| w.code == "row-realigned" && w.row == Some(2)));
}

#[test]
fn run_together_bullets_become_items() {
    let ed = read(&[HEAD, "施策\t検討\t\t\t\t\t\t<ul style=\"list-style-type: none\"> 基金事業を執行中【経】 マッチングを促進する場として毎年開催【厚】 \t<ul style=\"list-style-type: none\"> 創薬ベンチャーエコシステム強化事業【経】 (基金事業) 創薬基盤強化支援事業【厚】 (令和7年度当初予算9.3億円)"]);
    let s = &ed.sheets[0];
    assert_eq!(
        at(s, 0, 7),
        [
            "基金事業を執行中【経】",
            "マッチングを促進する場として毎年開催【厚】"
        ]
    );
    assert_eq!(
        at(s, 0, 8),
        [
            "創薬ベンチャーエコシステム強化事業【経】(基金事業)",
            "創薬基盤強化支援事業【厚】(令和7年度当初予算9.3億円)"
        ]
    );
    assert!(
        s.cells
            .iter()
            .find(|c| c.row == 0 && c.col == 7)
            .unwrap()
            .list
    );
}

#[test]
fn empty_cells_under_filled_ones_are_merged_within_a_measure() {
    let ed = read(&[
        HEAD,
        "施策A\t検討\t\t\t\t\t件数 (R10)\t実施【厚】\t事業【厚】",
        "\t予算要求\t\t\t\t\t\t\t",
        "施策B\t検討\t\t\t\t\t\t実施【経】\t",
    ]);
    let s = &ed.sheets[0];
    let cell = |r: usize, c: usize| s.cells.iter().find(|x| x.row == r && x.col == c).unwrap();
    assert_eq!(cell(0, 0).row_span, 2, "measure spans to the next measure");
    assert_eq!(
        cell(0, 6).row_span,
        2,
        "KPI merged over the empty field below"
    );
    assert_eq!(cell(0, 7).row_span, 2);
    assert_eq!(cell(1, 1).row_span, 1, "schedule entries are not merged");
    assert_eq!(cell(2, 7).row_span, 1);
    assert!(
        s.cells.iter().all(|c| !(c.row == 2 && c.col == 6)),
        "no KPI across measures"
    );
    assert_eq!(s.measures.len(), 2);
    assert_eq!(s.measures[0].schedule.len(), 2);
    assert_eq!(s.measures[0].schedule[1].from_phase, "2024年夏");
}

#[test]
fn loose_lines_are_labels_callouts_and_footnotes_of_their_sheet() {
    let mut text = dump(&[HEAD, "施策\t検討 再掲\t\t\t\t\t\t実施【厚】\t"]);
    text.push_str("再掲\n\n国民に最新の\n医薬品を迅速に届ける\n\n各施策のスケジュール・工程表②\n");
    text.push_str(HEAD);
    text.push_str("\n施策\t検討\t\t\t\t\t\t\t\n");
    let ed = convert_bytes("t.txt", text.as_bytes()).unwrap();
    let s = &ed.sheets[0];
    assert_eq!(ed.title.as_ref().unwrap().text, "表題");
    assert_eq!(ed.as_of.as_deref(), Some("2025-06-30"));
    assert_eq!(ed.edition, "2025-06");
    assert_eq!(
        s.labels.iter().map(|l| l.text.as_str()).collect::<Vec<_>>(),
        ["テーマ", "国民に最新の医薬品を迅速に届ける"]
    );
    assert_eq!(s.labels[1].raw, "国民に最新の\n医薬品を迅速に届ける");
    assert_eq!(s.footnotes[0].text, "※2025年6月末時点");
    assert_eq!(s.callouts.len(), 2);
    assert_eq!(
        at(s, 0, 1),
        ["検討"],
        "a trailing 再掲 marker is moved to a callout"
    );
    assert!(s
        .callouts
        .iter()
        .any(|c| c.row == Some(0) && c.col == Some(1)));
    assert_eq!(ed.sheets[1].number, 2);
}

#[test]
fn no_as_of_names_the_edition_after_the_file() {
    let text = dump(&[HEAD, "施策\t検討\t\t\t\t\t\t\t"]).replace("※2025年6月末時点", "");
    let ed = convert_bytes("my-edition.txt", text.as_bytes()).unwrap();
    assert_eq!(ed.edition, "my-edition");
    assert!(ed.as_of.is_none());
    assert!(ed.warnings.iter().any(|w| w.code == "as-of-missing"));
}

#[test]
fn a_line_break_inside_an_open_paragraph_continues_the_row() {
    let ed = read(&[
        HEAD,
        "施策\t<p>電子カルテDB、\n情報連携基盤の構築</p>\t予算要求\t\t\t\t\t実施【厚】\t",
    ]);
    let s = &ed.sheets[0];
    assert_eq!(s.n_rows, 1);
    assert_eq!(at(s, 0, 1), ["電子カルテDB、情報連携基盤の構築"]);
    assert_eq!(
        s.cells
            .iter()
            .find(|c| c.row == 0 && c.col == 1)
            .unwrap()
            .items[0]
            .raw,
        "電子カルテDB、\n情報連携基盤の構築"
    );
    assert_eq!(at(s, 0, 7), ["実施【厚】"]);
}

#[test]
fn a_measure_box_over_an_empty_first_phase_spans_two_columns() {
    let ed = read(&[
        HEAD,
        "基礎研究の推進 説明文\t\t実施\t\t\t\t\t実施【厚】\t",
        "人材の育成 説明文\t\t検討\t\t\t\t\t\t",
    ]);
    let s = &ed.sheets[0];
    let m = s.cells.iter().find(|c| c.row == 0 && c.col == 0).unwrap();
    assert_eq!((m.row_span, m.col_span), (1, 2));
    let ed = read(&[HEAD, "施策\t検討\t実施\t\t\t\t\t\t"]);
    assert_eq!(
        ed.sheets[0].cells[0].col_span, 1,
        "not when the phase column holds entries"
    );
}

#[test]
fn on_a_sheet_without_measures_the_first_column_heads_the_rows_below() {
    let ed = read(&[
        HEAD.trim_start_matches('\t'),
        "見直し\t設計\t\t\t\t件数 (R10)\t実施【健】\t",
        "\t設計2\t\t\t\t\t\t",
        "強化策\t運用\t\t\t\t\t\t",
    ]);
    let s = &ed.sheets[0];
    let cell = |r: usize, c: usize| s.cells.iter().find(|x| x.row == r && x.col == c).unwrap();
    assert_eq!(cell(0, 0).row_span, 2);
    assert_eq!(cell(2, 0).row_span, 1);
    assert_eq!(
        cell(0, 1).row_span,
        1,
        "other schedule entries stay one row"
    );
    assert_eq!(cell(0, 5).row_span, 3, "KPI down to the next filled field");
}

/// A Shift_JIS dump writes characters CP932 lacks as HTML references (`&#8226;`): they are
/// read as the characters they name (a referenced bullet starts an item), and `raw` keeps the
/// reference as the file has it.
#[test]
fn character_references_are_the_characters_they_name() {
    let text = dump(&[
        HEAD,
        "施策\t検討\t\t\t\t\t\t<ul> &#8226;基金事業を執行中【経】 &#x2022;毎年開催【厚】 \tA &amp; B事業【厚】",
    ]);
    let (sjis, _, lossy) = encoding_rs::SHIFT_JIS.encode(&text);
    assert!(!lossy);
    let ed = convert_bytes("t.txt", &sjis).expect("converts");
    assert_eq!(ed.source.encoding.as_deref(), Some("shift_jis"));
    let s = &ed.sheets[0];
    assert_eq!(at(s, 0, 7), ["•基金事業を執行中【経】", "•毎年開催【厚】"]);
    assert_eq!(at(s, 0, 8), ["A & B事業【厚】"]);
    let raw: Vec<&str> = s
        .cells
        .iter()
        .find(|c| c.row == 0 && c.col == 7)
        .unwrap()
        .items
        .iter()
        .map(|i| i.raw.as_str())
        .collect();
    assert_eq!(
        raw,
        ["&#8226;基金事業を執行中【経】", "&#x2022;毎年開催【厚】"]
    );
}
