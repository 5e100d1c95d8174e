//! The board's views, one file each (see [`super::view`]), registered in
//! [`ALL`], and the states the board keeps of them ([`Views`]). The panes
//! over a view (help, details, dialogs) are in [`super::overlays`].
pub(super) mod changes;
pub(super) mod deliverables;
pub(super) mod handoffs;
pub(super) mod metrics;
pub(super) mod mywork;
pub(super) mod problems;
pub(super) mod rings;
pub(super) mod timeline;

use std::any::Any;

use super::action::ViewId;
use super::view::{View, ViewKind};

pub use deliverables::Deliverables;
pub use mywork::MyWork;
pub use timeline::Timeline;

/// Every view, in tab order. A new view is a line here.
pub static ALL: &[&ViewKind] = &[
    &rings::KIND,
    &deliverables::KIND,
    &timeline::KIND,
    &handoffs::KIND,
    &metrics::KIND,
    &problems::KIND,
    &changes::KIND,
    &mywork::KIND,
];

/// A view's kind by its id.
pub(super) fn kind(id: ViewId) -> Option<&'static ViewKind> {
    ALL.iter().copied().find(|k| k.id == id)
}

/// Each view's state, in tab order, and which view is shown.
pub struct Views {
    all: Vec<Box<dyn View>>,
    shown: usize,
}

impl Default for Views {
    fn default() -> Views {
        Views {
            all: ALL.iter().map(|kind| (kind.make)()).collect(),
            shown: 0,
        }
    }
}

impl Views {
    /// The view shown.
    pub fn shown(&self) -> &dyn View {
        &*self.all[self.shown]
    }

    pub fn shown_mut(&mut self) -> &mut dyn View {
        &mut *self.all[self.shown]
    }

    /// Shows the view `id`, when there is one.
    pub fn show(&mut self, id: ViewId) {
        if let Some(at) = self.all.iter().position(|v| v.kind().id == id) {
            self.shown = at;
        }
    }

    pub fn get_mut(&mut self, id: ViewId) -> Option<&mut dyn View> {
        self.iter_mut().find(|v| v.kind().id == id)
    }

    /// A view by its type, for what only it has (who My work is for).
    pub fn of<V: View>(&self) -> Option<&V> {
        self.iter().find_map(|v| (v as &dyn Any).downcast_ref())
    }

    pub fn of_mut<V: View>(&mut self) -> Option<&mut V> {
        self.iter_mut()
            .find_map(|v| (v as &mut dyn Any).downcast_mut())
    }

    pub fn iter(&self) -> impl Iterator<Item = &dyn View> {
        self.all.iter().map(|v| &**v)
    }

    pub fn iter_mut(&mut self) -> impl Iterator<Item = &mut (dyn View + 'static)> {
        self.all.iter_mut().map(|v| &mut **v)
    }
}

#[cfg(test)]
mod tests {
    use std::collections::HashSet;

    use super::*;

    #[test]
    fn each_view_is_registered_once_and_made_as_its_kind_says() {
        let ids: HashSet<ViewId> = ALL.iter().map(|k| k.id).collect();
        assert_eq!(ids.len(), ALL.len(), "two views share an id");
        let views = Views::default();
        let made: Vec<ViewId> = views.iter().map(|v| v.kind().id).collect();
        let kinds: Vec<ViewId> = ALL.iter().map(|k| k.id).collect();
        assert_eq!(made, kinds);
    }
}
