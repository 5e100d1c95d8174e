pub mod board;
pub mod cli;
pub mod clock;
pub mod files;
pub mod gitrepo;
