//! Synthetic portfolios for benchmarks and tests.
pub mod cli;
