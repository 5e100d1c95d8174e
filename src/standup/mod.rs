//! The daily stand-up display: what changed since WHEN and what needs
//! attention, ring by ring and person by person. [`once`] prints the page;
//! [`display`] runs the full-screen page until `q`.

pub mod changes;
pub mod page;
pub mod render;
pub mod screen;
pub mod since;
pub mod source;
pub mod state;

use jiff::civil::Date;

use crate::load::LoadOptions;
use crate::repo::{LoadError, Workspace, normalize_boards};
use crate::unknown::UnknownName;

use changes::compare_plans;
use since::{When, parse_when};
use source::{Loader, SourceError};
use state::Standup;

/// The formats of `ringboard standup --once`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum StandupFormat {
    #[default]
    Text,
    /// For a chat post.
    Markdown,
}

/// Why the stand-up could not run (exit status 2).
#[derive(Debug, thiserror::Error)]
pub enum StandupError {
    #[error(transparent)]
    Load(#[from] LoadError),
    #[error(transparent)]
    Source(#[from] SourceError),
    #[error("cannot draw on the terminal: {0}")]
    Terminal(#[from] std::io::Error),
    #[error(transparent)]
    Unknown(#[from] UnknownName),
}

/// The page for `today` with the changes since `since`, as text or markdown.
/// No clock time: the output depends only on the plans, their history and
/// `today` (cron mails and tests stay stable).
/// With `person`, only that person's part of the page (their changes and
/// what needs their attention) and the changes of the programs it names:
/// a personal post.
pub fn once(
    load: &LoadOptions,
    today: Date,
    since: &str,
    format: StandupFormat,
    person: Option<&str>,
) -> Result<String, StandupError> {
    let mut standup = standup(load, since, today)?;
    standup.refresh(today, None)?;
    // A refresh that succeeds has built a page.
    let Some(page) = standup.page() else {
        return Ok(String::new());
    };
    let page = match person {
        Some(id) => {
            let roster = crate::load::load(load)?;
            crate::unknown::person(&roster.portfolio, "--person", id)?;
            page.for_person(id)
        }
        None => page.clone(),
    };
    Ok(match format {
        StandupFormat::Markdown => render::to_markdown(&page),
        StandupFormat::Text => render::to_text(&page),
    })
}

/// How the full-screen display runs.
#[derive(Clone, Copy, Debug)]
pub struct DisplayOptions {
    /// Seconds per screen page when the page does not fit.
    pub rotate: u64,
    pub color: bool,
    /// `Some`: a fixed today (`--today`); `None`: follow the clock.
    pub fixed_today: Option<Date>,
}

/// Runs the full-screen display until `q`; the terminal is the caller's
/// to check (stdout must be one).
pub fn display(
    load: &LoadOptions,
    today: Date,
    since: &str,
    opts: DisplayOptions,
) -> Result<(), StandupError> {
    let standup = standup(load, since, today)?;
    screen::run(standup, opts)
}

/// The stand-up over the plans `load` names; a WHEN that is not a date or
/// a word must name a commit, checked up front.
fn standup(load: &LoadOptions, since: &str, today: Date) -> Result<Standup, StandupError> {
    let workspace = Workspace::discover(load.repo.as_deref())?;
    let boards = normalize_boards(&load.boards)?;
    // A bare repository has no working tree: read HEAD, as every command does.
    let rev = load
        .rev
        .clone()
        .or_else(|| workspace.bare.then(|| "HEAD".to_string()));
    let mut loader = Loader::new(workspace, boards, load.max_file_size, compare_plans);
    loader.rev = rev;
    if let When::Rev(rev) = parse_when(since, today) {
        let bad = || SourceError::Since(rev.clone());
        let git = loader.workspace.git("--since REV").map_err(|_| bad())?;
        crate::repo::resolve_commit(&git, &rev).map_err(|e| source::unresolved(e, |_| bad()))?;
    }
    Ok(Standup::new(loader, since.to_string()))
}
