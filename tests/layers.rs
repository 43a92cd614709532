//! The layering of `src/`, checked on the source (issue 18): nothing points up, only the wizard names its
//! inside (runtime, text, view, keymap), and no folder's files import each other in a circle. Read as a
//! new engineer would, an upward arrow or a circle is what makes a
//! change in one place reach everywhere, so this test keeps the map in ARCHITECTURE.md true.
//!
//! Layers, lowest first — a file may use its own top-level module or one of a strictly lower layer:
//!
//! ```text
//! 0 sanitize exit endpoint   1 order certificate   2 billing activation   3 outcome   4 journal   5 api   6 config
//! 7 text   8 advice sandbox signals   9 tui   10 cli        (main.rs uses pca_order::, not checked)
//! ```
//!
//! What counts as an import: every `crate::NAME` and `$crate::NAME` in a file's text outside the items
//! marked `#[cfg(test)]` (unit tests may reach anywhere), `//` comments stripped (doc links are not
//! imports), and every top-level name inside `crate::{a::b, c}`. NAME must be a module that `src/lib.rs`
//! declares, so `crate::catalog!` (a macro) is not one.
//!
//! There is no list of tolerated exceptions: when issue 18 began there were 6 upward arrows, 7 files of
//! `cli/` naming the wizard's inside and 3 circles; the tests demand 0, 0 and 0.
//!
//! `LAYERS_ROOT=<checkout>` points the tests at another checkout's `src/` (to measure it before a
//! change); unset, they read this crate's.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// Each top-level module of `src/lib.rs` and its layer (lower number = lower).
const LAYERS: &[(&str, u8)] = &[
    ("sanitize", 0),
    ("exit", 0),
    ("endpoint", 0),
    ("order", 1),
    ("certificate", 1),
    ("save", 1),
    ("billing", 2),
    ("activation", 2),
    ("outcome", 3),
    ("journal", 4),
    ("api", 5),
    ("config", 6),
    ("text", 7),
    ("advice", 8),
    ("sandbox", 8),
    ("signals", 8),
    ("tui", 9),
    ("cli", 10),
];

/// The wizard's inside: named only by files under `src/tui/`. The command line opens the wizard through
/// `tui::run` and its `WizardContext`; signals live in `signals`, words in `text`, and the wizard's views,
/// runtime and keymap are nobody else's business.
const TUI_INSIDE: &[&str] = &["runtime", "text", "view", "keymap"];

/// Every folder under `src/` (relative, `/`-separated): none may hold sibling files that import each
/// other in a circle (`cli`, `api`, `api/transport`, `sandbox`, `tui`, `tui/model`, `tui/view`, …).
fn folders(root: &Path) -> Vec<String> {
    fn walk(root: &Path, dir: &Path, out: &mut Vec<String>) {
        let mut dirs: Vec<PathBuf> = std::fs::read_dir(dir)
            .unwrap_or_else(|e| panic!("read {}: {e}", dir.display()))
            .map(|e| e.expect("directory entry").path())
            .filter(|p| p.is_dir())
            .collect();
        dirs.sort();
        for d in dirs {
            let rel = d.strip_prefix(root).expect("under src/");
            out.push(rel.to_string_lossy().replace('\\', "/"));
            walk(root, &d, out);
        }
    }
    let src = root.join("src");
    let mut out = Vec::new();
    walk(&src, &src, &mut out);
    out
}

fn root() -> PathBuf {
    std::env::var_os("LAYERS_ROOT")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")))
}

/// Every `.rs` file under `dir`, sorted, as paths relative to `root` with `/` separators.
fn rust_files(root: &Path, dir: &Path, out: &mut Vec<String>) {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("read {}: {e}", dir.display()))
        .map(|e| e.expect("directory entry").path())
        .collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            rust_files(root, &path, out);
        } else if path.extension().is_some_and(|x| x == "rs") {
            let rel = path.strip_prefix(root).expect("under root");
            out.push(rel.to_string_lossy().replace('\\', "/"));
        }
    }
}

