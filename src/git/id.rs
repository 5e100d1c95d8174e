//! Object ids: what the rest of ringboard names commits, trees and blobs
//! by. A plain SHA-1 value (libgit2 is built for SHA-1 repositories only),
//! so that no type of the git library leaks past this module.

use std::collections::{HashMap, HashSet};
use std::fmt;
use std::hash::{BuildHasherDefault, Hash, Hasher};

/// A git object id (SHA-1), printed as git prints it: 40 lowercase hex
/// digits, in `Debug` too.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default)]
pub struct ObjectId([u8; 20]);

/// An id is a hash already: its first eight bytes are what it hashes as
/// (as git's own tables do), and [`IdMap`] takes them as they are.
impl Hash for ObjectId {
    fn hash<H: Hasher>(&self, state: &mut H) {
        let mut word = [0u8; 8];
        word.copy_from_slice(&self.0[..8]);
        state.write_u64(u64::from_le_bytes(word));
    }
}

/// The hasher of [`IdMap`] and [`IdSet`]: an object id's hash unchanged
/// (a history walk looks thousands of ids up; SipHash was a twelfth of it).
#[derive(Default)]
pub struct IdHasher(u64);

impl Hasher for IdHasher {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for b in bytes {
            self.0 = self.0.rotate_left(8) ^ u64::from(*b);
        }
    }

    fn write_u64(&mut self, n: u64) {
        self.0 ^= n;
    }
}

/// A map keyed by object ids.
pub type IdMap<V> = HashMap<ObjectId, V, BuildHasherDefault<IdHasher>>;
/// A set of object ids.
pub type IdSet = HashSet<ObjectId, BuildHasherDefault<IdHasher>>;

impl ObjectId {
    /// The id of nothing: never the id of an object that exists.
    pub const ZERO: ObjectId = ObjectId([0; 20]);

    /// From the 20 raw bytes (as trees and git's commit-graph hold them).
    pub fn from_bytes(bytes: &[u8]) -> Option<ObjectId> {
        Some(ObjectId(bytes.try_into().ok()?))
    }

    /// From 40 hex digits, either case; anything else is `None`.
    pub fn from_hex(hex: &str) -> Option<ObjectId> {
        let hex = hex.as_bytes();
        if hex.len() != 40 {
            return None;
        }
        let mut out = [0u8; 20];
        for (byte, pair) in out.iter_mut().zip(hex.chunks_exact(2)) {
            *byte = (digit(pair[0])? << 4) | digit(pair[1])?;
        }
        Some(ObjectId(out))
    }

    pub fn as_bytes(&self) -> &[u8; 20] {
        &self.0
    }

    /// The short id people read in git's own output: `3f2a9c1`.
    pub fn short(&self) -> String {
        let mut s = self.to_string();
        s.truncate(7);
        s
    }

    /// git's blob id of `bytes` (what `git hash-object` prints): the
    /// content hash the write path checks files against.
    pub fn for_blob(bytes: &[u8]) -> ObjectId {
        // Hashing in memory cannot fail; the zero id never matches a file.
        git2::Oid::hash_object(git2::ObjectType::Blob, bytes).map_or(ObjectId::ZERO, Into::into)
    }

    pub(crate) fn raw(self) -> git2::Oid {
        // Twenty bytes are always a valid SHA-1 id.
        git2::Oid::from_bytes(&self.0).unwrap_or(git2::Oid::ZERO_SHA1)
    }
}

fn digit(c: u8) -> Option<u8> {
    match c {
        b'0'..=b'9' => Some(c - b'0'),
        b'a'..=b'f' => Some(c - b'a' + 10),
        b'A'..=b'F' => Some(c - b'A' + 10),
        _ => None,
    }
}

/// For tests and tools that build repositories with git2 themselves.
impl From<git2::Oid> for ObjectId {
    fn from(oid: git2::Oid) -> ObjectId {
        ObjectId::from_bytes(oid.as_bytes()).unwrap_or(ObjectId::ZERO)
    }
}

impl fmt::Display for ObjectId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        const HEX: &[u8; 16] = b"0123456789abcdef";
        let mut out = [0u8; 40];
        for (pair, byte) in out.chunks_exact_mut(2).zip(self.0) {
            pair[0] = HEX[usize::from(byte >> 4)];
            pair[1] = HEX[usize::from(byte & 0xf)];
        }
        // Only ASCII hex digits were written.
        f.write_str(std::str::from_utf8(&out).unwrap_or_default())
    }
}

impl fmt::Debug for ObjectId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self, f)
    }
}

impl std::str::FromStr for ObjectId {
    type Err = String;

    fn from_str(s: &str) -> Result<ObjectId, String> {
        ObjectId::from_hex(s).ok_or_else(|| format!("`{s}` is not a full object id"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prints_and_reads_as_git_does() {
        let blob = ObjectId::for_blob(b"hello\n");
        // `printf 'hello\n' | git hash-object --stdin`
        assert_eq!(blob.to_string(), "ce013625030ba8dba906f756967f9e9ca394464a");
        assert_eq!(format!("{blob:?}"), blob.to_string());
        assert_eq!(ObjectId::from_hex(&blob.to_string()), Some(blob));
        assert_eq!(
            ObjectId::from_hex("CE013625030BA8DBA906F756967F9E9CA394464A"),
            Some(blob)
        );
        assert_eq!(blob.short(), "ce01362");
        for bad in [
            "ce01362",
            "",
            "g".repeat(40).as_str(),
            "ce013625030ba8dba906f756967f9e9ca394464a0",
        ] {
            assert_eq!(ObjectId::from_hex(bad), None, "{bad}");
        }
        let raw = blob.raw();
        assert_eq!(ObjectId::from(raw), blob);
        assert_eq!(raw.to_string(), blob.to_string());
    }

    #[test]
    fn orders_as_git2_did() {
        let a = ObjectId::for_blob(b"a");
        let b = ObjectId::for_blob(b"b");
        assert_eq!(a.cmp(&b), a.raw().cmp(&b.raw()));
    }
}
