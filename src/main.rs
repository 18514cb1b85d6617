//! Command-line interface of kouteihyo.

use clap::{Parser, Subcommand};
use kouteihyo::batch::{expand_inputs, extract, Outcome, Settings, Target};
use kouteihyo::diff::{diff, history_order, render_diff, DiffFormat};
use kouteihyo::error::{Error, ErrorKind};
use kouteihyo::input::load_edition;
use kouteihyo::output::{write_atomic, Format};
use kouteihyo::pdf::inspect::{document_svg, inspect, inspect_all};
use kouteihyo::pdf::{Settings as PdfSettings, Tolerances};
use kouteihyo::pipeline::ReadOptions;
use rayon::prelude::*;
use std::path::Path;
use std::path::PathBuf;
use std::process::ExitCode;

/// mimalloc: the PDF reader allocates many small glyph strings and boxes; the system
/// allocator spends a fifth of a conversion in malloc/free.
#[global_allocator]
static ALLOC: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Turns the drug-discovery roadmap follow-ups (工程表) into validated JSON, JSONL and CSV.
#[derive(Parser)]
#[command(name = "kouteihyo", version, about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Convert editions (PDFs or text dumps; files or folders) into one output file each.
    Extract {
        /// Input files or folders (folders are searched for .txt, .tsv and .pdf files).
        #[arg(required = true)]
        inputs: Vec<PathBuf>,
        /// Output folder, or `-` for standard output (single input only).
        #[arg(short, long, default_value = "out")]
        output: String,
        /// Output format.
        #[arg(short, long, value_enum, default_value_t = Format::Json)]
        format: Format,
        /// No progress bar and no summary on success.
        #[arg(short, long)]
        quiet: bool,
        /// Start CSV files with a byte order mark so that Excel reads them as UTF-8.
        #[arg(long)]
        excel: bool,
        /// Worker threads (default: one per core).
        #[arg(short, long)]
        jobs: Option<usize>,
        /// Keep what can be read of PDF pages that cannot be read whole, instead of failing the
        /// file. The edition is marked `complete: false`, each lost page has a
        /// `page-incomplete` warning, and the run still exits 1.
        #[arg(long)]
        partial: bool,
        /// Fail a file with a sheet below the quality thresholds (a `LOW QUALITY` line on
        /// standard error) instead of writing it; the other files are converted.
        #[arg(long)]
        strict: bool,
        #[command(flatten)]
        geometry: Geometry,
    },
    /// Show what changed between two editions (PDFs, text dumps or edition JSON files).
    /// Exit code 0: no changes, 1: changes, 2: error.
    Diff {
        old: PathBuf,
        new: PathBuf,
        #[arg(short, long, value_enum, default_value_t = DiffFormat::Markdown)]
        format: DiffFormat,
        /// Output file (default: standard output).
        #[arg(short, long)]
        output: Option<PathBuf>,
        /// Fail (exit 2) when an input has a sheet below the quality thresholds.
        #[arg(long)]
        strict: bool,
    },
    /// Diff every consecutive pair of editions (files or folders), ordered by as-of date.
    History {
        #[arg(required = true)]
        inputs: Vec<PathBuf>,
        /// Output folder; one `<old>__<new>.<ext>` file per pair.
        #[arg(short, long, default_value = "history")]
        output: PathBuf,
        #[arg(short, long, value_enum, default_value_t = DiffFormat::Markdown)]
        format: DiffFormat,
        /// Fail (exit 2) when an input has a sheet below the quality thresholds.
        #[arg(long)]
        strict: bool,
    },
    /// Adds editions to one SQLite database (created when missing): editions, sheets,
    /// measures with their lineage, the tidy tables, item records and warnings. An input the
    /// file already holds (same sha256) is skipped; the file is replaced atomically.
    Db {
        /// Inputs: PDFs, text dumps, edition JSON files or folders of them.
        #[arg(required = true)]
        inputs: Vec<PathBuf>,
        /// The database file.
        #[arg(short, long)]
        output: PathBuf,
        /// Fail when a sheet is below the quality thresholds.
        #[arg(long)]
        strict: bool,
    },
    /// Check files against the published schemas: edition JSON and diff JSON files, JSON
    /// lines (each line against its row schema) and CSV tables (the header against the
    /// documented columns).
    Validate {
        #[arg(required = true)]
        files: Vec<PathBuf>,
    },
    /// Draw what the PDF reader found on each page as SVG: glyphs with their text, the rules
    /// of the table and the segments set aside (hover: why), callout boxes, the outer frame,
    /// boxes drawn over the table, the cells (labelled r{row} c{col}), and a legend with the
    /// strategy and the tolerances. All pages by default; `--page N` draws one.
    Inspect {
        /// The PDF file.
        file: PathBuf,
        /// Draw only this page (from 1); without it, every page goes into one SVG, stacked.
        #[arg(short, long)]
        page: Option<usize>,
        /// Output SVG file, or `-` for standard output.
        #[arg(short, long)]
        output: String,
        /// No summary (page, tolerances, counts) on standard error.
        #[arg(short, long)]
        quiet: bool,
        #[command(flatten)]
        geometry: Geometry,
    },
    /// Write one self-contained HTML report of editions (PDFs, text dumps, edition JSON files
    /// or folders): every sheet under its theme, each measure's schedule as bars over the
    /// phases, KPIs, progress, programs and budgets, links to the source PDF pages, warnings
    /// and quality figures, and a timeline of what each edition changed per measure.
    Report {
        /// Inputs: PDFs, text dumps, edition JSON files or folders of them.
        #[arg(required = true)]
        inputs: Vec<PathBuf>,
        /// The HTML file to write.
        #[arg(short, long)]
        output: PathBuf,
        /// Fail (exit 2, nothing written) when an input has a sheet below the quality
        /// thresholds.
        #[arg(long)]
        strict: bool,
    },
}

