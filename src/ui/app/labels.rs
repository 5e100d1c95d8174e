//! What the board says about its views and keys, with the keys in force:
//! tab labels, the hints beside them, and why a view does not take an
//! action. A user keymap that moves a key moves it here too.

use super::App;
use crate::ui::action::{Action, Topic, ViewId};
use crate::ui::layout::Tab;
use crate::ui::view::ViewKind;
use crate::ui::views::{self, ALL};

impl App {
    /// Why the current view does not take an action: where it works, when
    /// that is one or two views, else that it does not work here.
    pub(super) fn refusal(&self, topic: Topic) -> String {
        let takers: Vec<String> = self
            .tab_kinds()
            .filter(|k| k.takes.contains(&topic))
            .map(|k| self.view_label(k))
            .collect();
        if takers.len() <= 2 {
            format!("{}: only in {}", topic.label(), takers.join(" and "))
        } else {
            let shown = self.views().shown().kind().name;
            format!("{}: not in {shown}", topic.label())
        }
    }

    /// A view's name with the key that shows it: "Deliverables (2)".
    pub fn view_label(&self, kind: &ViewKind) -> String {
        format!("{}{}", kind.name, self.key_hint(kind.id))
    }

    /// " (6)": the key that shows a view, when one is bound.
    pub fn key_hint(&self, v: ViewId) -> String {
        self.keymap
            .first_key(Action::View(v))
            .map_or(String::new(), |k| format!(" ({k})"))
    }

    /// Whether a view has a tab: Changes only in review mode.
    pub fn has_tab(&self, v: ViewId) -> bool {
        self.tab_kinds().any(|k| k.id == v)
    }

    /// Why a view is not shown: Changes needs review mode.
    pub(super) fn not_shown(&self, v: ViewId) -> Option<String> {
        let kind = views::kind(v)?;
        Some(format!(
            "{}: only in review mode (ringboard --base REV)",
            kind.name
        ))
    }

    /// `n` before any search.
    pub(super) fn nothing_to_find(&self) -> String {
        let key = self.keymap.first_key(Action::Search).unwrap_or("search");
        format!("search: nothing to find yet ({key} to search)")
    }

    /// The views with a tab, in order: Changes only in review mode.
    pub fn tabs(&self) -> impl Iterator<Item = ViewId> + use<> {
        self.tab_kinds().map(|k| k.id)
    }

    fn tab_kinds(&self) -> impl Iterator<Item = &'static ViewKind> + use<> {
        let review = self.reviewing();
        ALL.iter()
            .copied()
            .filter(move |k| review || !k.review_only)
    }

    /// The tabs as the layout places them: " 2 Deliverables ", with the key
    /// in force, and the key alone for when the screen is narrow.
    pub(super) fn tab_labels(&self) -> Vec<Tab> {
        let shown = self.view();
        self.tab_kinds()
            .map(|k| {
                let key = self.keymap.first_key(Action::View(k.id));
                Tab {
                    view: k.id,
                    label: match key {
                        Some(key) => format!(" {key} {} ", k.name),
                        None => format!(" {} ", k.name),
                    },
                    // The view shown keeps its name.
                    key: key.filter(|_| k.id != shown).map(str::to_string),
                    name: k.name.to_string(),
                }
            })
            .collect()
    }

    /// The hints right of the tabs, with the keys in force: "? help",
    /// "q quit" (the first stays when they do not both fit).
    pub fn hints(&self) -> Vec<String> {
        [(Action::Help, "help"), (Action::Quit, "quit")]
            .into_iter()
            .filter_map(|(a, what)| Some(format!("{} {what}", self.keymap.first_key(a)?)))
            .collect()
    }
}
