//! The shape limits of the production code (the panel, the demo server and
//! the wire crate): no file over 300 lines and no function over 80 lines
//! (inline `#[cfg(test)]` modules aside), so that each piece stays readable on
//! its own; and no two modules of the demo server importing each other, even
//! through others, so that each can be read knowing only those below it.
#![cfg(not(target_arch = "wasm32"))]

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// The source folders the size limits hold for.
const SOURCES: [&str; 3] = ["src", "demo-server/src", "wire/src"];

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
    let mut t = line.trim_start();
    // Any visibility: `pub`, `pub(crate)`, `pub(super)`, `pub(in …)`.
    if let Some(rest) = t.strip_prefix("pub") {
        let rest = match rest.strip_prefix('(') {
            Some(inner) => inner.split_once(')').map_or(rest, |(_, after)| after),
            None => rest,
        };
        if rest.starts_with(' ') {
            t = rest.trim_start();
        }
    }
    for qualifier in ["const ", "async ", "unsafe "] {
        t = t.strip_prefix(qualifier).unwrap_or(t);
    }
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
    for dir in SOURCES {
        rust_files(&Path::new(env!("CARGO_MANIFEST_DIR")).join(dir), &mut files);
    }
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
    for start in [
        "pub(super) fn f() {",
        "pub(in crate::a) fn f() {",
        "pub const fn f() {",
        "pub(crate) async fn f() {",
    ] {
        assert!(is_fn_start(start), "{start}");
    }
    assert!(!is_fn_start("pub fnord: u8,"));
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

/// The module a file under a crate's `src` is: `a/b.rs` is `a::b`, `a/mod.rs`
/// is `a`, and `lib.rs` and `main.rs` are the crate root (no segment).
fn module_of(rel: &Path) -> Vec<String> {
    let mut parts: Vec<String> = rel
        .with_extension("")
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    if matches!(
        parts.last().map(String::as_str),
        Some("mod" | "lib" | "main")
    ) {
        parts.pop();
    }
    parts
}

/// The text of each `use` declaration (between `use` and `;`) of some code,
/// one declaration possibly spanning several lines.
fn use_trees(lines: &[&str]) -> Vec<String> {
    let mut out = Vec::new();
    let mut open: Option<String> = None;
    for line in lines {
        let t = line.trim();
        if t.starts_with("//") {
            continue;
        }
        let text = match open.take() {
            Some(so_far) => format!("{so_far} {t}"),
            None => {
                let vis = t.strip_prefix("pub").map(|r| match r.strip_prefix('(') {
                    Some(inner) => inner.split_once(')').map_or(r, |(_, after)| after),
                    None => r,
                });
                match vis.unwrap_or(t).trim_start().strip_prefix("use ") {
                    Some(tree) => tree.to_string(),
                    None => continue,
                }
            }
        };
        match text.split_once(';') {
            Some((tree, _)) => out.push(tree.to_string()),
            None => open = Some(text),
        }
    }
    out
}

