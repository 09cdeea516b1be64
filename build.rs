//! Compiles the German decompounding lexicon into an FST at build time, so a
//! search never parses the word list at start-up (it cost ~0.5 ms per run),
//! and writes the countries' names in the three languages and English from
//! CLDR (through ICU4X's compiled data) as a synonyms list, so the binary
//! carries a few kilobytes of names and no ICU code.

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
    fs::write(out.join("country_names.txt"), country_names())
        .unwrap_or_else(|e| panic!("{}: {e}", out.display()));
}

/// Two-letter codes CLDR names that are not countries or territories.
const NOT_COUNTRIES: [&str; 8] = ["EU", "EZ", "UN", "QO", "XA", "XB", "XK", "ZZ"];

/// One line per country, in Solr's synonyms format: its names in
/// Vietnamese, German, Indonesian and English (`Pháp, Frankreich, Prancis,
/// France`), each once.
fn country_names() -> String {
    use icu_experimental::displaynames::multi::RegionDisplayNames;
    use icu_locale_core::{locale, subtags::Region};
    let languages = [locale!("vi"), locale!("de"), locale!("id"), locale!("en")];
    let names: Vec<RegionDisplayNames> = languages
        .into_iter()
        .map(|l| {
            RegionDisplayNames::try_new(l.into(), Default::default())
                .expect("ICU4X's compiled data names regions")
        })
        .collect();
    let mut out = String::from("# Country names from CLDR: vi, de, id, en.\n");
    for a in b'A'..=b'Z' {
        for b in b'A'..=b'Z' {
            let code = [a, b];
            let Ok(region) = Region::try_from_utf8(&code) else {
                continue;
            };
            if NOT_COUNTRIES.contains(&region.as_str()) {
                continue;
            }
            let all: Option<Vec<&str>> = names.iter().map(|n| n.of(region)).collect();
            let Some(all) = all.filter(|a| a.iter().all(|n| !n.contains([',', '#', '=']))) else {
                continue;
            };
            let mut forms: Vec<&str> = Vec::new();
            for name in all {
                if !forms.contains(&name) {
                    forms.push(name);
                }
            }
            if forms.len() >= 2 {
                out.push_str(&forms.join(", "));
                out.push('\n');
            }
        }
    }
    out
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
/// applies the 100,000-odd pointers a position-independent binary holds
/// from a bitmap instead of one 24-byte record each, which was half of
/// the instructions `vsearch --version` ran, and the binary is smaller.
/// Only on Linux with glibc, where the loader knows the format.
fn packed_relocations() {
    let linux_gnu = env::var("CARGO_CFG_TARGET_OS").as_deref() == Ok("linux")
        && env::var("CARGO_CFG_TARGET_ENV").as_deref() == Ok("gnu");
    if linux_gnu {
        println!("cargo:rustc-link-arg-bins=-Wl,-z,pack-relative-relocs");
    }
}
