//! Loading the two sides of a comparison: the working tree or a revision,
//! read from git objects with every distinct blob parsed once.

use std::collections::{HashMap, HashSet};
use std::hash::Hasher;
use std::sync::Arc;

use git2::{Oid, Repository};

use crate::diag::Diagnostic;
use crate::graph::{IdHasher, IdMap};
use crate::load::{
    RawFile, assemble, par_map, parse_raw, read_blob, read_tree_files, read_worktree,
};
use crate::model::{Portfolio, Pos};
use crate::parse::{
    EarlierSections, ParsedFile, Reading, Section, SectionMemo, SectionSpan, parse_file,
    parse_file_reusing,
};
use crate::repo::{LoadError, TreeFile, Workspace, list_plan_files, resolve_commit};

/// Parsed plan files by blob id: a file unchanged between two commits is
/// parsed once, wherever it lives. A changed program file re-reads only its
/// changed `[[deliverable]]` sections (see [`parse_file_reusing`]): the
/// others are copied from the other side's files, found by their text.
#[derive(Default)]
pub struct BlobCache {
    parsed: HashMap<Oid, ParsedFile>,
    /// The sections of the files parsed for a later side that were read the
    /// general way, by their text.
    sections: SectionMemo,
    /// The bytes of the files parsed for a later side, with where their
    /// cleanly read sections stand.
    kept: HashMap<Oid, (Vec<u8>, Vec<SectionSpan>)>,
    /// Those sections by the hash of their text.
    by_text: IdMap<u64, Vec<(Oid, usize)>>,
    /// The blobs a later side will ask for, when known: a kept side copies
    /// only these out of the cache and moves the rest.
    later: Option<HashSet<Oid>>,
}

/// One file just parsed, with what it offers a later side: where its clean
/// sections stand, and the hashes of their text.
struct Fresh {
    parsed: ParsedFile,
    spans: Vec<SectionSpan>,
    hashes: Vec<u64>,
}

/// The sections a file being parsed can take from files parsed before.
struct Earlier<'a> {
    memo: &'a SectionMemo,
    parsed: &'a HashMap<Oid, ParsedFile>,
    kept: &'a HashMap<Oid, (Vec<u8>, Vec<SectionSpan>)>,
    by_text: &'a IdMap<u64, Vec<(Oid, usize)>>,
}

impl EarlierSections for Earlier<'_> {
    fn section(&self, body: &str) -> Option<Section> {
        if let Some(s) = self.memo.section(body) {
            return Some(s);
        }
        let candidates = self.by_text.get(&text_hash(body.as_bytes()))?;
        candidates.iter().find_map(|&(oid, i)| {
            let (bytes, spans) = self.kept.get(&oid)?;
            let span = spans.get(i)?;
            if bytes.get(span.text.clone())? != body.as_bytes() {
                return None;
            }
            // Gone once the other side took the file: read it again.
            let program = self.parsed.get(&oid)?.program.as_ref()?;
            let d = program.deliverables.get(span.deliverable)?;
            Some(Section::copied(d, span.lines_before))
        })
    }
}

fn text_hash(bytes: &[u8]) -> u64 {
    let mut h = IdHasher::default();
    h.write(bytes);
    h.finish()
}

impl BlobCache {
    /// Tells the cache which blobs the next side will read.
    pub fn expect_later(&mut self, blobs: impl IntoIterator<Item = Oid>) {
        self.later = Some(blobs.into_iter().collect());
    }

    /// Reads and parses the blobs of `files` not parsed yet, ahead of their
    /// side (which then takes them from the cache): lets that work overlap
    /// other work, such as resolving the other revision.
    pub fn parse_ahead(&mut self, repo: &Repository, files: &[TreeFile], limit: u64) {
        let missing = self.unparsed(files);
        // A blob that cannot be read is read again with its side, which
        // reports it.
        if let Ok(raw) = read_tree_files(repo, &missing, limit) {
            let oids: Vec<Oid> = missing.iter().map(|f| f.oid).collect();
            let keep = vec![true; raw.len()];
            self.parse_blobs(raw, &oids, &keep);
        }
    }

