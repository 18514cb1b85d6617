//! Batch conversion: inputs in parallel, one output per input, progress and a summary.

use crate::edition::Edition;
use crate::error::{Error, ErrorKind};
use crate::input::convert_file_with;
use crate::output::{render_parts, stage_in, write_json, Format, Part};
use crate::pipeline::ReadOptions;
use crate::quality::{low_sheets, LowSheet};
use indicatif::{ProgressBar, ProgressStyle};
use rayon::prelude::*;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::io::IsTerminal;
use std::io::Write;
use std::path::{Path, PathBuf};
use tempfile::TempPath;

/// Input file extensions picked up when a folder is given.
pub const INPUT_EXTENSIONS: &[&str] = &["txt", "tsv", "pdf"];

/// Where outputs go.
#[derive(Debug, Clone)]
pub enum Target {
    /// One file per output in this folder (`<edition>.json`, `<edition>.kpis.csv` …).
    Dir(PathBuf),
    /// The main output of a single input on standard output.
    Stdout,
}

/// What happened to one input.
#[derive(Debug)]
pub struct Outcome {
    /// The input file (or folder, when a folder held nothing to read).
    pub input: PathBuf,
    /// The main output file written, or why there is none.
    pub result: Result<PathBuf, Error>,
    /// The edition's warnings, one line each (`-v` prints them).
    pub warnings: Vec<String>,
    /// False when the edition was written with parts lost (`--partial`); the run then fails.
    pub complete: bool,
    /// An earlier input with the same bytes (same sha256): this one was not converted again,
    /// and `result` names that input's output.
    pub same_as: Option<PathBuf>,
    /// The sheets below the quality thresholds ([`crate::quality`]); with
    /// [`Settings::strict`] a file with any fails.
    pub low_quality: Vec<LowSheet>,
}

impl Outcome {
    fn failed(input: PathBuf, e: Error) -> Outcome {
        Outcome {
            input,
            result: Err(e),
            warnings: Vec::new(),
            complete: true,
            same_as: None,
            low_quality: Vec::new(),
        }
    }
}

/// How a batch reads and writes.
#[derive(Debug, Clone)]
pub struct Settings {
    /// Output format.
    pub format: Format,
    /// Start CSV files with a byte order mark (Excel).
    pub excel: bool,
    /// No progress bar.
    pub quiet: bool,
    /// How each input is read.
    pub read: ReadOptions,
    /// A file with a sheet below the quality thresholds fails (nothing is written for it).
    pub strict: bool,
}

/// Expands folders into the input files they hold (recursively, sorted); files are kept as given.
pub fn expand_inputs(args: &[PathBuf]) -> (Vec<PathBuf>, Vec<Outcome>) {
    expand_inputs_with(args, INPUT_EXTENSIONS)
}

/// As [`expand_inputs`], picking files with the given extensions in folders.
///
/// Folders are walked without following symbolic links (a link to a folder above would loop
/// for ever), and a file reached twice (two arguments naming it, or a folder and a file inside
/// it) is kept once, at its first place.
pub fn expand_inputs_with(args: &[PathBuf], extensions: &[&str]) -> (Vec<PathBuf>, Vec<Outcome>) {
    let mut files = Vec::new();
    let mut failed = Vec::new();
    let mut seen = HashSet::new();
    let mut keep = |p: PathBuf, files: &mut Vec<PathBuf>| {
        let key = std::fs::canonicalize(&p).unwrap_or_else(|_| p.clone());
        if seen.insert(key) {
            files.push(p);
        }
    };
    for a in args {
        if !a.is_dir() {
            keep(a.clone(), &mut files);
            continue;
        }
        let found: Vec<PathBuf> = walkdir::WalkDir::new(a)
            .follow_links(false)
            .sort_by_file_name()
            .into_iter()
            .filter_map(Result::ok)
            .filter(|e| {
                e.file_type().is_file()
                    && e.path()
                        .extension()
                        .and_then(|x| x.to_str())
                        .is_some_and(|x| extensions.contains(&x.to_ascii_lowercase().as_str()))
            })
            .map(walkdir::DirEntry::into_path)
            .collect();
        if found.is_empty() {
            let what = format!(".{}", extensions.join(", ."));
            failed.push(Outcome::failed(
                a.clone(),
                Error::new(ErrorKind::EmptyFolder(what)).in_file(a),
            ));
        }
        for p in found {
            keep(p, &mut files);
        }
    }
    (files, failed)
}

