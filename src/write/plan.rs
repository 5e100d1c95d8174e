//! Planning a write: the target deliverable found in its file, each edit
//! turned into a splice of the file's text, and the changes the new text
//! makes, as `diff` finds them.

use std::sync::Arc;

use jiff::civil::Date;

use super::edit::{Edit, bad, bad_field};
use super::toml_text::{self, Repr, Splice, string_array};
use super::{Draft, Expected, PlanFiles, WriteError, content_id};
use crate::escape::escape_control;
use crate::format::Field;
use crate::load::RawFile;
use crate::model::{Deliverable, Program, Status};
use crate::parse::parse_file;
use crate::review::compare::compare_program;
use crate::suggest::{self, did_you_mean, did_you_mean_id};

/// Ids are at most this long (docs/plan-format.md).
const MAX_ID: usize = 64;

/// A deliverable to add (`ringboard add`).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct NewDeliverable {
    /// Default: a slug of the title, made unique within the program.
    pub id: Option<String>,
    pub title: String,
    pub owner: String,
    pub due: Date,
    pub start: Option<Date>,
    /// Default: `todo`.
    pub status: Option<Status>,
    pub needs: Vec<String>,
    pub note: Option<String>,
}

/// The file of one program, read and parsed.
pub(super) struct Source<'f> {
    pub(super) raw: &'f RawFile,
    pub(super) text: &'f str,
    pub(super) program: Program,
}

pub(super) fn source<'f>(files: &'f PlanFiles, program: &str) -> Result<Source<'f>, WriteError> {
    let raw = files.program_file(program)?;
    let cannot = |why: String| WriteError::CannotEdit {
        path: raw.path.to_string(),
        why,
    };
    let bytes = raw.content.as_ref().map_err(|why| cannot(why.clone()))?;
    let text = std::str::from_utf8(bytes)
        .map_err(|_| cannot("it is not UTF-8 text (`ringboard check` says where)".into()))?;
    if let Some(c) = crate::parse::find_conflict(text) {
        return Err(cannot(format!("line {}: {c}", c.line)));
    }
    let program = parse_file(raw.path.clone(), bytes)
        .program
        .ok_or_else(|| files.unknown_program(program))?;
    let file = files.absolute(&raw.path);
    if std::fs::symlink_metadata(&file).is_ok_and(|m| m.file_type().is_symlink()) {
        return Err(WriteError::Symlink(raw.path.to_string()));
    }
    Ok(Source { raw, text, program })
}

/// Plans `ringboard set PROGRAM/DELIVERABLE FIELD=VALUE...`.
pub fn plan_set(files: &PlanFiles, target: &str, edits: &[Edit]) -> Result<Draft, WriteError> {
    let (program, id) = target
        .split_once('/')
        .filter(|(p, d)| !p.is_empty() && !d.is_empty() && !d.contains('/'))
        .ok_or_else(|| WriteError::BadTarget(target.to_string()))?;
    let src = source(files, program)?;
    let Some(mut current) = src.program.deliverable(id).cloned() else {
        let ids = src.program.deliverables.iter().map(|d| d.id.as_str());
        return Err(WriteError::UnknownDeliverable {
            program: program.to_string(),
            id: id.to_string(),
            hint: did_you_mean_id(id, ids),
        });
    };
    for e in edits {
        if let Edit::Owner(owner) = e {
            owner_by_name(files, owner)?;
        }
    }
    let mut fields: Vec<Field> = Vec::new();
    for e in edits {
        let once = !matches!(e, Edit::NeedsAdd(_) | Edit::NeedsRemove(_));
        if once && fields.contains(&e.field()) {
            return Err(WriteError::TwiceGiven {
                field: e.field().to_string(),
            });
        }
        fields.push(e.field());
    }
    let mut text = src.text.to_string();
    for (i, e) in edits.iter().enumerate() {
        let splice = splice(e, &current, target)?;
        text = toml_text::apply(&text, id, &splice).map_err(|why| WriteError::CannotEdit {
            path: src.raw.path.to_string(),
            why,
        })?;
        // The next edit starts from this one's result (`needs+=a needs+=b`).
        if i + 1 < edits.len()
            && let Some(d) = reparse(&src.raw.path, &text).and_then(|p| p.deliverable(id).cloned())
        {
            current = d;
        }
    }
    draft(files, &src, id, text, Expected::Fields(fields))
}

