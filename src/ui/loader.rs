//! Loading for the board. A revision (`--rev`, a bare repository) loads
//! as everywhere else. The working tree loads the same way, but keeps what
//! it read: the files' bytes, which the board's writes are planned against
//! (a file whose bytes on disk are no longer these "changed since it was
//! read"), and each file parsed, so that the next load parses again only
//! the files whose bytes changed. A file's reading depends only on its
//! path and bytes: the result equals a full [`load`].

use std::collections::HashMap;
use std::sync::Arc;

use crate::diag::Diagnostic;
use crate::graph::NeedGraph;
use crate::load::{
    LoadOptions, Plans, RawFile, Source, build_keeping_graph, load, par_map, parse_raw,
    read_worktree,
};
use crate::model::Portfolio;
use crate::parse::ParsedFile;
use crate::repo::{self, LoadError, Workspace};
use crate::write::{Draft, PlanFiles};

/// The working tree's plan files as the board read them, and each one
/// parsed (in the same order; shared between loads, never changed).
#[derive(Clone)]
pub struct Files {
    pub plan_files: PlanFiles,
    parsed: Vec<Arc<ParsedFile>>,
}

impl Files {
    /// Every file parsed, the draft's file from its new bytes (`edited`):
    /// what the plans will be once the draft is written.
    pub fn parsed_with(&self, draft: &Draft, edited: &ParsedFile) -> Vec<ParsedFile> {
        let files = self.plan_files.files();
        let at: Vec<usize> = (0..self.parsed.len()).collect();
        par_map(&at, |&i| {
            if files.get(i).is_some_and(|f| f.path == draft.path) {
                edited.clone()
            } else {
                ParsedFile::clone(&self.parsed[i])
            }
        })
    }

    /// Every file parsed, as read.
    pub fn parsed(&self) -> Vec<ParsedFile> {
        copies(&self.parsed)
    }

    /// These files with the draft's file holding its new bytes, parsed
    /// (`edited`): what the board has read once the draft is written.
    pub fn written(&self, draft: &Draft, edited: ParsedFile) -> Files {
        let at = self
            .plan_files
            .files()
            .iter()
            .position(|f| f.path == draft.path);
        let mut raw = self.plan_files.files().to_vec();
        let mut parsed = self.parsed.clone();
        if let Some(i) = at {
            raw[i].content = Ok(Arc::new(draft.after.clone()));
            parsed[i] = Arc::new(edited);
        }
        let p = &self.plan_files;
        // The workspace was not bare when these files were read.
        let plan_files =
            PlanFiles::new(p.workspace.clone(), p.boards.clone(), p.max_file_size, raw)
                .unwrap_or_else(|_| p.clone());
        Files { plan_files, parsed }
    }
}

/// The plans `opts` name; from the working tree, with the files read
/// (reusing `previous`'s readings where a file's bytes are the same).
pub(super) fn load_plans(
    opts: &LoadOptions,
    previous: Option<&Files>,
) -> Result<(Plans, Option<Files>), LoadError> {
    let workspace = Workspace::discover(opts.repo.as_deref())?;
    if opts.rev.is_some() || workspace.bare {
        return Ok((load(opts)?, None));
    }
    let boards = repo::normalize_boards(&opts.boards)?;
    let mut raw = read_worktree(&workspace.root, &boards, opts.max_file_size)?;
    let parsed = reuse(&mut raw, previous);
    let files = raw.len();
    let plan_files =
        match PlanFiles::new(workspace.clone(), boards.clone(), opts.max_file_size, raw) {
            Ok(p) => p,
            // Not bare (checked above): cannot happen; load as everywhere.
            Err(_) => return Ok((load(opts)?, None)),
        };
    let built = build_keeping_graph(copies(&parsed));
    let plans = Plans {
        portfolio: built.portfolio,
        diagnostics: built.diagnostics,
        files,
        source: Source::WorkTree,
        workspace,
        boards,
        graph: built.graph,
    };
    Ok((plans, Some(Files { plan_files, parsed })))
}

