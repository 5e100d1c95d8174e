//! The problems view.
