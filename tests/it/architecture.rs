//! The shape of the house, checked on the source: data flows one way
//! between the layers, the two front ends do not import each other, no two
//! modules of a folder import each other round a loop, and no file passes
//! 500 lines.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// The `src/` folder.
fn src() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

/// Every `.rs` file under `src/`.
fn source_files() -> Vec<PathBuf> {
    let mut files = Vec::new();
    let mut stack = vec![src()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                files.push(path);
            }
        }
    }
    files
}

/// A module's path (`search::planner::run`) and its source without tests.
fn modules() -> BTreeMap<Vec<String>, String> {
    let root = src();
    (source_files().into_iter())
        .map(|path| (module_path(&root, &path), code_of(&path)))
        .collect()
}

fn module_path(root: &Path, file: &Path) -> Vec<String> {
    let rel: PathBuf = file.strip_prefix(root).unwrap().with_extension("");
    let mut parts: Vec<String> = rel.iter().map(|p| p.to_string_lossy().into()).collect();
    if parts.last().is_some_and(|p| p == "mod") {
        parts.pop();
    }
    parts
}

/// The source's lines that are code: comments and the tests module out.
fn code_of(file: &Path) -> String {
    let text = std::fs::read_to_string(file).unwrap();
    let end = text.find("#[cfg(test)]\nmod tests").unwrap_or(text.len());
    (text[..end].lines())
        .filter(|l| !l.trim_start().starts_with("//"))
        .collect::<Vec<_>>()
        .join("\n")
}

/// The modules `module` names through `crate::` and `super::` paths.
fn imports(module: &[String], code: &str) -> BTreeSet<Vec<String>> {
    let mut out = BTreeSet::new();
    let words = |s: &str| -> Vec<String> {
        s.split("::")
            .map(|w| {
                w.chars()
                    .take_while(|c| c.is_alphanumeric() || *c == '_')
                    .collect()
            })
            .take_while(|w: &String| !w.is_empty())
            .collect()
    };
    for (i, _) in code.match_indices("crate::") {
        out.insert(words(&code[i + 7..]));
    }
    for (i, _) in code.match_indices("super::") {
        if code[..i].ends_with("super::") {
            continue;
        }
        let mut at = module.to_vec();
        let mut rest = &code[i..];
        while let Some(r) = rest.strip_prefix("super::") {
            at.pop();
            rest = r;
        }
        at.extend(words(rest));
        out.insert(at);
    }
    out
}

/// The layer of a top-level module: lower layers never import higher ones.
fn layer(top: &str) -> Option<u8> {
    Some(match top {
        "model" => 0,
        "analysis" | "semantic" => 1,
        "ingest" | "index" => 2,
        "pipeline" | "search" => 3,
        "render" => 4,
        _ => return None,
    })
}

#[test]
fn layers_only_import_those_below_them() {
    let mut checked = 0;
    for (module, code) in modules() {
        let Some(own) = module.first().and_then(|m| layer(m)) else {
            continue;
        };
        for target in imports(&module, &code) {
            let Some(theirs) = target.first().and_then(|t| layer(t)) else {
                continue;
            };
            assert!(
                theirs <= own,
                "{} imports {}, a layer above it",
                module.join("::"),
                target.join("::")
            );
            checked += 1;
        }
    }
    assert!(checked > 100, "only {checked} imports read");
}

#[test]
fn the_front_ends_are_peers() {
    let all = modules();
    for (module, code) in &all {
        match module.first().map(String::as_str) {
            Some("cli") => assert!(!code.contains("crate::serve"), "{module:?}"),
            Some("serve") => assert!(!code.contains("crate::cli"), "{module:?}"),
            _ => {}
        }
    }
    assert!(all.keys().any(|m| m.first().is_some_and(|m| m == "cli")));
}

/// Modules of one folder that import each other round a loop.
fn sibling_loops(all: &BTreeMap<Vec<String>, String>) -> Vec<String> {
    let known: BTreeSet<&Vec<String>> = all.keys().collect();
    let mut edges: BTreeMap<Vec<String>, BTreeSet<Vec<String>>> = BTreeMap::new();
    for (module, code) in all {
        for mut target in imports(module, code) {
            while !target.is_empty() && !known.contains(&target) {
                target.pop();
            }
            let shared = module
                .iter()
                .zip(&target)
                .take_while(|(a, b)| a == b)
                .count();
            if shared < module.len() && shared < target.len() {
                let (from, to) = (module[..=shared].to_vec(), target[..=shared].to_vec());
                edges.entry(from).or_default().insert(to);
            }
        }
    }
    let mut loops = Vec::new();
    for start in edges.keys() {
        let mut seen = BTreeSet::new();
        let mut stack: Vec<&Vec<String>> = edges[start].iter().collect();
        while let Some(next) = stack.pop() {
            if next == start {
                loops.push(start.join("::"));
                break;
            }
            if seen.insert(next) {
                stack.extend(edges.get(next).into_iter().flatten());
            }
        }
    }
    loops
}

#[test]
fn no_two_modules_of_a_folder_import_each_other() {
    let mut all = modules();
    assert_eq!(sibling_loops(&all), Vec::<String>::new());
    // The check sees a loop when there is one.
    let planted = "use super::tiers::x;".to_string();
    all.insert(
        vec!["search".into(), "planner".into(), "views".into()],
        planted,
    );
    let tiers = vec!["search".into(), "planner".into(), "tiers".into()];
    all.insert(tiers, "use super::views::y;".into());
    assert_eq!(
        sibling_loops(&all),
        ["search::planner::tiers", "search::planner::views"]
    );
}

#[test]
fn no_source_file_passes_500_lines() {
    let files = source_files();
    for path in &files {
        let lines = std::fs::read_to_string(path).unwrap().lines().count();
        assert!(lines <= 500, "{}: {lines} lines", path.display());
    }
    assert!(files.len() > 100);
}
