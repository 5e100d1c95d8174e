//! git's commit-graph file (`objects/info/commit-graph`, or the layers of
//! `objects/info/commit-graphs/`): each commit's tree, parents and time
//! without reading the commit itself. `git gc` writes it; `git log` walks
//! history through it, and so does `ringboard log` when it is there
//! (libgit2 1.9 does not use it for this). Any file that does not read as
//! the format says is ignored: the walk then reads the commits.

use std::path::Path;

use super::ObjectId;

/// One commit as the graph records it.
pub(super) struct GraphCommit {
    pub tree: ObjectId,
    pub parents: Vec<ObjectId>,
    /// The committer's time, Unix seconds.
    pub time: i64,
}

/// The layers of the graph, oldest (base) first; positions count across
/// all of them.
pub(super) struct CommitGraph {
    layers: Vec<Layer>,
}

struct Layer {
    data: Vec<u8>,
    /// Commits in the layers below this one.
    base: u32,
    count: u32,
    fanout: usize,
    oids: usize,
    commits: usize,
    /// Extra parents of merges with three or more.
    edges: Option<(usize, usize)>,
}

const HASH: usize = 20;
const CDAT_ENTRY: usize = HASH + 16;
const NO_PARENT: u32 = 0x7000_0000;
const EXTRA_EDGES: u32 = 0x8000_0000;
const LAST_EDGE: u32 = 0x8000_0000;

impl CommitGraph {
    /// The graph of the repository at `git_dir`, if it has a readable one.
    pub(super) fn open(git_dir: &Path) -> Option<CommitGraph> {
        let info = git_dir.join("objects").join("info");
        let files: Vec<std::path::PathBuf> =
            match std::fs::read_to_string(info.join("commit-graphs").join("commit-graph-chain")) {
                Ok(chain) => chain
                    .lines()
                    .map(|hash| {
                        info.join("commit-graphs")
                            .join(format!("graph-{}.graph", hash.trim()))
                    })
                    .collect(),
                Err(_) => vec![info.join("commit-graph")],
            };
        let mut layers = Vec::new();
        let mut base = 0u32;
        for (i, file) in files.iter().enumerate() {
            let layer = Layer::read(std::fs::read(file).ok()?, base, i)?;
            base = base.checked_add(layer.count)?;
            layers.push(layer);
        }
        (!layers.is_empty()).then_some(CommitGraph { layers })
    }

    /// The commit `oid`, when the graph holds it.
    pub(super) fn lookup(&self, oid: ObjectId) -> Option<GraphCommit> {
        let (layer, index) = self
            .layers
            .iter()
            .rev()
            .find_map(|l| Some((l, l.position(oid)?)))?;
        self.commit(layer, index)
    }

    fn oid_at(&self, position: u32) -> Option<ObjectId> {
        let layer = self
            .layers
            .iter()
            .find(|l| position >= l.base && position - l.base < l.count)?;
        layer.oid(position - layer.base)
    }

    fn commit(&self, layer: &Layer, index: u32) -> Option<GraphCommit> {
        let at = layer.commits + index as usize * CDAT_ENTRY;
        let entry = layer.data.get(at..at + CDAT_ENTRY)?;
        let tree = ObjectId::from_bytes(&entry[..HASH])?;
        let word =
            |k: usize| u32::from_be_bytes([entry[k], entry[k + 1], entry[k + 2], entry[k + 3]]);
        let (first, second) = (word(HASH), word(HASH + 4));
        let mut parents = Vec::new();
        if first != NO_PARENT {
            parents.push(self.oid_at(first)?);
        }
        if second & EXTRA_EDGES != 0 {
            let (start, end) = layer.edges?;
            let mut k = start + (second & !EXTRA_EDGES) as usize * 4;
            loop {
                let bytes = layer.data.get(k..(k + 4).min(end))?;
                let edge = u32::from_be_bytes(bytes.try_into().ok()?);
                parents.push(self.oid_at(edge & !LAST_EDGE)?);
                if edge & LAST_EDGE != 0 {
                    break;
                }
                k += 4;
            }
        } else if second != NO_PARENT {
            parents.push(self.oid_at(second)?);
        }
        // The low 34 bits of the last 8 bytes are the commit time.
        let high = i64::from(word(HASH + 8) & 0x3);
        let time = (high << 32) | i64::from(word(HASH + 12));
        Some(GraphCommit {
            tree,
            parents,
            time,
        })
    }
}

impl Layer {
    /// Checks the header and finds the chunks; `None` for anything else
    /// than a SHA-1 graph of the expected layer.
    fn read(data: Vec<u8>, base: u32, layer: usize) -> Option<Layer> {
        let header = data.get(..8)?;
        if &header[..4] != b"CGPH" || header[4] != 1 || header[5] != 1 {
            return None;
        }
        let chunks = usize::from(header[6]);
        if usize::from(header[7]) != layer {
            return None;
        }
        let mut found = [None::<(usize, usize)>; 4];
        for c in 0..chunks {
            let at = 8 + c * 12;
            let id = data.get(at..at + 4)?;
            let start = read_u64(&data, at + 4)?;
            let end = read_u64(&data, at + 16)?;
            let slot = match id {
                b"OIDF" => 0,
                b"OIDL" => 1,
                b"CDAT" => 2,
                b"EDGE" => 3,
                _ => continue,
            };
            if start > end || end > data.len() {
                return None;
            }
            found[slot] = Some((start, end));
        }
        let (fanout, fanout_end) = found[0]?;
        let (oids, oids_end) = found[1]?;
        let (commits, commits_end) = found[2]?;
        if fanout_end - fanout != 256 * 4 {
            return None;
        }
        let count = u32::from_be_bytes(
            data.get(fanout + 255 * 4..fanout + 256 * 4)?
                .try_into()
                .ok()?,
        );
        let n = count as usize;
        if oids_end - oids != n * HASH || commits_end - commits != n * CDAT_ENTRY {
            return None;
        }
        Some(Layer {
            data,
            base,
            count,
            fanout,
            oids,
            commits,
            edges: found[3],
        })
    }