/// Plans `ringboard add PROGRAM ...`.
pub fn plan_add(
    files: &PlanFiles,
    program: &str,
    new: &NewDeliverable,
) -> Result<Draft, WriteError> {
    if new.title.trim().is_empty() {
        return Err(bad(Field::Title, &new.title, "cannot be empty"));
    }
    owner_by_name(files, &new.owner)?;
    let src = source(files, program)?;
    let taken = |id: &str| src.program.deliverable(id).is_some();
    let id = match &new.id {
        Some(id) if taken(id) => {
            return Err(WriteError::BadValue {
                field: "id".into(),
                value: id.clone(),
                why: format!("{program} already has a deliverable `{id}`"),
            });
        }
        Some(id) => id.clone(),
        None => {
            let base = slug(&new.title).ok_or(WriteError::NeedsId)?;
            (1..)
                .map(|n| match n {
                    1 => base.clone(),
                    n => format!("{base}-{n}"),
                })
                .find(|id| !taken(id))
                .unwrap_or(base)
        }
    };
    let mut keys = vec![
        ("id", Repr::Str(id.clone())),
        ("title", Repr::Str(new.title.clone())),
        ("owner", Repr::Str(new.owner.clone())),
        ("due", Repr::Raw(new.due.to_string())),
    ];
    if let Some(start) = new.start {
        keys.push(("start", Repr::Raw(start.to_string())));
    }
    let status = new.status.unwrap_or_default();
    keys.push(("status", Repr::Str(status.as_str().to_string())));
    if !new.needs.is_empty() {
        keys.push(("needs", Repr::Raw(string_array(&new.needs))));
    }
    if let Some(note) = new.note.as_ref().filter(|n| !n.is_empty()) {
        keys.push(("note", Repr::Str(note.clone())));
    }
    let text =
        toml_text::append_deliverable(src.text, &keys).map_err(|why| WriteError::CannotEdit {
            path: src.raw.path.to_string(),
            why,
        })?;
    draft(files, &src, &id, text, Expected::Added)
}

/// Refuses an owner given by a person's name rather than their id
/// (`owner="Raj Patel"`) with the id the name is; `check` would only say
/// the id is malformed. Only a value that cannot be an id is looked up,
/// so the roster is read only then.
pub(crate) fn owner_by_name(files: &PlanFiles, owner: &str) -> Result<(), WriteError> {
    if crate::parse::is_valid_id(owner) {
        return Ok(());
    }
    let parsed = crate::load::par_map(files.files(), crate::load::parse_raw);
    let people = parsed.iter().flat_map(|p| &p.people);
    let named = people.map(|p| (p.id.as_str(), p.name.as_str()));
    match suggest::person_named(owner, named) {
        Some(id) => Err(WriteError::BadValue {
            field: "owner".into(),
            value: owner.to_string(),
            why: format!(
                "no person \"{}\"{}",
                escape_control(owner),
                suggest::hint(Some(&escape_control(id)))
            ),
        }),
        None => Ok(()),
    }
}

/// A slug of a title for an id: lower-case ASCII letters, digits and `-`;
/// `None` when the title has no ASCII letter.
pub fn slug(title: &str) -> Option<String> {
    if !title.chars().any(|c| c.is_ascii_alphabetic()) {
        return None;
    }
    let mut out = String::new();
    let mut gap = false;
    for c in title.chars() {
        if c.is_ascii_alphanumeric() {
            if gap && !out.is_empty() {
                out.push('-');
            }
            gap = false;
            out.push(c.to_ascii_lowercase());
        } else {
            gap = true;
        }
    }
    // Room for a `-N` that makes it unique.
    out.truncate(MAX_ID - 4);
    Some(out.trim_end_matches('-').to_string())
}