/// How the PDF reader finds tables: the same options for `extract` and `inspect`, so that
/// what `inspect` draws is what `extract` reads.
#[derive(clap::Args, Debug, Clone, Copy)]
struct Geometry {
    /// Tolerance `snap` in points: rules this close are put on one line [default: 3].
    #[arg(long, value_parser = tolerance)]
    snap: Option<f64>,
    /// Tolerance `join` in points: collinear rules with a gap this small are merged [default: 3].
    #[arg(long, value_parser = tolerance)]
    join: Option<f64>,
    /// Tolerance `intersection` in points: rules this close meet [default: 3].
    #[arg(long, value_parser = tolerance)]
    intersection: Option<f64>,
    /// Tolerance `min_cell` in points: narrower rows and columns are merged away [default: 4].
    #[arg(long, value_parser = tolerance)]
    min_cell: Option<f64>,
}

impl Geometry {
    /// The reader's settings: the defaults with the tolerances given on the command line.
    fn settings(&self) -> PdfSettings {
        let d = Tolerances::default();
        PdfSettings {
            tolerances: Tolerances {
                snap: self.snap.unwrap_or(d.snap),
                join: self.join.unwrap_or(d.join),
                intersection: self.intersection.unwrap_or(d.intersection),
                min_cell: self.min_cell.unwrap_or(d.min_cell),
            },
            ..PdfSettings::default()
        }
    }
}

/// A tolerance on the command line: a finite number of points, not negative.
fn tolerance(s: &str) -> Result<f64, String> {
    match s.parse::<f64>() {
        Ok(v) if v.is_finite() && v >= 0.0 => Ok(v),
        _ => Err(format!(
            "`{s}` is not a tolerance: give a number of points, 0 or more"
        )),
    }
}

