//! What this session of the board wrote: the undo records, newest last,
//! and for each plan file written what it held before the first write and
//! after the last. The commit dialog commits exactly those files, and only
//! while their changes are all the board's: HEAD still holds the bytes
//! from before the first write, and the working tree the last bytes
//! written (see [`crate::write::prepare_written`]).

use std::collections::BTreeMap;
use std::sync::Arc;

use crate::git::ObjectId;

use crate::write::{Undo, WrittenFile, content_id};

#[derive(Clone, Debug, Default)]
pub struct WriteLog {
    /// Undo records, newest last.
    pub undo: Vec<Done>,
    files: BTreeMap<Arc<str>, Tracked>,
}

/// A write of this session that undo can take back.
#[derive(Clone, Debug)]
pub struct Done {
    pub record: Undo,
    /// What the write said ("status of … doing → done").
    pub words: String,
    /// A commit of the board's took it since: undoing it reverts a
    /// committed change (said, not asked).
    pub committed: bool,
}

#[derive(Clone, Debug, PartialEq, Eq)]
struct Tracked {
    /// HEAD's blob before the first write, if the file was as HEAD had it.
    base: Option<ObjectId>,
    written: ObjectId,
    /// The file held bytes the board did not write when it wrote again
    /// (an editor, a pull): committing it would commit those too.
    mixed: bool,
}

impl WriteLog {
    /// A write of `undo.path` (whose bytes before were `undo.previous`);
    /// `base`: HEAD's blob of the file then, if the file was as HEAD had it.
    pub fn wrote(&mut self, undo: Undo, words: String, base: Option<ObjectId>) {
        self.track(&undo, base);
        self.undo.push(Done {
            record: undo,
            words,
            committed: false,
        });
    }

    /// An undo was written; `redo` is what undoes it again, `base` HEAD's
    /// blob of the file before the undo if the file was as HEAD had it
    /// (after a commit: the undo is the board's own write, to commit like
    /// any other). Returns the write it took back.
    pub fn undone(&mut self, redo: &Undo, base: Option<ObjectId>) -> Option<Done> {
        self.track(redo, base);
        self.undo.pop()
    }

    fn track(&mut self, write: &Undo, base: Option<ObjectId>) {
        let before = content_id(&write.previous);
        match self.files.get_mut(&write.path) {
            Some(t) => {
                t.mixed |= t.written != before;
                t.written = write.written;
            }
            None => {
                let t = Tracked {
                    base,
                    written: write.written,
                    mixed: false,
                };
                self.files.insert(write.path.clone(), t);
            }
        }
    }

    /// The files to commit, or the first that cannot be committed by the
    /// board and why.
    pub fn to_commit(&self) -> Result<Vec<WrittenFile>, String> {
        let mut out = Vec::new();
        for (path, t) in &self.files {
            if t.mixed {
                return Err(format!(
                    "{path} also has changes the board did not make: commit it with git"
                ));
            }
            out.push(WrittenFile {
                path: path.clone(),
                base: t.base,
                written: t.written,
            });
        }
        Ok(out)
    }

    /// Whether this session wrote anything.
    pub fn wrote_anything(&self) -> bool {
        !self.files.is_empty()
    }

    /// The files were committed: their changes are HEAD's now, and the
    /// next write starts afresh from there.
    pub fn committed(&mut self) {
        self.files.clear();
        for done in &mut self.undo {
            done.committed = true;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn undo(path: &str, previous: &str, written: &str) -> Undo {
        Undo {
            path: path.into(),
            file: path.into(),
            previous: previous.as_bytes().to_vec(),
            written: content_id(written.as_bytes()),
        }
    }

    #[test]
    fn tracks_the_first_base_and_the_last_write() {
        let mut s = WriteLog::default();
        assert!(!s.wrote_anything());
        let head = Some(ObjectId::for_blob(b"v1"));
        s.wrote(undo("a", "v1", "v2"), "one".into(), head);
        s.wrote(undo("a", "v2", "v3"), "two".into(), None);
        let files = s.to_commit().unwrap();
        assert_eq!(files.len(), 1);
        assert_eq!(files[0].base, head, "the first write's");
        assert_eq!(files[0].written, content_id(b"v3"));
        // Someone else's edit between two writes: not the board's to commit.
        s.wrote(undo("a", "v3 edited", "v4"), "three".into(), None);
        assert!(s.to_commit().unwrap_err().contains("did not make"));
        s.committed();
        assert!(!s.wrote_anything());
        assert_eq!(s.undo.len(), 3, "undo outlives a commit");
        assert!(s.undo.iter().all(|d| d.committed));
    }

    /// After a commit, an undo of the committed write is the board's own
    /// write from HEAD's bytes: it can be committed in turn.
    #[test]
    fn an_undo_after_a_commit_is_the_boards_own_write() {
        let mut s = WriteLog::default();
        let v1 = Some(ObjectId::for_blob(b"v1"));
        let v2 = Some(ObjectId::for_blob(b"v2"));
        s.wrote(undo("a", "v1", "v2"), "one".into(), v1);
        s.committed();
        let done = s.undone(&undo("a", "v2", "v1"), v2).expect("undone");
        assert!(done.committed);
        assert_eq!(done.words, "one");
        let files = s.to_commit().expect("committable");
        assert_eq!(files[0].base, v2);
        assert_eq!(files[0].written, content_id(b"v1"));
    }
}