/// The sha256 of a file, read in blocks (the file is not held in memory).
fn file_sha256(path: &Path) -> std::io::Result<[u8; 32]> {
    if crate::input::is_stdin(path) {
        // Standard input is read once, by its conversion.
        return Err(std::io::ErrorKind::Unsupported.into());
    }
    use sha2::{Digest, Sha256};
    let mut f = std::fs::File::open(path)?;
    let mut h = Sha256::new();
    std::io::copy(&mut f, &mut h)?;
    Ok(h.finalize().into())
}

/// For each input, the index of the first input with the same bytes, if it is not itself.
fn duplicates(inputs: &[PathBuf]) -> Vec<Option<usize>> {
    if inputs.len() < 2 {
        return vec![None; inputs.len()];
    }
    let sums: Vec<Option<[u8; 32]>> = inputs.par_iter().map(|p| file_sha256(p).ok()).collect();
    let mut first: HashMap<[u8; 32], usize> = HashMap::new();
    sums.iter()
        .enumerate()
        .map(|(i, s)| {
            let s = (*s)?;
            let f = *first.entry(s).or_insert(i);
            (f != i).then_some(f)
        })
        .collect()
}

/// Output base names (`<edition>`), given each input with its edition id; inputs that give
/// the same edition add their file name.
pub fn output_names(eds: &[(PathBuf, &str)]) -> Vec<String> {
    let mut count: BTreeMap<&str, usize> = BTreeMap::new();
    for (_, e) in eds {
        *count.entry(e).or_default() += 1;
    }
    let mut used = std::collections::BTreeSet::new();
    eds.iter()
        .map(|(p, e)| {
            let base = if count[e] > 1 {
                let file = p
                    .file_name()
                    .and_then(|f| f.to_str())
                    .unwrap_or("input")
                    .replace('.', "-");
                format!("{e}.{file}")
            } else {
                e.to_string()
            };
            let mut name = base.clone();
            let mut n = 2;
            while !used.insert(name.clone()) {
                name = format!("{base}-{n}");
                n += 1;
            }
            name
        })
        .collect()
}

/// Why `-o -` takes neither CSV (one header per table, several tables) nor xlsx (a binary file).
pub const STDOUT_REFUSED: &str = "`-o -` streams JSON or JSON lines only: a CSV file holds one table and an edition has eight (items and the seven tidy tables), and xlsx is a binary workbook; give a folder with -o, or use -f jsonl (every line names its table)";

/// One output file of a converted input, written whole but not yet named.
enum StagedPart {
    /// Under a temporary name in the target folder, renamed once every name is known.
    File { suffix: String, tmp: TempPath },
    /// Held for standard output (a single input).
    Bytes(Part),
}

/// A converted input whose outputs are staged: the edition itself is dropped as soon as it is
/// rendered, so a batch holds the editions its workers are converting, not one per file.
struct Staged {
    edition: String,
    parts: Vec<StagedPart>,
    warnings: Vec<String>,
    complete: bool,
}

/// Renders an edition and stages its files (`""` for the main file, then one per table).
/// JSON is serialized straight into its staged file.
fn stage(ed: &Edition, target: &Target, settings: &Settings) -> Result<Vec<StagedPart>, Error> {
    let write_err = |e: std::io::Error| Error::new(ErrorKind::Write(e));
    match target {
        Target::Dir(dir) if settings.format == Format::Json => {
            let mut failed = None;
            let tmp = stage_in(dir, |f| {
                write_json(ed, f).map_err(|e| {
                    failed = Some(e);
                    std::io::Error::other("not valid")
                })
            });
            match (tmp, failed) {
                (_, Some(e)) => Err(e),
                (Err(e), None) => Err(write_err(e).in_file(dir)),
                (Ok(tmp), None) => Ok(vec![StagedPart::File {
                    suffix: String::new(),
                    tmp,
                }]),
            }
        }
        Target::Dir(dir) => render_parts(ed, settings.format, settings.excel)?
            .into_iter()
            .map(|p| {
                let tmp = stage_in(dir, |f| f.write_all(&p.bytes))
                    .map_err(|e| write_err(e).in_file(dir))?;
                Ok(StagedPart::File {
                    suffix: p.suffix,
                    tmp,
                })
            })
            .collect(),
        Target::Stdout => Ok(render_parts(ed, settings.format, settings.excel)?
            .into_iter()
            .map(StagedPart::Bytes)
            .collect()),
    }
}

