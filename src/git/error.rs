//! What git said when something failed, and whether it means the
//! repository is damaged: an object that could not be read (missing,
//! truncated, corrupt) stops a command rather than let it go on without
//! the plans it holds.

use std::fmt;

use super::ObjectId;

/// An error from git, in git's own words (its `Display`).
#[derive(Debug)]
pub struct Error {
    raw: git2::Error,
    damage: Option<Damage>,
}

/// An object git could not read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Damage {
    pub object: Option<ObjectId>,
    /// The plan file (or directory) it holds, when known.
    pub path: Option<String>,
    /// `missing`, or what the reader said, in a few words.
    pub why: String,
}

impl Error {
    /// An error reading `object` (which holds `path`): damage when git
    /// says an object could not be read, else the error as it is.
    pub(crate) fn reading(raw: git2::Error, object: Option<ObjectId>, path: Option<&str>) -> Error {
        if is_object_error(&raw) {
            Error::damaged(raw, object, path)
        } else {
            Error { raw, damage: None }
        }
    }

    /// `object` (holding `path`) could not be read, whatever git's words.
    pub(crate) fn damaged(raw: git2::Error, object: Option<ObjectId>, path: Option<&str>) -> Error {
        let damage = Damage {
            object,
            path: path.map(str::to_string),
            why: damage_reason(object, &raw),
        };
        Error {
            raw,
            damage: Some(damage),
        }
    }

    /// The damaged object this error is about, if it is one.
    pub fn damage(&self) -> Option<&Damage> {
        self.damage.as_ref()
    }

    /// git's message, without the class and code `Display` adds.
    pub fn message(&self) -> &str {
        self.raw.message()
    }

    /// Nothing of that name: no such object, file, reference or setting.
    pub fn is_not_found(&self) -> bool {
        self.raw.code() == git2::ErrorCode::NotFound
    }
}

/// Every `?` on a git call says a damaged repository is one: an object
/// error names the object its message names.
impl From<git2::Error> for Error {
    fn from(raw: git2::Error) -> Error {
        let object = is_object_error(&raw)
            .then(|| id_in(raw.message()))
            .flatten();
        Error::reading(raw, object, None)
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&self.raw, f)
    }
}

impl std::error::Error for Error {}

/// Whether a git error is an object that could not be read or inflated
/// (rather than, say, a name that names nothing).
pub(crate) fn is_object_error(e: &git2::Error) -> bool {
    matches!(e.class(), git2::ErrorClass::Odb | git2::ErrorClass::Zlib)
}

/// Why an object could not be read, in a few words: `missing`, or what
/// the reader said (without the object id the message names already).
fn damage_reason(object: Option<ObjectId>, e: &git2::Error) -> String {
    if e.code() == git2::ErrorCode::NotFound {
        return "missing".to_string();
    }
    let message = e.message();
    // The loose-object reader's own words (loose.rs): `object ID is corrupt:
    // WHY; git fsck will say more`.
    if let Some(oid) = object
        && let Some(rest) = message.strip_prefix(&format!("object {oid} is "))
    {
        return rest.split("; ").next().unwrap_or(rest).to_string();
    }
    message.to_string()
}

/// The first full object id (40 hex digits) in a message.
pub(crate) fn id_in(message: &str) -> Option<ObjectId> {
    let bytes = message.as_bytes();
    let mut start = 0;
    while start < bytes.len() {
        let run = bytes[start..]
            .iter()
            .take_while(|b| b.is_ascii_hexdigit())
            .count();
        if run == 40 {
            return ObjectId::from_hex(&message[start..start + 40]);
        }
        start += run.max(1);
    }
    None
}
