//! The shared text layer: width folding with source offsets, display normalization and the roadmap lexicon (bullets, tags, eras, sheet numbers, labels, callouts).
//!
//! Both front-ends (`dump`, `pdf`) and every stage import this layer rather than each
//! other; the layer itself imports nothing else from the crate.

pub mod fold;
pub mod lexicon;
pub mod normalize;