/// Gives an edition's staged files their names (`<name>.<ext>`, `<name>.<table>.<ext>`); on
/// standard output writes JSON, or every table's JSON lines tagged with their table. Returns
/// the main file's path.
fn publish(
    target: &Target,
    name: &str,
    format: Format,
    parts: Vec<StagedPart>,
) -> Result<PathBuf, Error> {
    let mut main = None;
    let mut held = Vec::new();
    for p in parts {
        match (target, p) {
            (Target::Dir(dir), StagedPart::File { suffix, tmp }) => {
                let ext = format.extension();
                let file = if suffix.is_empty() {
                    format!("{name}.{ext}")
                } else {
                    format!("{name}.{suffix}.{ext}")
                };
                let path = dir.join(file);
                tmp.persist(&path)
                    .map_err(|e| Error::new(ErrorKind::Write(e.error)).in_file(&path))?;
                main.get_or_insert(path);
            }
            (_, StagedPart::Bytes(p)) => held.push(p),
            // `stage` makes files only for a target folder.
            (Target::Stdout, StagedPart::File { .. }) => continue,
        }
    }
    if let Target::Stdout = target {
        use std::io::Write;
        let bytes = match format {
            Format::Jsonl => crate::output::jsonl_stream(&held),
            Format::Json => held.into_iter().next().map(|p| p.bytes).unwrap_or_default(),
            Format::Csv | Format::Xlsx => {
                return Err(Error::new(ErrorKind::Usage(STDOUT_REFUSED.into())))
            }
        };
        let mut out = std::io::stdout().lock();
        out.write_all(&bytes)
            .and_then(|_| out.flush())
            .map_err(|e| Error::new(ErrorKind::Write(e)).in_file("<stdout>"))?;
        main = Some(PathBuf::from("-"));
    }
    main.ok_or_else(|| Error::new(ErrorKind::Serialize("nothing to write".into())))
}

/// One input and what its conversion gave: its staged outputs (or why there are none) and
/// the sheets below the quality thresholds.
type Converted = (PathBuf, Result<Staged, Error>, Vec<LowSheet>);

