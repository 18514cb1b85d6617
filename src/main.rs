//! Command-line interface of kouteihyo.

use clap::{Parser, Subcommand};
use kouteihyo::batch::{expand_inputs, extract, Outcome, Settings, Target};
use kouteihyo::diff::{diff, history_order, render_diff, DiffFormat};
use kouteihyo::error::{Error, ErrorKind};
use kouteihyo::input::load_edition;
use kouteihyo::output::{write_atomic, Format};
use kouteihyo::pdf::inspect::{document_svg, inspect_selected};
use kouteihyo::pdf::{PageSelection, Settings as PdfSettings, Tolerances};
use kouteihyo::pipeline::ReadOptions;
use rayon::prelude::*;
use std::path::Path;
use std::path::PathBuf;
use std::process::ExitCode;

/// mimalloc: the PDF reader allocates many small glyph strings and boxes; the system
/// allocator spends a fifth of a conversion in malloc/free.
#[global_allocator]
static ALLOC: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// `mi_option_purge_delay` in mimalloc's `mi_option_e` (include/mimalloc.h; 15 in v2 and v3).
const MI_OPTION_PURGE_DELAY: std::ffi::c_int = 15;

/// mimalloc v3 returns freed memory to the OS only a second (`purge_delay` 1000 ms) after it
/// was freed, so in a two-thread batch each converted file left its pages resident and the
/// peak grew with the number of files (42 MiB at 8 files, 63 MiB at 64); with 1 ms it stays
/// at ~32 MiB whatever the count. A run that converts one file waits 3 ms: what one phase
/// frees the next one reuses instead of the kernel handing the same memory back zeroed (8 %
/// fewer page faults on the 13-page Chromium deck), while its peak stays near that of 1 ms
/// (28.5 MiB against 28.1; mimalloc's default second took it to 32.3).
fn tune_allocator(one_file: bool) {
    let delay_ms = if one_file { 3 } else { 1 };
    // SAFETY: mi_option_set is not thread-safe; `main` calls this before any other thread
    // exists. The option is an integer of the documented enum.
    unsafe { libmimalloc_sys::mi_option_set(MI_OPTION_PURGE_DELAY, delay_ms) }
}

