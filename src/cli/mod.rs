//! The command line: clap parses the arguments once (`args`), they become
//! the library's plain inputs (a loading request, today, colour as a
//! boolean, each command's own options), the command runs, and its output
//! and exit status leave here. Subcommands and headless output are decided
//! before any terminal is touched.

mod args;
mod complete;
mod export;
mod tooling;
mod write;

use std::io::{IsTerminal, Write};
use std::process::ExitCode;

use clap::Parser;
use jiff::civil::Date;

use ringboard::agenda::AgendaOptions;
use ringboard::escape::escape_control;
use ringboard::init::InitError;
use ringboard::load::{LoadOptions, load};
use ringboard::me::MeInputs;
use ringboard::repo::LoadError;
use ringboard::report::{ReportFormat, ReportOptions};
use ringboard::review::history::Target;
use ringboard::review::{DiffError, DiffFormat, LogError};
use ringboard::standup::{DisplayOptions, StandupError, StandupFormat};
use ringboard::ui::{BoardError, BoardOptions};
use ringboard::unknown::UnknownName;
use ringboard::write::WriteError;
use ringboard::{check, review, standup, ui};

use args::{AgendaArgs, Cli, ColorChoice, Command, GlobalArgs, StandupArgs};

/// Why a command could not run: one line on stderr, exit status 2.
#[derive(Debug, thiserror::Error)]
enum CliError {
    #[error(transparent)]
    Load(#[from] LoadError),
    #[error(transparent)]
    Unknown(#[from] UnknownName),
    #[error(transparent)]
    Diff(#[from] DiffError),
    #[error(transparent)]
    Log(#[from] LogError),
    #[error(transparent)]
    Standup(#[from] StandupError),
    #[error(transparent)]
    Board(#[from] BoardError),
    #[error(transparent)]
    Write(#[from] WriteError),
    #[error(transparent)]
    Init(#[from] InitError),
    #[error("RINGBOARD_TODAY: {0}")]
    Today(String),
    #[error(
        "--rev does not apply to `{0}`: name the revisions to compare (e.g. `ringboard {0} A..B`)"
    )]
    RevNotUsed(&'static str),
    #[error("--rev does not apply to `{0}`: it writes files in the working tree")]
    RevNotWritten(&'static str),
    #[error("--metrics goes with --format csv: one row per metric")]
    MetricsNeedCsv,
    #[error("log needs PROGRAM/DELIVERABLE, PROGRAM/METRIC, PROGRAM or --person ID")]
    LogTarget,
    #[error("--metric goes with PROGRAM/METRIC")]
    LogMetric,
    #[error("the stand-up display needs a terminal; use --once to print the page")]
    NoTerminal,
    #[error("cannot write to stdout: {0}")]
    Stdout(std::io::Error),
}

/// Parses the command line and runs it.
pub fn main() -> ExitCode {
    // Tab in a shell: `COMPLETE=SHELL ringboard -- WORDS` answers and exits.
    clap_complete::CompleteEnv::with_factory(<Cli as clap::CommandFactory>::command).complete();
    let line: Vec<std::ffi::OsString> = std::env::args_os().collect();
    let cli = match Cli::try_parse_from(&line) {
        Ok(cli) => cli,
        Err(e) => match args::one_line_error(&e, &line) {
            // `--help`, `--version`: as clap prints them.
            None => e.exit(),
            Some(message) => {
                let _ = writeln!(std::io::stderr(), "{message}");
                return ExitCode::from(2);
            }
        },
    };
    match run(cli) {
        Ok(code) => code,
        Err(e) => {
            let _ = writeln!(
                std::io::stderr(),
                "ringboard: {}",
                escape_control(&e.to_string())
            );
            ExitCode::from(2)
        }
    }
}

/// What every command gets, from the global options.
struct Inputs {
    load: LoadOptions,
    today: Date,
    color: ColorChoice,
    /// `--me` and `RINGBOARD_ME`; git's e-mail is looked up when needed.
    me: MeInputs,
}

impl Inputs {
    fn new(g: GlobalArgs) -> Result<Inputs, CliError> {
        let today = match g.today {
            Some(d) => d,
            None => today_from_env()?.unwrap_or_else(|| jiff::Zoned::now().date()),
        };
        Ok(Inputs {
            load: LoadOptions {
                repo: g.repo,
                boards: g.boards,
                rev: g.rev,
                max_file_size: g.max_file_size,
            },
            today,
            color: g.color,
            me: MeInputs {
                flag: g.me,
                env: std::env::var("RINGBOARD_ME").ok(),
                git_email: None,
            },
        })
    }

    /// Colour on stdout: `always`, `never`, or with `auto` only on a
    /// terminal and without `NO_COLOR`.
    fn color(&self) -> bool {
        match self.color {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto => stdout_is_terminal() && !no_color(),
        }
    }

    fn board(&self, base: Option<String>) -> BoardOptions {
        BoardOptions {
            load: self.load.clone(),
            today: self.today,
            color: self.color(),
            base,
            me: self.me.clone(),
            editor: editor_from_env(),
        }
    }
}

/// The editor for the board's editor key: `$VISUAL`, else `$EDITOR`.
fn editor_from_env() -> Option<String> {
    ["VISUAL", "EDITOR"]
        .iter()
        .filter_map(|v| std::env::var(v).ok())
        .find(|e| !e.trim().is_empty())
}

fn no_color() -> bool {
    std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty())
}

fn stdout_is_terminal() -> bool {
    std::io::stdout().is_terminal()
}

fn today_from_env() -> Result<Option<Date>, CliError> {
    match std::env::var("RINGBOARD_TODAY") {
        Ok(s) if !s.is_empty() => args::parse_date(&s).map(Some).map_err(CliError::Today),
        _ => Ok(None),
    }
}

fn run(cli: Cli) -> Result<ExitCode, CliError> {
    // `--rev` is global, but these commands name their revisions
    // themselves: ignoring it would show something the user did not ask for.
    match (&cli.command, &cli.global.rev) {
        (Some(Command::Diff(_)), Some(_)) => return Err(CliError::RevNotUsed("diff")),
        (Some(Command::Review(_)), Some(_)) => return Err(CliError::RevNotUsed("review")),
        (Some(Command::Init(_)), Some(_)) => return Err(CliError::RevNotWritten("init")),
        _ => {}
    }
    // These read no plans: they need no date, repository or identity.
    match &cli.command {
        Some(Command::Schema) => return tooling::run_schema(),
        Some(Command::Completions(a)) => return tooling::run_completions(a),
        Some(Command::Man) => return tooling::run_man(),
        _ => {}
    }
    let inputs = Inputs::new(cli.global)?;
    match cli.command {
        Some(Command::Check(a)) => run_check(&inputs, a.format.into()),
        Some(Command::Report(a)) => {
            if a.metrics && !matches!(a.format, args::ReportFormatArg::Csv) {
                return Err(CliError::MetricsNeedCsv);
            }
            let opts = ReportOptions {
                format: a.format.into(),
                program: a.program,
                person: a.person,
                color: inputs.color(),
                metrics: a.metrics,
            };
            run_report(&inputs, opts)
        }
        Some(Command::Set(a)) => write::run_set(&inputs, a),
        Some(Command::Add(a)) => write::run_add(&inputs, a),
        Some(Command::Agenda(a)) => run_agenda(&inputs, a),
        Some(Command::Export(a)) => export::run_export(&inputs, a.what),
        Some(Command::Init(a)) => tooling::run_init(&inputs, a),
        // Answered above, before the inputs were read.
        Some(Command::Schema) => tooling::run_schema(),
        Some(Command::Completions(a)) => tooling::run_completions(&a),
        Some(Command::Man) => tooling::run_man(),
        Some(Command::Diff(a)) => run_diff(&inputs, a.from, a.to, a.format.into()),
        Some(Command::Log(a)) => {
            let target = match (a.person, a.target) {
                (Some(person), _) => Target::Person(person),
                (None, Some(t)) => Target::parse(&t),
                (None, None) => return Err(CliError::LogTarget),
            };
            if a.metric && !matches!(target, Target::Deliverable { .. }) {
                return Err(CliError::LogMetric);
            }
            run_log(&inputs, &target, a.metric, a.format.into())
        }
        Some(Command::Standup(a)) => run_standup(&inputs, a),
        Some(Command::Review(a)) if stdout_is_terminal() => {
            let (base, rev) = ui::review_range(&a.range)?;
            let mut board = inputs.board(Some(base));
            board.load.rev = rev;
            crate::for_a_long_session();
            ui::run(&board)?;
            Ok(ExitCode::SUCCESS)
        }
        // Not a terminal: the same changes as text.
        Some(Command::Review(a)) => run_diff(&inputs, Some(a.range), None, DiffFormat::Text),
        None if stdout_is_terminal() => {
            crate::for_a_long_session();
            ui::run(&inputs.board(cli.base))?;
            Ok(ExitCode::SUCCESS)
        }
        None => match cli.base {
            Some(base) => run_diff(&inputs, Some(base), None, DiffFormat::Text),
            None => {
                let opts = ReportOptions {
                    color: inputs.color(),
                    ..ReportOptions::default()
                };
                run_report(&inputs, opts)
            }
        },
    }
}

/// `standup`: the page once (`--once`), or the full-screen display.
fn run_standup(inputs: &Inputs, a: StandupArgs) -> Result<ExitCode, CliError> {
    let format = a.format.map_or(StandupFormat::Text, Into::into);
    if a.once {
        let person = a.person.as_deref();
        let page = standup::once(&inputs.load, inputs.today, &a.since, format, person)?;
        return print(&page);
    }
    if !stdout_is_terminal() {
        return Err(CliError::NoTerminal);
    }
    // A --today other than the real date pins the display to that day.
    let fixed_today = (inputs.today != jiff::Zoned::now().date()).then_some(inputs.today);
    let opts = DisplayOptions {
        rotate: a.rotate,
        color: inputs.color(),
        fixed_today,
    };
    crate::for_a_long_session();
    standup::display(&inputs.load, inputs.today, &a.since, opts)?;
    Ok(ExitCode::SUCCESS)
}

fn run_check(inputs: &Inputs, format: check::CheckFormat) -> Result<ExitCode, CliError> {
    let plans = load(&inputs.load)?;
    print(&check::render(&plans, format))?;
    let code = if plans.has_errors() {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    };
    // The process ends here: freeing 20,000 deliverables one by one would
    // only delay the exit (3 ms on the benchmark portfolio).
    std::mem::forget(plans);
    Ok(code)
}

fn run_report(inputs: &Inputs, opts: ReportOptions) -> Result<ExitCode, CliError> {
    let plans = load(&inputs.load)?;
    if !matches!(opts.format, ReportFormat::Text | ReportFormat::Markdown) {
        warn_plan_errors(&plans);
    }
    let mut out = std::io::stdout().lock();
    let written = ringboard::report::write(&plans, inputs.today, &opts, &mut out)?;
    printed(written.and_then(|()| out.flush()))
}

fn run_agenda(inputs: &Inputs, a: AgendaArgs) -> Result<ExitCode, CliError> {
    let plans = load(&inputs.load)?;
    warn_plan_errors(&plans);
    let person = match a.person {
        Some(p) => Some(p),
        None => {
            let me = MeInputs {
                git_email: ringboard::me::git_user_email(&plans.workspace),
                ..inputs.me.clone()
            };
            ringboard::me::resolve(&plans.portfolio, &me)?.map(|m| m.id)
        }
    };
    let opts = AgendaOptions {
        person,
        days: a.days,
    };
    let agenda = ringboard::agenda::agenda(&plans.portfolio, inputs.today, &opts)?;
    print(&ringboard::agenda::render(
        &agenda,
        &plans.portfolio,
        a.format.into(),
    ))
}

fn run_diff(
    inputs: &Inputs,
    from: Option<String>,
    to: Option<String>,
    format: DiffFormat,
) -> Result<ExitCode, CliError> {
    let cmp =
        review::compare_revisions(&inputs.load, inputs.today, from.as_deref(), to.as_deref())?;
    for w in &cmp.warnings {
        warn(w);
    }
    let printed = print(&review::render::render(&cmp, format));
    // The process ends here: freeing both portfolios would only cost time.
    std::mem::forget(cmp);
    printed
}

fn run_log(
    inputs: &Inputs,
    target: &Target,
    metric: bool,
    format: review::LogFormat,
) -> Result<ExitCode, CliError> {
    let (target, found) = review::log::log_item(&inputs.load, target, metric)?;
    let target = &target;
    for w in &found.warnings {
        warn(w);
    }
    if found.entries.is_empty() {
        eprintln!(
            "ringboard: no commit changed {}",
            escape_control(&review::log::describe(target))
        );
    }
    print(&review::log::render(&found, target, format))
}

/// A warning line on stderr.
fn warn(message: &str) {
    eprintln!("ringboard: warning: {}", escape_control(message));
}

/// On stderr, for outputs that do not say it themselves (JSON, CSV, the
/// agenda, a calendar): the plans have errors, so what a file with one
/// holds may be missing; the first error names the file and line. A cron
/// job that refreshes a calendar has it in its log.
fn warn_plan_errors(plans: &ringboard::load::Plans) {
    let mut errors = plans.diagnostics.iter().filter(|d| d.is_error());
    if let Some(first) = errors.next() {
        let more = errors.count();
        let and = if more == 0 {
            String::new()
        } else {
            format!(" (and {more} more)")
        };
        eprintln!("warning: {first}{and}; the output holds what loaded: run `ringboard check`");
    }
}

/// Writes to stdout; a closed pipe (`| head`) is not an error.
fn print(text: &str) -> Result<ExitCode, CliError> {
    let mut out = std::io::stdout().lock();
    printed(out.write_all(text.as_bytes()).and_then(|_| out.flush()))
}

/// The exit of a command once its output is written: a reader that went
/// away (`| head`) is not a failure.
fn printed(written: std::io::Result<()>) -> Result<ExitCode, CliError> {
    match written {
        Ok(()) => Ok(ExitCode::SUCCESS),
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(ExitCode::SUCCESS),
        Err(e) => Err(CliError::Stdout(e)),
    }
}
