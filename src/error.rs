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
    /// The command was used in a way it does not support.
    #[error("{0}")]
    Usage(String),
    /// A bug: a panic caught while converting one file.
    #[error("internal error in {krate}: {message}")]
    Internal {
        /// The crate the panic came from, as far as its location tells.
        krate: String,
        /// The panic message.
        message: String,
    },
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
    /// The interpreter failed on a page.
    #[error("page {0} could not be interpreted: {1}")]
    Page(usize, String),
    /// No page has any text.
    #[error("no text layer; OCR needed (the pages hold only images)")]
    NoTextLayer,
    /// A page number past the last page (or 0) was asked for.
    #[error("page {page} does not exist: the PDF has {pages} page{s} (numbered from 1)", s = if *pages == 1 { "" } else { "s" })]
    PageOutOfRange {
        /// The page asked for.
        page: usize,
        /// How many pages the PDF has.
        pages: usize,
    },
}
