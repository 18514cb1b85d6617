//! Phase timings on standard error when `KOUTEIHYO_TRACE` is set: where one run's time goes
//! (reading, interpreting, finding tables, validating, writing), for profiling and for
//! reading the benchmark of `scripts/bench.py`; nothing is printed, and nearly nothing done,
//! otherwise.

use std::sync::OnceLock;
use std::time::Instant;

/// The time of the first mark, if tracing is on (the environment is read once).
static START: OnceLock<Option<Instant>> = OnceLock::new();

/// Prints `phase` with the milliseconds since the first mark and the thread that reached it.
pub fn mark(phase: &str) {
    let start = START.get_or_init(|| std::env::var_os("KOUTEIHYO_TRACE").map(|_| Instant::now()));
    if let Some(t0) = start {
        eprintln!(
            "{:>9.2} ms  {:?}  {phase}",
            t0.elapsed().as_secs_f64() * 1e3,
            std::thread::current().id()
        );
    }
}
