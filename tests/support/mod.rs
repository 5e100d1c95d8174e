pub mod cli;
pub mod gitrepo;
