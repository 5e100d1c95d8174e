//! What the board says about its views and keys, with the keys in force:
//! tab labels, the hints beside them, and why a view does not take an
//! action. A user keymap that moves a key moves it here too.

use super::action::Action;
use super::app::App;
use super::views::{Topic, View};

impl App {
    /// Why the current view does not take an action: where it works, when
    /// that is one or two views, else that it does not work here.
    pub(super) fn refusal(&self, topic: Topic) -> String {
        let takers: Vec<String> = View::ALL
            .into_iter()
            .filter(|v| v.shown(self.reviewing()) && v.takes().contains(&topic))
            .map(|v| self.view_label(v))
            .collect();
        if takers.len() <= 2 {
            format!("{}: only in {}", topic.label(), takers.join(" and "))
        } else {
            format!("{}: not in {}", topic.label(), self.view.name())
        }
    }

    /// A view's name with the key that shows it: "Deliverables (2)".
    pub fn view_label(&self, v: View) -> String {
        format!("{}{}", v.name(), self.key_hint(v))
    }

    /// " (6)": the key that shows a view, when one is bound.
    pub fn key_hint(&self, v: View) -> String {
        self.keymap
            .first_key(Action::View(v))
            .map_or(String::new(), |k| format!(" ({k})"))
    }

    /// Why a view is not shown: Changes needs review mode.
    pub(super) fn not_shown(&self, v: View) -> String {
        format!("{}: only in review mode (ringboard --base REV)", v.name())
    }

    /// `n` before any search.
    pub(super) fn nothing_to_find(&self) -> String {
        let key = self.keymap.first_key(Action::Search).unwrap_or("search");
        format!("search: nothing to find yet ({key} to search)")
    }

    /// The views with a tab, in order: Changes only in review mode.
    pub fn tabs(&self) -> impl Iterator<Item = View> + use<> {
        let review = self.reviewing();
        View::ALL.into_iter().filter(move |v| v.shown(review))
    }

    /// A tab's label: " 2 Deliverables ", with the key in force.
    pub fn tab_label(&self, v: View) -> String {
        match self.keymap.first_key(Action::View(v)) {
            Some(key) => format!(" {key} {} ", v.name()),
            None => format!(" {} ", v.name()),
        }
    }

    /// The hints right of the tabs, with the keys in force: "? help  q quit".
    pub fn hints(&self) -> String {
        [(Action::Help, "help"), (Action::Quit, "quit")]
            .into_iter()
            .filter_map(|(a, what)| Some(format!("{} {what}", self.keymap.first_key(a)?)))
            .collect::<Vec<_>>()
            .join("  ")
    }
}
