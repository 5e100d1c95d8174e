//! The command line of docs/cli.md as clap definitions: the only place that
//! knows about clap. Each command has its own format enum, so clap itself
//! rejects a format a command does not have.

use std::ffi::OsString;
use std::path::PathBuf;

use clap::{Args, CommandFactory, Parser, Subcommand, ValueEnum};
use clap_complete::engine::ArgValueCompleter;
use jiff::civil::Date;

use ringboard::agenda::AgendaFormat;
use ringboard::check::CheckFormat;
use ringboard::escape::escape_control;
use ringboard::load::DEFAULT_MAX_FILE_SIZE;
use ringboard::report::ReportFormat;
use ringboard::review::{DiffFormat, LogFormat};
use ringboard::standup::StandupFormat;

use super::complete;

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
    #[arg(long, value_name = "REV", add = ArgValueCompleter::new(complete::revisions))]
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
    #[arg(long, global = true, value_name = "REV", add = ArgValueCompleter::new(complete::revisions))]
    pub rev: Option<String>,
    /// The date "late" and "due soon" are measured against [env: RINGBOARD_TODAY].
    #[arg(long, global = true, value_name = "YYYY-MM-DD", value_parser = parse_date)]
    pub today: Option<Date>,
    /// Colour: off when stdout is not a terminal or NO_COLOR is set, unless `always`.
    #[arg(long, global = true, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
    /// Refuse plan files larger than this many bytes.
    #[arg(long, global = true, value_name = "BYTES", default_value_t = DEFAULT_MAX_FILE_SIZE)]
    pub max_file_size: u64,
    /// Who is using ringboard (a person id) [env: RINGBOARD_ME; else the
    /// person whose contact is git's user.email].
    #[arg(long, global = true, value_name = "ID", add = ArgValueCompleter::new(complete::people))]
    pub me: Option<String>,
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
    /// The full picture, non-interactively (text, markdown, JSON or CSV).
    Report(ReportArgs),
    /// What changed in the plans between two versions, as meaning.
    Diff(DiffArgs),
    /// The history of a deliverable, a program or a person's deliverables.
    Log(LogArgs),
    /// The daily stand-up display (full screen; --once prints it).
    Standup(StandupArgs),
    /// Open the board on TO with every change against FROM marked.
    Review(ReviewArgs),
    /// Change fields of a deliverable in its plan file (nothing else changes).
    Set(SetArgs),
    /// Add a deliverable after the program's last one.
    Add(AddArgs),
    /// What is late or due soon, across programs (yours with --me/--person).
    Agenda(AgendaArgs),
    /// Export to other tools: `export ics`, deadlines and milestones for a calendar.
    Export(ExportArgs),
    /// Print the JSON Schema of a plan file, for editors (taplo, Even Better TOML).
    Schema,
    /// Start a plans repository: a roster, an example program, editor settings, a CI workflow.
    Init(InitArgs),
    /// Print a shell completion script.
    Completions(CompletionsArgs),
    /// Print the manual page (roff).
    Man,
}

#[derive(Debug, Clone, Args)]
pub struct CheckArgs {
    /// `text`: one line per problem and a summary; `github`: Actions annotations.
    #[arg(long, value_enum, default_value_t = CheckFormatArg::Text)]
    pub format: CheckFormatArg,
}

#[derive(Debug, Clone, Args)]
pub struct ReportArgs {
    /// Output format.
    #[arg(long, value_enum, default_value_t = ReportFormatArg::Text)]
    pub format: ReportFormatArg,
    /// Only this program (its id: the file stem).
    #[arg(long, value_name = "ID", add = ArgValueCompleter::new(complete::programs))]
    pub program: Option<String>,
    /// Only this person's deliverables.
    #[arg(long, value_name = "ID", add = ArgValueCompleter::new(complete::people))]
    pub person: Option<String>,
    /// With --format csv: one row per metric (program, id, name, unit,
    /// better, target, actual, attainment, expected, behind_pace).
    #[arg(long)]
    pub metrics: bool,
}

#[derive(Debug, Clone, Args)]
pub struct DiffArgs {
    /// FROM revision, or FROM..TO, or FROM...TO from the merge base (default HEAD).
    #[arg(add = ArgValueCompleter::new(complete::revisions))]
    pub from: Option<String>,
    /// TO revision (default: the working tree).
    #[arg(add = ArgValueCompleter::new(complete::revisions))]
    pub to: Option<String>,
    /// Output format; markdown is meant for a pull-request comment.
    #[arg(long, value_enum, default_value_t = DiffFormatArg::Text)]
    pub format: DiffFormatArg,
}