    /// The files whose blobs are not parsed yet, each blob once (a blob can
    /// stand at two paths).
    fn unparsed(&self, files: &[TreeFile]) -> Vec<TreeFile> {
        let mut seen = HashSet::new();
        files
            .iter()
            .filter(|f| !self.parsed.contains_key(&f.oid) && seen.insert(f.oid))
            .cloned()
            .collect()
    }

    /// Parses blobs not seen before into the cache, on every core, taking
    /// unchanged sections from files parsed earlier. The sections of `raw[i]`
    /// are kept for a later side when `keep[i]`.
    fn parse_blobs(&mut self, raw: Vec<RawFile>, oids: &[Oid], keep: &[bool]) {
        let fresh = self.parse_new(&raw, keep);
        for ((file, &oid), fresh) in raw.into_iter().zip(oids).zip(fresh) {
            if let (Ok(bytes), false) = (file.content, fresh.spans.is_empty()) {
                for (i, hash) in fresh.hashes.into_iter().enumerate() {
                    self.by_text.entry(hash).or_default().push((oid, i));
                }
                self.kept.insert(oid, (bytes, fresh.spans));
            }
            self.parsed.insert(oid, fresh.parsed);
        }
    }

    /// Parses files not seen before, on every core, taking unchanged
    /// sections from files parsed earlier. With `keep[i]`, what `raw[i]`
    /// offers a later side comes with it.
    fn parse_new(&mut self, raw: &[RawFile], keep: &[bool]) -> Vec<Fresh> {
        let earlier = Earlier {
            memo: &self.sections,
            parsed: &self.parsed,
            kept: &self.kept,
            by_text: &self.by_text,
        };
        let files: Vec<(&RawFile, bool)> = raw.iter().zip(keep.iter().copied()).collect();
        let readings = par_map(&files, |&(file, keep)| match &file.content {
            Ok(bytes) => {
                let reading = parse_file_reusing(file.path.clone(), bytes, Some(&earlier), keep);
                let hashes = reading
                    .spans
                    .iter()
                    .map(|s| text_hash(&bytes[s.text.clone()]))
                    .collect();
                (reading, hashes)
            }
            Err(_) => (Reading::alone(parse_raw(file)), Vec::new()),
        });
        readings
            .into_iter()
            .map(|(reading, hashes)| {
                if let Some(memo) = reading.memo {
                    self.sections.absorb(memo);
                }
                Fresh {
                    parsed: reading.parsed,
                    spans: reading.spans,
                    hashes,
                }
            })
            .collect()
    }

    /// Whether the next side reads this blob again; `None` when not known.
    fn read_again(&self, oid: Oid) -> Option<bool> {
        self.later.as_ref().map(|l| l.contains(&oid))
    }

    /// The file's content as if read from `path`.
    pub fn get(&mut self, repo: &Repository, oid: Oid, path: &Arc<str>, limit: u64) -> ParsedFile {
        let parsed = self.parsed.entry(oid).or_insert_with(|| {
            let bytes = repo
                .odb()
                .map_err(|e| e.message().to_string())
                .and_then(|odb| read_blob(&odb, oid, limit));
            match bytes {
                Ok(bytes) => parse_file(path.clone(), &bytes),
                Err(why) => ParsedFile {
                    diagnostics: vec![Diagnostic::error(path, Pos { line: 1, col: 1 }, why)],
                    ..ParsedFile::default()
                },
            }
        });
        if read_elsewhere(parsed, path) {
            parsed.at_path(path)
        } else {
            parsed.clone()
        }
    }

    /// Like [`BlobCache::get`], but moves the parsed file out: for the last
    /// use of a blob (the second side of a diff), saving a deep copy.
    pub fn take(&mut self, repo: &Repository, oid: Oid, path: &Arc<str>, limit: u64) -> ParsedFile {
        match self.parsed.remove(&oid) {
            Some(parsed) if read_elsewhere(&parsed, path) => parsed.at_path(path),
            Some(parsed) => parsed,
            None => self.get(repo, oid, path, limit),
        }
    }
}

