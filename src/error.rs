//! The crate's one error type: what went wrong ([`ErrorKind`]), which file it concerns and
//! where in that file. Every stage returns it; only the CLI turns it into text.
//!
//! Why one type: a batch, the schema check and the diff all hand errors to the same summary.
//! When each module made its own `String`, the file name was added twice or not at all, and a
//! caller could not tell a password-protected PDF from a write failure without parsing text.
//! Here the kinds stay typed up to the edge, and the file and context are fields.

use std::fmt;
use std::path::{Path, PathBuf};
use thiserror::Error as ThisError;

/// An error with the file it concerns (when known) and a context such as `page 5`.
#[derive(Debug)]
pub struct Error {
    kind: ErrorKind,
    file: Option<PathBuf>,
    context: Option<String>,
}

impl Error {
    /// An error of `kind`, not yet tied to a file.
    pub fn new(kind: impl Into<ErrorKind>) -> Self {
        Error {
            kind: kind.into(),
            file: None,
            context: None,
        }
    }

    /// The same error, about `file` (kept if a file was already set: the innermost is exact).
    pub fn in_file(mut self, file: impl AsRef<Path>) -> Self {
        self.file.get_or_insert_with(|| file.as_ref().to_path_buf());
        self
    }

    /// The same error, with where in the file it happened (`page 5`, `line 12`).
    pub fn with_context(mut self, context: impl Into<String>) -> Self {
        self.context = Some(context.into());
        self
    }

    /// What went wrong.
    pub fn kind(&self) -> &ErrorKind {
        &self.kind
    }

    /// The file the error concerns, if known.
    pub fn file(&self) -> Option<&Path> {
        self.file.as_deref()
    }

    /// Where in the file, if known.
    pub fn context(&self) -> Option<&str> {
        self.context.as_deref()
    }

    /// The reason without the file name (context and kind), for lines that name the file
    /// themselves, such as the batch summary's `FAILED <file>: <reason>`.
    pub fn reason(&self) -> Reason<'_> {
        Reason(self)
    }
}

/// [`Error::reason`]: the context and the kind, without the file.
pub struct Reason<'a>(&'a Error);

impl fmt::Display for Reason<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.0.context {
            Some(c) => write!(f, "{c}: {}", self.0.kind),
            None => write!(f, "{}", self.0.kind),
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(file) = &self.file {
            write!(f, "{}: ", file.display())?;
        }
        write!(f, "{}", self.reason())
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        Some(&self.kind)
    }
}

impl<K: Into<ErrorKind>> From<K> for Error {
    fn from(kind: K) -> Self {
        Error::new(kind)
    }
}

