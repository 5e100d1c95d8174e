//! The timeline view.