#[derive(Debug, Clone, Args)]
pub struct LogArgs {
    /// PROGRAM/DELIVERABLE, PROGRAM/METRIC, or PROGRAM alone.
    #[arg(add = ArgValueCompleter::new(complete::programs_and_items))]
    pub target: Option<String>,
    /// TARGET names a metric (PROGRAM/METRIC): needed when the program has a
    /// deliverable with the same id.
    #[arg(long, conflicts_with = "person")]
    pub metric: bool,
    /// The history of this person's deliverables.
    #[arg(long, value_name = "ID", conflicts_with = "target", add = ArgValueCompleter::new(complete::people))]
    pub person: Option<String>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = LogFormatArg::Text)]
    pub format: LogFormatArg,
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
    /// With --once: text (default) or markdown.
    #[arg(long, value_enum, requires = "once")]
    pub format: Option<StandupFormatArg>,
    /// With --once: only this person's part of the page.
    #[arg(long, value_name = "ID", requires = "once", add = ArgValueCompleter::new(complete::people))]
    pub person: Option<String>,
}

#[derive(Debug, Clone, Args)]
pub struct ReviewArgs {
    /// FROM..TO; `FROM..` is FROM..HEAD; FROM alone compares with the working tree.
    #[arg(add = ArgValueCompleter::new(complete::revisions))]
    pub range: String,
}

#[derive(Debug, Clone, Args)]
pub struct SetArgs {
    /// The deliverable: PROGRAM/DELIVERABLE.
    #[arg(add = ArgValueCompleter::new(complete::items))]
    pub target: String,
    /// status, due, start (YYYY-MM-DD, +N or -N days), owner, title, note
    /// (empty removes it), duration (whole days of work, 0 to 3650; empty
    /// removes it), needs (A,B replaces; needs+=ID, needs-=ID).
    #[arg(required = true, value_name = "FIELD=VALUE", add = ArgValueCompleter::new(complete::edits))]
    pub edits: Vec<String>,
    /// TARGET names a metric (PROGRAM/METRIC): needed when the program has a
    /// deliverable of the same id. Metric fields: actual (also actual+=N,
    /// actual-=N), target, baseline, better, by, owner, name, unit.
    #[arg(long)]
    pub metric: bool,
    #[command(flatten)]
    pub commit: CommitArgs,
}

#[derive(Debug, Clone, Args)]
pub struct AddArgs {
    /// The program (its id: the file stem).
    #[arg(add = ArgValueCompleter::new(complete::programs))]
    pub program: String,
    /// Its title (one line of text).
    #[arg(long, value_name = "T")]
    pub title: String,
    /// A person id.
    #[arg(long, value_name = "ID", add = ArgValueCompleter::new(complete::people))]
    pub owner: String,
    /// Its deadline: YYYY-MM-DD, or +N / -N days from today.
    #[arg(long, value_name = "YYYY-MM-DD|+N", value_parser = parse_day, allow_hyphen_values = true)]
    pub due: Day,
    /// Default: a slug of the title, unique in the program.
    #[arg(long, value_name = "ID")]
    pub id: Option<String>,
    /// When work on it starts: YYYY-MM-DD, or +N / -N days from today.
    #[arg(long, value_name = "YYYY-MM-DD|+N", value_parser = parse_day, allow_hyphen_values = true)]
    pub start: Option<Day>,
    /// todo (default), doing, review, blocked, done or dropped.
    #[arg(long, value_name = "S")]
    pub status: Option<String>,
    /// Hand-offs it waits for: A,B (program/id across programs).
    #[arg(long, value_name = "A,B")]
    pub needs: Option<String>,
    /// A one-line note (why it is blocked, what it waits for).
    #[arg(long, value_name = "N")]
    pub note: Option<String>,
    #[command(flatten)]
    pub commit: CommitArgs,
}

#[derive(Debug, Clone, Args)]
pub struct CommitArgs {
    /// Commit the written file, and nothing else.
    #[arg(long)]
    pub commit: bool,
    /// The commit message (default: generated from the change).
    #[arg(
        short = 'm',
        long = "message",
        value_name = "MESSAGE",
        requires = "commit"
    )]
    pub message: Option<String>,
}