/// Shorthand for results of this crate.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// What went wrong.
#[derive(Debug, ThisError)]
#[non_exhaustive]
pub enum ErrorKind {
    /// The input could not be read.
    #[error("cannot read the file: {0}")]
    Read(#[source] std::io::Error),
    /// An output could not be written.
    #[error("cannot write: {0}")]
    Write(#[source] std::io::Error),
    /// A text dump's bytes could not be decoded.
    #[error(transparent)]
    Decode(#[from] DecodeError),
    /// A decoded text dump holds no roadmap.
    #[error(transparent)]
    Dump(#[from] DumpError),
    /// A PDF could not be read.
    #[error(transparent)]
    Pdf(#[from] PdfError),
    /// A JSON input is not an edition written by `extract` (or not JSON at all).
    #[error("not an edition JSON file: {0}")]
    NotEdition(String),
    /// The input is larger than [`crate::limits::MAX_INPUT_BYTES`].
    #[error("the file has {bytes} bytes, more than the limit MAX_INPUT_BYTES ({limit})")]
    TooLarge {
        /// The file's size.
        bytes: u64,
        /// The bound.
        limit: u64,
    },
    /// The input went past a bound of [`crate::limits`].
    #[error("{0}")]
    Exceeded(crate::limits::Exceeded),
    /// A file that should be JSON is not.
    #[error("not JSON: {0}")]
    NotJson(String),
    /// A document does not validate against a published schema.
    #[error("{what} does not validate against the schema: {}", join(.violations))]
    Invalid {
        /// What was validated (`the edition`, `the diff`, `a kpis row`).
        what: String,
        /// Each problem, with its JSON pointer.
        violations: Vec<Violation>,
    },
    /// An output could not be serialized.
    #[error("cannot serialize: {0}")]
    Serialize(String),
    /// A folder given as input holds no file the command reads.
    #[error("folder holds no {0} file")]
    EmptyFolder(String),
    /// The SQLite database of `db` could not be read or written.
    #[error("database: {0}")]
    Database(String),
    /// The command was used in a way it does not support.
    #[error("{0}")]
    Usage(String),
    /// Sheets fell below the quality thresholds of [`crate::quality`] and `--strict` makes
    /// that an error.
    #[error("{} below the quality thresholds (--strict): {}", sheets_below(.0.len()), low_list(.0))]
    LowQuality(Vec<crate::quality::LowSheet>),
    /// A bug: a panic caught while converting one file.
    #[error("internal error in {krate}: {message}")]
    Internal {
        /// The crate the panic came from, as far as its location tells.
        krate: String,
        /// The panic message.
        message: String,
    },
}

fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

/// `page 5: …; page 6: …`, at most a few pages named.
fn lost_list(lost: &[(usize, String)]) -> String {
    const SHOWN: usize = 5;
    let mut parts: Vec<String> = lost
        .iter()
        .take(SHOWN)
        .map(|(p, r)| format!("page {p}: {r}"))
        .collect();
    if lost.len() > SHOWN {
        parts.push(format!("and {} more", lost.len() - SHOWN));
    }
    parts.join("; ")
}

fn sheets_below(n: usize) -> String {
    format!(
        "{n} sheet{} {}",
        plural(n),
        if n == 1 { "is" } else { "are" }
    )
}

/// `sheet ⑦ (page 9): …; … | sheet ⑧ (page 10): …`.
fn low_list(sheets: &[crate::quality::LowSheet]) -> String {
    sheets
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join(" | ")
}

fn join(v: &[Violation]) -> String {
    v.iter()
        .map(|x| x.to_string())
        .collect::<Vec<_>>()
        .join("; ")
}

/// One schema violation: where (a JSON pointer) and what.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Violation {
    /// JSON pointer of the offending value (`/sheets/0/cells/3/col_span`; `/` for the root).
    pub pointer: String,
    /// What is wrong with it.
    pub message: String,
}

impl fmt::Display for Violation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "at {}: {}", self.pointer, self.message)
    }
}

/// Why a text dump's bytes could not be decoded.
#[derive(Debug, ThisError, PartialEq, Eq)]
pub enum DecodeError {
    /// Zero bytes.
    #[error("the file is empty")]
    Empty,
    /// Only spaces and line breaks.
    #[error("the file holds only whitespace")]
    Blank,
    /// A binary format (the reason names it).
    #[error("binary data, not a text dump ({0})")]
    Binary(String),
    /// Neither UTF-8, UTF-16 nor Shift_JIS.
    #[error("undecodable text: not valid UTF-8, UTF-16 or Shift_JIS (first bad byte at offset {offset})")]
    Undecodable {
        /// Byte offset of the first byte that no encoding accepts.
        offset: usize,
    },
}

/// Why a decoded dump could not be read.
#[derive(Debug, ThisError, PartialEq, Eq)]
pub enum DumpError {
    /// No line is a sheet heading.
    #[error("no sheet found: no line starts a sheet (各施策のスケジュール・工程表① …)")]
    NoSheets,
    /// Sheets, but no header row in any of them.
    #[error("no table found: no sheet has a tab-separated header row")]
    NoTables,
    /// The dump has more table rows than [`crate::limits::MAX_ROWS_PER_FILE`].
    #[error("{0}")]
    Exceeded(crate::limits::Exceeded),
    /// A sheet holds more items than [`crate::limits::MAX_ITEMS_PER_SHEET`].
    #[error("sheet {sheet} holds more than {limit} items (limit MAX_ITEMS_PER_SHEET)")]
    TooManyItems {
        /// The sheet's number.
        sheet: u32,
        /// The bound.
        limit: usize,
    },
}

/// Why a PDF could not be read.
#[derive(Debug, ThisError)]
pub enum PdfError {
    /// The bytes do not start with a PDF header.
    #[error("not a PDF (no %PDF- header)")]
    NotPdf,
    /// The file structure is broken.
    #[error(
        "the PDF is damaged and could not be read (truncated or broken cross-reference table)"
    )]
    Damaged,
    /// A user password is needed.
    #[error("the PDF is password-protected; a password is needed to open it")]
    Password,
    /// The encryption is unsupported or broken.
    #[error("the PDF uses an encryption this reader does not support")]
    Encryption,
    /// The pages hold images but no text.
    #[error("no text layer; OCR needed (the {pages} page{s} hold{v} {images} image{i} and no text)", s = plural(*pages), v = if *pages == 1 { "s" } else { "" }, i = plural(*images))]
    NoTextLayer {
        /// Pages in the PDF.
        pages: usize,
        /// Images drawn on them.
        images: usize,
    },
    /// The pages' content holds no text; only annotations do.
    #[error("no text in the page content: the only text is in {annotations} annotation{s} (form fields, comments or stamps), which are not read", s = plural(*annotations))]
    TextOnlyInAnnotations {
        /// Annotations with an appearance of their own.
        annotations: usize,
    },
    /// The pages hold neither text nor images.
    #[error("the PDF's {pages} page{s} {are} empty: no text and no images", s = plural(*pages), are = if *pages == 1 { "is" } else { "are" })]
    EmptyPages {
        /// Pages in the PDF.
        pages: usize,
    },
    /// The page tree is readable and holds no page.
    #[error("the PDF has no pages")]
    NoPages,
    /// Pages hold text, but none has a roadmap sheet heading.
    #[error("no roadmap sheet found (no page heading 各施策のスケジュール・工程表…)")]
    NoSheets,
    /// Parts of pages could not be read; the file fails unless partial output is asked for.
    #[error("{}; use --partial to keep what could be read", lost_list(.0))]
    Incomplete(Vec<(usize, String)>),
    /// A font's text stays unreadable: its Unicode map is wrong or missing (see
    /// `pdf::text_layer`), and the embedded font holds nothing to recover the text from.
    #[error("text layer unreadable: font {font} on page {page} {reason} (e.g. {sample}); its embedded font has no table to recover the text from (no Unicode cmap, glyph names or Adobe-Japan1 CIDs); OCR or the text dump is needed")]
    TextLayerUnreadable {
        /// The font (`BaseFont`, with its subset prefix). (`Box<str>` keeps the error small.)
        font: Box<str>,
        /// The first page that uses it.
        page: usize,
        /// A few characters of the junk it gives.
        sample: Box<str>,
        /// What is wrong with its map.
        reason: Box<str>,
    },
    /// A page number past the last page (or 0) was asked for.
    #[error("page {page} does not exist: the PDF has {pages} page{s} (numbered from 1)", s = if *pages == 1 { "" } else { "s" })]
    PageOutOfRange {
        /// The page asked for.
        page: usize,
        /// How many pages the PDF has.
        pages: usize,
    },
}

