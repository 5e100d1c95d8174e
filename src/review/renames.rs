//! Which programs were renamed: a file stem that disappears while another
//! appears with the same deliverable ids is the same program. One rule for
//! `diff` (one `program-renamed` change) and `log` (which follows it).

use crate::model::{Portfolio, Program};

/// Programs renamed from `old` to `new`, as `(old id, new id)`: a program
/// id only in `old` and one only in `new` with the same non-empty set of
/// deliverable ids, paired in id order (so that comparing the other way
/// round pairs them the same).
pub(super) fn renamed_programs<'a>(
    old: &'a Portfolio,
    new: &'a Portfolio,
) -> Vec<(&'a str, &'a str)> {
    let only = |these: &'a Portfolio, others: &Portfolio| {
        let mut list: Vec<&'a Program> = these
            .programs
            .iter()
            .filter(|p| others.program(&p.id).is_none() && !p.deliverables.is_empty())
            .collect();
        list.sort_by(|a, b| a.id.cmp(&b.id));
        list
    };
    let (gone, fresh) = (only(old, new), only(new, old));
    if gone.is_empty() || fresh.is_empty() {
        return Vec::new();
    }
    let mut taken = vec![false; gone.len()];
    let mut out = Vec::new();
    for now in fresh {
        let found = (0..gone.len()).find(|&i| !taken[i] && same_deliverables(gone[i], now));
        if let Some(i) = found {
            taken[i] = true;
            out.push((gone[i].id.as_str(), now.id.as_str()));
        }
    }
    out
}

/// Both programs hold deliverables with the same ids, and some.
pub(super) fn same_deliverables(a: &Program, b: &Program) -> bool {
    fn ids(p: &Program) -> Vec<&str> {
        let mut ids: Vec<&str> = p.deliverables.iter().map(|d| d.id.as_str()).collect();
        ids.sort_unstable();
        ids.dedup();
        ids
    }
    !a.deliverables.is_empty() && ids(a) == ids(b)
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use super::*;

    /// Programs `id` holding deliverables `ids`, parsed as plans are.
    fn plans(programs: &[(&str, &[&str])]) -> Portfolio {
        let parsed = programs
            .iter()
            .map(|(id, ids)| {
                let mut text = String::from("[program]\nname = \"P\"\n");
                for d in *ids {
                    text.push_str(&format!(
                        "[[deliverable]]\nid = \"{d}\"\ntitle = \"T\"\nowner = \"ana\"\ndue = 2027-01-01\n"
                    ));
                }
                crate::parse::parse_file(Arc::from(format!("boards/{id}.toml")), text.as_bytes())
            })
            .collect();
        crate::load::assemble(parsed, false).0
    }

    #[test]
    fn programs_with_the_same_deliverables_pair_in_id_order() {
        let old = plans(&[("a", &["x"]), ("b", &["x"]), ("c", &["y"]), ("e", &[])]);
        let new = plans(&[("d", &["x"]), ("f", &["x"]), ("g", &["z"]), ("h", &[])]);
        assert_eq!(renamed_programs(&old, &new), [("a", "d"), ("b", "f")]);
        assert_eq!(renamed_programs(&new, &old), [("d", "a"), ("f", "b")]);
        // A program on both sides is not renamed, whatever else matches it.
        let kept = plans(&[("a", &["x"]), ("d", &["x"])]);
        assert!(renamed_programs(&plans(&[("a", &["x"])]), &kept).is_empty());
    }
}