#[derive(Debug, Clone, Args)]
pub struct AgendaArgs {
    /// Only this person's deliverables, then what others wait on from them
    /// (default: --me).
    #[arg(long, value_name = "ID", add = ArgValueCompleter::new(complete::people))]
    pub person: Option<String>,
    /// Due within this many days (today counts).
    #[arg(long, value_name = "N", default_value_t = 7)]
    pub days: u32,
    /// Output format.
    #[arg(long, value_enum, default_value_t = AgendaFormatArg::Text)]
    pub format: AgendaFormatArg,
}

#[derive(Debug, Clone, Args)]
pub struct ExportArgs {
    #[command(subcommand)]
    pub what: ExportCommand,
}

#[derive(Debug, Clone, Subcommand)]
pub enum ExportCommand {
    /// iCalendar (RFC 5545) on stdout: an all-day event per open deliverable
    /// on its due date and one per milestone, for a calendar to subscribe to.
    Ics(IcsArgs),
}

#[derive(Debug, Clone, Args)]
pub struct IcsArgs {
    /// Only this person's deliverables, and the milestones of their
    /// programs (default: --me).
    #[arg(long, value_name = "ID", add = ArgValueCompleter::new(complete::people))]
    pub person: Option<String>,
    /// Everyone's deliverables, whoever --me is.
    #[arg(long, conflicts_with = "person")]
    pub everyone: bool,
    /// Only this program (its id: the file stem).
    #[arg(long, value_name = "ID", add = ArgValueCompleter::new(complete::programs))]
    pub program: Option<String>,
    /// Done and dropped deliverables too.
    #[arg(long)]
    pub all: bool,
}

#[derive(Debug, Clone, Args)]
pub struct InitArgs {
    /// The folder to start in (created if missing; default: the current folder).
    #[arg(value_name = "DIR")]
    pub dir: Option<PathBuf>,
}

#[derive(Debug, Clone, Args)]
pub struct CompletionsArgs {
    /// The shell to complete in.
    #[arg(value_enum)]
    pub shell: clap_complete::Shell,
}

/// Formats as the command line names them, each mapped to its command's own.
macro_rules! format_arg {
    ($arg:ident => $lib:ident { $($variant:ident),+ }) => {
        #[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
        pub enum $arg { $($variant),+ }

        impl From<$arg> for $lib {
            fn from(f: $arg) -> $lib {
                match f { $($arg::$variant => $lib::$variant),+ }
            }
        }
    };
}

format_arg!(CheckFormatArg => CheckFormat { Text, Github });
format_arg!(ReportFormatArg => ReportFormat { Text, Markdown, Json, Csv });
format_arg!(DiffFormatArg => DiffFormat { Text, Markdown, Json });
format_arg!(LogFormatArg => LogFormat { Text, Json });
format_arg!(StandupFormatArg => StandupFormat { Text, Markdown });
format_arg!(AgendaFormatArg => AgendaFormat { Text, Markdown, Json });

/// A command-line mistake as one line on stderr, `ringboard: set: the
/// following required arguments were not provided: <FIELD=VALUE>... (see
/// ringboard set --help)`, instead of clap's usage block; `None` for
/// `--help` and `--version`, which clap prints itself. `args` is the
/// command line as given (it says which subcommand was meant).
pub fn one_line_error(e: &clap::Error, args: &[OsString]) -> Option<String> {
    use clap::error::ErrorKind;
    if matches!(e.kind(), ErrorKind::DisplayHelp | ErrorKind::DisplayVersion) {
        return None;
    }
    let root = Cli::command();
    let (path, cmd) = command_path(&root, args);
    let message = if e.kind() == ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand {
        let names: Vec<&str> = cmd
            .get_subcommands()
            .map(|c| c.get_name())
            .filter(|n| *n != "help")
            .collect();
        format!("name a command: {}", names.join(", "))
    } else {
        squeeze(&e.render().to_string())
    };
    let (at, see) = match path.is_empty() {
        true => (String::new(), "ringboard --help".to_string()),
        false => {
            let path = path.join(" ");
            (format!("{path}: "), format!("ringboard {path} --help"))
        }
    };
    // The message quotes what was typed: no control character gets out,
    // and a newline in it cannot make a second line.
    Some(escape_control(&format!(
        "ringboard: {at}{message} (see {see})"
    )))
}

