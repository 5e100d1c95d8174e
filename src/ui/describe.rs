//! Plan items in one line, as Hand-offs, My work and the detail pane
//! write them: a deliverable by its index in the hand-off graph, a person
//! with how to reach them.

use crate::ui::snapshot::Snapshot;

/// One deliverable on one line: `program/id title · owner · due · status`,
/// and apart, its marks (`LATE`, `SLIP +6d`, review's `[CHG]`), which a cut keeps.
pub(super) fn describe(data: &Snapshot, i: usize) -> (String, String) {
    describe_with(data, i, false)
}

/// [`describe`], with the owner's contact after the name when `contact`
/// (the detail pane: a hand-off can be chased from it).
pub(super) fn describe_with(data: &Snapshot, i: usize, contact: bool) -> (String, String) {
    let p = &data.plans.portfolio;
    let r = data.derived.graph.deliverable(i);
    let (Some(d), Some(m)) = (p.get_deliverable(r), data.mark_at(i)) else {
        return (String::new(), String::new());
    };
    let changed = data
        .review
        .as_ref()
        .and_then(|rv| rv.mark(&data.plans.portfolio, r))
        .map_or(String::new(), |w| format!(" [{w}]"));
    let owner = if contact {
        name_and_contact(data, &d.owner)
    } else {
        p.person_name(&d.owner).to_string()
    };
    let main = format!(
        "{}/{} {} · {owner} · due {} · {}",
        p.programs[r.program].id, d.id, d.title, d.due, d.status,
    );
    let word = m.word();
    let marks = if word.is_empty() {
        changed
    } else {
        format!(" · {word}{changed}")
    };
    (main, marks)
}

/// `Name (contact)`, or `Name (no contact)`.
pub(super) fn name_and_contact(data: &Snapshot, id: &str) -> String {
    let p = &data.plans.portfolio;
    match p.person(id).and_then(|x| x.contact.as_deref()) {
        Some(c) => format!("{} ({c})", p.person_name(id)),
        None => format!("{} (no contact)", p.person_name(id)),
    }
}
