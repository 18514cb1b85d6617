//! Command-line interface of kouteihyo.

use clap::{Parser, Subcommand};
use kouteihyo::batch::{expand_inputs, extract, Target};
use kouteihyo::output::Format;
use kouteihyo::schema::validate_edition;
use std::path::PathBuf;
use std::process::ExitCode;

/// Turns the drug-discovery roadmap follow-ups (工程表) into validated JSON, JSONL and CSV.
#[derive(Parser)]
#[command(name = "kouteihyo", version, about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Convert editions (text dumps; files or folders) into one output file each.
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
    },
    /// Check edition JSON files against schemas/edition.schema.json.
    Validate {
        #[arg(required = true)]
        files: Vec<PathBuf>,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Extract {
            inputs,
            output,
            format,
            quiet,
            jobs,
            excel,
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
            run_extract(&inputs, &output, format, excel, quiet)
        }
        Command::Validate { files } => run_validate(&files),
    }
}

fn run_extract(
    inputs: &[PathBuf],
    output: &str,
    format: Format,
    excel: bool,
    quiet: bool,
) -> ExitCode {
    let (files, mut failed) = expand_inputs(inputs);
    let target = if output == "-" {
        if files.len() != 1 {
            eprintln!(
                "error: `-o -` writes to standard output and needs exactly one input ({} given)",
                files.len()
            );
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
    let mut outcomes = extract(&files, &target, format, excel, quiet);
    outcomes.append(&mut failed);
    let n_ok = outcomes.iter().filter(|o| o.result.is_ok()).count();
    let n_failed = outcomes.len() - n_ok;
    for o in &outcomes {
        match &o.result {
            Ok(path) if !quiet && !matches!(target, Target::Stdout) => {
                let w = if o.warnings > 0 {
                    format!(" ({} warnings)", o.warnings)
                } else {
                    String::new()
                };
                eprintln!("ok      {} → {}{w}", o.input.display(), path.display());
            }
            Ok(_) => {}
            Err(e) => eprintln!("FAILED  {}: {e}", o.input.display()),
        }
    }
    if !quiet || n_failed > 0 {
        eprintln!("{n_ok} converted, {n_failed} failed");
    }
    if n_failed > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

fn run_validate(files: &[PathBuf]) -> ExitCode {
    let mut bad = 0;
    for f in files {
        let result = std::fs::read(f)
            .map_err(|e| vec![format!("cannot read: {e}")])
            .and_then(|b| serde_json::from_slice(&b).map_err(|e| vec![format!("not JSON: {e}")]))
            .and_then(|v| validate_edition(&v));
        match result {
            Ok(()) => println!("valid    {}", f.display()),
            Err(errs) => {
                bad += 1;
                println!("INVALID  {} ({} errors)", f.display(), errs.len());
                for e in errs {
                    println!("  {e}");
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