/// Turns the follow-up editions of the drug-discovery roadmap (創薬力 構想会議 工程表) — PDF
/// slides or their text dumps — into validated JSON, tidy tables, SQLite and diffs.
#[derive(Parser)]
#[command(
    name = "kouteihyo",
    version,
    about,
    after_help = "Examples:\n  kouteihyo extract followup.pdf -o out/\n  kouteihyo diff 2025-06.pdf 2025-12.pdf -f html -o changes.html\n  kouteihyo db editions/ -o roadmap.sqlite\n\n`-o` is where output goes: a folder receives files under their standard names; a command\nthat writes one file (diff, inspect, db) also takes the file's name; `-` is standard output.\n`-` as an input reads standard input.\n\nExit codes: 0 success, 1 (extract, validate) some input failed or (diff, history) there are\nchanges, 2 error (bad arguments, unreadable input, nothing written)."
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Convert editions — PDFs or text dumps, files or folders, `-` for standard input — into
    /// edition JSON (validated against schemas/edition.schema.json) or tables.
    #[command(
        after_help = "Examples:\n  kouteihyo extract followup.pdf -o out/          # out/2025-06.json\n  kouteihyo extract editions/ -o out/ -f csv        # out/<edition>.<table>.csv, one per table\n  kouteihyo extract followup.pdf --pages 2-5 -o -   # JSON of pages 2-5 on standard output\n  cat followup.txt | kouteihyo extract - -o out/\n\nExit codes: 0 every input converted; 1 some input failed or lost parts (listed last);\n2 bad arguments or the output folder cannot be made."
    )]
    Extract {
        /// PDFs, text dumps, or folders of them (searched for .pdf, .txt and .tsv); `-` reads
        /// standard input.
        #[arg(required = true)]
        inputs: Vec<PathBuf>,
        /// Output folder (created when missing), or `-` for standard output (one input;
        /// JSON, or JSON lines of every table).
        #[arg(short, long, default_value = "out")]
        output: String,
        /// Output format: json (one edition file), jsonl or csv (one file per table), xlsx
        /// (one workbook).
        #[arg(short, long, value_enum, default_value_t = Format::Json)]
        format: Format,
        /// PDF pages to read, e.g. `2-5,9,12-` (from 1); the other pages are not read.
        #[arg(long, value_name = "PAGES")]
        pages: Option<PageSelection>,
        /// No progress bar and no summary on success.
        #[arg(short, long)]
        quiet: bool,
        /// List every warning of every file in the summary.
        #[arg(short, long)]
        verbose: bool,
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
    #[command(
        after_help = "Examples:\n  kouteihyo diff 2025-06.pdf 2025-12.pdf                    # Markdown on standard output\n  kouteihyo diff 2025-06.json 2025-12.json -f json -o d.json\n  kouteihyo diff old.pdf new.pdf -f html -o diffs/          # diffs/<old>__<new>.html\n\nExit codes (as diff(1)): 0 no changes, 1 changes, 2 error."
    )]
    Diff {
        /// The earlier edition: a PDF, a text dump or an edition JSON file (`-`: standard input).
        old: PathBuf,
        /// The later edition, likewise.
        new: PathBuf,
        /// Output format: markdown, json (schemas/diff.schema.json) or html (one page).
        #[arg(short, long, value_enum, default_value_t = DiffFormat::Markdown)]
        format: DiffFormat,
        /// Output file, or a folder for `<old>__<new>.<ext>` (default: standard output).
        #[arg(short, long)]
        output: Option<PathBuf>,
        /// Fail (exit 2) when an input has a sheet below the quality thresholds.
        #[arg(long)]
        strict: bool,
    },
    /// Diff every consecutive pair of editions (PDFs, text dumps or edition JSON; files or
    /// folders), ordered by as-of date, with measure lineage taken over the whole history.
    #[command(
        after_help = "Examples:\n  kouteihyo history editions/ -o history/            # history/<old>__<new>.md per pair\n  kouteihyo history a.pdf b.pdf c.pdf -f json\n\nExit codes (as diff(1)): 0 no changes in any pair, 1 changes, 2 error."
    )]
    History {
        /// PDFs, text dumps, edition JSON files, or folders of them.
        #[arg(required = true)]
        inputs: Vec<PathBuf>,
        /// Output folder; one `<old>__<new>.<ext>` file per pair.
        #[arg(short, long, default_value = "history")]
        output: PathBuf,
        /// Output format: markdown, json or html.
        #[arg(short, long, value_enum, default_value_t = DiffFormat::Markdown)]
        format: DiffFormat,
        /// Fail (exit 2) when an input has a sheet below the quality thresholds.
        #[arg(long)]
        strict: bool,
    },
    /// Add editions (PDFs, text dumps or edition JSON) to one SQLite database (created when
    /// missing): editions, sheets,
    /// measures with their lineage, the tidy tables, item records and warnings. An input the
    /// file already holds (same sha256) is skipped; the file is replaced atomically.
    #[command(
        after_help = "Examples:\n  kouteihyo db editions/ -o roadmap.sqlite\n  kouteihyo db 2026-06.pdf -o roadmap.sqlite     # adds one edition\n  sqlite3 roadmap.sqlite 'SELECT edition, as_of FROM editions'\n\nExit codes: 0 written (or nothing new); 2 error, and the file is left as it was."
    )]
    Db {
        /// PDFs, text dumps, edition JSON files, or folders of them.
        #[arg(required = true)]
        inputs: Vec<PathBuf>,
        /// The database file, or a folder for `roadmap.sqlite`.
        #[arg(short, long)]
        output: PathBuf,
        /// Fail when a sheet is below the quality thresholds.
        #[arg(long)]
        strict: bool,
    },
    /// Check files against the published schemas: edition JSON and diff JSON files, JSON
    /// lines (each line against its row schema) and CSV tables (the header against the
    /// documented columns).
    #[command(
        after_help = "Examples:\n  kouteihyo validate out/2025-06.json\n  kouteihyo validate out/*.csv out/*.jsonl\n\nExit codes: 0 every file valid; 1 some file invalid or unreadable (each named, with why)."
    )]
    Validate {
        /// Edition or diff JSON files, JSON lines or CSV files written by kouteihyo.
        #[arg(required = true)]
        files: Vec<PathBuf>,
    },
    /// Draw what the PDF reader found on each page as SVG: glyphs with their text, the rules
    /// of the table and the segments set aside (hover: why), callout boxes, the outer frame,
    /// boxes drawn over the table, the cells (labelled r{row} c{col}), and a legend with the
    /// strategy and the tolerances.
    #[command(
        after_help = "Examples:\n  kouteihyo inspect followup.pdf --pages 3 -o page3.svg\n  kouteihyo inspect followup.pdf -o svg/           # svg/followup.svg, every page stacked\n\nExit codes: 0 drawn; 2 error."
    )]
    Inspect {
        /// The PDF file (`-`: standard input).
        file: PathBuf,
        /// Pages to draw, e.g. `3` or `2-4` (from 1); all pages by default, stacked.
        #[arg(long, visible_alias = "page", short = 'p', value_name = "PAGES")]
        pages: Option<PageSelection>,
        /// Output SVG file, a folder for `<file stem>.svg`, or `-` for standard output.
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
    #[command(
        after_help = "Examples:\n  kouteihyo report editions/ -o report.html\n  kouteihyo report 2025-06.pdf 2025-12.pdf -o site/     # site/report.html\n\nExit codes: 0 written; 2 error (an input failed: nothing is written)."
    )]
    Report {
        /// PDFs, text dumps, edition JSON files, or folders of them.
        #[arg(required = true)]
        inputs: Vec<PathBuf>,
        /// The HTML file to write, or a folder for `report.html`.
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
    kouteihyo::trace::mark("start");
    let cli = Cli::parse();
    // Before any thread is started (`mi_option_set` is not thread-safe).
    tune_allocator(matches!(&cli.command, Command::Extract { inputs, .. }
        if inputs.len() == 1 && !inputs[0].is_dir()));
    kouteihyo::error::quiet_panics();
    match cli.command {
        Command::Extract {
            inputs,
            output,
            format,
            pages,
            quiet,
            verbose,
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
                    pages,
                },
                strict,
            };
            let code = run_extract(&inputs, &output, &settings, verbose);
            kouteihyo::trace::mark("end");
            code
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
            pages,
            output,
            quiet,
            geometry,
        } => run_inspect(&file, pages.as_ref(), &output, &geometry.settings(), quiet),
        Command::Report {
            inputs,
            output,
            strict,
        } => run_report(&inputs, &output, strict),
    }
}

