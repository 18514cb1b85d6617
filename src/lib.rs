//! kouteihyo: the drug-discovery roadmap follow-ups (工程表) as validated JSON, JSONL and CSV.

pub mod batch;
pub mod content;
pub mod decode;
pub mod diff;
pub mod dump;
pub mod edition;
pub mod enrich;
pub mod input;
pub mod loose;
pub mod measures;
pub mod model;
pub mod output;
pub mod pdf;
pub mod records;
pub mod roles;
pub mod schema;
pub mod text;
