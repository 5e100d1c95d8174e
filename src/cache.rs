//! Parsed plan files by git blob id, one cache for every reader of git
//! history: `diff`'s two sides, `log` and metric history, the stand-up.
//! A file unchanged between two commits is parsed once, wherever it lives;
//! what depends on its path is worked out on each use
//! ([`ParsedFile::at_path`]), never taken from another path's reading.

use std::collections::hash_map::Entry;
use std::collections::{HashMap, HashSet};
use std::hash::Hasher;
use std::sync::Arc;

use crate::git::{ObjectId, Repo, TreeFile};
use crate::graph::{IdHasher, IdMap};
use crate::load::{RawFile, par_map, parse_raw, read_blob, read_tree_files};
use crate::parse::{
    EarlierSections, ParsedFile, Reading, Section, SectionMemo, SectionSpan, parse_file_reusing,
    read_file,
};
use crate::repo::LoadError;

mod heads;

/// Parsed plan files by blob id: a file unchanged between two commits is
/// parsed once, wherever it lives. A changed program file re-reads only its
/// changed `[[deliverable]]` sections (see [`parse_file_reusing`]): the
/// others are copied from the other side's files, found by their text.
#[derive(Default)]
pub(crate) struct BlobCache {
    parsed: HashMap<ObjectId, ParsedFile>,
    /// The sections of the files parsed for a later side that were read the
    /// general way, by their text.
    sections: SectionMemo,
    /// The bytes of the files parsed for a later side, with where their
    /// cleanly read sections stand.
    kept: HashMap<ObjectId, (Arc<Vec<u8>>, Vec<SectionSpan>)>,
    /// Those sections by the hash of their text.
    by_text: IdMap<u64, Vec<(ObjectId, usize)>>,
    /// The blobs a later side will ask for, when known: a kept side copies
    /// only these out of the cache and moves the rest.
    later: Option<HashSet<ObjectId>>,
    /// Files' heads alone, without their deliverables (see `heads.rs`).
    heads: HashMap<ObjectId, ParsedFile>,
    /// The blobs asked for since the last [`BlobCache::retain_used`].
    used: HashSet<ObjectId>,
}

/// One file just parsed, with what it offers a later side: where its clean
/// sections stand, and the hashes of their text.
pub(crate) struct Fresh {
    pub(crate) parsed: ParsedFile,
    spans: Vec<SectionSpan>,
    hashes: Vec<u64>,
}