/// True when the cached parse was made for another path (a moved file).
fn read_elsewhere(parsed: &ParsedFile, path: &Arc<str>) -> bool {
    parsed.diagnostics.first().is_some_and(|d| d.path != *path)
        || parsed.program.as_ref().is_some_and(|p| p.path != *path)
        || parsed.people.first().is_some_and(|p| p.path != *path)
}

/// One side of a comparison, loaded.
pub struct Side {
    /// `None` for the working tree.
    pub commit: Option<Oid>,
    /// How the user named it (`HEAD~3`, `working tree`).
    pub label: String,
    pub portfolio: Portfolio,
    pub diagnostics: Vec<Diagnostic>,
}

impl Side {
    pub fn errors(&self) -> impl Iterator<Item = &Diagnostic> {
        self.diagnostics.iter().filter(|d| d.is_error())
    }
}

/// Whether the parsed files of a side stay cached for a later side.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Reuse {
    Keep,
    LastUse,
}

/// Loads the plans of a commit from git objects through the cache, without
/// the cross-file checks (a comparison does not need them).
pub fn load_commit(
    repo: &Repository,
    commit: Oid,
    rev: &str,
    boards: &str,
    limit: u64,
    cache: &mut BlobCache,
    reuse: Reuse,
) -> Result<Side, LoadError> {
    let files = list_plan_files(repo, commit, boards)?.ok_or_else(|| LoadError::NoBoardsAtRev {
        rev: rev.to_string(),
        boards: boards.to_string(),
    })?;
    // Parse each blob not seen before, on every core; the rest come from the cache.
    let missing = cache.unparsed(&files);
    // A blob the next side reads again comes whole from the cache: only
    // blobs that will change need their sections kept, and only while the
    // next side has blobs left to parse.
    let pending = cache
        .later
        .as_ref()
        .is_none_or(|l| l.iter().any(|oid| !cache.parsed.contains_key(oid)));
    let keep: Vec<bool> = missing
        .iter()
        .map(|f| reuse == Reuse::Keep && pending && cache.read_again(f.oid) != Some(true))
        .collect();
    let raw = read_tree_files(repo, &missing, limit)?;
    let oids: Vec<Oid> = missing.iter().map(|f| f.oid).collect();
    cache.parse_blobs(raw, &oids, &keep);
    // A blob at two paths is moved out of the cache only at its last one.
    let last: HashMap<Oid, usize> = files.iter().enumerate().map(|(i, f)| (f.oid, i)).collect();
    let parsed = files
        .iter()
        .enumerate()
        .map(|(i, f)| {
            let path = Arc::from(f.path.as_str());
            let needed_later = match reuse {
                Reuse::Keep => cache.read_again(f.oid) != Some(false),
                Reuse::LastUse => false,
            };
            if needed_later || last.get(&f.oid) != Some(&i) {
                cache.get(repo, f.oid, &path, limit)
            } else {
                cache.take(repo, f.oid, &path, limit)
            }
        })
        .collect();
    let (portfolio, diagnostics) = assemble(parsed, false);
    Ok(Side {
        commit: Some(commit),
        label: rev.to_string(),
        portfolio,
        diagnostics,
    })
}

/// Loads a revision (`Some`) or the working tree (`None`).
pub fn load_side(
    workspace: &Workspace,
    repo: &Repository,
    rev: Option<&str>,
    boards: &str,
    limit: u64,
    cache: &mut BlobCache,
    reuse: Reuse,
) -> Result<Side, LoadError> {
    match rev {
        Some(rev) => {
            let commit = resolve_commit(repo, rev)?;
            load_commit(repo, commit, rev, boards, limit, cache, reuse)
        }
        None => {
            if workspace.bare {
                return Err(LoadError::NotGit {
                    what: "comparing with the working tree".into(),
                    dir: format!("{} (a bare repository has none)", workspace.root.display()),
                });
            }
            let raw = read_worktree(&workspace.root, boards, limit)?;
            let keep = vec![reuse == Reuse::Keep; raw.len()];
            let fresh = cache.parse_new(&raw, &keep);
            let parsed = fresh.into_iter().map(|f| f.parsed).collect();
            let (portfolio, diagnostics) = assemble(parsed, false);
            Ok(Side {
                commit: None,
                label: "working tree".to_string(),
                portfolio,
                diagnostics,
            })
        }
    }
}
