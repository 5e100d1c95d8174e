//! The display's memory between refreshes: the page shown and, while the
//! plans are in a transient state, why the last page is kept.
//!
//! The page always shows the plans as they are now, with what loaded when
//! they have errors (and a warning naming the first error and the count),
//! as the board does: a committed error never freezes the display. The
//! last page is kept only while the files may be half-written:
//!
//! - git is mid-merge, mid-rebase, mid-cherry-pick or writing the index
//!   (`index.lock`), until it is done;
//! - an uncommitted plan file has errors that were not there on the last
//!   refresh: a file caught while an editor is still saving it. The same
//!   content seen again on the next refresh is shown, errors and all.
//!
//! Each refresh replaces the page (never appends), and the loader's caches
//! keep only the last load's working set.

use std::sync::Arc;

use jiff::civil::Date;

use crate::derive::Derived;
use crate::diag::Diagnostic;
use crate::git::ObjectId;

use super::page::{PageInput, StandupPage, build_page};
use super::render::weekday_date;
use super::since::{When, parse_when};
use super::source::{Fingerprint, Loaded, Loader, SourceError};

/// What a refresh did.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Refresh {
    /// The inputs were unchanged; only the clock may have moved.
    Unchanged,
    /// A new page was built.
    Rebuilt,
    /// The last page is kept; a warning says why.
    Kept,
}

pub struct Standup {
    pub loader: Loader,
    /// `--since` as given; relative words are re-read every day.
    pub since: String,
    page: Option<StandupPage>,
    /// The page's own warnings, before any reason it is being kept.
    warnings: Vec<String>,
    /// The inputs of the current page.
    built_from: Option<(Fingerprint, Date)>,
    /// The uncommitted files with errors seen on the last refresh: seen
    /// again unchanged, they are shown.
    suspects: Vec<(Arc<str>, ObjectId)>,
    /// Counts rebuilt pages: the screen re-paginates only when it moves.
    generation: u64,
}

impl Standup {
    pub fn new(loader: Loader, since: String) -> Standup {
        Standup {
            loader,
            since,
            page: None,
            warnings: Vec::new(),
            built_from: None,
            suspects: Vec::new(),
            generation: 0,
        }
    }

    pub fn page(&self) -> Option<&StandupPage> {
        self.page.as_ref()
    }

    /// Changes whenever the page's body (people, programs) is rebuilt.
    pub fn generation(&self) -> u64 {
        self.generation
    }

    /// Loads the plans and builds the page for `today`. An error is returned
    /// only when there is no page at all to show.
    pub fn refresh(&mut self, today: Date, time: Option<String>) -> Result<Refresh, SourceError> {
        let busy = self.busy();
        if let Some(busy) = &busy
            && self.page.is_some()
        {
            return Ok(self.keep(busy.to_string(), time));
        }
        let when = parse_when(&self.since, today);
        if let (Some(page), Some((fp, day))) = (&mut self.page, &self.built_from)
            && *day == today
            && self.loader.fingerprint(&when).ok().as_ref() == Some(fp)
        {
            page.time = time;
            return Ok(Refresh::Unchanged);
        }
        let loaded = match self.loader.load(&when) {
            Ok(l) => l,
            Err(e) if self.page.is_some() => return Ok(self.keep(e.to_string(), time)),
            Err(e) => return Err(e),
        };
        let errors: Vec<&Diagnostic> = loaded.diagnostics.iter().filter(|d| d.is_error()).collect();
        let suspects: Vec<(Arc<str>, ObjectId)> = loaded
            .uncommitted_files
            .iter()
            .filter(|(path, _)| errors.iter().any(|d| d.path == *path))
            .cloned()
            .collect();
        let new_suspects = !suspects.is_empty() && suspects != self.suspects;
        self.suspects = suspects;
        if new_suspects && self.page.is_some() {
            let path = crate::escape::escape_control(&self.suspects[0].0);
            let why = format!(
                "{path} changed and has errors (it may be half-saved); showing the last page until the next refresh"
            );
            return Ok(self.keep(why, time));
        }
        let mut warnings = Vec::new();
        if let Some(busy) = busy {
            // No page to keep: the plans as they are, said to be in flux.
            warnings.push(format!("{busy}; the plans may be half-written"));
        }
        if let Some(first) = errors.first() {
            warnings.push(error_warning(first, errors.len()));
        }
        warnings.extend(loaded.notes.iter().cloned());
        self.page = Some(page_of(&loaded, &when, today, time, warnings.clone()));
        self.warnings = warnings;
        self.generation += 1;
        self.built_from = Some((loaded.fingerprint, today));
        Ok(Refresh::Rebuilt)
    }

    /// Keeps the page shown, with the page's own warnings and why it is
    /// kept; rebuilds as soon as things settle, even if the inputs match.
    fn keep(&mut self, why: String, time: Option<String>) -> Refresh {
        if let Some(page) = &mut self.page {
            page.warnings = self.warnings.clone();
            page.warnings.push(why);
            page.time = time;
            self.built_from = None;
        }
        Refresh::Kept
    }

    /// A git operation in progress: the files may be half-written.
    fn busy(&self) -> Option<SourceError> {
        let dir = self.loader.workspace.git_dir.as_ref()?;
        crate::repo::operation_in_progress(dir).map(SourceError::Busy)
    }
}

/// `boards/x.toml:3:1: error: … (and 2 more; run `ringboard check`)`.
fn error_warning(first: &Diagnostic, errors: usize) -> String {
    match errors {
        0 | 1 => format!("{first} (run `ringboard check`)"),
        n => format!("{first} (and {} more; run `ringboard check`)", n - 1),
    }
}

/// `Friday 2027-01-29 (last working day)` or `revision v1 (3f2a9c1)`.
pub fn since_label(when: &When) -> String {
    match when {
        When::Day { date, label: "" } => weekday_date(*date),
        When::Day { date, label } => format!("{} ({label})", weekday_date(*date)),
        When::Rev(rev) => format!("revision {rev}"),
    }
}

/// Builds the page from one load.
pub fn page_of(
    loaded: &Loaded,
    when: &When,
    today: Date,
    time: Option<String>,
    warnings: Vec<String>,
) -> StandupPage {
    let derived = Derived::new(&loaded.portfolio, today);
    let mut since = since_label(when);
    if loaded.source.commit.is_none() && loaded.source.branch.is_none() {
        since.push_str(" (no git history here)");
    }
    build_page(&PageInput {
        portfolio: &loaded.portfolio,
        derived: &derived,
        changes: &loaded.changes,
        source: loaded.source.label(),
        since,
        time,
        warnings,
    })
}
