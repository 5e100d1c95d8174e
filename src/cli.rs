//! The command line of cli.md: options parsed with clap, then dispatched.
//! Subcommands and headless output are decided here, before any terminal
//! is touched.

use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand, ValueEnum};
use jiff::civil::Date;

use crate::load::{DEFAULT_MAX_FILE_SIZE, LoadOptions};

#[derive(Debug, Parser)]
#[command(
    name = "ringboard",
    version,
    about = "See the whole program: rings, people, deliverables, deadlines, hand-offs and metrics.",
    after_help = "With no command, opens the board (or prints the report when stdout is not a terminal)."
)]
pub struct Cli {
    #[command(flatten)]
    pub global: GlobalArgs,
    /// Board only: mark every change against this revision (review mode).
    #[arg(long, value_name = "REV")]
    pub base: Option<String>,
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Clone, Args)]
pub struct GlobalArgs {
    /// The plans repository (any folder inside it).
    #[arg(long, global = true, value_name = "DIR")]
    pub repo: Option<PathBuf>,
    /// The boards directory, relative to the repository root.
    #[arg(long, global = true, value_name = "DIR", default_value = "boards")]
    pub boards: PathBuf,
    /// Read the plans as of a git revision, straight from git objects.
    #[arg(long, global = true, value_name = "REV")]
    pub rev: Option<String>,
    /// The date "late" and "due soon" are measured against [env: RINGBOARD_TODAY].
    #[arg(long, global = true, value_name = "YYYY-MM-DD", value_parser = parse_date)]
    pub today: Option<Date>,
    #[arg(long, global = true, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
    /// Refuse plan files larger than this many bytes.
    #[arg(long, global = true, value_name = "BYTES", default_value_t = DEFAULT_MAX_FILE_SIZE)]
    pub max_file_size: u64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Validate every plan: errors and warnings with file:line:column.
    Check(CheckArgs),
    /// The full picture, non-interactively (text, markdown or JSON).
    Report(ReportArgs),
    /// What changed in the plans between two versions, as meaning.
    Diff(DiffArgs),
    /// The history of a deliverable, a program or a person's deliverables.
    Log(LogArgs),
    /// The daily stand-up display (full screen; --once prints it).
    Standup(StandupArgs),
    /// Open the board on TO with every change against FROM marked.
    Review(ReviewArgs),
}

#[derive(Debug, Clone, Args)]
pub struct CheckArgs {
    #[arg(long, value_enum, default_value_t = CheckFormat::Text)]
    pub format: CheckFormat,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CheckFormat {
    Text,
    Github,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Text,
    Markdown,
    Json,
}

#[derive(Debug, Clone, Args)]
pub struct ReportArgs {
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
    /// Only this program (its id: the file stem).
    #[arg(long, value_name = "ID")]
    pub program: Option<String>,
}

#[derive(Debug, Clone, Args)]
pub struct DiffArgs {
    /// FROM revision, or FROM..TO (default HEAD).
    pub from: Option<String>,
    /// TO revision (default: the working tree).
    pub to: Option<String>,
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
}

#[derive(Debug, Clone, Args)]
pub struct LogArgs {
    /// PROGRAM/DELIVERABLE, or PROGRAM alone.
    pub target: Option<String>,
    /// The history of this person's deliverables.
    #[arg(long, value_name = "ID", conflicts_with = "target")]
    pub person: Option<String>,
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
}

#[derive(Debug, Clone, Args)]
pub struct StandupArgs {
    /// A date, a revision, `yesterday` or `last-working-day`.
    #[arg(long, value_name = "WHEN", default_value = "last-working-day")]
    pub since: String,
    /// Print the page to stdout and exit.
    #[arg(long)]
    pub once: bool,
    /// Seconds per page when the page does not fit.
    #[arg(long, value_name = "SECS", default_value_t = 15)]
    pub rotate: u64,
    /// With --once: text or markdown.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
}

#[derive(Debug, Clone, Args)]
pub struct ReviewArgs {
    /// FROM..TO; `FROM..` is FROM..HEAD; FROM alone compares with the working tree.
    pub range: String,
}

fn parse_date(s: &str) -> Result<Date, String> {
    s.parse::<Date>()
        .map_err(|_| format!("`{s}` is not a date: write YYYY-MM-DD, e.g. 2027-02-01"))
}

/// What every command gets: where the plans are, today, colour.
#[derive(Debug, Clone)]
pub struct Context {
    pub load: LoadOptions,
    pub today: Date,
    pub color: ColorChoice,
}

impl Context {
    /// Colour for stdout: off when it is not a terminal, with NO_COLOR, or `never`.
    pub fn stdout_color(&self) -> bool {
        match self.color {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto => std::io::stdout().is_terminal() && !no_color(),
        }
    }
}

pub fn no_color() -> bool {
    std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty())
}