/// The splice that makes one edit, given the deliverable as it is now.
fn splice(edit: &Edit, current: &Deliverable, target: &str) -> Result<Splice, WriteError> {
    let key = edit.field().as_str();
    let text = |s: &str| Splice::Set {
        key,
        value: Repr::Str(s.to_string()),
    };
    let raw = |s: String| Splice::Set {
        key,
        value: Repr::Raw(s),
    };
    Ok(match edit {
        Edit::Status(s) => text(s.as_str()),
        Edit::Due(e) => raw(e.resolve(Field::Due, Some(current.due))?.to_string()),
        Edit::Start(Some(e)) => raw(e.resolve(Field::Start, current.start)?.to_string()),
        Edit::Owner(o) => text(o),
        Edit::Title(t) => text(t),
        Edit::Note(Some(n)) => text(n),
        Edit::Duration(Some(days)) => raw(days.to_string()),
        Edit::Needs(list) if !list.is_empty() => raw(string_array(list)),
        Edit::Start(None) | Edit::Note(None) | Edit::Duration(None) | Edit::Needs(_) => {
            Splice::Remove { key }
        }
        Edit::NeedsAdd(entry) => {
            if current.needs.iter().any(|n| n.raw == *entry) {
                let why = format!("`{entry}` is already in the needs of {target}");
                return Err(bad_field("needs+", entry, &why));
            }
            // An empty list keeps its comments; a missing one is added.
            Splice::Push {
                value: Repr::Str(entry.clone()),
            }
        }
        Edit::NeedsRemove(entry) => {
            if !current.needs.iter().any(|n| n.raw == *entry) {
                let list = current.needs.iter().map(|n| n.raw.as_str());
                let why = format!(
                    "`{entry}` is not in the needs of {target}{}",
                    did_you_mean(entry, list)
                );
                return Err(bad_field("needs-", entry, &why));
            }
            Splice::Pull {
                entry: entry.clone(),
            }
        }
    })
}

pub(super) fn reparse(path: &Arc<str>, text: &str) -> Option<Program> {
    parse_file(path.clone(), text.as_bytes()).program
}

pub(super) fn draft(
    files: &PlanFiles,
    src: &Source<'_>,
    id: &str,
    text: String,
    expected: Expected,
) -> Result<Draft, WriteError> {
    let before = src.text.as_bytes().to_vec();
    let mut changes = Vec::new();
    if text != src.text {
        let new = reparse(&src.raw.path, &text)
            .unwrap_or_else(|| crate::review::compare::empty_like(&src.program));
        compare_program(&src.program, &new, &mut changes);
        if !changes.is_empty() {
            // What the comparison reports between the program and itself
            // (milestones that share a name are matched to the first of
            // them) is no change of this edit.
            let mut artefacts = Vec::new();
            compare_program(&src.program, &src.program, &mut artefacts);
            changes.retain(|c| !artefacts.contains(c));
        }
    }
    Ok(Draft {
        path: src.raw.path.clone(),
        file: files.absolute(&src.raw.path),
        program: src.program.id.clone(),
        id: id.to_string(),
        before_id: content_id(&before),
        before,
        after: text.into_bytes(),
        changes,
        expected,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_are_ids() {
        assert_eq!(
            slug("Launch email copy 邮件文案").as_deref(),
            Some("launch-email-copy")
        );
        assert_eq!(
            slug("  Q3: Press/PR -- kit!").as_deref(),
            Some("q3-press-pr-kit")
        );
        assert_eq!(slug("发布日 2027"), None);
        let long = slug(&"word ".repeat(40)).unwrap();
        assert!(long.len() <= 60 && !long.ends_with('-'), "{long}");
    }

    #[test]
    fn milestones_sharing_a_name_are_not_a_change_of_the_edit() {
        let text = "[program]\nname = \"P\"\n\n[[milestone]]\nname = \"Review\"\ndate = 2027-01-10\n\n[[milestone]]\nname = \"Review\"\ndate = 2027-03-10\n\n[[deliverable]]\nid = \"a\"\ntitle = \"A\"\nowner = \"mei\"\ndue = 2027-02-01\n";
        let workspace = crate::repo::Workspace {
            root: "/nonexistent-ringboard-test".into(),
            git_dir: None,
            bare: false,
        };
        let raw = RawFile {
            path: "boards/p.toml".into(),
            content: Ok(Arc::new(text.as_bytes().to_vec())),
        };
        let files = PlanFiles::new(workspace, "boards".into(), u64::MAX, vec![raw]).unwrap();
        let draft = plan_set(&files, "p/a", &[Edit::Status(Status::Done)]).unwrap();
        assert_eq!(draft.message(), "p/a: status todo → done");
    }
}
