pub mod board;
pub mod gitrepo;
