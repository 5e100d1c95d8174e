pub mod board;
pub mod clock;
pub mod gitrepo;
