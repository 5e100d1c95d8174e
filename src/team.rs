//! Who works on a program, ring by ring: the team lists first, then owners,
//! strategist, lead and metric owners placed by their roster ring.

use std::collections::HashMap;

use crate::model::{Portfolio, Program, Ring};

/// One person's place in one program.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Member<'a> {
    pub id: &'a str,
    /// `None`: used in the program with no ring anywhere (a `check` error).
    pub ring: Option<Ring>,
    pub on_team: bool,
    /// Indexes into the program's deliverables this person owns, by due date.
    pub deliverables: Vec<usize>,
}

/// The program's people, grouped core, extended, partner, then unplaced;
/// within a ring, team-list order, then order of first appearance.
pub fn members<'a>(portfolio: &'a Portfolio, prog: &'a Program) -> Vec<Member<'a>> {
    let mut out: Vec<Member<'a>> = Vec::new();
    // Each person's place in `out`.
    let mut index: HashMap<&'a str, usize> = HashMap::new();
    let mut add = |id: &'a str, on_team: bool| {
        index.entry(id).or_insert_with(|| {
            out.push(Member {
                id,
                ring: portfolio.ring_in(prog, id),
                on_team,
                deliverables: Vec::new(),
            });
            out.len() - 1
        });
    };
    for ring in Ring::ALL {
        for (id, _) in prog.team.ring(ring) {
            add(id, true);
        }
    }
    for (id, _) in prog.strategist.iter().chain(prog.lead.iter()) {
        add(id, false);
    }
    for d in &prog.deliverables {
        add(&d.owner, false);
    }
    for m in &prog.metrics {
        if let Some(owner) = &m.owner {
            add(owner, false);
        }
    }
    for (i, d) in prog.deliverables.iter().enumerate() {
        if let Some(&m) = index.get(d.owner.as_str()) {
            out[m].deliverables.push(i);
        }
    }
    for m in &mut out {
        m.deliverables
            .sort_by_key(|&i| (prog.deliverables[i].due, i));
    }
    // Stable: keeps team order inside each ring; unplaced people last.
    out.sort_by_key(|m| m.ring.map_or(3, |r| r as u8));
    out
}
