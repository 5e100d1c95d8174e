//! Enter: the details of what is selected (a deliverable's pane, a
//! person's card), in Hand-offs the chain re-centred on the selected line,
//! in the Timeline the row's open work in Deliverables.

use super::app::{App, Overlay};
use super::selection::Selected;
use super::views::deliverables::StateFilter;
use super::views::{View, rings};

impl App {
    /// Enter: the details of the selection; in Hand-offs, the chain
    /// re-centred on the selected line; in the Timeline, the row's work.
    pub(super) fn open(&mut self) {
        let no_selection = "details: no deliverable selected".to_string();
        match self.view {
            View::Timeline => self.open_row(),
            View::Rings => match self.rings.entry(&self.data, self.program_index()) {
                Some(rings::Entry::Person(id)) => {
                    self.person = Some(id);
                    self.overlay = Overlay::Person;
                }
                Some(rings::Entry::Item(_)) => self.open_target(),
                None => self.message = Some(no_selection),
            },
            View::Handoffs if self.handoffs.cursor > 0 => match self.target() {
                Some(key) => {
                    self.message = Some(format!("Hand-offs: centred on {key}"));
                    self.focus = Some(key);
                    self.handoffs.cursor = 0;
                }
                None => self.message = Some(no_selection),
            },
            _ => self.open_target(),
        }
    }

    /// The detail pane of the deliverable the view points at.
    fn open_target(&mut self) {
        match self.target() {
            Some(key) => {
                self.focus = Some(key);
                self.overlay = Overlay::Detail;
            }
            None => self.message = Some("details: no deliverable selected".to_string()),
        }
    }

    /// Enter on a Timeline row: the Deliverables view, filtered to the
    /// row's open deliverables (its person's, or its program's).
    fn open_row(&mut self) {
        let Some(row) = self.timeline.selected(&self.data) else {
            self.message = Some("details: no row selected".to_string());
            return;
        };
        let (key, label) = (row.key.clone(), row.label.clone());
        let table = &mut self.deliverables;
        table.filter = StateFilter::Open;
        table.ring = None;
        table.owner = None;
        table.program = None;
        match key {
            Selected::Program(id) => {
                let p = &self.data.plans.portfolio;
                if let Some(k) = p
                    .program_index(&id)
                    .and_then(|i| self.data.programs.iter().position(|&x| x == i))
                {
                    self.program = k;
                    self.rings = rings::State::default();
                }
                table.program = Some(id);
            }
            Selected::Person(id) => table.owner = Some(id),
            _ => {}
        }
        table.rebuild(&self.data);
        table.cursor = 0;
        self.view = View::Deliverables;
        self.message = Some(format!("open work of {label} (Esc clears the filters)"));
    }
}