/// The plans once a checked draft is written: `built` is what the check
/// built from `files` (the board's files with the draft's new bytes). When
/// the working tree still holds exactly those bytes, that is the load;
/// otherwise (another file changed meanwhile) the changed files are read.
pub(super) fn after_write(
    opts: &LoadOptions,
    files: Files,
    built: (Portfolio, Vec<Diagnostic>, Arc<NeedGraph>),
) -> Result<(Plans, Option<Files>), LoadError> {
    let p = &files.plan_files;
    let raw = read_worktree(&p.workspace.root, &p.boards, opts.max_file_size)?;
    let same = raw.len() == p.files().len()
        && raw
            .iter()
            .zip(p.files())
            .all(|(a, b)| a.path == b.path && a.content == b.content);
    if !same {
        return load_plans(opts, Some(&files));
    }
    let (portfolio, diagnostics, graph) = built;
    let plans = Plans {
        portfolio,
        diagnostics,
        files: raw.len(),
        source: Source::WorkTree,
        workspace: p.workspace.clone(),
        boards: p.boards.clone(),
        graph,
    };
    Ok((plans, Some(files)))
}

/// Copies of the readings, for a build (which takes them), made on every
/// core: a deep copy of 20,000 deliverables is not free.
fn copies(parsed: &[Arc<ParsedFile>]) -> Vec<ParsedFile> {
    par_map(parsed, |p| ParsedFile::clone(p))
}

/// Each file parsed: taken from `previous` where its path and bytes are
/// the same, else parsed (on every core). The bytes of a file that has
/// not changed become `previous`'s: one copy held across reloads, not two.
fn reuse(raw: &mut [RawFile], previous: Option<&Files>) -> Vec<Arc<ParsedFile>> {
    let known: HashMap<&Arc<str>, usize> = previous
        .map(|p| {
            let files = p.plan_files.files().iter();
            files.enumerate().map(|(i, f)| (&f.path, i)).collect()
        })
        .unwrap_or_default();
    // Where each file stands in `previous` with the same bytes, if it does.
    let same: Vec<Option<usize>> = raw
        .iter_mut()
        .map(|file| {
            let prev = previous?.plan_files.files();
            let at = *known.get(&file.path)?;
            (prev[at].content == file.content).then(|| {
                file.content = prev[at].content.clone();
                at
            })
        })
        .collect();
    let fresh: Vec<usize> = (0..raw.len()).filter(|&i| same[i].is_none()).collect();
    let mut parsed = par_map(&fresh, |&i| parse_raw(&raw[i])).into_iter();
    let cached = |at: usize| previous.map(|p| p.parsed[at].clone());
    same.iter()
        .map(|&at| match at.and_then(cached) {
            Some(p) => p,
            None => Arc::new(parsed.next().unwrap_or_default()),
        })
        .collect()
}

/// The plan files of the working tree that differ from HEAD (changed,
/// staged, new or deleted), repository-relative: what the board marks as
/// uncommitted. git's status compares by the index's stat data and hashes
/// only files whose stat changed; the index is not written. Nothing for a
/// revision, or outside a repository.
pub fn uncommitted(plans: &Plans) -> Vec<String> {
    if plans.source != Source::WorkTree || plans.workspace.bare {
        return Vec::new();
    }
    let Ok(repo) = plans.workspace.git("status") else {
        return Vec::new();
    };
    let Ok(changed) = repo.changed_paths(&plans.boards) else {
        return Vec::new();
    };
    let mut out: Vec<String> = changed
        .into_iter()
        .filter(|p| p.ends_with(".toml"))
        .collect();
    out.sort();
    out.dedup();
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A reload holds one copy of each unchanged file's bytes: the
    /// previous load's.
    #[test]
    fn unchanged_bytes_are_shared_across_reloads() {
        let dir = tempfile::TempDir::new().expect("tempdir");
        let boards = dir.path().join("boards");
        std::fs::create_dir_all(&boards).expect("mkdir");
        let plan = |name: &str| format!("[program]\nname = \"{name}\"\n");
        std::fs::write(boards.join("a.toml"), plan("A")).expect("write");
        std::fs::write(boards.join("b.toml"), plan("B")).expect("write");
        let opts = LoadOptions {
            repo: Some(dir.path().to_path_buf()),
            ..LoadOptions::default()
        };
        let (_, first) = load_plans(&opts, None).expect("load");
        let first = first.expect("files of the working tree");
        std::fs::write(boards.join("b.toml"), plan("B2")).expect("write");
        let (plans, again) = load_plans(&opts, Some(&first)).expect("reload");
        let again = again.expect("files of the working tree");
        let shared = |i: usize| {
            let (was, now) = (&first.plan_files.files()[i], &again.plan_files.files()[i]);
            match (&was.content, &now.content) {
                (Ok(a), Ok(b)) => Arc::ptr_eq(a, b),
                _ => false,
            }
        };
        assert!(shared(0), "a.toml did not change: one copy");
        assert!(!shared(1), "b.toml changed: its new bytes");
        assert_eq!(plans.portfolio.programs[1].name, "B2");
    }
}