fn run_inspect(
    file: &Path,
    pages: Option<&PageSelection>,
    output: &str,
    settings: &PdfSettings,
    quiet: bool,
) -> ExitCode {
    let bytes = match kouteihyo::input::read_input(file) {
        Ok(b) => b,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::from(2);
        }
    };
    // Contained like a conversion: a panic in the PDF stack is an error, not a crash.
    let found = kouteihyo::error::contain(|| Ok(inspect_selected(&bytes, settings, pages)?));
    let found_pages = match found {
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
    let svg = match found_pages.as_slice() {
        [one] if pages.is_some() => one.svg(&name),
        all => document_svg(all, &name),
    };
    let stem = file
        .file_stem()
        .map_or("stdin".into(), |s| s.to_string_lossy().into_owned());
    let mut written_to = None;
    let written = if output == "-" {
        write_stdout(svg.as_bytes())
    } else {
        output_path(Path::new(output), &format!("{stem}.svg")).and_then(|path| {
            write_atomic(&path, svg.as_bytes())
                .map_err(|e| Error::new(ErrorKind::Write(e)).in_file(&path))?;
            written_to = Some(path);
            Ok(())
        })
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
        for ins in &found_pages {
            for line in ins.summary() {
                eprintln!("  {line}");
            }
        }
        if let Some(path) = written_to {
            eprintln!("  wrote {}", path.display());
        }
    }
    ExitCode::SUCCESS
}

