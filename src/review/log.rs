//! `ringboard log PROGRAM/DELIVERABLE`, `log PROGRAM/METRIC` (`--metric`
//! when the program has a deliverable with that id too), `log PROGRAM`,
//! `log --person ID`: the target's history from `--rev` (default `HEAD`),
//! and its outputs.

use std::fmt::Write;

use serde::Serialize;

use super::history::{History, Target, history};
use super::json::{ChangeJson, changes as changes_json};
use super::words;
use crate::cache::BlobCache;
use crate::git::{ObjectId, Repo, TreeFile};
use crate::load::LoadOptions;
use crate::parse::program_id;
use crate::repo::{LoadError, Workspace, normalize_boards, resolve_commit};
use crate::suggest::{self, did_you_mean_id};

/// Why `log` could not run (exit status 2).
#[derive(Debug, thiserror::Error)]
pub enum LogError {
    #[error(transparent)]
    Load(#[from] LoadError),
    /// The target is not in the plans where the walk starts, and no commit
    /// mentions it: most likely a typo.
    #[error("no {what} `{name}` at {rev}{hint}")]
    Unknown {
        what: &'static str,
        name: String,
        rev: String,
        hint: String,
    },
    /// `PROGRAM/ID` names a deliverable and a metric alike.
    #[error(
        "`{program}/{id}` names both a deliverable and a metric: add --metric for the metric's history"
    )]
    Ambiguous { program: String, id: String },
}

/// The formats of `ringboard log`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum LogFormat {
    #[default]
    Text,
    Json,
}

/// The history of `target`, walking back from `load.rev` (default `HEAD`).
/// No history for a target that the plans at `rev` do not have either is
/// an error with a "did you mean".
pub fn log(load: &LoadOptions, target: &Target) -> Result<History, LogError> {
    log_item(load, target, false).map(|(_, found)| found)
}

/// As [`log`], with `PROGRAM/ID` read as a deliverable or a metric by the
/// plans at `load.rev`: a metric when only a metric has that id, or when
/// `metric` (`--metric`) says so; refused as ambiguous when both have it.
/// Returns the target as it was read, and its history.
pub fn log_item(
    load: &LoadOptions,
    target: &Target,
    metric: bool,
) -> Result<(Target, History), LogError> {
    let workspace = Workspace::discover(load.repo.as_deref())?;
    let repo = workspace.git("log")?;
    let boards = normalize_boards(&load.boards)?;
    let rev = load.rev.as_deref().unwrap_or("HEAD");
    let start = resolve_commit(&repo, rev)?;
    let mut cache = BlobCache::default();
    let limit = load.max_file_size;
    let at = Plans {
        repo: &repo,
        commit: start,
        boards: &boards,
        limit,
    };
    let target = &at.item(target, metric, &mut cache)?;
    let found = history(&repo, start, &boards, target, limit, &mut cache)?;
    if found.entries.is_empty() {
        at.check_target(target, &mut cache)?
            .map_err(|(what, name, hint)| LogError::Unknown {
                what,
                name,
                rev: rev.to_string(),
                hint,
            })?;
    }
    Ok((target.clone(), found))
}

/// A target the plans do not have: what it is, its name, and a "did you
/// mean".
type NotThere = (&'static str, String, String);

/// The plans of the commit a walk starts from.
struct Plans<'a> {
    repo: &'a Repo,
    commit: ObjectId,
    boards: &'a str,
    limit: u64,
}