/// The sections a file being parsed can take from files parsed before.
struct Earlier<'a> {
    memo: &'a SectionMemo,
    parsed: &'a HashMap<ObjectId, ParsedFile>,
    kept: &'a HashMap<ObjectId, (Arc<Vec<u8>>, Vec<SectionSpan>)>,
    by_text: &'a IdMap<u64, Vec<(ObjectId, usize)>>,
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
    pub(crate) fn expect_later(&mut self, blobs: impl IntoIterator<Item = ObjectId>) {
        self.later = Some(blobs.into_iter().collect());
    }

    /// Reads and parses the blobs of `files` not parsed yet, ahead of their
    /// side (which then takes them from the cache): lets that work overlap
    /// other work, such as resolving the other revision.
    pub(crate) fn parse_ahead(&mut self, repo: &Repo, files: &[TreeFile], limit: u64) {
        let missing = self.unparsed(files);
        // A blob that cannot be read is read again with its side, which
        // reports the damage.
        if let Ok(raw) = read_tree_files(repo, &missing, limit) {
            let oids: Vec<ObjectId> = missing.iter().map(|f| f.oid).collect();
            let keep = vec![true; raw.len()];
            self.parse_blobs(raw, &oids, &keep);
        }
    }

    /// The files whose blobs are not parsed yet, each blob once (a blob can
    /// stand at two paths).
    pub(crate) fn unparsed(&self, files: &[TreeFile]) -> Vec<TreeFile> {
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
    pub(crate) fn parse_blobs(&mut self, raw: Vec<RawFile>, oids: &[ObjectId], keep: &[bool]) {
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
    pub(crate) fn parse_new(&mut self, raw: &[RawFile], keep: &[bool]) -> Vec<Fresh> {
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
    pub(crate) fn read_again(&self, oid: ObjectId) -> Option<bool> {
        self.later.as_ref().map(|l| l.contains(&oid))
    }

    /// Whether a later side has blobs left to parse (or is unknown).
    pub(crate) fn later_pending(&self) -> bool {
        self.later
            .as_ref()
            .is_none_or(|l| l.iter().any(|oid| !self.parsed.contains_key(oid)))
    }

    /// The blob `oid` as read from `path`, parsed now if it is not cached;
    /// `Err` when git cannot read it (a damaged repository).
    pub(crate) fn get(
        &mut self,
        repo: &Repo,
        oid: ObjectId,
        path: &Arc<str>,
        limit: u64,
    ) -> Result<ParsedFile, LoadError> {
        self.used.insert(oid);
        let parsed = match self.parsed.entry(oid) {
            Entry::Occupied(e) => e.into_mut(),
            Entry::Vacant(e) => e.insert(read_blob_file(repo, oid, path, limit)?),
        };
        Ok(parsed.clone().at_path(path))
    }

    /// As [`BlobCache::get`], a blob not parsed yet is parsed taking the
    /// unchanged `[[deliverable]]` sections of the blobs parsed this way
    /// before (kept for that): a history reads version after version of
    /// a file, each a few sections away from the one before.
    pub(crate) fn get_reusing(
        &mut self,
        repo: &Repo,
        oid: ObjectId,
        path: &Arc<str>,
        limit: u64,
    ) -> Result<ParsedFile, LoadError> {
        if !self.parsed.contains_key(&oid) {
            let content = read_blob(repo, oid, path, limit)?;
            let raw = RawFile {
                path: path.clone(),
                content: content.map(Arc::new),
            };
            self.parse_blobs(vec![raw], &[oid], &[true]);
        }
        self.get(repo, oid, path, limit)
    }

    /// Like [`BlobCache::get`], but moves the parsed file out: for the last
    /// use of a blob (the second side of a diff), saving a deep copy.
    pub(crate) fn take(
        &mut self,
        repo: &Repo,
        oid: ObjectId,
        path: &Arc<str>,
        limit: u64,
    ) -> Result<ParsedFile, LoadError> {
        Ok(match self.parsed.remove(&oid) {
            Some(parsed) => parsed.at_path(path),
            None => read_blob_file(repo, oid, path, limit)?.at_path(path),
        })
    }

    /// The head of the blob `oid` as read from `path` (`[program]`, team,
    /// milestones and metrics; no deliverables): read now if it is not
    /// cached; `Err` when git cannot read it.
    pub(crate) fn head(
        &mut self,
        repo: &Repo,
        oid: ObjectId,
        path: &Arc<str>,
        limit: u64,
    ) -> Result<ParsedFile, LoadError> {
        self.used.insert(oid);
        let head = match self.heads.entry(oid) {
            Entry::Occupied(e) => e.into_mut(),
            Entry::Vacant(e) => e.insert(match read_blob(repo, oid, path, limit)? {
                Ok(bytes) => heads::read_head(path.clone(), &bytes),
                Err(why) => unreadable(path, why),
            }),
        };
        Ok(head.clone().at_path(path))
    }

    /// A file whose bytes were read already (the working tree), cached by
    /// their blob id; a file that could not be read is not cached: it may
    /// be readable soon.
    pub(crate) fn get_read(
        &mut self,
        oid: ObjectId,
        path: &Arc<str>,
        bytes: &Result<Arc<Vec<u8>>, String>,
    ) -> ParsedFile {
        let Ok(content) = bytes else {
            return unreadable(path, bytes.clone().err().unwrap_or_default());
        };
        self.used.insert(oid);
        let parsed = self
            .parsed
            .entry(oid)
            .or_insert_with(|| read_file(path.clone(), content));
        parsed.clone().at_path(path)
    }

    /// Forgets every blob not asked for since the last call: a cache that
    /// lives for days (the stand-up) keeps only its working set.
    pub(crate) fn retain_used(&mut self) {
        let used = std::mem::take(&mut self.used);
        self.parsed.retain(|oid, _| used.contains(oid));
        self.heads.retain(|oid, _| used.contains(oid));
        self.kept.retain(|oid, _| used.contains(oid));
        self.by_text.retain(|_, at| {
            at.retain(|(oid, _)| used.contains(oid));
            !at.is_empty()
        });
        self.sections = SectionMemo::default();
    }

    /// A history walk's [`BlobCache::retain_used`]: once a step has used
    /// blobs, those of the steps before it go (the next step reads this
    /// one's older versions, or files further back).
    pub(crate) fn retain_recent(&mut self) {
        if !self.used.is_empty() {
            self.retain_used();
        }
    }

    /// How many parsed blobs it holds.
    pub(crate) fn len(&self) -> usize {
        self.parsed.len()
    }
}

/// A blob read and parsed (without what depends on its path), or the
/// reason it was not read (too large) as a problem of the file; `Err` when
/// git cannot read it.
fn read_blob_file(
    repo: &Repo,
    oid: ObjectId,
    path: &Arc<str>,
    limit: u64,
) -> Result<ParsedFile, LoadError> {
    Ok(match read_blob(repo, oid, path, limit)? {
        Ok(bytes) => read_file(path.clone(), &bytes),
        Err(why) => unreadable(path, why),
    })
}

fn unreadable(path: &Arc<str>, why: String) -> ParsedFile {
    crate::load::unread(path, &why)
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;
    use crate::parse::parse_file;

    /// Plan files that differ in what depends on their path: a program
    /// (its id is the file stem), a roster, a file with an error.
    const CONTENTS: [&str; 4] = [
        "[program]\nname = \"P\"\n\n[[deliverable]]\nid = \"a\"\ntitle = \"A\"\nowner = \"mei\"\ndue = 2027-02-01\n",
        "[[person]]\nid = \"mei\"\nname = \"Mei\"\n",
        "[program]\nname = \"Q\"\nstrange = 1\n\n[[deliverable]]\nid = \"Bad Id\"\ntitle = \"B\"\nowner = \"mei\"\ndue = 2027-02-30\n",
        "not toml [",
    ];
    const PATHS: [&str; 4] = [
        "boards/launch.toml",
        "boards/sub/other.toml",
        "boards/Bad Name.toml",
        "boards/\u{1b}]0;x\u{7}.toml",
    ];

    #[derive(Clone, Debug)]
    enum Op {
        Get(usize, usize),
        Reusing(usize, usize),
        Take(usize, usize),
        GetRead(usize, usize),
        Retain,
    }

    fn op() -> impl Strategy<Value = Op> {
        let file = (0..CONTENTS.len(), 0..PATHS.len());
        prop_oneof![
            file.clone().prop_map(|(c, p)| Op::Get(c, p)),
            file.clone().prop_map(|(c, p)| Op::Reusing(c, p)),
            file.clone().prop_map(|(c, p)| Op::Take(c, p)),
            file.prop_map(|(c, p)| Op::GetRead(c, p)),
            Just(Op::Retain),
        ]
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(96))]

        /// Whatever was asked before, at whatever path, the cache answers
        /// exactly what parsing the bytes at the asked path gives.
        #[test]
        fn answers_as_a_fresh_parse_at_the_asked_path(ops in prop::collection::vec(op(), 1..24)) {
            let dir = tempfile::TempDir::new().expect("tempdir");
            let repo = Repo::init(dir.path()).expect("repo");
            let oids: Vec<ObjectId> = CONTENTS
                .iter()
                .map(|c| repo.write_blob(c.as_bytes()).expect("blob"))
                .collect();
            let mut cache = BlobCache::default();
            for op in ops {
                let (c, p) = match op {
                    Op::Get(c, p) | Op::Reusing(c, p) | Op::Take(c, p) | Op::GetRead(c, p) => (c, p),
                    Op::Retain => {
                        cache.retain_used();
                        continue;
                    }
                };
                let path: Arc<str> = Arc::from(PATHS[p]);
                let got = match op {
                    Op::Get(..) => cache.get(&repo, oids[c], &path, u64::MAX).expect("read"),
                    Op::Reusing(..) => cache.get_reusing(&repo, oids[c], &path, u64::MAX).expect("read"),
                    Op::Take(..) => cache.take(&repo, oids[c], &path, u64::MAX).expect("read"),
                    _ => cache.get_read(oids[c], &path, &Ok(Arc::new(CONTENTS[c].as_bytes().to_vec()))),
                };
                let want = parse_file(path.clone(), CONTENTS[c].as_bytes());
                prop_assert_eq!(format!("{got:?}"), format!("{want:?}"));
            }
        }
    }

    #[test]
    fn an_unreadable_file_is_not_cached() {
        let mut cache = BlobCache::default();
        let path: Arc<str> = Arc::from("boards/a.toml");
        let got = cache.get_read(ObjectId::ZERO, &path, &Err("cannot read: busy".into()));
        assert_eq!(got.diagnostics.len(), 1);
        assert_eq!(cache.len(), 0);
        let ok = cache.get_read(
            ObjectId::ZERO,
            &path,
            &Ok(Arc::new(CONTENTS[1].as_bytes().to_vec())),
        );
        assert_eq!(ok.people.len(), 1, "read now, not the old failure");
    }

    #[test]
    fn retain_keeps_only_what_was_asked_for_since_the_last_call() {
        let mut cache = BlobCache::default();
        let a: Arc<str> = Arc::from("boards/a.toml");
        let bytes = |i: usize| -> Result<Arc<Vec<u8>>, String> {
            Ok(Arc::new(CONTENTS[i].as_bytes().to_vec()))
        };
        let one = ObjectId::for_blob(CONTENTS[0].as_bytes());
        let two = ObjectId::for_blob(CONTENTS[1].as_bytes());
        cache.get_read(one, &a, &bytes(0));
        cache.get_read(two, &a, &bytes(1));
        cache.retain_used();
        assert_eq!(cache.len(), 2);
        cache.get_read(two, &a, &bytes(1));
        cache.retain_used();
        assert_eq!(cache.len(), 1);
    }
}
