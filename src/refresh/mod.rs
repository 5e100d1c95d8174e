//! One refresh engine for the board and the stand-up display: a file
//! watcher ([`watch`]) that wakes the event loop, a scheduler
//! ([`schedule`]) that turns file events and the clock into looks at the
//! plans (debounced, with a maximum delay, every minute, at midnight), and
//! [`Freshness`], which turns a look into a reload only when something
//! changed. No terminal code.

pub mod schedule;
pub mod watch;

use std::hash::{Hash, Hasher};

use jiff::civil::Date;

use crate::load::{Plans, each_worktree_file};

/// Whether a look at the plans should reload them: when their content
/// changed (a [`fingerprint`]) or the day did. A reload that fails is not
/// recorded, so the next look tries again. Pure.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Freshness {
    /// `--today`: the day stays; `None`: the day follows the clock.
    fixed_today: Option<Date>,
    /// The fingerprint and the day of what is shown.
    seen: u64,
    day: Date,
}

impl Freshness {
    pub fn new(fixed_today: Option<Date>, fingerprint: u64, day: Date) -> Freshness {
        Freshness {
            fixed_today,
            seen: fingerprint,
            day,
        }
    }

    /// The day to show when the clock says `clock`.
    pub fn today(&self, clock: Date) -> Date {
        self.fixed_today.unwrap_or(clock)
    }

    /// The day to reload for, when the plans or the day changed.
    pub fn due(&self, fingerprint: u64, clock: Date) -> Option<Date> {
        let today = self.today(clock);
        (fingerprint != self.seen || today != self.day).then_some(today)
    }

    /// A reload succeeded: what it loaded is what is shown.
    pub fn loaded(&mut self, fingerprint: u64, day: Date) {
        self.seen = fingerprint;
        self.day = day;
    }
}

/// The content of the plan files in the working tree and HEAD's commit:
/// equal fingerprints, nothing to reload.
pub fn fingerprint(plans: &Plans) -> u64 {
    // Each file's hash is added up, in whatever order the directory lists
    // them, so that one file's bytes are held at a time.
    let mut files = 0u64;
    let (root, boards) = (&plans.workspace.root, &plans.boards);
    let _ = each_worktree_file(root, boards, u64::MAX, &mut |f| {
        let mut h = std::collections::hash_map::DefaultHasher::new();
        f.path.hash(&mut h);
        f.content.ok().hash(&mut h);
        files = files.wrapping_add(h.finish());
    });
    let mut h = std::collections::hash_map::DefaultHasher::new();
    files.hash(&mut h);
    if let Ok(repo) = plans.workspace.git("watching") {
        repo.head_id().map(|o| o.to_string()).hash(&mut h);
    }
    h.finish()
}

#[cfg(test)]
mod tests {
    use jiff::civil::date;

    use super::*;

    /// The fingerprint moves with any plan file's bytes and with a file
    /// added, and stays put while nothing changes.
    #[test]
    fn the_fingerprint_follows_the_plan_files() {
        let dir = tempfile::TempDir::new().expect("tempdir");
        let boards = dir.path().join("boards");
        std::fs::create_dir_all(boards.join("team")).expect("mkdir");
        let write = |rel: &str, text: &str| std::fs::write(boards.join(rel), text).expect("write");
        write("a.toml", "[program]\nname = \"A\"\n");
        write("team/b.toml", "[program]\nname = \"B\"\n");
        let options = crate::load::LoadOptions {
            repo: Some(dir.path().to_path_buf()),
            ..crate::load::LoadOptions::default()
        };
        let plans = crate::load::load(&options).expect("load");
        let first = fingerprint(&plans);
        assert_eq!(fingerprint(&plans), first, "nothing changed");
        write("team/b.toml", "[program]\nname = \"B2\"\n");
        let edited = fingerprint(&plans);
        assert_ne!(edited, first, "a file's bytes changed");
        write("c.toml", "[program]\nname = \"C\"\n");
        assert_ne!(fingerprint(&plans), edited, "a file was added");
    }

    #[test]
    fn a_look_reloads_only_what_changed() {
        let monday = date(2027, 2, 1);
        let mut f = Freshness::new(None, 7, monday);
        assert_eq!(f.due(7, monday), None, "nothing changed");
        assert_eq!(f.due(8, monday), Some(monday), "a plan changed");
        // Not recorded until the reload succeeds: the next look retries.
        assert_eq!(f.due(8, monday), Some(monday));
        f.loaded(8, monday);
        assert_eq!(f.due(8, monday), None);
        let tuesday = date(2027, 2, 2);
        assert_eq!(f.due(8, tuesday), Some(tuesday), "midnight");
    }

    #[test]
    fn a_fixed_today_stays() {
        let fixed = date(2027, 2, 1);
        let f = Freshness::new(Some(fixed), 7, fixed);
        assert_eq!(f.today(date(2030, 1, 1)), fixed);
        assert_eq!(f.due(7, date(2030, 1, 1)), None);
        assert_eq!(f.due(9, date(2030, 1, 1)), Some(fixed));
    }
}
