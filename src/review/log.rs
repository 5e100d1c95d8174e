//! `ringboard log PROGRAM/DELIVERABLE`, `log PROGRAM`, `log --person ID`:
//! the target's history from `--rev` (default `HEAD`), and its outputs.

use std::fmt::Write;

use serde::Serialize;

use super::history::{History, Target, history};
use super::json::{ChangeJson, changes as changes_json};
use super::sides::BlobCache;
use crate::load::LoadOptions;
use crate::repo::{LoadError, Workspace, normalize_boards, resolve_commit};

/// The formats of `ringboard log`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum LogFormat {
    #[default]
    Text,
    Json,
}

/// The history of `target`, walking back from `load.rev` (default `HEAD`).
pub fn log(load: &LoadOptions, target: &Target) -> Result<History, LoadError> {
    let workspace = Workspace::discover(load.repo.as_deref())?;
    let repo = workspace.git("log")?;
    let boards = normalize_boards(&load.boards)?;
    let rev = load.rev.as_deref().unwrap_or("HEAD");
    let start = resolve_commit(&repo, rev)?;
    let mut cache = BlobCache::default();
    history(
        &repo,
        start,
        &boards,
        target,
        load.max_file_size,
        &mut cache,
    )
}

/// The history in the given format.
pub fn render(found: &History, target: &Target, format: LogFormat) -> String {
    match format {
        LogFormat::Json => render_json(found),
        LogFormat::Text => render_text(found, target),
    }
}

/// What the target is, for "no commit changed …".
pub fn describe(t: &Target) -> String {
    match t {
        Target::Deliverable { program, id } => format!("{program}/{id}"),
        Target::Program(p) => p.clone(),
        Target::Person(p) => format!("the deliverables of {p}"),
    }
}

/// `DATE  SHORT_SHA  AUTHOR  CHANGE`, one line per change, newest first.
pub fn render_text(h: &History, target: &Target) -> String {
    let mut out = String::new();
    for e in &h.entries {
        for c in &e.changes {
            let change = match target {
                Target::Deliverable { .. } => c.short(),
                _ => c.sentence(),
            };
            let _ = writeln!(
                out,
                "{}  {}  {}  {}",
                e.date,
                crate::repo::short_id(e.commit),
                crate::text::escape_control(&e.author),
                change
            );
        }
    }
    out
}

#[derive(Serialize)]
struct EntryJson<'a> {
    commit: String,
    date: &'a str,
    author: &'a str,
    changes: Vec<ChangeJson<'a>>,
}

pub fn render_json(h: &History) -> String {
    let list: Vec<EntryJson<'_>> = h
        .entries
        .iter()
        .map(|e| EntryJson {
            commit: e.commit.to_string(),
            date: &e.date,
            author: &e.author,
            changes: changes_json(&e.changes),
        })
        .collect();
    let mut s =
        serde_json::to_string_pretty(&list).unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"));
    s.push('\n');
    s
}