/// clap's error text on one line: the message, its indented lines (the
/// missing arguments, the possible values, a tip) after it, without the
/// usage and the "For more information" line.
fn squeeze(text: &str) -> String {
    let mut out = String::new();
    let mut in_usage = false;
    for line in text.lines() {
        let line = line.trim();
        if line.is_empty() {
            in_usage = false;
            continue;
        }
        if line.starts_with("Usage:") {
            in_usage = true;
            continue;
        }
        if in_usage || line.starts_with("For more information") {
            continue;
        }
        let line = line.strip_prefix("error: ").unwrap_or(line);
        let aside = line
            .strip_prefix("tip: ")
            .or_else(|| line.strip_prefix('[').and_then(|l| l.strip_suffix(']')));
        match aside {
            Some(aside) if !out.is_empty() => {
                out.push_str("; ");
                out.push_str(aside);
            }
            _ => {
                if !out.is_empty() {
                    out.push(' ');
                }
                out.push_str(line);
            }
        }
    }
    out
}

/// The subcommands named on the command line (`["export", "ics"]`), and
/// the last one's definition: options and their values are stepped over.
fn command_path<'c>(
    root: &'c clap::Command,
    args: &[OsString],
) -> (Vec<&'c str>, &'c clap::Command) {
    let mut cmd = root;
    let mut path = Vec::new();
    let takes_value = |cmd: &clap::Command, is: &dyn Fn(&clap::Arg) -> bool| {
        cmd.get_arguments()
            .chain(root.get_arguments())
            .find(|a| is(a))
            .is_some_and(|a| a.get_action().takes_values())
    };
    let mut words = args.iter().skip(1).filter_map(|a| a.to_str());
    while let Some(word) = words.next() {
        if word == "--" {
            break;
        }
        let value_follows = if let Some(long) = word.strip_prefix("--") {
            !long.contains('=') && takes_value(cmd, &|a| a.get_long() == Some(long))
        } else if let Some(short) = word.strip_prefix('-').filter(|s| !s.is_empty()) {
            let mut chars = short.chars();
            let first = chars.next();
            chars.next().is_none() && takes_value(cmd, &|a| a.get_short() == first)
        } else {
            if let Some(sub) = cmd.find_subcommand(word) {
                path.push(sub.get_name());
                cmd = sub;
            }
            false
        };
        if value_follows {
            words.next();
        }
    }
    (path, cmd)
}

pub fn parse_date(s: &str) -> Result<Date, String> {
    let b = s.as_bytes();
    // Exactly YYYY-MM-DD: a date-time is refused, never cut to its date.
    let shaped = b.len() == 10 && b[4] == b'-' && b[7] == b'-';
    shaped
        .then(|| s.parse::<Date>().ok())
        .flatten()
        .ok_or_else(|| format!("`{s}` is not a date: write YYYY-MM-DD, e.g. 2027-02-01"))
}

/// A day given as a date or as whole days from today (`+5`, `-2`), as the
/// board's date dialogs take it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Day {
    On(Date),
    FromToday(i32),
}

impl Day {
    pub fn resolve(self, today: Date) -> Date {
        match self {
            Day::On(d) => d,
            Day::FromToday(n) => today.saturating_add(ringboard::derive::days(i64::from(n))),
        }
    }
}

pub fn parse_day(s: &str) -> Result<Day, String> {
    if let Some(rest) = s.strip_prefix(['+', '-'])
        && !rest.is_empty()
        && rest.bytes().all(|b| b.is_ascii_digit())
    {
        let n: i32 = rest
            .parse()
            .map_err(|_| format!("`{s}`: too many days from today"))?;
        return Ok(Day::FromToday(if s.starts_with('-') { -n } else { n }));
    }
    parse_date(s)
        .map(Day::On)
        .map_err(|_| format!("`{s}` is not a date: write YYYY-MM-DD, or +N / -N days from today"))
}

#[cfg(test)]
mod tests {
    use clap::CommandFactory;

    use super::*;

    /// `--help` explains every option of every command: none is listed bare.
    #[test]
    fn every_option_has_help_text() {
        fn walk(cmd: &clap::Command, path: &str, bare: &mut Vec<String>) {
            for arg in cmd.get_arguments() {
                if arg.get_help().is_none() && !matches!(arg.get_id().as_str(), "help" | "version")
                {
                    bare.push(format!("{path} --{}", arg.get_id()));
                }
            }
            for sub in cmd.get_subcommands() {
                walk(sub, &format!("{path} {}", sub.get_name()), bare);
            }
        }
        let mut bare = Vec::new();
        walk(&Cli::command(), "ringboard", &mut bare);
        assert!(bare.is_empty(), "options without help: {bare:?}");
    }
}