fn main() -> ExitCode {
    kouteihyo::error::quiet_panics();
    let cli = Cli::parse();
    match cli.command {
        Command::Extract {
            inputs,
            output,
            format,
            quiet,
            jobs,
            excel,
            partial,
            geometry,
            strict,
        } => {
            if let Some(n) = jobs {
                if let Err(e) = rayon::ThreadPoolBuilder::new()
                    .num_threads(n.max(1))
                    .build_global()
                {
                    eprintln!("error: cannot start {n} worker threads: {e}");
                    return ExitCode::from(2);
                }
            }
            let settings = Settings {
                format,
                excel,
                quiet,
                read: ReadOptions {
                    partial,
                    pdf: geometry.settings(),
                },
                strict,
            };
            run_extract(&inputs, &output, &settings)
        }
        Command::Validate { files } => run_validate(&files),
        Command::Db {
            inputs,
            output,
            strict,
        } => run_db(&inputs, &output, strict),
        Command::Diff {
            old,
            new,
            format,
            output,
            strict,
        } => run_diff(&old, &new, format, output.as_deref(), strict),
        Command::History {
            inputs,
            output,
            format,
            strict,
        } => run_history(&inputs, &output, format, strict),
        Command::Inspect {
            file,
            page,
            output,
            quiet,
            geometry,
        } => run_inspect(&file, page, &output, &geometry.settings(), quiet),
        Command::Report {
            inputs,
            output,
            strict,
        } => run_report(&inputs, &output, strict),
    }
}

fn run_inspect(
    file: &Path,
    page: Option<usize>,
    output: &str,
    settings: &PdfSettings,
    quiet: bool,
) -> ExitCode {
    let bytes = match std::fs::read(file) {
        Ok(b) => b,
        Err(e) => {
            eprintln!("error: cannot read {}: {e}", file.display());
            return ExitCode::from(2);
        }
    };
    // Contained like a conversion: a panic in the PDF stack is an error, not a crash.
    let found = kouteihyo::error::contain(|| match page {
        Some(n) => Ok(vec![inspect(&bytes, n, settings)?]),
        None => Ok(inspect_all(&bytes, settings)?),
    });
    let pages = match found {
        Ok(i) => i,
        Err(e) => {
            eprintln!("error: {}: {e}", file.display());
            return ExitCode::from(2);
        }
    };
    let name = file
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let svg = match pages.as_slice() {
        [one] if page.is_some() => one.svg(&name),
        all => document_svg(all, &name),
    };
    let written = if output == "-" {
        write_stdout(svg.as_bytes())
    } else {
        let path = Path::new(output);
        match path.parent().filter(|d| !d.as_os_str().is_empty()) {
            Some(dir) if !dir.is_dir() => Err(Error::new(ErrorKind::Write(std::io::Error::new(
                std::io::ErrorKind::NotFound,
                format!("the folder {} does not exist", dir.display()),
            )))
            .in_file(path)),
            _ => write_atomic(path, svg.as_bytes())
                .map_err(|e| Error::new(ErrorKind::Write(e)).in_file(path)),
        }
    };
    match written {
        Err(e) if is_broken_pipe(&e) => return ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::from(2);
        }
        Ok(()) => {}
    }
    if !quiet {
        eprintln!("{}:", file.display());
        for ins in &pages {
            for line in ins.summary() {
                eprintln!("  {line}");
            }
        }
        if output != "-" {
            eprintln!("  wrote {output}");
        }
    }
    ExitCode::SUCCESS
}