    fn oid(&self, index: u32) -> Option<ObjectId> {
        let at = self.oids + index as usize * HASH;
        ObjectId::from_bytes(self.data.get(at..at + HASH)?)
    }

    /// The index of `oid` in this layer: a binary search within its
    /// first byte's range of the sorted ids.
    fn position(&self, oid: ObjectId) -> Option<u32> {
        let bytes = oid.as_bytes();
        let first = usize::from(*bytes.first()?);
        let bound = |k: usize| -> Option<u32> {
            let at = self.fanout + k * 4;
            Some(u32::from_be_bytes(
                self.data.get(at..at + 4)?.try_into().ok()?,
            ))
        };
        let mut lo = if first == 0 { 0 } else { bound(first - 1)? };
        let mut hi = bound(first)?.min(self.count);
        while lo < hi {
            let mid = lo + (hi - lo) / 2;
            let at = self.oids + mid as usize * HASH;
            match self.data.get(at..at + HASH)?.cmp(bytes) {
                std::cmp::Ordering::Less => lo = mid + 1,
                std::cmp::Ordering::Greater => hi = mid,
                std::cmp::Ordering::Equal => return Some(mid),
            }
        }
        None
    }
}

/// The chunk table gives each chunk's offset; the next entry's offset is
/// where it ends.
fn read_u64(data: &[u8], at: usize) -> Option<usize> {
    let bytes: [u8; 8] = data.get(at..at + 8)?.try_into().ok()?;
    usize::try_from(u64::from_be_bytes(bytes)).ok()
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    /// A repository of three commits (one a merge) with git's own graph.
    fn repo_with_graph() -> (tempfile::TempDir, Vec<ObjectId>) {
        let dir = tempfile::TempDir::new().expect("tempdir");
        let repo = git2::Repository::init(dir.path()).expect("init");
        let sig = git2::Signature::new("A", "a@example.com", &git2::Time::new(1_800_000_000, 0))
            .expect("sig");
        let tree = repo
            .find_tree(repo.treebuilder(None).expect("tb").write().expect("tree"))
            .expect("tree");
        let a = repo.commit(None, &sig, &sig, "a", &tree, &[]).expect("a");
        let ca = repo.find_commit(a).expect("a");
        let b = repo
            .commit(None, &sig, &sig, "b", &tree, &[&ca])
            .expect("b");
        let c = repo
            .commit(None, &sig, &sig, "c", &tree, &[&ca])
            .expect("c");
        let (cb, cc) = (
            repo.find_commit(b).expect("b"),
            repo.find_commit(c).expect("c"),
        );
        let m = repo
            .commit(Some("HEAD"), &sig, &sig, "m", &tree, &[&cb, &cc])
            .expect("m");
        let ok = std::process::Command::new("git")
            .args(["commit-graph", "write", "--reachable"])
            .current_dir(dir.path())
            .status()
            .is_ok_and(|s| s.success());
        assert!(ok, "git commit-graph write");
        (dir, [a, b, c, m].into_iter().map(ObjectId::from).collect())
    }

    #[test]
    fn reads_trees_parents_and_times_as_git_wrote_them() {
        let (dir, commits) = repo_with_graph();
        let graph = CommitGraph::open(&dir.path().join(".git")).expect("graph");
        let repo = git2::Repository::open(dir.path()).expect("open");
        for oid in commits {
            let commit = repo.find_commit(oid.raw()).expect("commit");
            let got = graph.lookup(oid).expect("in the graph");
            assert_eq!(got.tree, commit.tree_id().into());
            let parents: Vec<ObjectId> = commit.parent_ids().map(ObjectId::from).collect();
            assert_eq!(got.parents, parents);
            assert_eq!(got.time, commit.time().seconds());
        }
        assert!(graph.lookup(ObjectId::ZERO).is_none());
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]

        /// A real graph with bytes changed anywhere is read or refused,
        /// never a panic, whatever is looked up in it.
        #[test]
        fn a_damaged_graph_never_panics(
            edits in prop::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 1..8),
        ) {
            let (dir, commits) = repo_with_graph();
            let file = dir.path().join(".git/objects/info/commit-graph");
            let mut data = std::fs::read(&file).expect("graph");
            for (at, byte) in edits {
                let i = at.index(data.len());
                data[i] = byte;
            }
            if let Some(layer) = Layer::read(data, 0, 0) {
                let graph = CommitGraph { layers: vec![layer] };
                for oid in commits {
                    let _ = graph.lookup(oid);
                }
            }
        }

        /// Whatever bytes the file holds, reading it never panics.
        #[test]
        fn any_bytes_are_read_or_refused(bytes in prop::collection::vec(any::<u8>(), 0..600)) {
            let mut data = b"CGPH\x01\x01".to_vec();
            data.extend(bytes);
            if let Some(layer) = Layer::read(data, 0, 0) {
                let graph = CommitGraph { layers: vec![layer] };
                for first in [0u8, 1, 0x7f, 0xff] {
                    let mut id = [first; 20];
                    id[19] = 1;
                    let _ = graph.lookup(ObjectId::from_bytes(&id).expect("oid"));
                }
            }
        }
    }
}
