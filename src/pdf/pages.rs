//! Page selection (`--pages 1-3,5,9-`): which pages of a PDF are read, parsed once and
//! checked against the file's page count before anything is interpreted.
//!
//! Pages not selected are never interpreted, so a damaged page outside the selection does
//! not fail the file, and a long deck is read only where asked.

use crate::error::PdfError;
use std::fmt;
use std::str::FromStr;

/// A set of 1-based page numbers: ranges `a-b`, single pages `a`, and open ranges `a-` (to
/// the last page), in the order given.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PageSelection {
    ranges: Vec<(usize, Option<usize>)>,
}

impl PageSelection {
    /// Page `n` alone; `None` for 0 (pages are numbered from 1).
    pub fn single(n: usize) -> Option<PageSelection> {
        (n > 0).then(|| PageSelection {
            ranges: vec![(n, Some(n))],
        })
    }

    /// Whether page `n` (from 1) is selected.
    pub fn contains(&self, n: usize) -> bool {
        self.ranges
            .iter()
            .any(|&(a, b)| n >= a && b.is_none_or(|b| n <= b))
    }

    /// The selected page indices (from 0) of a file of `pages` pages, ascending; an error
    /// naming the first page asked for that the file does not have.
    pub fn indices(&self, pages: usize) -> Result<Vec<usize>, PdfError> {
        for &(a, b) in &self.ranges {
            let past = if a > pages {
                Some(a)
            } else {
                b.filter(|&b| b > pages)
            };
            if let Some(page) = past {
                return Err(PdfError::PageOutOfRange { page, pages });
            }
        }
        Ok((1..=pages)
            .filter(|&n| self.contains(n))
            .map(|n| n - 1)
            .collect())
    }
}

impl FromStr for PageSelection {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, String> {
        let bad = |part: &str, why: &str| {
            format!("`{part}` is not a page selection: {why} (e.g. 1-3,5,9-)")
        };
        let number = |t: &str, part: &str| -> Result<usize, String> {
            match t.trim().parse::<usize>() {
                Ok(0) => Err(bad(part, "pages are numbered from 1")),
                Ok(n) => Ok(n),
                Err(_) => Err(bad(part, "give page numbers")),
            }
        };
        let mut ranges = Vec::new();
        for part in s.split(',') {
            let range = match part.split_once('-') {
                None => {
                    let n = number(part, part)?;
                    (n, Some(n))
                }
                Some((a, b)) if b.trim().is_empty() => (number(a, part)?, None),
                Some((a, b)) => {
                    let (a, b) = (number(a, part)?, number(b, part)?);
                    if b < a {
                        return Err(bad(part, "a range runs from low to high"));
                    }
                    (a, Some(b))
                }
            };
            ranges.push(range);
        }
        Ok(PageSelection { ranges })
    }
}

impl fmt::Display for PageSelection {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, &(a, b)) in self.ranges.iter().enumerate() {
            if i > 0 {
                f.write_str(",")?;
            }
            match b {
                Some(b) if b == a => write!(f, "{a}")?,
                Some(b) => write!(f, "{a}-{b}")?,
                None => write!(f, "{a}-")?,
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_ranges_single_pages_and_open_ends() {
        let s: PageSelection = "1-3, 5,9-".parse().unwrap();
        assert_eq!(s.to_string(), "1-3,5,9-");
        assert_eq!(s.indices(10).unwrap(), vec![0, 1, 2, 4, 8, 9]);
        assert!(!s.contains(4) && s.contains(100));
    }

    #[test]
    fn refuses_what_is_not_a_selection() {
        for bad in ["", "0", "3-1", "a", "1,,2", "-4", "1-x"] {
            assert!(bad.parse::<PageSelection>().is_err(), "{bad}");
        }
    }

    #[test]
    fn a_page_past_the_end_is_an_error_naming_it() {
        let s: PageSelection = "2,14".parse().unwrap();
        assert!(matches!(
            s.indices(13),
            Err(PdfError::PageOutOfRange {
                page: 14,
                pages: 13
            })
        ));
        let open: PageSelection = "14-".parse().unwrap();
        assert!(open.indices(13).is_err());
    }
}