impl Plans<'_> {
    /// `PROGRAM/ID` as a deliverable or a metric (see [`log_item`]). A
    /// program the plans do not have is left to [`Plans::check_target`].
    fn item(
        &self,
        target: &Target,
        metric: bool,
        cache: &mut BlobCache,
    ) -> Result<Target, LogError> {
        let Target::Deliverable { program, id } = target else {
            return Ok(target.clone());
        };
        let as_metric = Target::Metric {
            program: program.clone(),
            id: id.clone(),
        };
        if metric {
            return Ok(as_metric);
        }
        let files = self
            .repo
            .plan_files(self.commit, self.boards)
            .map_err(LoadError::from)?
            .unwrap_or_default();
        let Some(file) = files
            .iter()
            .find(|f| f.unread().is_none() && program_id(&f.path) == program)
        else {
            return Ok(target.clone());
        };
        let parsed = cache.get(self.repo, file.oid, &file.path.as_str().into(), self.limit)?;
        let Some(p) = parsed.program.as_ref() else {
            return Ok(target.clone());
        };
        let has_metric = p.metrics.iter().any(|m| &m.id == id);
        match (p.deliverable(id).is_some(), has_metric) {
            (true, true) => Err(LogError::Ambiguous {
                program: program.clone(),
                id: id.clone(),
            }),
            (false, true) => Ok(as_metric),
            _ => Ok(target.clone()),
        }
    }

    /// `Ok(Err((what, name, did-you-mean)))` when the target is not there;
    /// `Err` when a plan file's blob cannot be read.
    fn check_target(
        &self,
        target: &Target,
        cache: &mut BlobCache,
    ) -> Result<Result<(), NotThere>, LoadError> {
        let mut files = self
            .repo
            .plan_files(self.commit, self.boards)?
            .unwrap_or_default();
        files.retain(|f| f.unread().is_none());
        let mut parse =
            |f: &TreeFile| cache.get(self.repo, f.oid, &f.path.as_str().into(), self.limit);
        let (program, id) = match target {
            Target::Person(person) => {
                let mut people: Vec<(String, String)> = Vec::new();
                for f in &files {
                    people.extend(parse(f)?.people.into_iter().map(|p| (p.id, p.name)));
                }
                if people.iter().any(|(id, _)| id == person) {
                    return Ok(Ok(()));
                }
                // A name typed for an id suggests the id; else a close id.
                let named = people.iter().map(|(id, name)| (id.as_str(), name.as_str()));
                let hint = match suggest::person_named(person, named) {
                    Some(id) => suggest::hint(Some(id)),
                    None => did_you_mean_id(person, people.iter().map(|(id, _)| id.as_str())),
                };
                return Ok(Err(("person", person.clone(), hint)));
            }
            Target::Program(p) => (p, None),
            Target::Deliverable { program, id } | Target::Metric { program, id } => {
                (program, Some(id))
            }
        };
        let Some(file) = files.iter().find(|f| program_id(&f.path) == program) else {
            let stems = files.iter().map(|f| program_id(&f.path));
            let hint = did_you_mean_id(program, stems);
            return Ok(Err(("program", program.clone(), hint)));
        };
        let Some(id) = id else { return Ok(Ok(())) };
        let parsed = parse(file)?;
        let deliverables = parsed
            .program
            .iter()
            .flat_map(|p| &p.deliverables)
            .map(|d| d.id.as_str());
        let metrics = parsed
            .program
            .iter()
            .flat_map(|p| &p.metrics)
            .map(|m| m.id.as_str());
        // A metric is looked for among metrics; a deliverable (what an id
        // is read as when nothing has it) among both.
        let (what, ids): (_, Vec<&str>) = match target {
            Target::Metric { .. } => ("metric", metrics.collect()),
            _ => ("deliverable", deliverables.chain(metrics).collect()),
        };
        if ids.contains(&id.as_str()) {
            return Ok(Ok(()));
        }
        let hint = suggest::Suggestions::names(ids)
            .suggest(id)
            .map_or_else(String::new, |close| {
                format!(" (did you mean `{program}/{close}`?)")
            });
        Ok(Err((what, format!("{program}/{id}"), hint)))
    }
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
        Target::Metric { program, id } => format!("metric {program}/{id}"),
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
                Target::Deliverable { .. } | Target::Metric { .. } => words::short(c),
                _ => words::sentence(c),
            };
            let _ = writeln!(
                out,
                "{}  {}  {}  {}",
                e.date,
                crate::repo::short_id(e.commit),
                crate::escape::escape_control(&e.author),
                crate::escape::escape_control(&change)
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
    crate::escape::pretty_json(&list)
}
