//! Loads each PDF given on the command line with lopdf and prints its page count: the cost of
//! lopdf's `Document::load` alone (parse and object loading, no text extraction), for
//! scripts/bench.sh.

use std::process::ExitCode;

fn main() -> ExitCode {
    let mut failed = false;
    for path in std::env::args_os().skip(1) {
        match lopdf::Document::load(&path) {
            Ok(doc) => println!("{}\t{}", path.to_string_lossy(), doc.get_pages().len()),
            Err(e) => {
                eprintln!("{}: {e}", path.to_string_lossy());
                failed = true;
            }
        }
    }
    if failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}
