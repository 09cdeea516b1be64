//! Compiles the German decompounding lexicon into an FST at build time, so a
//! search never parses the word list at start-up (it cost ~0.5 ms per run);
//! says whether the browser tests can run; packs the binary's relocations.
//! (The countries' names are a checked-in list,
//! `src/search/data/country_names.txt`, written by its script from CLDR.)

use std::env;
use std::fs;
use std::path::PathBuf;

const LEXICON: &str = "src/analysis/data/de_lexicon.txt";

fn main() {
    browser_cfg();
    packed_relocations();
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
