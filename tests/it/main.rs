//! Tests of vsearch as its users meet it: the binary end to end, and the
//! library's API. One test binary, split by topic; every test gets its own
//! temporary directory (see [`util::TestEnv`]).

mod architecture;
mod articles;
mod bad_input;
mod batch;
mod binaries;
mod browser;
mod cli;
mod collected;
mod concurrency;
mod damage;
mod formats;
mod hostile;
mod hostile_folder;
mod hybrid;
mod indexing;
mod languages;
mod library;
mod limits;
mod ranking;
mod readonly;
mod search;
mod semantic;
mod serve;
mod synonyms;
mod terminal;
mod util;
mod web;