/// A file's text as the layering sees it: every item marked `#[cfg(test)]` left out (unit tests may reach
/// anywhere: the journal's uses `crate::cli`), and `//` comments (doc comments too) cut from each line.
///
/// An item is left out by its layout, which `cargo fmt` keeps: after `#[cfg(test)]` (and any further
/// attributes), a first line ending in `;` is the whole item; otherwise the item runs to the first line
/// that starts with `}` at the attribute's indentation. A cut at the first `#[cfg(test)]` would hide the
/// rest of a file that marks a single helper (the journal's injected fsync failure) for tests.
fn code_of(text: &str) -> String {
    let mut out = String::new();
    let mut lines = text.lines();
    while let Some(line) = lines.next() {
        let trimmed = line.trim_start();
        if trimmed.starts_with("#[cfg(test)]") {
            let indent = &line[..line.len() - trimmed.len()];
            let first = lines.by_ref().find(|l| !l.trim_start().starts_with("#["));
            if first.is_some_and(|l| !l.trim_end().ends_with(';')) {
                let close = format!("{indent}}}");
                for l in lines.by_ref() {
                    if l.starts_with(&close) {
                        break;
                    }
                }
            }
            continue;
        }
        let code = match line.find("//") {
            Some(i) => &line[..i],
            None => line,
        };
        out.push_str(code);
        out.push('\n');
    }
    out
}

fn is_ident(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_'
}

/// The leading identifier of `s` (after spaces).
fn ident(s: &str) -> &str {
    let s = s.trim_start();
    let end = s.find(|c: char| !is_ident(c)).unwrap_or(s.len());
    &s[..end]
}

/// The first segment of each item of a use tree that starts just after `{` in `s`: `a::b, c, d::{e, f}}`
/// gives `a`, `c`, `d` (split at depth 1).
fn brace_heads(s: &str) -> Vec<&str> {
    let mut heads = Vec::new();
    let mut depth = 1;
    let mut start = 0;
    for (i, c) in s.char_indices() {
        match c {
            '{' => depth += 1,
            '}' => {
                depth -= 1;
                if depth == 0 {
                    heads.push(ident(&s[start..i]));
                    break;
                }
            }
            ',' if depth == 1 => {
                heads.push(ident(&s[start..i]));
                start = i + 1;
            }
            _ => {}
        }
    }
    heads.into_iter().filter(|h| !h.is_empty()).collect()
}

/// Every name that follows `prefix::` in `code` where `prefix` stands alone (not the tail of a longer
/// identifier or path), and each top-level name inside `prefix::{…}`.
fn paths_after<'a>(code: &'a str, prefix: &str) -> Vec<&'a str> {
    let needle = format!("{prefix}::");
    let mut found = Vec::new();
    let mut from = 0;
    while let Some(at) = code[from..].find(&needle) {
        let start = from + at;
        from = start + needle.len();
        let before = code[..start].chars().next_back();
        if before.is_some_and(|c| is_ident(c) || c == ':') {
            continue;
        }
        let rest = &code[from..];
        if let Some(inner) = rest.strip_prefix('{') {
            found.extend(brace_heads(inner));
        } else {
            let name = ident(rest);
            if !name.is_empty() {
                found.push(name);
            }
        }
    }
    found
}

/// The top-level modules a file's code names through `crate::` or `$crate::` (only names in `modules`).
fn crate_modules(code: &str, modules: &BTreeSet<String>) -> BTreeSet<String> {
    paths_after(code, "crate")
        .into_iter()
        .filter(|name| modules.contains(*name))
        .map(str::to_string)
        .collect()
}

/// The modules `src/lib.rs` declares (`pub mod x;` / `mod x;`).
fn declared_modules(root: &Path) -> BTreeSet<String> {
    let lib = std::fs::read_to_string(root.join("src/lib.rs")).expect("src/lib.rs");
    code_of(&lib)
        .lines()
        .filter_map(|l| {
            let l = l.trim();
            let l = l.strip_prefix("pub ").unwrap_or(l);
            l.strip_prefix("mod ")?
                .strip_suffix(';')
                .map(str::to_string)
        })
        .collect()
}

