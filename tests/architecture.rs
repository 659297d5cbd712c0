//! The floors of the house, held by a test: each module may use only the floors below it.
//! docs/architecture.md draws them.
//!
//! ```text
//! door      main, cli, config, startup, console, terminal, logging, check, export, authoring
//! ui        draws the state
//! app       state and the pure update
//! layout    screen geometry shared by app and ui
//! feed      sources, parsing, validation, writing
//! model     the domain core: Feed, statuses, the DATE catalogue, messages, query
//! text      sanitising, wrapping, dates
//! ```

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // a failed assumption here is a failed test

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// What each floor may use, besides itself. The door may use everything.
const ALLOWED: &[(&str, &[&str])] = &[
    ("ui", &["app", "layout", "model", "text"]),
    ("app", &["layout", "model", "text"]),
    ("layout", &[]),
    ("feed", &["model", "text"]),
    ("model", &["text"]),
    ("text", &[]),
];

const DOOR: &[&str] = &[
    "main",
    "lib",
    "cli",
    "config",
    "startup",
    "console",
    "terminal",
    "logging",
    "check",
    "export",
    "authoring",
    "history",
];

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The top-level module a file belongs to, such as `app` for `src/app/rows.rs`.
fn floor_of(src: &Path, file: &Path) -> String {
    let rel = file.strip_prefix(src).unwrap();
    let first = rel
        .components()
        .next()
        .unwrap()
        .as_os_str()
        .to_string_lossy();
    first.trim_end_matches(".rs").to_owned()
}

/// True for files that hold only tests, which may reach anywhere to set a scene.
fn is_test_file(file: &Path) -> bool {
    let name = file.file_name().unwrap().to_string_lossy();
    name == "tests.rs"
        || name.ends_with("_tests.rs")
        || file.components().any(|c| c.as_os_str() == "tests")
}

/// The code of a file up to its test module, without comments.
fn code_of(text: &str) -> String {
    let before_tests = text.split("#[cfg(test)]").next().unwrap_or("");
    before_tests
        .lines()
        .map(|line| line.split("//").next().unwrap_or(""))
        .collect::<Vec<_>>()
        .join("\n")
}

/// Every top-level module a piece of code names through `crate::`, including `use crate::{a, b}`.
fn floors_used(code: &str) -> BTreeSet<String> {
    let mut used = BTreeSet::new();
    let mut rest = code;
    while let Some(at) = rest.find("crate::") {
        rest = &rest[at + "crate::".len()..];
        if let Some(group) = rest.strip_prefix('{') {
            let inside = group.split('}').next().unwrap_or("");
            for item in inside.split(',') {
                let name: String = item
                    .trim()
                    .chars()
                    .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                    .collect();
                if !name.is_empty() {
                    used.insert(name);
                }
            }
        } else {
            let name: String = rest
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                .collect();
            if !name.is_empty() {
                used.insert(name);
            }
        }
    }
    used
}

#[test]
fn every_module_uses_only_the_floors_below_it() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    files.sort();
    let mut wrong = Vec::new();
    let mut checked = 0;
    for file in &files {
        if is_test_file(file) {
            continue;
        }
        let floor = floor_of(&src, file);
        if DOOR.contains(&floor.as_str()) {
            continue;
        }
        let allowed = ALLOWED
            .iter()
            .find(|(name, _)| *name == floor)
            .map(|(_, allowed)| *allowed)
            .unwrap_or_else(|| panic!("{}: a new floor; add it to ALLOWED", file.display()));
        let code = code_of(&std::fs::read_to_string(file).unwrap());
        for used in floors_used(&code) {
            checked += 1;
            if used != floor && !allowed.contains(&used.as_str()) {
                wrong.push(format!("{} uses {used}", file.display()));
            }
        }
    }
    assert!(checked > 50, "the walk found too few imports: {checked}");
    assert!(
        wrong.is_empty(),
        "arrows pointing up:\n{}",
        wrong.join("\n")
    );
}

#[test]
fn the_checker_sees_grouped_and_plain_paths() {
    let code = code_of(
        "use crate::{ui, config::Config};\nfn f() { crate::feed::load(); }\n\
         // crate::app in a comment\n#[cfg(test)]\nmod tests { use crate::startup; }",
    );
    let used: Vec<String> = floors_used(&code).into_iter().collect();
    assert_eq!(used, ["config", "feed", "ui"]);
}