/// Splits a list at its top-level commas.
fn split_top(list: &str) -> Vec<&str> {
    let (mut depth, mut start, mut out) = (0, 0, Vec::new());
    for (i, c) in list.char_indices() {
        match c {
            '{' => depth += 1,
            '}' => depth -= 1,
            ',' if depth == 0 => {
                out.push(&list[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    out.push(&list[start..]);
    out.into_iter().filter(|p| !p.trim().is_empty()).collect()
}

/// The paths a `use` tree names: `a::{b, c::{self, d as e}}` names `a::b`,
/// `a::c` and `a::c::d`.
fn expand(prefix: &[String], tree: &str, out: &mut Vec<Vec<String>>) {
    let tree = tree.trim();
    let tree = tree.split(" as ").next().unwrap_or(tree).trim();
    let mut path = prefix.to_vec();
    match tree.find('{') {
        Some(open) => {
            let head = tree[..open].trim_end_matches(':');
            path.extend(head.split("::").filter(|s| !s.is_empty()).map(String::from));
            let inner = tree[open + 1..].trim_end().trim_end_matches('}');
            for part in split_top(inner) {
                expand(&path, part, out);
            }
        }
        None => {
            let segments = tree.split("::").map(str::trim);
            path.extend(
                segments
                    .filter(|s| !s.is_empty() && *s != "*")
                    .filter(|s| *s != "self" || prefix.is_empty())
                    .map(String::from),
            );
            out.push(path);
        }
    }
}

/// The paths through `crate::` written in a line outside a `use`, e.g.
/// `crate::framing::protect`.
fn inline_paths(line: &str) -> Vec<Vec<String>> {
    let mut out = Vec::new();
    let mut rest = line;
    while let Some(at) = rest.find("crate::") {
        let before = rest[..at].chars().next_back();
        rest = &rest[at..];
        let end = rest
            .find(|c: char| !(c.is_alphanumeric() || c == '_' || c == ':'))
            .unwrap_or(rest.len());
        if !before.is_some_and(|c| c.is_alphanumeric() || c == '_') {
            out.push(rest[..end].split("::").map(String::from).collect());
        }
        rest = &rest[end..];
    }
    out
}

/// The module of `modules` that a path written in module `from` leads to:
/// the longest known prefix of the path made absolute. `None` for a path into
/// another crate, or to the crate root (which only declares the modules).
fn resolve(
    from: &[String],
    path: &[String],
    modules: &BTreeSet<Vec<String>>,
) -> Option<Vec<String>> {
    let (mut abs, rest) = match path.first().map(String::as_str) {
        Some("crate") => (Vec::new(), &path[1..]),
        Some("self") => (from.to_vec(), &path[1..]),
        Some("super") => {
            let mut base = from.to_vec();
            let ups = path.iter().take_while(|s| *s == "super").count();
            base.truncate(base.len().saturating_sub(ups));
            (base, &path[ups..])
        }
        Some(first) => {
            let mut child = from.to_vec();
            child.push(first.to_string());
            if !modules.contains(&child) {
                return None;
            }
            (from.to_vec(), path)
        }
        None => return None,
    };
    abs.extend(rest.iter().cloned());
    (1..=abs.len())
        .rev()
        .map(|n| abs[..n].to_vec())
        .find(|m| modules.contains(m))
}

/// Which modules each module of the crate in `src` imports, from the `use`
/// declarations and the `crate::` paths of its production part.
fn imports(src: &Path) -> BTreeMap<String, BTreeSet<String>> {
    let mut files = Vec::new();
    rust_files(src, &mut files);
    let texts: Vec<(Vec<String>, String)> = files
        .iter()
        .map(|f| {
            let module = module_of(f.strip_prefix(src).unwrap());
            (module, std::fs::read_to_string(f).unwrap())
        })
        .collect();
    let modules: BTreeSet<Vec<String>> = texts.iter().map(|(m, _)| m.clone()).collect();
    let mut graph = BTreeMap::new();
    for (module, text) in &texts {
        let lines = production(text);
        let mut paths = Vec::new();
        for tree in use_trees(&lines) {
            expand(&[], &tree, &mut paths);
        }
        for line in lines.iter().filter(|l| !l.trim_start().starts_with("//")) {
            paths.extend(inline_paths(line));
        }
        let targets: &mut BTreeSet<String> = graph.entry(module.join("::")).or_default();
        for p in &paths {
            match resolve(module, p, &modules) {
                Some(m) if !m.is_empty() && m != *module => {
                    targets.insert(m.join("::"));
                }
                _ => {}
            }
        }
    }
    graph
}

/// A circle of imports, as the modules along it (the first again at the end).
fn find_circle(graph: &BTreeMap<String, BTreeSet<String>>) -> Option<Vec<String>> {
    fn visit(
        node: &str,
        graph: &BTreeMap<String, BTreeSet<String>>,
        path: &mut Vec<String>,
        done: &mut BTreeSet<String>,
    ) -> Option<Vec<String>> {
        if let Some(at) = path.iter().position(|n| n == node) {
            let mut circle = path[at..].to_vec();
            circle.push(node.to_string());
            return Some(circle);
        }
        if done.contains(node) {
            return None;
        }
        path.push(node.to_string());
        for next in graph.get(node).into_iter().flatten() {
            if let Some(c) = visit(next, graph, path, done) {
                return Some(c);
            }
        }
        path.pop();
        done.insert(node.to_string());
        None
    }
    let mut done = BTreeSet::new();
    graph
        .keys()
        .find_map(|n| visit(n, graph, &mut Vec::new(), &mut done))
}

/// The same imports between the top-level modules only (`http::state` is
/// `http`), leaving out imports within one.
fn top_level(graph: &BTreeMap<String, BTreeSet<String>>) -> BTreeMap<String, BTreeSet<String>> {
    let top = |m: &str| m.split("::").next().unwrap_or(m).to_string();
    let mut out: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for (from, targets) in graph {
        let entry = out.entry(top(from)).or_default();
        entry.extend(targets.iter().map(|t| top(t)).filter(|t| *t != top(from)));
    }
    out
}

#[test]
fn demo_server_and_wire_modules_import_no_circle() {
    for krate in ["demo-server/src", "wire/src"] {
        let src = Path::new(env!("CARGO_MANIFEST_DIR")).join(krate);
        let graph = imports(&src);
        // The check sees the imports at all.
        let edges: usize = graph.values().map(BTreeSet::len).sum();
        assert!(graph.len() > 5 && edges > 5, "{krate}: {graph:?}");
        for (what, g) in [
            ("modules", graph.clone()),
            ("top-level modules", top_level(&graph)),
        ] {
            if let Some(circle) = find_circle(&g) {
                panic!(
                    "{krate}: {what} import each other in a circle: {}",
                    circle.join(" -> ")
                );
            }
        }
    }
}

#[test]
fn the_circle_check_reads_use_trees_and_finds_circles() {
    let lines = [
        "use crate::a::{self, b::{C, D as E}};",
        "pub(crate) use super::x;",
        "use serde::{",
        "    Deserialize, Serialize,",
        "};",
        "// use crate::commented::Out;",
        "    let h = crate::framing::Headers::new();",
    ];
    let trees = use_trees(&lines);
    assert_eq!(trees.len(), 3, "{trees:?}");
    let mut paths = Vec::new();
    for t in &trees {
        expand(&[], t, &mut paths);
    }
    let shown: Vec<String> = paths.iter().map(|p| p.join("::")).collect();
    assert_eq!(
        shown,
        [
            "crate::a",
            "crate::a::b::C",
            "crate::a::b::D",
            "super::x",
            "serde::Deserialize",
            "serde::Serialize"
        ]
    );
    assert_eq!(
        inline_paths(lines[6]),
        [["crate", "framing", "Headers", "new"]]
    );
    let modules: BTreeSet<Vec<String>> = [vec!["a"], vec!["a", "b"], vec!["x"]]
        .into_iter()
        .map(|m| m.into_iter().map(String::from).collect())
        .collect();
    let path = |p: &str| p.split("::").map(String::from).collect::<Vec<_>>();
    let from = path("a::b");
    assert_eq!(
        resolve(&from, &path("super::Thing"), &modules),
        Some(path("a"))
    );
    assert_eq!(
        resolve(&from, &path("crate::x::Y"), &modules),
        Some(path("x"))
    );
    assert_eq!(resolve(&from, &path("serde::Serialize"), &modules), None);
    assert_eq!(
        resolve(&path("a"), &path("b::Z"), &modules),
        Some(path("a::b"))
    );
    let graph = |edges: &[(&str, &str)]| {
        let mut g: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
        for (a, b) in edges {
            g.entry(a.to_string()).or_default().insert(b.to_string());
            g.entry(b.to_string()).or_default();
        }
        g
    };
    assert_eq!(
        find_circle(&graph(&[("a", "b"), ("b", "c"), ("a", "c")])),
        None
    );
    assert_eq!(
        find_circle(&graph(&[("a", "b"), ("b", "c"), ("c", "a")])),
        Some(vec!["a".into(), "b".into(), "c".into(), "a".into()])
    );
    let nested = graph(&[("http::state", "domain"), ("domain::x", "http::fail")]);
    assert_eq!(find_circle(&nested), None);
    assert!(find_circle(&top_level(&nested)).is_some());
}