/// Converts every input in parallel and writes its outputs; never stops at a bad input.
/// Inputs with the same bytes as an earlier one are converted once.
///
/// Each edition is rendered and its files are written (under temporary names, in the target
/// folder) as soon as it is converted; the names are given at the end, when every edition id
/// is known. So a batch's memory does not grow with its number of files, and a file appears
/// under its name whole or not at all.
pub fn extract(inputs: &[PathBuf], target: &Target, settings: &Settings) -> Vec<Outcome> {
    // The regexes and the schema validators compile on a thread of their own while the first
    // file is read.
    std::thread::spawn(|| {
        crate::pipeline::warm_up();
        crate::schema::prepare();
    });
    let same = duplicates(inputs);
    let unique: Vec<&PathBuf> = inputs
        .iter()
        .zip(&same)
        .filter(|(_, d)| d.is_none())
        .map(|(p, _)| p)
        .collect();
    let bar = if !settings.quiet && std::io::stderr().is_terminal() && unique.len() > 1 {
        let b = ProgressBar::new(unique.len() as u64);
        // Elapsed time, the files done, the time left, and the file being read last.
        b.set_style(
            ProgressStyle::with_template(
                "{elapsed_precise} {bar:30} {pos}/{len} eta {eta} {wide_msg}",
            )
            .unwrap_or_else(|_| ProgressStyle::default_bar()),
        );
        b.enable_steady_tick(std::time::Duration::from_millis(250));
        b
    } else {
        ProgressBar::hidden()
    };
    let convert = |p: &&PathBuf| -> Converted {
        bar.set_message(p.display().to_string());
        let r = convert_file_with(p, &settings.read);
        // Sheets below the quality thresholds; with `strict` they fail their file.
        let low = r.as_ref().map(low_sheets).unwrap_or_default();
        let r = r.and_then(|ed| {
            if settings.strict && !low.is_empty() {
                return Err(Error::new(ErrorKind::LowQuality(low.clone())).in_file(p));
            }
            crate::trace::mark("converted");
            let parts = stage(&ed, target, settings).map_err(|e| e.in_file(p))?;
            crate::trace::mark("staged");
            Ok(Staged {
                edition: ed.edition.clone(),
                parts,
                warnings: ed.warnings.iter().map(ToString::to_string).collect(),
                complete: ed.complete,
            })
        });
        bar.inc(1);
        ((*p).clone(), r, low)
    };
    // Fewer files than threads: one file at a time, its pages read in parallel; otherwise
    // the files in parallel, each read page by page.
    let converted: Vec<Converted> = if unique.len() < rayon::current_num_threads() {
        unique.iter().map(convert).collect()
    } else {
        unique.par_iter().map(convert).collect()
    };
    bar.finish_and_clear();
    crate::trace::mark("all files converted");
    let ids: Vec<(PathBuf, &str)> = converted
        .iter()
        .filter_map(|(p, r, _)| r.as_ref().ok().map(|s| (p.clone(), s.edition.as_str())))
        .collect();
    let mut names = output_names(&ids).into_iter();
    let mut outcomes: Vec<Outcome> = converted
        .into_iter()
        .map(|(p, r, low_quality)| match r {
            Ok(s) => {
                let name = names.next().unwrap_or_default();
                Outcome {
                    result: publish(target, &name, settings.format, s.parts),
                    input: p,
                    warnings: s.warnings,
                    complete: s.complete,
                    same_as: None,
                    low_quality,
                }
            }
            Err(e) => Outcome {
                low_quality,
                ..Outcome::failed(p, e)
            },
        })
        .collect();
    // Each duplicate shares the outcome of the input it repeats.
    for (p, d) in inputs.iter().zip(&same) {
        let Some(d) = d else { continue };
        let first = &inputs[*d];
        let Some(o) = outcomes.iter().find(|o| &o.input == first) else {
            continue;
        };
        let result = match &o.result {
            Ok(path) => Ok(path.clone()),
            Err(e) => Err(Error::new(ErrorKind::Usage(format!(
                "same bytes as {}, which failed: {}",
                first.display(),
                e.reason()
            )))
            .in_file(p)),
        };
        let dup = Outcome {
            input: p.clone(),
            result,
            warnings: o.warnings.clone(),
            complete: o.complete,
            same_as: Some(first.clone()),
            low_quality: o.low_quality.clone(),
        };
        outcomes.push(dup);
    }
    outcomes.sort_by(|a, b| a.input.cmp(&b.input));
    outcomes
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::input::convert_bytes;

    #[test]
    fn outputs_of_the_same_edition_get_distinct_names() {
        let text =
            "各施策のスケジュール・工程表①\n\t2024年夏\tKPI\n施策\t検討\t件数\n※2025年6月末時点\n";
        let a = convert_bytes("followup.txt", text.as_bytes()).unwrap();
        let b = convert_bytes("copy.txt", text.as_bytes()).unwrap();
        let other = convert_bytes("x.txt", text.replace("6月", "12月").as_bytes()).unwrap();
        let eds = vec![
            (PathBuf::from("a/followup.txt"), a.edition.as_str()),
            (PathBuf::from("b/copy.txt"), b.edition.as_str()),
            (PathBuf::from("x.txt"), other.edition.as_str()),
        ];
        assert_eq!(
            output_names(&eds),
            ["2025-06.followup-txt", "2025-06.copy-txt", "2025-12"]
        );
        let same = vec![
            (PathBuf::from("a/followup.txt"), a.edition.as_str()),
            (PathBuf::from("b/followup.txt"), a.edition.as_str()),
        ];
        assert_eq!(
            output_names(&same),
            ["2025-06.followup-txt", "2025-06.followup-txt-2"]
        );
    }
}
