//! The panes over the view: the help, a deliverable's or a person's
//! details, and the dialogs. Each draws from what it is given; none keeps
//! state of its own (the [`App`](super::app::App) keeps which is open).
pub(super) mod detail_pane;
pub(super) mod dialog;
pub(super) mod help;
