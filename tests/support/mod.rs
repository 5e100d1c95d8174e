pub mod gitrepo;