/// The top-level module a file under `src/` belongs to (`src/tui/view/x.rs` → `tui`).
fn own_module(file: &str) -> &str {
    let rest = file.strip_prefix("src/").expect("under src/");
    let first = rest.split('/').next().expect("a segment");
    first.strip_suffix(".rs").unwrap_or(first)
}

fn layer_of(module: &str) -> Option<u8> {
    LAYERS.iter().find(|(m, _)| *m == module).map(|(_, l)| *l)
}

/// Every (file, module) pair where a file imports a module of its own layer or above that is not its own.
fn upward_arrows(root: &Path) -> Vec<(String, String)> {
    let modules = declared_modules(root);
    let unlayered: Vec<&String> = modules.iter().filter(|m| layer_of(m).is_none()).collect();
    assert!(
        unlayered.is_empty(),
        "src/lib.rs declares modules with no layer in LAYERS (add them, and to ARCHITECTURE.md): {unlayered:?}"
    );
    let mut files = Vec::new();
    rust_files(root, &root.join("src"), &mut files);
    let mut up = Vec::new();
    for file in files {
        if file == "src/main.rs" || file == "src/lib.rs" {
            continue;
        }
        let own = own_module(&file);
        let Some(own_layer) = layer_of(own) else {
            continue; // a file no module declares is not compiled
        };
        let text = std::fs::read_to_string(root.join(&file)).expect("source");
        for m in crate_modules(&code_of(&text), &modules) {
            if m != own && layer_of(&m).is_some_and(|l| l >= own_layer) {
                up.push((file.clone(), m));
            }
        }
    }
    up
}

/// Every (file, part) where a file outside `src/tui/` names a part of [`TUI_INSIDE`], through
/// `crate::tui::…` or a `tui::…` path after `use crate::tui::{self, …}`.
fn wizard_inside_named(root: &Path) -> Vec<(String, String)> {
    let mut files = Vec::new();
    rust_files(root, &root.join("src"), &mut files);
    let mut found = Vec::new();
    for file in files {
        if file.starts_with("src/tui/") || file == "src/main.rs" {
            continue;
        }
        let text = std::fs::read_to_string(root.join(&file)).expect("source");
        let code = code_of(&text);
        let parts: BTreeSet<&str> = paths_after(&code, "crate::tui")
            .into_iter()
            .chain(paths_after(&code, "tui"))
            .filter(|name| TUI_INSIDE.contains(name))
            .collect();
        found.extend(parts.into_iter().map(|p| (file.clone(), p.to_string())));
    }
    found
}

/// The import edges between sibling files of `src/<folder>/` (not `mod.rs`, the folder's face): from
/// `super::X…` and `crate::<folder>::X…` where `X.rs` is a sibling.
fn sibling_edges(root: &Path, folder: &str) -> BTreeMap<String, BTreeSet<String>> {
    let dir = root.join("src").join(folder);
    let mut names = BTreeSet::new();
    for entry in std::fs::read_dir(&dir).unwrap_or_else(|e| panic!("read {}: {e}", dir.display())) {
        let path = entry.expect("entry").path();
        if path.extension().is_some_and(|x| x == "rs") {
            let stem = path
                .file_stem()
                .expect("stem")
                .to_string_lossy()
                .to_string();
            if stem != "mod" {
                names.insert(stem);
            }
        }
    }
    let crate_prefix = format!("crate::{}", folder.replace('/', "::"));
    let mut edges = BTreeMap::new();
    for from in &names {
        let text = std::fs::read_to_string(dir.join(format!("{from}.rs"))).expect("source");
        let code = code_of(&text);
        let to: BTreeSet<String> = paths_after(&code, "super")
            .into_iter()
            .chain(paths_after(&code, &crate_prefix))
            .filter(|name| *name != from && names.contains(*name))
            .map(str::to_string)
            .collect();
        edges.insert(
            format!("src/{folder}/{from}.rs"),
            to.into_iter()
                .map(|n| format!("src/{folder}/{n}.rs"))
                .collect(),
        );
    }
    edges
}

