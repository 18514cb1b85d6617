//! Splits a dump into the cover and per-sheet line groups at the sheet headings.

use crate::text::lexicon::heading_number;

/// The lines of one sheet, heading excluded.
pub struct PageLines {
    /// The sheet number of the heading (① = 1).
    pub number: u32,
    /// The heading line, trimmed.
    pub heading: String,
    /// The lines after the heading, up to the next heading.
    pub lines: Vec<String>,
    /// The 1-based line of the decoded dump that `lines[0]` is (the line after the heading):
    /// `lines[i]` is line `first_line + i`.
    pub first_line: usize,
}

/// A dump cut at its sheet headings.
pub struct Pages {
    /// Non-blank lines before the first heading, trimmed.
    pub cover: Vec<String>,
    /// The sheets in reading order.
    pub sheets: Vec<PageLines>,
}

/// Cuts a decoded dump at the lines that are sheet headings (a line with a tab is never one).
pub fn split(text: &str) -> Pages {
    let mut cover = Vec::new();
    let mut sheets: Vec<PageLines> = Vec::new();
    for (i, line) in text.split('\n').enumerate() {
        if !line.contains('\t') {
            if let Some(number) = heading_number(line) {
                sheets.push(PageLines {
                    number,
                    heading: line.trim().to_string(),
                    lines: Vec::new(),
                    // `i` is 0-based: the heading is line i + 1, the next line i + 2.
                    first_line: i + 2,
                });
                continue;
            }
        }
        match sheets.last_mut() {
            Some(s) => s.lines.push(line.to_string()),
            None if !line.trim().is_empty() => cover.push(line.trim().to_string()),
            None => {}
        }
    }
    Pages { cover, sheets }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headings_with_circled_and_plain_numbers() {
        assert_eq!(heading_number("各施策のスケジュール・工程表①"), Some(1));
        assert_eq!(heading_number("各施策のスケジュール・工程表⑫"), Some(12));
        assert_eq!(
            heading_number(" 各施策のスケジュール・工程表 ㉑ "),
            Some(21)
        );
        assert_eq!(
            heading_number("各施策のスケジュール・工程表（１３）"),
            Some(13)
        );
        assert_eq!(heading_number("各施策のスケジュール・工程表について"), None);
        assert_eq!(heading_number("工程表のフォローアップ"), None);
    }

    #[test]
    fn cover_before_the_first_heading() {
        let p = split("\n表題\n副題\n\n各施策のスケジュール・工程表①\n\nラベル\n各施策のスケジュール・工程表②\n");
        assert_eq!(p.cover, vec!["表題", "副題"]);
        assert_eq!(p.sheets.len(), 2);
        assert_eq!(p.sheets[0].number, 1);
        assert!(p.sheets[0].lines.iter().any(|l| l == "ラベル"));
    }

    #[test]
    fn every_sheet_line_knows_its_line_in_the_dump() {
        let text = "表題\n\n各施策のスケジュール・工程表①\n\nラベル\n\tA\tB\n各施策のスケジュール・工程表②\nX\tY\n";
        let all: Vec<&str> = text.split('\n').collect();
        let p = split(text);
        assert_eq!(p.sheets.len(), 2);
        for s in &p.sheets {
            for (i, l) in s.lines.iter().enumerate() {
                assert_eq!(all[s.first_line + i - 1], l, "sheet {}", s.number);
            }
            // The heading is the line before the first.
            assert_eq!(all[s.first_line - 2].trim(), s.heading);
        }
    }
}
