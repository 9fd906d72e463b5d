//! The shape limits of the production code: no file over 300 lines and no
//! function over 80 lines (inline `#[cfg(test)]` modules aside), so that each
//! piece stays readable on its own.
#![cfg(not(target_arch = "wasm32"))]

use std::path::{Path, PathBuf};

const MAX_FILE_LINES: usize = 300;
const MAX_FN_LINES: usize = 80;

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

/// The production part of a file: everything before its inline test module.
fn production(text: &str) -> Vec<&str> {
    text.lines()
        .take_while(|l| l.trim_start() != "#[cfg(test)]")
        .collect()
}

fn is_fn_start(line: &str) -> bool {
    let t = line.trim_start();
    let t = t
        .strip_prefix("pub(crate) ")
        .or(t.strip_prefix("pub "))
        .unwrap_or(t);
    let t = t.strip_prefix("async ").unwrap_or(t);
    t.starts_with("fn ")
}

/// (first line, number of lines) of each function: from `fn` to its closing brace.
fn functions(lines: &[&str]) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        if !is_fn_start(line) {
            continue;
        }
        let mut depth = 0i32;
        let mut opened = false;
        for (j, l) in lines.iter().enumerate().skip(i) {
            for c in l.chars() {
                match c {
                    '{' => {
                        depth += 1;
                        opened = true;
                    }
                    '}' => depth -= 1,
                    ';' if !opened && depth == 0 => break,
                    _ => {}
                }
            }
            if opened && depth <= 0 {
                out.push((i + 1, j - i + 1));
                break;
            }
            if !opened && l.trim_end().ends_with(';') {
                break;
            }
        }
    }
    out
}

#[test]
fn files_and_functions_stay_small() {
    let mut files = Vec::new();
    rust_files(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("src").as_path(),
        &mut files,
    );
    files.sort();
    let mut over = Vec::new();
    let (mut longest_fn, mut longest_file) = ((0, String::new()), (0, String::new()));
    for f in &files {
        let text = std::fs::read_to_string(f).unwrap();
        let lines = production(&text);
        let name = f
            .strip_prefix(env!("CARGO_MANIFEST_DIR"))
            .unwrap()
            .display()
            .to_string();
        if lines.len() > longest_file.0 {
            longest_file = (lines.len(), name.clone());
        }
        if lines.len() > MAX_FILE_LINES {
            over.push(format!("{name}: {} lines", lines.len()));
        }
        for (at, n) in functions(&lines) {
            if n > longest_fn.0 {
                longest_fn = (n, format!("{name}:{at}"));
            }
            if n > MAX_FN_LINES {
                over.push(format!("{name}:{at}: a function of {n} lines"));
            }
        }
    }
    println!(
        "{} files; longest file {} ({} lines), longest function {} ({} lines)",
        files.len(),
        longest_file.1,
        longest_file.0,
        longest_fn.1,
        longest_fn.0
    );
    assert!(over.is_empty(), "over the limits:\n{}", over.join("\n"));
}

#[test]
fn the_checker_sees_a_long_function_and_skips_tests() {
    let long = format!("fn f() {{\n{}}}\n", "    x();\n".repeat(90));
    assert_eq!(functions(&production(&long)), [(1, 92)]);
    let with_tests = "fn a() {}\n#[cfg(test)]\nmod tests {\n    fn b() {\n    }\n}\n";
    assert_eq!(production(with_tests).len(), 1);
    assert_eq!(
        functions(&[
            "    pub async fn g(",
            "        x: u8,",
            "    ) -> u8 {",
            "        x",
            "    }"
        ]),
        [(1, 5)]
    );
}

/// Where async work may start: only through `state/life.rs` (`action`,
/// `resource`, `spawn`, `detach`, `Life::guard`), whose work stops when its
/// owner goes, so that no task reads a signal whose owner is gone (a panic
/// that aborts the release build). The panel's split glue may name
/// `spawn_local` in no other file either.
#[test]
fn async_work_starts_only_where_its_owner_is_known() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    let mut found = Vec::new();
    for f in &files {
        if f.ends_with("state/life.rs") {
            continue;
        }
        let text = std::fs::read_to_string(f).unwrap();
        for (i, line) in production(&text).iter().enumerate() {
            for raw in [
                "Action::new_local(",
                "Action::new(",
                "LocalResource::new(",
                "Resource::new(",
                "spawn_local(",
                "spawn_local_scoped(",
            ] {
                if line.contains(raw) && !line.trim_start().starts_with("//") {
                    found.push(format!(
                        "{}:{}: {}",
                        f.strip_prefix(&src).unwrap().display(),
                        i + 1,
                        line.trim()
                    ));
                }
            }
        }
    }
    assert!(
        found.is_empty(),
        "async work started outside state/life.rs:\n{}",
        found.join("\n")
    );
}