/// The strongly connected components with more than one file (each is a circle), and for each one
/// circle through it, as a path for the message.
fn circles(edges: &BTreeMap<String, BTreeSet<String>>) -> Vec<(BTreeSet<String>, Vec<String>)> {
    // Reachability by DFS from each node; the graphs are a dozen files.
    let reach = |start: &String| -> BTreeSet<String> {
        let mut seen = BTreeSet::new();
        let mut stack = vec![start.clone()];
        while let Some(n) = stack.pop() {
            for m in edges.get(&n).into_iter().flatten() {
                if seen.insert(m.clone()) {
                    stack.push(m.clone());
                }
            }
        }
        seen
    };
    let reaches: BTreeMap<&String, BTreeSet<String>> =
        edges.keys().map(|n| (n, reach(n))).collect();
    let mut done = BTreeSet::new();
    let mut out = Vec::new();
    for n in edges.keys() {
        // A file alone is no circle here: sibling edges never point at their own file.
        if done.contains(n) || !reaches[n].contains(n) {
            continue;
        }
        let scc: BTreeSet<String> = reaches[n]
            .iter()
            .filter(|m| reaches[*m].contains(n))
            .cloned()
            .collect();
        done.extend(scc.iter().cloned());
        if scc.len() > 1 {
            out.push((scc, cycle_through(n, edges)));
        }
    }
    out
}

/// One shortest circle from `start` back to itself (breadth first).
fn cycle_through(start: &String, edges: &BTreeMap<String, BTreeSet<String>>) -> Vec<String> {
    let mut prev: BTreeMap<String, String> = BTreeMap::new();
    let mut queue = std::collections::VecDeque::from([start.clone()]);
    while let Some(n) = queue.pop_front() {
        for m in edges.get(&n).into_iter().flatten() {
            if m == start {
                let mut path = vec![start.clone()];
                let mut at = n.clone();
                while at != *start {
                    path.push(at.clone());
                    at = prev[&at].clone();
                }
                path.push(start.clone());
                let last = path.len() - 1;
                path[1..last].reverse();
                return path;
            }
            if !prev.contains_key(m) && m != start {
                prev.insert(m.clone(), n.clone());
                queue.push_back(m.clone());
            }
        }
    }
    vec![start.clone()]
}

#[test]
fn nothing_points_up() {
    let root = root();
    let found = upward_arrows(&root);
    let new: Vec<String> = found
        .iter()
        .map(|(f, m)| format!("{f} -> crate::{m}"))
        .collect();
    assert!(
        new.is_empty(),
        "imports that point up (see the layers at the top of tests/layers.rs and ARCHITECTURE.md):\n{}",
        new.join("\n")
    );
}

#[test]
fn only_the_wizard_names_its_inside() {
    let found = wizard_inside_named(&root());
    let new: Vec<String> = found
        .iter()
        .map(|(f, p)| format!("{f} -> tui::{p}"))
        .collect();
    assert!(
        new.is_empty(),
        "files outside src/tui/ that name the wizard's inside (use crate::signals, crate::text, or \
         the wizard's entry point):\n{}",
        new.join("\n")
    );
}

#[test]
fn no_folder_imports_itself_in_a_circle() {
    let root = root();
    let folders = folders(&root);
    for wanted in ["cli", "api", "sandbox", "tui/model", "tui/view"] {
        assert!(
            folders.iter().any(|f| f == wanted),
            "src/{wanted} not found"
        );
    }
    let mut all = Vec::new();
    for folder in &folders {
        all.extend(circles(&sibling_edges(&root, folder)));
    }
    let new: Vec<String> = all
        .iter()
        .map(|(scc, path)| format!("{} files, e.g. {}", scc.len(), path.join(" -> ")))
        .collect();
    assert!(
        new.is_empty(),
        "circles among sibling files:\n{}",
        new.join("\n")
    );
}