fn run_extract(inputs: &[PathBuf], output: &str, settings: &Settings) -> ExitCode {
    let quiet = settings.quiet;
    let (files, mut failed) = expand_inputs(inputs);
    let target = if output == "-" {
        if files.len() != 1 {
            eprintln!(
                "error: `-o -` writes to standard output and needs exactly one input ({} given)",
                files.len()
            );
            return ExitCode::from(2);
        }
        if matches!(settings.format, Format::Csv | Format::Xlsx) {
            eprintln!("error: {}", kouteihyo::batch::STDOUT_REFUSED);
            return ExitCode::from(2);
        }
        Target::Stdout
    } else {
        let dir = PathBuf::from(output);
        if let Err(e) = std::fs::create_dir_all(&dir) {
            eprintln!("error: cannot create output folder {}: {e}", dir.display());
            return ExitCode::from(2);
        }
        Target::Dir(dir)
    };
    let mut outcomes = extract(&files, &target, settings);
    outcomes.append(&mut failed);
    // The reader of `-o - | head` went away: stop quietly, as ripgrep does.
    if outcomes
        .iter()
        .any(|o| o.result.as_ref().err().is_some_and(is_broken_pipe))
    {
        return ExitCode::SUCCESS;
    }
    let bad = |o: &Outcome| o.result.is_err() || !o.complete;
    let n_failed = outcomes.iter().filter(|o| bad(o)).count();
    let n_ok = outcomes.len() - n_failed;
    let n_same = outcomes.iter().filter(|o| o.same_as.is_some()).count();
    // Successes first, failures last: they are what a reader of a long batch looks for.
    if !quiet && !matches!(target, Target::Stdout) {
        for o in outcomes.iter().filter(|o| !bad(o)) {
            let Ok(path) = &o.result else { continue };
            let w = if o.warnings > 0 {
                format!(" ({} warnings)", o.warnings)
            } else {
                String::new()
            };
            match &o.same_as {
                Some(first) => eprintln!(
                    "same    {} = {} (identical bytes; converted once)",
                    o.input.display(),
                    first.display()
                ),
                None => eprintln!("ok      {} → {}{w}", o.input.display(), path.display()),
            }
        }
    }
    // One line per sheet below the quality thresholds, whatever `--quiet` says.
    for o in outcomes.iter().filter(|o| o.same_as.is_none()) {
        for low in &o.low_quality {
            eprintln!("LOW QUALITY {} {low}", o.input.display());
        }
    }
    for o in outcomes.iter().filter(|o| bad(o)) {
        match &o.result {
            Ok(path) => eprintln!(
                "INCOMPLETE  {} → {}: parts could not be read ({} warnings say which)",
                o.input.display(),
                path.display(),
                o.warnings
            ),
            Err(e) => eprintln!("FAILED  {}: {}", o.input.display(), e.reason()),
        }
    }
    if !quiet || n_failed > 0 {
        let same = if n_same > 0 {
            format!(" ({n_same} identical to another input)")
        } else {
            String::new()
        };
        eprintln!("{n_ok} converted{same}, {n_failed} failed");
    }
    if n_failed > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

/// Whether an error is a write to a pipe whose reader has gone.
fn is_broken_pipe(e: &Error) -> bool {
    matches!(e.kind(), ErrorKind::Write(io) if io.kind() == std::io::ErrorKind::BrokenPipe)
}

fn run_validate(files: &[PathBuf]) -> ExitCode {
    use kouteihyo::error::ErrorKind;
    let mut bad = 0;
    for f in files {
        match kouteihyo::schema::validate_file(f) {
            Ok(_) => println!("valid    {}", f.display()),
            Err(e) => {
                bad += 1;
                match e.kind() {
                    ErrorKind::Invalid { violations, .. } => {
                        println!("INVALID  {} ({} errors)", f.display(), violations.len());
                        for v in violations {
                            println!("  {v}");
                        }
                    }
                    _ => println!("INVALID  {}: {}", f.display(), e.reason()),
                }
            }
        }
    }
    if bad > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

/// Loads an edition; prints a `LOW QUALITY` line per sheet below the quality thresholds,
/// and with `strict` fails on any.
fn load(path: &Path, strict: bool) -> Result<kouteihyo::edition::Edition, Error> {
    let ed = load_edition(path)?;
    let low = kouteihyo::quality::low_sheets(&ed);
    for l in &low {
        eprintln!("LOW QUALITY {} {l}", path.display());
    }
    if strict && !low.is_empty() {
        return Err(Error::new(ErrorKind::LowQuality(low)).in_file(path));
    }
    Ok(ed)
}

fn run_diff(
    old: &Path,
    new: &Path,
    format: DiffFormat,
    output: Option<&Path>,
    strict: bool,
) -> ExitCode {
    let (a, b) = rayon::join(|| load(old, strict), || load(new, strict));
    let (a, b) = match (a, b) {
        (Ok(a), Ok(b)) => (a, b),
        (a, b) => {
            for e in [a.err(), b.err()].into_iter().flatten() {
                eprintln!("error: {e}");
            }
            return ExitCode::from(2);
        }
    };
    let d = diff(&a, &b);
    let text = match render_diff(&d, format) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::from(2);
        }
    };
    let written = match output {
        Some(p) => {
            write_atomic(p, text.as_bytes()).map_err(|e| Error::new(ErrorKind::Write(e)).in_file(p))
        }
        None => write_stdout(text.as_bytes()),
    };
    match written {
        Err(e) if !is_broken_pipe(&e) => {
            eprintln!("error: {e}");
            ExitCode::from(2)
        }
        // Written, or the reader of the pipe went away (quietly, as ripgrep does).
        _ if d.changes.is_empty() => ExitCode::SUCCESS,
        _ => ExitCode::from(1),
    }
}