/// The message of a caught panic's payload (`&str` or `String`; anything else is unnamed).
pub fn panic_message(payload: &(dyn std::any::Any + Send)) -> String {
    payload
        .downcast_ref::<&str>()
        .map(|s| (*s).to_string())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "a panic without a message".to_string())
}

/// Conversions running under [`contain`] right now, across threads: while any runs, the
/// panic hook installed by [`quiet_panics`] records panics instead of printing them.
static CONTAINED: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);

/// Panics recorded by the quiet hook: (message, crate), newest last, a few kept.
static RECORDED: std::sync::Mutex<Vec<(String, String)>> = std::sync::Mutex::new(Vec::new());

/// Runs `f`, turning a panic inside it into [`ErrorKind::Internal`]: a batch never dies of
/// one file. With [`quiet_panics`] installed nothing is printed; the error says which crate
/// panicked and why.
pub fn contain<T>(f: impl FnOnce() -> Result<T>) -> Result<T> {
    use std::sync::atomic::Ordering;
    CONTAINED.fetch_add(1, Ordering::SeqCst);
    let r = std::panic::catch_unwind(std::panic::AssertUnwindSafe(f));
    CONTAINED.fetch_sub(1, Ordering::SeqCst);
    r.unwrap_or_else(|payload| {
        let message = panic_message(payload.as_ref());
        let krate = RECORDED
            .lock()
            .ok()
            .and_then(|v| {
                v.iter()
                    .rev()
                    .find(|(m, _)| *m == message)
                    .map(|(_, k)| k.clone())
            })
            .unwrap_or_else(|| "kouteihyo".to_string());
        Err(Error::new(ErrorKind::Internal { krate, message }))
    })
}

