pub mod board;
pub mod cli;
pub mod clock;
pub mod gitrepo;
