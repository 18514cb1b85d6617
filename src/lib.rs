//! kouteihyo: the drug-discovery roadmap follow-ups (工程表) as validated JSON, JSONL and CSV.
//!
//! The Cabinet Secretariat's drug-discovery council publishes its roadmap as slides: one table
//! per sheet (各施策のスケジュール・工程表①…), with a measure column, schedule-phase columns,
//! KPIs, progress and programs. kouteihyo reads a release, as a PDF or as a text dump, into one
//! table model, and everything after that model is shared.
//!
//! # Flow
//!
//! ```text
//!  bytes ──► input ──┬─► pdf::reader  (document → content → table → items)   ─┐
//!                    └─► decode → dump (page → grid/align/fragments)          ─┤
//!                                                                              ▼
//!                                                          model::RawDocument (table model)
//!                                                                              │ pipeline
//!            roles (column roles, phases) → measures → enrich (→ tables) ◄────┘
//!                                                                              │
//!                                                          edition::Edition ──► output / schema
//!                                                                              └► diff, records
//! ```
//!
//! | stage | module | what it does |
//! |---|---|---|
//! | 1 dispatch | [`input`] | reads the file; `%PDF-` → PDF front-end, else text dump; also loads edition JSON |
//! | 2a PDF front-end | [`pdf`] | one pass: glyphs, rules, shapes, marked content → table finding → cell items; the structure tree settles what geometry cannot |
//! | 2b dump front-end | [`decode`], [`dump`] | bytes → text (encoding, line endings) → rows, fields, items |
//! | 3 table model | [`model`] | what both front-ends produce: sheets, header, cells of raw items, warnings |
//! | 4 assembly | [`pipeline`] | the stages after the model, in order, into an [`edition::Edition`] |
//! | 4a text | [`text`] (fold, lexicon, normalize) | full-width folding, display text and comparison keys |
//! | 4b roles | [`roles`] | header labels → column roles and schedule phases |
//! | 4c measures | [`measures`] | body rows grouped into measures (施策) with stable ids |
//! | 4d enrichment | [`enrich`] → [`tables`] | KPIs, budgets, ministries, dates as tidy tables |
//! | 4e quality | [`quality`] | thresholds on a sheet's self-checks; `low-quality` warnings, `--strict` |
//! | 5 output | [`output`], [`records`], [`schema`] | JSON / JSONL / CSV / xlsx, each validated against `schemas/` |
//! | batch | [`batch`] | many inputs in parallel, atomic writes, a summary |
//! | compare | [`diff`] | what changed between two editions; measure lineage across editions |
//! | dataset | [`db`] | every edition in one SQLite file, added to atomically |
//! | report | [`report`] | the editions as one self-contained HTML page (maud templates the diff's HTML page shares) |
//! | errors | [`error`] | the one error type every stage returns |
//!
//! Rules that keep this shape (checked by `tests/module_graph.rs`): no module imports one that
//! imports it back; neither front-end imports the other; the shared stages import neither
//! front-end: only `input`, `pipeline`, `batch` and `main` know both.
//!
//! # Out of scope
//!
//! OCR of scanned pages (a page without a text layer is reported, not guessed), PDFs with a
//! password, editing or writing PDFs, and any network access at run time.
#![warn(missing_docs)]

pub mod batch;
pub mod content;
pub mod db;
pub mod decode;
pub mod diff;
pub mod dump;
pub mod edition;
pub mod enrich;
pub mod error;
pub mod input;
pub mod limits;
pub mod loose;
pub mod measures;
pub mod model;
pub mod output;
pub mod pdf;
pub mod pipeline;
pub mod quality;
pub mod records;
pub mod report;
pub mod roles;
pub mod schema;
pub mod tables;
pub mod text;
pub mod trace;