fn run_history(inputs: &[PathBuf], output: &Path, format: DiffFormat, strict: bool) -> ExitCode {
    let mut exts: Vec<&str> = kouteihyo::batch::INPUT_EXTENSIONS.to_vec();
    exts.push("json");
    let (files, failed) = kouteihyo::batch::expand_inputs_with(inputs, &exts);
    let mut errors: Vec<Error> = failed.into_iter().filter_map(|o| o.result.err()).collect();
    let loaded: Vec<Result<kouteihyo::edition::Edition, Error>> =
        files.par_iter().map(|p| load(p, strict)).collect();
    let mut eds = Vec::new();
    for r in loaded {
        match r {
            Ok(e) => eds.push(e),
            Err(e) => errors.push(e),
        }
    }
    let (order, skipped) = history_order(&eds);
    for i in skipped {
        eprintln!(
            "note: {} is another source of edition {}; the first one is used",
            eds[i].source.file, eds[i].edition
        );
    }
    if let Err(e) = std::fs::create_dir_all(output) {
        eprintln!("error: cannot create {}: {e}", output.display());
        return ExitCode::from(2);
    }
    // Lineage ids across the whole history, so a measure keeps one through every rewording.
    let ordered: Vec<&kouteihyo::edition::Edition> = order.iter().map(|&i| &eds[i]).collect();
    let lineage = kouteihyo::diff::lineage::Lineage::of_editions(&ordered);
    for pair in order.windows(2) {
        let (a, b) = (&eds[pair[0]], &eds[pair[1]]);
        let d = kouteihyo::diff::diff_in(a, b, &lineage);
        let path = output.join(format!(
            "{}__{}.{}",
            a.edition,
            b.edition,
            format.extension()
        ));
        match render_diff(&d, format).and_then(|t| {
            write_atomic(&path, t.as_bytes())
                .map_err(|e| Error::new(ErrorKind::Write(e)).in_file(&path))
        }) {
            Ok(()) => eprintln!(
                "{} → {}: {} changes → {}",
                a.edition,
                b.edition,
                d.changes.len(),
                path.display()
            ),
            Err(e) => errors.push(e),
        }
    }
    if order.len() < 2 {
        errors.push(Error::new(ErrorKind::Usage(format!(
            "history needs at least two editions, found {}",
            order.len()
        ))));
    }
    for e in &errors {
        eprintln!("error: {e}");
    }
    if errors.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(2)
    }
}

