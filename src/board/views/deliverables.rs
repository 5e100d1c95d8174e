//! The deliverables view.