/// The scanner itself: braces split at depth 1, `$crate` counted, comments and unit tests ignored, a
/// longer identifier ending in `crate` not mistaken for the keyword, macros not taken for modules.
#[test]
fn the_scanner_reads_paths_as_the_compiler_would() {
    let modules: BTreeSet<String> = ["api", "text", "tui", "journal", "config", "cli"]
        .into_iter()
        .map(String::from)
        .collect();
    let src = [
        "use crate::{api::{Outcome, Reason}, text::Text};",
        "// use crate::cli::Nope;",
        "/// [`crate::config::Nope`]",
        "#[cfg(test)]",
        "thread_local! {",
        "    static X: crate::cli::Fine = crate::cli::fine();",
        "}",
        "fn f() {",
        "    #[cfg(test)]",
        "    crate::tui::only_in_tests();",
        "    #[cfg(test)]",
        "    if crate::tui::testing() {",
        "        crate::cli::nope();",
        "    }",
        "    $crate::journal::x(); my_crate::tui::y(); crate::catalog!{}",
        "}",
        "#[cfg(test)]",
        "#[allow(dead_code)]",
        "mod tests {",
        "    fn g() {",
        "    }",
        "    use crate::cli::Fine;",
        "}",
        "fn after() { crate::config::load(); }",
    ]
    .join("\n");
    let found = crate_modules(&code_of(&src), &modules);
    let want: BTreeSet<String> = ["api", "text", "journal", "config"]
        .into_iter()
        .map(String::from)
        .collect();
    assert_eq!(found, want);
    let edges = paths_after(
        "use super::{Canvas, parts};\nsuper::outcome::journal(m, c);",
        "super",
    );
    assert_eq!(edges, ["Canvas", "parts", "outcome"]);
    let code = "use crate::tui::{self, WizardContext, text::Lang};\ntui::runtime::x(); ratatui::text::y();";
    let mut names = paths_after(code, "crate::tui");
    names.extend(paths_after(code, "tui"));
    assert_eq!(names, ["self", "WizardContext", "text", "runtime"]);
}

/// The circle finder: a ring of three is one circle of three; a tail into it, or a file alone, is none.
#[test]
fn the_circle_finder_names_the_ring_only() {
    let mut edges: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for (a, b) in [("a", "b"), ("b", "c"), ("c", "a"), ("d", "a"), ("e", "e")] {
        edges
            .entry(a.to_string())
            .or_default()
            .insert(b.to_string());
        edges.entry(b.to_string()).or_default();
    }
    let found = circles(&edges);
    let sets: Vec<Vec<&str>> = found
        .iter()
        .map(|(scc, _)| scc.iter().map(String::as_str).collect())
        .collect();
    assert!(sets.contains(&vec!["a", "b", "c"]), "{sets:?}");
    assert_eq!(sets.len(), 1, "{sets:?}");
    let (_, path) = found.iter().find(|(s, _)| s.contains("a")).expect("ring");
    assert_eq!(path.first(), path.last());
    assert_eq!(path.len(), 4, "{path:?}");
}

/// Clients split by service over one transport: each service's client (CCM, IAM/EPS, BSS) holds the
/// `Transport` and never another client, so a new service's client is a peer, not a wrapper.
#[test]
fn each_service_client_holds_the_transport_never_another_client() {
    let root = root();
    for (file, client) in [
        ("src/api/ccm.rs", "CcmClient"),
        ("src/api/iam.rs", "IamClient"),
        ("src/api/bss.rs", "BssClient"),
    ] {
        let text =
            std::fs::read_to_string(root.join(file)).unwrap_or_else(|e| panic!("read {file}: {e}"));
        let code = code_of(&text);
        let start = code
            .find(&format!("pub struct {client} {{"))
            .unwrap_or_else(|| panic!("{file}: no `pub struct {client}`"));
        let body = &code[start..];
        let body = &body[..body.find("\n}").expect("the struct ends")];
        assert!(
            body.contains("transport: Transport"),
            "{file}: {client} does not hold the transport"
        );
        for other in ["CcmClient", "IamClient", "BssClient"] {
            assert!(
                !body.contains(&format!(": {other}")),
                "{file}: {client} holds a {other}"
            );
        }
    }
}