/// A failure that stops a command: printed as one line, exit status 2.
#[derive(Debug)]
pub struct Failure(pub String);

impl<E: std::fmt::Display> From<E> for Failure {
    fn from(e: E) -> Self {
        Failure(e.to_string())
    }
}

pub type Outcome = Result<ExitCode, Failure>;

/// Parses the command line and runs it.
pub fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(code) => code,
        Err(Failure(msg)) => {
            let _ = writeln!(
                std::io::stderr(),
                "ringboard: {}",
                crate::text::escape_control(&msg)
            );
            ExitCode::from(2)
        }
    }
}

fn today_from_env() -> Result<Option<Date>, Failure> {
    match std::env::var("RINGBOARD_TODAY") {
        Ok(s) if !s.is_empty() => parse_date(&s)
            .map(Some)
            .map_err(|e| Failure(format!("RINGBOARD_TODAY: {e}"))),
        _ => Ok(None),
    }
}

pub fn run(cli: Cli) -> Outcome {
    let g = cli.global;
    let today = match g.today {
        Some(d) => d,
        None => today_from_env()?.unwrap_or_else(|| jiff::Zoned::now().date()),
    };
    let ctx = Context {
        load: LoadOptions {
            repo: g.repo,
            boards: g.boards,
            rev: g.rev,
            max_file_size: g.max_file_size,
        },
        today,
        color: g.color,
    };
    match cli.command {
        Some(Command::Check(args)) => crate::check::run(&ctx, &args),
        Some(Command::Report(args)) => crate::report::run(&ctx, &args),
        Some(Command::Diff(args)) => crate::review::run_diff(&ctx, &args),
        Some(Command::Log(args)) => crate::review::run_log(&ctx, &args),
        Some(Command::Standup(args)) => crate::standup::cli::run(&ctx, &args),
        Some(Command::Review(args)) if std::io::stdout().is_terminal() => {
            crate::ui::run_review(&ctx, &args.range)
        }
        // Not a terminal: the same changes as text.
        Some(Command::Review(args)) => crate::review::run_diff(&ctx, &diff_args(Some(args.range))),
        None if !std::io::stdout().is_terminal() && cli.base.is_some() => {
            crate::review::run_diff(&ctx, &diff_args(cli.base))
        }
        None if std::io::stdout().is_terminal() => crate::ui::run_board(&ctx, cli.base.as_deref()),
        None => crate::report::run(
            &ctx,
            &ReportArgs {
                format: Format::Text,
                program: None,
            },
        ),
    }
}

fn diff_args(from: Option<String>) -> DiffArgs {
    DiffArgs {
        from,
        to: None,
        format: Format::Text,
    }
}

/// Writes to stdout; a closed pipe (`| head`) is not an error.
pub fn print(text: &str) -> Outcome {
    let mut out = std::io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|_| out.flush()) {
        Ok(()) => Ok(ExitCode::SUCCESS),
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(ExitCode::SUCCESS),
        Err(e) => Err(Failure(format!("cannot write to stdout: {e}"))),
    }
}