/// Installs a panic hook that keeps panics inside [`contain`] off the terminal (they become
/// errors) and leaves every other panic to the previous hook. The binary installs it once; a
/// library user may too.
pub fn quiet_panics() {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        if CONTAINED.load(std::sync::atomic::Ordering::SeqCst) == 0 {
            previous(info);
            return;
        }
        let message = panic_message(info.payload());
        let krate = info
            .location()
            .map_or_else(|| "kouteihyo".to_string(), |l| crate_of(l.file()));
        if let Ok(mut v) = RECORDED.lock() {
            if v.len() >= 64 {
                v.remove(0);
            }
            v.push((message, krate));
        }
    }));
}

/// The crate a source path belongs to: `…/registry/src/…/hayro-syntax-0.9.0/src/x.rs` and
/// `vendor/hayro-syntax/src/x.rs` → `hayro-syntax`; this crate's `src/x.rs` → `kouteihyo`.
pub fn crate_of(file: &str) -> String {
    let parts: Vec<&str> = file.split(['/', '\\']).collect();
    let Some(src) = parts.iter().rposition(|p| *p == "src") else {
        return "kouteihyo".to_string();
    };
    match src.checked_sub(1).map(|i| parts[i]) {
        None | Some("") | Some(".") => "kouteihyo".to_string(),
        Some(dir) => {
            // Strip a registry version suffix: `hayro-syntax-0.9.0` → `hayro-syntax`.
            let name = match dir.rfind('-') {
                Some(i) if dir[i + 1..].starts_with(|c: char| c.is_ascii_digit()) => &dir[..i],
                _ => dir,
            };
            if name == "main" || name.starts_with("kouteihyo") || src == 0 {
                "kouteihyo".to_string()
            } else {
                name.to_string()
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn panics_are_named_by_crate() {
        assert_eq!(
            crate_of("/root/.cargo/registry/src/index.crates.io-1949cf8c6b5b557f/hayro-syntax-0.9.0/src/filter/lzw_flate.rs"),
            "hayro-syntax"
        );
        assert_eq!(crate_of("vendor/hayro-font/src/cid.rs"), "hayro-font");
        assert_eq!(crate_of("src/pdf/grid.rs"), "kouteihyo");
        assert_eq!(crate_of("/rustc/abc/library/core/src/num/mod.rs"), "core");
    }

    #[test]
    fn a_contained_panic_is_an_internal_error() {
        let r: Result<()> = contain(|| panic!("boom"));
        let e = r.unwrap_err();
        assert!(matches!(e.kind(), ErrorKind::Internal { message, .. } if message == "boom"));
        assert!(e.to_string().starts_with("internal error in "), "{e}");
        // Errors pass through untouched.
        let r: Result<()> = contain(|| Err(Error::new(ErrorKind::Usage("no".into()))));
        assert_eq!(r.unwrap_err().to_string(), "no");
    }
}
