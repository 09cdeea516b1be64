//! Compiles the German decompounding lexicon into an FST at build time, so a
//! search never parses the word list at start-up (it cost ~0.5 ms per run);
//! keys the country names (`src/search/data/country_names.txt`, written by
//! its script from CLDR) into a sorted table for the same reason (1.5M
//! instructions per search); says whether the browser tests can run; packs
//! the binary's relocations.

use std::collections::BTreeSet;
use std::env;
use std::fs;
use std::path::PathBuf;

// The German view's normalisation and folding, the very code the analyzer
// runs, so the lexicon's words are written as the analyzer writes a word.
#[path = "src/analysis/fold.rs"]
#[allow(dead_code)]
mod fold;
#[path = "src/analysis/german_normalize.rs"]
mod german_normalize;
#[path = "src/analysis/text_map.rs"]
#[allow(dead_code)]
mod text_map;

use text_map::TextMap;

const NOUNS: &str = "src/analysis/data/de_nouns.txt";
const COUNTRIES: &str = "src/search/data/country_names.txt";

fn main() {
    browser_cfg();
    packed_relocations();
    build_bin_dir();
    country_table();
    for source in [
        NOUNS,
        COUNTRIES,
        "src/analysis/fold.rs",
        "src/analysis/german_normalize.rs",
    ] {
        println!("cargo:rerun-if-changed={source}");
    }
    let text =
        fs::read_to_string(NOUNS).unwrap_or_else(|e| panic!("{NOUNS}: cannot read the nouns: {e}"));
    let words: BTreeSet<String> = text.lines().map(as_analysed).collect();
    let mut builder = fst::SetBuilder::memory();
    for word in &words {
        builder
            .insert(word)
            .unwrap_or_else(|e| panic!("{NOUNS}: {word}: {e}"));
    }
    let bytes = builder
        .into_inner()
        .unwrap_or_else(|e| panic!("{NOUNS}: cannot build the FST: {e}"));
    let out = PathBuf::from(env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    fs::write(out.join("de_lexicon.fst"), bytes)
        .unwrap_or_else(|e| panic!("{}: {e}", out.display()));
}

/// Writes `country_names.rs`: each line's forms (`COUNTRY_LINES`), each
/// form's [key](fold::fold_key) with its line, sorted by key
/// (`COUNTRY_KEYS`), and the most words of a form (`COUNTRY_WORDS`).
/// A line is `a, b, c`: each form finds the others.
fn country_table() {
    let text = fs::read_to_string(COUNTRIES)
        .unwrap_or_else(|e| panic!("{COUNTRIES}: cannot read the names: {e}"));
    let mut lines: Vec<Vec<String>> = Vec::new();
    let mut keys: Vec<(String, usize)> = Vec::new();
    for line in text.lines() {
        let line = line.split('#').next().unwrap_or("").trim();
        if line.is_empty() {
            continue;
        }
        let forms: Vec<String> = line
            .split(',')
            .map(|f| f.split_whitespace().collect::<Vec<_>>().join(" "))
            .collect();
        for form in &forms {
            let key = (fold::fold_key(form), lines.len());
            if !keys.contains(&key) {
                keys.push(key);
            }
        }
        lines.push(forms);
    }
    keys.sort();
    let words = lines.iter().flatten().map(|f| f.split(' ').count()).max();
    let mut out = format!(
        "pub(crate) const COUNTRY_WORDS: usize = {};\n",
        words.unwrap_or(0)
    );
    out += &format!(
        "pub(crate) static COUNTRY_LINES: [&[&str]; {}] = [\n",
        lines.len()
    );
    for forms in &lines {
        out += &format!("    &{forms:?},\n");
    }
    out += &format!(
        "];\npub(crate) static COUNTRY_KEYS: [(&str, u16); {}] = [\n",
        keys.len()
    );
    for (key, line) in &keys {
        out += &format!("    ({key:?}, {line}),\n");
    }
    out += "];\n";
    let dir = PathBuf::from(env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    fs::write(dir.join("country_names.rs"), out)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
}

/// A lowercase noun as the German view writes it before splitting:
/// umlauts and `ß` normalised, then every diacritic folded.
fn as_analysed(noun: &str) -> String {
    let mut word = noun.to_string();
    let mut out = String::new();
    if german_normalize::GermanNormalize.map(&word, &mut out) {
        word = std::mem::take(&mut out);
    }
    out.clear();
    if fold::Fold.map(&word, &mut out) {
        word = out;
    }
    word
}

/// Sets `browser_absent` when there is no chromedriver and the browser is
/// not required (`VSEARCH_REQUIRE_BROWSER`): the browser tests are then
/// ignored with the reason, which `cargo test` shows, instead of passing
/// without running. Rerun when `/usr/bin` changes (a driver installed).
fn browser_cfg() {
    println!("cargo::rustc-check-cfg=cfg(browser_absent)");
    println!("cargo:rerun-if-env-changed=VSEARCH_REQUIRE_BROWSER");
    println!("cargo:rerun-if-changed=/usr/bin");
    let driver = std::path::Path::new("/usr/bin/chromedriver").exists();
    if !driver && env::var_os("VSEARCH_REQUIRE_BROWSER").is_none() {
        println!("cargo:rustc-cfg=browser_absent");
    }
}

/// The folder cargo puts this build's binaries in (`target/release`: the
/// build script's `OUT_DIR` is `<it>/build/vsearch-<hash>/out`), compiled
/// into the binaries as `VSEARCH_BUILD_BIN_DIR`: where `vsearch` looks for
/// `vsearch-index` when it was copied away from it, as git looks for its
/// helpers in a compiled-in exec path.
fn build_bin_dir() {
    let out = PathBuf::from(env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    let bin_dir = out.ancestors().nth(3).unwrap_or(&out);
    println!(
        "cargo:rustc-env=VSEARCH_BUILD_BIN_DIR={}",
        bin_dir.display()
    );
}

/// Links the binaries with their relative relocations packed (`DT_RELR`,
/// GNU ld 2.38+ and glibc 2.36+, Debian 12 and later): the dynamic loader
/// applies the pointers a position-independent binary holds from a
/// bitmap instead of one 24-byte record each: a 1.6 MB smaller binary, and fewer instructions at every start.
/// Only on Linux with glibc, where the loader knows the format.
fn packed_relocations() {
    let linux_gnu = env::var("CARGO_CFG_TARGET_OS").as_deref() == Ok("linux")
        && env::var("CARGO_CFG_TARGET_ENV").as_deref() == Ok("gnu");
    if linux_gnu {
        println!("cargo:rustc-link-arg-bins=-Wl,-z,pack-relative-relocs");
    }
}