fn run_extract(inputs: &[PathBuf], output: &str, settings: &Settings, verbose: bool) -> ExitCode {
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
        if dir.is_file() {
            eprintln!(
                "error: {} is a file; extract writes one or more files per input, so -o names a folder",
                dir.display()
            );
            return ExitCode::from(2);
        }
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
            let w = if o.warnings.is_empty() {
                String::new()
            } else {
                format!(" ({} warnings)", o.warnings.len())
            };
            match &o.same_as {
                Some(first) => eprintln!(
                    "same    {} = {} (identical bytes; converted once)",
                    o.input.display(),
                    first.display()
                ),
                None => eprintln!("ok      {} → {}{w}", o.input.display(), path.display()),
            }
            if verbose {
                for line in &o.warnings {
                    eprintln!("          warning: {line}");
                }
            }
        }
    }
    // One line per sheet below the quality thresholds, whatever `--quiet` says.
    for o in outcomes.iter().filter(|o| o.same_as.is_none()) {
        for low in &o.low_quality {
            eprintln!("LOW QUALITY {} {low}", o.input.display());
        }
    }
    // Failures last, after a blank line, in bold red on a terminal.
    let (on, off) = highlight();
    if n_failed > 0 && n_ok > 0 && !quiet {
        eprintln!();
    }
    for o in outcomes.iter().filter(|o| bad(o)) {
        match &o.result {
            Ok(path) => {
                eprintln!(
                    "{on}INCOMPLETE{off}  {} → {}: parts could not be read ({} warnings say which)",
                    o.input.display(),
                    path.display(),
                    o.warnings.len()
                );
                if verbose {
                    for line in &o.warnings {
                        eprintln!("          warning: {line}");
                    }
                }
            }
            Err(e) => eprintln!("{on}FAILED{off}  {}: {}", o.input.display(), e.reason()),
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

/// A diff in `format`; the HTML page heads each sheet with its theme, from the editions.
fn render_page(
    d: &kouteihyo::diff::Diff,
    format: DiffFormat,
    old: &kouteihyo::edition::Edition,
    new: &kouteihyo::edition::Edition,
) -> Result<String, Error> {
    match format {
        DiffFormat::Html => Ok(kouteihyo::report::diff_html(d, old, new)),
        _ => render_diff(d, format),
    }
}

/// Where a command that writes one file puts it, from its `-o`: in a folder (one that exists,
/// or a path ending in `/`, which is created) under `name`; otherwise the path itself, whose
/// folder must exist.
fn output_path(o: &Path, name: &str) -> Result<PathBuf, Error> {
    let folder = o.is_dir()
        || o.as_os_str()
            .to_string_lossy()
            .ends_with(std::path::MAIN_SEPARATOR);
    if folder {
        std::fs::create_dir_all(o).map_err(|e| Error::new(ErrorKind::Write(e)).in_file(o))?;
        return Ok(o.join(name));
    }
    match o.parent().filter(|d| !d.as_os_str().is_empty()) {
        Some(dir) if !dir.is_dir() => Err(Error::new(ErrorKind::Write(std::io::Error::new(
            std::io::ErrorKind::NotFound,
            format!("the folder {} does not exist", dir.display()),
        )))
        .in_file(o)),
        _ => Ok(o.to_path_buf()),
    }
}

/// ANSI bold red and reset when standard error is a terminal and `NO_COLOR` is not set.
fn highlight() -> (&'static str, &'static str) {
    use std::io::IsTerminal;
    if std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none() {
        ("\x1b[1;31m", "\x1b[0m")
    } else {
        ("", "")
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

/// The editions of the inputs of `history`, `db` and `report` (files or folders of PDFs,
/// dumps and edition JSON), loaded in parallel, each with its file, in input order; and the
/// inputs that could not be loaded.
fn load_all(
    inputs: &[PathBuf],
    strict: bool,
) -> (Vec<(PathBuf, kouteihyo::edition::Edition)>, Vec<Error>) {
    let mut exts: Vec<&str> = kouteihyo::batch::INPUT_EXTENSIONS.to_vec();
    exts.push("json");
    let (files, failed) = kouteihyo::batch::expand_inputs_with(inputs, &exts);
    let mut errors: Vec<Error> = failed.into_iter().filter_map(|o| o.result.err()).collect();
    let loaded: Vec<Result<kouteihyo::edition::Edition, Error>> =
        files.par_iter().map(|p| load(p, strict)).collect();
    let mut eds = Vec::new();
    for (path, r) in files.into_iter().zip(loaded) {
        match r {
            Ok(e) => eds.push((path, e)),
            Err(e) => errors.push(e),
        }
    }
    (eds, errors)
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
    let text = match render_page(&d, format, &a, &b) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::from(2);
        }
    };
    let name = format!("{}__{}.{}", a.edition, b.edition, format.extension());
    let written = match output {
        Some(o) if o.as_os_str() != "-" => output_path(o, &name).and_then(|p| {
            write_atomic(&p, text.as_bytes())
                .map_err(|e| Error::new(ErrorKind::Write(e)).in_file(&p))
        }),
        _ => write_stdout(text.as_bytes()),
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
    let (loaded, mut errors) = load_all(inputs, strict);
    let eds: Vec<kouteihyo::edition::Edition> = loaded.into_iter().map(|(_, e)| e).collect();
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
    let mut changed = false;
    for pair in order.windows(2) {
        let (a, b) = (&eds[pair[0]], &eds[pair[1]]);
        let d = kouteihyo::diff::diff_in(a, b, &lineage);
        changed |= !d.changes.is_empty();
        let path = output.join(format!(
            "{}__{}.{}",
            a.edition,
            b.edition,
            format.extension()
        ));
        match render_page(&d, format, a, b).and_then(|t| {
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
    // The exit codes of diff(1): 0 no changes, 1 changes, 2 trouble.
    if !errors.is_empty() {
        ExitCode::from(2)
    } else if changed {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

fn run_db(inputs: &[PathBuf], output: &Path, strict: bool) -> ExitCode {
    let output = match output_path(output, "roadmap.sqlite") {
        Ok(p) => p,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::from(2);
        }
    };
    let output = output.as_path();
    let (loaded, errors) = load_all(inputs, strict);
    let eds: Vec<kouteihyo::edition::Edition> = loaded.into_iter().map(|(_, e)| e).collect();
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

/// Writes `bytes` to standard output.
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
    let output = match output_path(output, "report.html") {
        Ok(p) => p,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::from(2);
        }
    };
    let output = output.as_path();
    let (loaded, mut errors) = load_all(inputs, strict);
    let mut eds = Vec::new();
    let mut hrefs = Vec::new();
    for (path, e) in loaded {
        // A PDF read here is linked where it lies; a PDF named in edition JSON by its file
        // name (the JSON keeps no folder).
        let is_pdf = path
            .extension()
            .is_some_and(|x| x.eq_ignore_ascii_case("pdf"));
        hrefs.push(Some(if is_pdf {
            kouteihyo::report::source_href(output, &path)
        } else {
            e.source.file.clone()
        }));
        eds.push(e);
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
