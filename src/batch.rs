//! Batch conversion: inputs in parallel, one output per input, progress and a summary.

use crate::edition::Edition;
use crate::error::{Error, ErrorKind};
use crate::input::convert_file;
use crate::output::{render_parts, write_atomic, Format, Part};
use indicatif::{ProgressBar, ProgressStyle};
use rayon::prelude::*;
use std::collections::BTreeMap;
use std::io::IsTerminal;
use std::path::{Path, PathBuf};

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
    /// How many warnings the edition carries.
    pub warnings: usize,
}

/// Expands folders into the input files they hold (recursively, sorted); files are kept as given.
pub fn expand_inputs(args: &[PathBuf]) -> (Vec<PathBuf>, Vec<Outcome>) {
    expand_inputs_with(args, INPUT_EXTENSIONS)
}

/// As [`expand_inputs`], picking files with the given extensions in folders.
pub fn expand_inputs_with(args: &[PathBuf], extensions: &[&str]) -> (Vec<PathBuf>, Vec<Outcome>) {
    let mut files = Vec::new();
    let mut failed = Vec::new();
    for a in args {
        if a.is_dir() {
            let mut found = Vec::new();
            collect_dir(a, extensions, &mut found);
            found.sort();
            if found.is_empty() {
                failed.push(Outcome {
                    input: a.clone(),
                    result: Err(Error::new(ErrorKind::EmptyFolder(format!(
                        ".{}",
                        extensions.join(", .")
                    )))
                    .in_file(a)),
                    warnings: 0,
                });
            }
            files.extend(found);
        } else {
            files.push(a.clone());
        }
    }
    (files, failed)
}

fn collect_dir(dir: &Path, extensions: &[&str], out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let p = e.path();
        if p.is_dir() {
            collect_dir(&p, extensions, out);
        } else if p
            .extension()
            .and_then(|x| x.to_str())
            .is_some_and(|x| extensions.contains(&x.to_ascii_lowercase().as_str()))
        {
            out.push(p);
        }
    }
}

/// Output base names (`<edition>`); inputs that give the same edition add their file name.
pub fn output_names(eds: &[(PathBuf, &Edition)]) -> Vec<String> {
    let mut count: BTreeMap<&str, usize> = BTreeMap::new();
    for (_, e) in eds {
        *count.entry(e.edition.as_str()).or_default() += 1;
    }
    let mut used = std::collections::BTreeSet::new();
    eds.iter()
        .map(|(p, e)| {
            let base = if count[e.edition.as_str()] > 1 {
                let file = p
                    .file_name()
                    .and_then(|f| f.to_str())
                    .unwrap_or("input")
                    .replace('.', "-");
                format!("{}.{}", e.edition, file)
            } else {
                e.edition.clone()
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

/// Writes an edition's files (`<name>.<ext>`, `<name>.<table>.<ext>`) atomically; on standard
/// output only the main file. Returns the main file's path.
fn write_parts(
    target: &Target,
    name: &str,
    format: Format,
    parts: &[Part],
) -> Result<PathBuf, Error> {
    match target {
        Target::Stdout => {
            use std::io::Write;
            let main = parts.first().map_or(&[][..], |p| p.bytes.as_slice());
            let mut out = std::io::stdout().lock();
            out.write_all(main)
                .and_then(|_| out.flush())
                .map_err(|e| Error::new(ErrorKind::Write(e)).in_file("<stdout>"))?;
            Ok(PathBuf::from("-"))
        }
        Target::Dir(dir) => {
            let mut main = None;
            for p in parts {
                let ext = format.extension();
                let file = if p.suffix.is_empty() {
                    format!("{name}.{ext}")
                } else {
                    format!("{name}.{}.{ext}", p.suffix)
                };
                let path = dir.join(file);
                write_atomic(&path, &p.bytes)
                    .map_err(|e| Error::new(ErrorKind::Write(e)).in_file(&path))?;
                main.get_or_insert(path);
            }
            main.ok_or_else(|| Error::new(ErrorKind::Serialize("nothing to write".into())))
        }
    }
}

/// Converts every input in parallel and writes its outputs; never stops at a bad input.
pub fn extract(
    inputs: &[PathBuf],
    target: &Target,
    format: Format,
    excel: bool,
    quiet: bool,
) -> Vec<Outcome> {
    let bar = if !quiet && std::io::stderr().is_terminal() && inputs.len() > 1 {
        let b = ProgressBar::new(inputs.len() as u64);
        b.set_style(
            ProgressStyle::with_template("{bar:40} {pos}/{len} {msg}")
                .unwrap_or_else(|_| ProgressStyle::default_bar()),
        );
        b
    } else {
        ProgressBar::hidden()
    };
    let convert = |p: &PathBuf| {
        let r = convert_file(p);
        bar.inc(1);
        (p.clone(), r)
    };
    // Fewer files than threads: one file at a time, its pages read in parallel; otherwise
    // the files in parallel, each read page by page.
    let converted: Vec<(PathBuf, Result<Edition, Error>)> =
        if inputs.len() < rayon::current_num_threads() {
            inputs.iter().map(convert).collect()
        } else {
            inputs.par_iter().map(convert).collect()
        };
    bar.finish_and_clear();
    let ok: Vec<(PathBuf, &Edition)> = converted
        .iter()
        .filter_map(|(p, r)| r.as_ref().ok().map(|e| (p.clone(), e)))
        .collect();
    let names = output_names(&ok);
    let mut outcomes: Vec<Outcome> = ok
        .par_iter()
        .zip(names.par_iter())
        .map(|((p, ed), name)| {
            let result = render_parts(ed, format, excel)
                .map_err(|e| e.in_file(p))
                .and_then(|parts| write_parts(target, name, format, &parts));
            Outcome {
                input: p.clone(),
                result,
                warnings: ed.warnings.len(),
            }
        })
        .collect();
    outcomes.extend(converted.into_iter().filter_map(|(p, r)| {
        r.err().map(|e| Outcome {
            input: p,
            result: Err(e),
            warnings: 0,
        })
    }));
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
            (PathBuf::from("a/followup.txt"), &a),
            (PathBuf::from("b/copy.txt"), &b),
            (PathBuf::from("x.txt"), &other),
        ];
        assert_eq!(
            output_names(&eds),
            ["2025-06.followup-txt", "2025-06.copy-txt", "2025-12"]
        );
        let same = vec![
            (PathBuf::from("a/followup.txt"), &a),
            (PathBuf::from("b/followup.txt"), &a),
        ];
        assert_eq!(
            output_names(&same),
            ["2025-06.followup-txt", "2025-06.followup-txt-2"]
        );
    }
}
