//! What the board's pickers list: the roster for an owner (`O`, and the
//! add form's owner field), the program's team first; and the portfolio's
//! deliverables for what one waits for (`w`), the program's own first.

use super::App;
use crate::model::{Deliverable, Person};
use crate::ui::prompt::picker::{Choice, Picker};
use crate::ui::selection::ItemKey;

impl App {
    /// The people to pick an owner of a deliverable of `program` from:
    /// its team first (core, extended, partners), then everyone else.
    pub(super) fn people(&self, program: &str) -> Vec<Choice> {
        let p = &self.data.plans.portfolio;
        let program = p.program(program);
        let ring = |id: &str| program.and_then(|prog| prog.team.ring_of(id));
        let mut people: Vec<&Person> = p.people.iter().collect();
        people.sort_by_key(|x| ring(&x.id).map_or(3, |r| r as u8));
        people
            .into_iter()
            .map(|x| {
                let mut parts = vec![format!("{} ({})", x.name, x.id)];
                parts.extend(x.role.clone());
                parts.extend(x.org.clone());
                parts.extend(ring(&x.id).map(|r| r.as_str().to_string()));
                let search = [
                    x.id.as_str(),
                    x.name.as_str(),
                    x.role.as_deref().unwrap_or(""),
                    x.org.as_deref().unwrap_or(""),
                ];
                Choice::new(&x.id, parts.join(" · "), &search)
            })
            .collect()
    }

    /// The owner picker of a deliverable, its owner now selected.
    pub(super) fn owner_picker(&self, key: &ItemKey, current: &str) -> Picker {
        Picker::new(self.people(&key.program), Some(current))
    }

    /// What a deliverable may wait for: every other deliverable of the
    /// portfolio, its own program's first (in file order), then the others
    /// by priority; what it waits for now marked, as its `needs` write it.
    /// A value is what `set ... needs=` takes: an id in its own program,
    /// `program/id` in another.
    pub(super) fn needs_picker(&self, key: &ItemKey, current: &Deliverable) -> Picker {
        let p = &self.data.plans.portfolio;
        let own = p.program_index(&key.program);
        let order = own.into_iter().chain(
            self.data
                .programs
                .iter()
                .copied()
                .filter(|&i| Some(i) != own),
        );
        let mut choices = Vec::new();
        for pi in order {
            let prog = &p.programs[pi];
            for d in &prog.deliverables {
                if Some(pi) == own && d.id == key.id {
                    continue;
                }
                let address = format!("{}/{}", prog.id, d.id);
                // As the plans write it now, when it is a need already.
                let written = current
                    .needs
                    .iter()
                    .find(|n| {
                        n.id == d.id && n.program.as_deref().unwrap_or(&key.program) == prog.id
                    })
                    .map(|n| n.raw.clone());
                let value = written.unwrap_or_else(|| {
                    if Some(pi) == own {
                        d.id.clone()
                    } else {
                        address.clone()
                    }
                });
                let label = format!(
                    "{address} {} · {} · due {} · {}",
                    d.title,
                    p.person_name(&d.owner),
                    d.due,
                    d.status
                );
                let search = [address.as_str(), d.title.as_str(), p.person_name(&d.owner)];
                choices.push(Choice::new(&value, label, &search));
            }
        }
        let marked = current.needs.iter().map(|n| n.raw.clone()).collect();
        Picker::multi(choices, marked)
    }
}
