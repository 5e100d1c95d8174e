//! The handoffs view.
