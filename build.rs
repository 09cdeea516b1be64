//! Compiles the German decompounding lexicon into an FST at build time, so a
//! search never parses the word list at start-up (it cost ~0.5 ms per run).

use std::env;
use std::fs;
use std::path::PathBuf;

const LEXICON: &str = "src/analysis/data/de_lexicon.txt";

fn main() {
    println!("cargo:rerun-if-changed={LEXICON}");
    let text = fs::read_to_string(LEXICON)
        .unwrap_or_else(|e| panic!("{LEXICON}: cannot read the lexicon: {e}"));
    let mut builder = fst::SetBuilder::memory();
    for (n, word) in text.lines().enumerate() {
        builder.insert(word).unwrap_or_else(|e| {
            panic!(
                "{LEXICON}:{}: {e} (the list must be sorted by byte value, without repeats)",
                n + 1
            )
        });
    }
    let bytes = builder
        .into_inner()
        .unwrap_or_else(|e| panic!("{LEXICON}: cannot build the FST: {e}"));
    let out = PathBuf::from(env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    fs::write(out.join("de_lexicon.fst"), bytes)
        .unwrap_or_else(|e| panic!("{}: {e}", out.display()));
}
