//! `ringboard-synth`: writes a synthetic portfolio for benchmarks and tests.
//!
//!   cargo run --release -p ringboard-synth -- --out DIR [--commits N] ...

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::Parser;
use ringboard_synth::{Params, generate};

#[derive(Debug, Parser)]
#[command(
    name = "ringboard-synth",
    version,
    about = "Write a synthetic portfolio (for benchmarks and tests)."
)]
struct Args {
    /// Folder to write into (created; becomes a git repository with --commits).
    #[arg(long, value_name = "DIR")]
    out: PathBuf,
    #[arg(long, default_value_t = 100)]
    programs: usize,
    #[arg(long, default_value_t = 200)]
    deliverables: usize,
    #[arg(long, default_value_t = 1000)]
    people: usize,
    /// Also write a git history of this many commits.
    #[arg(long, default_value_t = 0)]
    commits: usize,
    #[arg(long, default_value_t = 42)]
    seed: u64,
    /// Instead: plans made to be slow or large (dense-needs, unknown-needs,
    /// long-owners, brackets, flat-arrays, duplicate-keys, deep-inline, big-team).
    #[arg(long, value_name = "KIND")]
    hostile: Option<String>,
}

fn main() -> ExitCode {
    match run(&Args::parse()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(msg) => {
            // One line, whatever the path holds: controls become escapes.
            let msg: String = msg
                .chars()
                .map(|c| {
                    if c.is_control() {
                        c.escape_unicode().to_string()
                    } else {
                        c.to_string()
                    }
                })
                .collect();
            let _ = writeln!(std::io::stderr(), "ringboard-synth: {msg}");
            ExitCode::from(2)
        }
    }
}

fn run(args: &Args) -> Result<(), String> {
    if let Some(kind) = &args.hostile {
        let dir = ringboard_synth::hostile::write(kind, &args.out).map_err(|e| e.to_string())?;
        println!("wrote the {kind} plans to {}", dir.display());
        return Ok(());
    }
    let params = Params {
        programs: args.programs,
        deliverables: args.deliverables,
        people: args.people,
        commits: args.commits,
        seed: args.seed,
    };
    let s = generate(&params, &args.out).map_err(|e| e.to_string())?;
    let mut line = format!(
        "wrote {} programs, {} deliverables and {} people ({} bytes of TOML in {} files)",
        s.programs, s.deliverables, s.people, s.bytes, s.files
    );
    if let Some(head) = s.head {
        line.push_str(&format!(" with {} commits (HEAD {head})", s.commits));
    }
    line.push_str(&format!(" to {}\n", args.out.display()));
    let mut out = std::io::stdout().lock();
    match out.write_all(line.as_bytes()).and_then(|()| out.flush()) {
        // A closed pipe (`| head`) is not an error: the portfolio is written.
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => {
            Err(format!("cannot write to stdout: {e}"))
        }
        _ => Ok(()),
    }
}