/// Writes `bytes` to standard output.
fn run_db(inputs: &[PathBuf], output: &Path, strict: bool) -> ExitCode {
    let mut exts: Vec<&str> = kouteihyo::batch::INPUT_EXTENSIONS.to_vec();
    exts.push("json");
    let (files, failed) = kouteihyo::batch::expand_inputs_with(inputs, &exts);
    let mut errors: Vec<Error> = failed.into_iter().filter_map(|o| o.result.err()).collect();
    let loaded: Vec<Result<kouteihyo::edition::Edition, Error>> =
        files.par_iter().map(|p| load(p, strict)).collect();
    let mut eds = Vec::new();
    for r in loaded {
        match r {
            Ok(e) => eds.push(e),
            Err(e) => errors.push(e),
        }
    }
    // All or nothing: a bad input leaves the file as it was.
    if !errors.is_empty() {
        for e in &errors {
            eprintln!("error: {e}");
        }
        eprintln!("error: nothing written to {}", output.display());
        return ExitCode::from(2);
    }
    let (order, _) = history_order(&eds);
    let mut ordered: Vec<kouteihyo::edition::Edition> = Vec::new();
    let mut rest: Vec<Option<kouteihyo::edition::Edition>> = eds.into_iter().map(Some).collect();
    for i in order {
        ordered.extend(rest[i].take());
    }
    // A second source of an edition comes after the first and is reported as such.
    ordered.extend(rest.into_iter().flatten());
    match kouteihyo::db::add(output, &ordered) {
        Ok(done) => {
            for d in done {
                match d {
                    kouteihyo::db::Added::Added(e) => {
                        eprintln!("added   {e} → {}", output.display())
                    }
                    kouteihyo::db::Added::Same(e) => {
                        eprintln!("same    {e} (already in {})", output.display())
                    }
                    kouteihyo::db::Added::OtherSource(e, file) => eprintln!(
                        "note: {} already holds edition {e} (from {file}); this source is skipped",
                        output.display()
                    ),
                }
            }
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: {e}");
            eprintln!("error: {} is left as it was", output.display());
            ExitCode::from(2)
        }
    }
}

fn write_stdout(bytes: &[u8]) -> Result<(), Error> {
    use std::io::Write;
    let mut out = std::io::stdout().lock();
    out.write_all(bytes)
        .and_then(|_| out.flush())
        .map_err(|e| Error::new(ErrorKind::Write(e)).in_file("<stdout>"))
}

/// `report`: loads the inputs as `history` does and writes one HTML page of them. An input
/// that cannot be loaded is an error (exit 2) and nothing is written, so a report never
/// silently lacks an edition.
fn run_report(inputs: &[PathBuf], output: &Path, strict: bool) -> ExitCode {
    let mut exts: Vec<&str> = kouteihyo::batch::INPUT_EXTENSIONS.to_vec();
    exts.push("json");
    let (files, failed) = kouteihyo::batch::expand_inputs_with(inputs, &exts);
    let mut errors: Vec<Error> = failed.into_iter().filter_map(|o| o.result.err()).collect();
    let loaded: Vec<Result<kouteihyo::edition::Edition, Error>> =
        files.par_iter().map(|p| load(p, strict)).collect();
    let mut eds = Vec::new();
    let mut hrefs = Vec::new();
    for (r, path) in loaded.into_iter().zip(&files) {
        match r {
            Ok(e) => {
                // A PDF read here is linked where it lies; a PDF named in edition JSON by its
                // file name (the JSON keeps no folder).
                let is_pdf = path
                    .extension()
                    .is_some_and(|x| x.eq_ignore_ascii_case("pdf"));
                hrefs.push(Some(if is_pdf {
                    kouteihyo::report::source_href(output, path)
                } else {
                    e.source.file.clone()
                }));
                eds.push(e);
            }
            Err(e) => errors.push(e),
        }
    }
    if eds.is_empty() && errors.is_empty() {
        errors.push(Error::new(ErrorKind::Usage(
            "no editions found in the inputs".to_string(),
        )));
    }
    if !errors.is_empty() {
        for e in &errors {
            eprintln!("error: {e}");
        }
        eprintln!("error: nothing written to {}", output.display());
        return ExitCode::from(2);
    }
    let report = kouteihyo::report::report(&eds, &hrefs);
    for &i in &report.skipped {
        eprintln!(
            "note: {} is another source of edition {}; the first one is used",
            eds[i].source.file, eds[i].edition
        );
    }
    match write_atomic(output, report.html.as_bytes()) {
        Ok(()) => {
            let ids: Vec<&str> = report
                .order
                .iter()
                .map(|&i| eds[i].edition.as_str())
                .collect();
            eprintln!(
                "report of {} edition(s) ({}) → {}",
                ids.len(),
                ids.join(", "),
                output.display()
            );
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: {}", Error::new(ErrorKind::Write(e)).in_file(output));
            ExitCode::from(2)
        }
    }
}
