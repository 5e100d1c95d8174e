//! The rings view.
