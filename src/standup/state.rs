//! The display's memory between refreshes: the last good page and why it is
//! being kept. Each refresh replaces the page (never appends), and the
//! loader's caches keep only the last load's working set.

use jiff::civil::Date;

use crate::derive::Derived;

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
    /// The last good page is kept; the warning says why.
    Kept,
}

pub struct Standup {
    pub loader: Loader,
    /// `--since` as given; relative words are re-read every day.
    pub since: String,
    page: Option<StandupPage>,
    /// The inputs of the current page.
    built_from: Option<(Fingerprint, Date)>,
    /// Counts rebuilt pages: the screen re-paginates only when it moves.
    generation: u64,
}

impl Standup {
    pub fn new(loader: Loader, since: String) -> Standup {
        Standup {
            loader,
            since,
            page: None,
            built_from: None,
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
        if let Some(busy) = self.busy() {
            return self.keep(busy, time);
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
            Err(e) => return self.keep(e, time),
        };
        let first_error = loaded.diagnostics.iter().find(|d| d.is_error());
        if let Some(err) = first_error
            && self.page.is_some()
        {
            let n = loaded.diagnostics.iter().filter(|d| d.is_error()).count();
            let more = if n > 1 {
                format!(" (and {} more)", n - 1)
            } else {
                String::new()
            };
            let warning = format!("{err}{more}; showing the last good page");
            return Ok(self.keep_with(warning, time));
        }
        let mut warnings = Vec::new();
        if let Some(err) = first_error {
            warnings.push(format!("{err} (run `ringboard check`)"));
        }
        let page = page_of(&loaded, &when, today, time, warnings);
        self.page = Some(page);
        self.generation += 1;
        self.built_from = Some((loaded.fingerprint, today));
        Ok(Refresh::Rebuilt)
    }

    /// Keeps the last good page with why, or fails when there is none.
    fn keep(&mut self, why: SourceError, time: Option<String>) -> Result<Refresh, SourceError> {
        if self.page.is_none() {
            return Err(why);
        }
        Ok(self.keep_with(format!("{why}; showing the last good page"), time))
    }

    fn keep_with(&mut self, warning: String, time: Option<String>) -> Refresh {
        if let Some(page) = &mut self.page {
            page.warnings = vec![warning];
            page.time = time;
            // Rebuild as soon as things settle, even if inputs match.
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
