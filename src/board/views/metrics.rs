//! The metrics view.
