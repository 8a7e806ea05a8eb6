//! The module graph: which source file imports which. Screens import the
//! kernel (`tui/screen.rs`) and the app sits above them, so `src/tui` has no
//! import cycle; `src/domain` has at most one, and never reaches up into the
//! store, the terminal or the command line.
//!
//! An edge A → B is any path in A's code (a `use`, or a path written inline)
//! that names an item of file B: `crate::…`, `super::…`, `self::…`, or a
//! child module of A. A module's `mod x;` declaration is not an edge (a
//! parent owning a child is not the parent using it), nor is a `pub use`
//! re-export (a facade: a path through it leads to the file that defines the
//! item). Test code (`#[cfg(test)]` modules, `tests.rs` files) counts for the
//! layering checks, not for cycles: a test may import what it tests. Run with
//! `--nocapture` to print every cycle with the imports that close it
//! (`cargo test --test module_graph -- --nocapture`).

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

/// A module path (`["tui", "screens", "now"]`) for each source file.
fn module_of(src: &Path, file: &Path) -> Vec<String> {
    let rel = file.strip_prefix(src).expect("under src");
    let mut parts: Vec<String> = rel
        .iter()
        .map(|p| p.to_string_lossy().into_owned())
        .collect();
    let last = parts.pop().expect("a file name");
    let stem = last.trim_end_matches(".rs");
    if !matches!(stem, "mod" | "lib" | "main") {
        parts.push(stem.to_string());
    }
    parts
}

fn files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in fs::read_dir(dir).expect("read src") {
        let path = entry.expect("entry").path();
        if path.is_dir() {
            files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The code with comments, strings and character literals blanked out, so
/// a path written in prose is not an import.
fn code_only(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let next = chars.get(i + 1).copied();
        if c == '/' && next == Some('/') {
            while i < chars.len() && chars[i] != '\n' {
                i += 1;
            }
        } else if c == '/' && next == Some('*') {
            let mut depth = 0;
            while i < chars.len() {
                if chars[i] == '/' && chars.get(i + 1) == Some(&'*') {
                    depth += 1;
                    i += 2;
                } else if chars[i] == '*' && chars.get(i + 1) == Some(&'/') {
                    depth -= 1;
                    i += 2;
                    if depth == 0 {
                        break;
                    }
                } else {
                    i += 1;
                }
            }
            out.push(' ');
        } else if c == 'r' && matches!(next, Some('#') | Some('"')) && !ident_before(&chars, i) {
            // A raw string: r"…" or r#"…"#.
            let mut hashes = 0;
            let mut j = i + 1;
            while chars.get(j) == Some(&'#') {
                hashes += 1;
                j += 1;
            }
            if chars.get(j) != Some(&'"') {
                out.push(c);
                i += 1;
                continue;
            }
            j += 1;
            loop {
                if j >= chars.len() {
                    break;
                }
                if chars[j] == '"' && (0..hashes).all(|h| chars.get(j + 1 + h) == Some(&'#')) {
                    j += 1 + hashes;
                    break;
                }
                j += 1;
            }
            out.push_str("\"\"");
            i = j;
        } else if c == '"' {
            i += 1;
            while i < chars.len() && chars[i] != '"' {
                i += if chars[i] == '\\' { 2 } else { 1 };
            }
            i += 1;
            out.push_str("\"\"");
        } else if c == '\'' {
            // A character literal ('x', '\n', '\u{1b}'), not a lifetime ('a).
            let end = if next == Some('\\') {
                chars[i + 2..]
                    .iter()
                    .position(|&c| c == '\'')
                    .map(|p| i + 2 + p)
            } else if chars.get(i + 2) == Some(&'\'') {
                Some(i + 2)
            } else {
                None
            };
            match end {
                Some(end) => {
                    out.push_str("' '");
                    i = end + 1;
                }
                None => {
                    out.push(c);
                    i += 1;
                }
            }
        } else {
            out.push(c);
            i += 1;
        }
    }
    out
}

fn ident_before(chars: &[char], i: usize) -> bool {
    i > 0 && (chars[i - 1].is_alphanumeric() || chars[i - 1] == '_')
}

/// Every path in a `use` tree: `a::{b, c::{d, e}}` gives `a::b`, `a::c::d`, `a::c::e`.
fn expand_use(tree: &str) -> Vec<String> {
    let mut out = Vec::new();
    expand(tree, "", &mut out);
    out
}

fn expand(tree: &str, prefix: &str, out: &mut Vec<String>) {
    let tree = tree.trim();
    let Some(open) = tree.find('{') else {
        // `a::b as c` stays whole: the alias is what a re-export names.
        let leaf = tree.split_whitespace().collect::<Vec<_>>().join(" ");
        out.push(format!("{prefix}{leaf}"));
        return;
    };
    let head: String = tree[..open]
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    let body = &tree[open + 1..tree.rfind('}').unwrap_or(tree.len())];
    let mut depth = 0;
    let mut start = 0;
    let prefix = format!("{prefix}{head}");
    for (i, c) in body.char_indices() {
        match c {
            '{' => depth += 1,
            '}' => depth -= 1,
            ',' if depth == 0 => {
                if !body[start..i].trim().is_empty() {
                    expand(&body[start..i], &prefix, out);
                }
                start = i + 1;
            }
            _ => {}
        }
    }
    if !body[start..].trim().is_empty() {
        expand(&body[start..], &prefix, out);
    }
}

/// A path written in a file: its segments, how many inline modules
/// (`mod tests { … }`) it sits in, and whether it is a re-export (`pub use`).
#[derive(Debug, PartialEq)]
struct Written {
    segs: Vec<String>,
    inline: usize,
    reexport: Option<String>,
    /// Written in test code (a `#[cfg(test)]` module or a `tests.rs` file).
    test: bool,
}

/// How many inline modules are open at each byte of `code`, and whether
/// one of them is a `#[cfg(test)]` module.
fn inline_depths(code: &str) -> Vec<(usize, bool)> {
    let bytes = code.as_bytes();
    let mut depths = vec![(0, false); bytes.len() + 1];
    let mut braces = 0usize;
    // The brace depth at which each open inline module began, and whether it is a test module.
    let mut open: Vec<(usize, bool)> = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'{' => {
                let before = code[..i].trim_end();
                let is_mod = before
                    .rsplit(|c: char| c.is_whitespace())
                    .nth(1)
                    .is_some_and(|w| w == "mod");
                if is_mod {
                    let head = &before[before.len().saturating_sub(60)..];
                    let test =
                        head.contains("#[cfg(test)]") || open.last().is_some_and(|&(_, test)| test);
                    open.push((braces, test));
                }
                braces += 1;
            }
            b'}' => {
                braces = braces.saturating_sub(1);
                if open.last().is_some_and(|&(at, _)| at == braces) {
                    open.pop();
                }
            }
            _ => {}
        }
        depths[i] = (open.len(), open.last().is_some_and(|&(_, test)| test));
        i += 1;
    }
    depths
}

/// The paths a file's code names: `use` trees, and inline `crate::`,
/// `super::`, `self::` and `child::` paths.
fn paths_in(code: &str, children: &BTreeSet<String>, test_file: bool) -> Vec<Written> {
    let depths = inline_depths(code);
    let mut paths = Vec::new();
    // `use` statements, which may span lines; their text is then skipped.
    let mut skip: Vec<(usize, usize)> = Vec::new();
    let mut from = 0;
    while let Some(at) = find_word(&code[from..], "use").map(|a| a + from) {
        let Some(end) = code[at..].find(';').map(|e| e + at) else {
            break;
        };
        let tree = code[at + 3..end].trim();
        let line_start = code[..at].rfind(['\n', ';', '}', '{']).map_or(0, |p| p + 1);
        let public = code[line_start..at].trim_start().starts_with("pub");
        if tree
            .chars()
            .next()
            .is_some_and(|c| c.is_alphabetic() || c == ':')
        {
            for p in expand_use(tree) {
                let (path, alias) = match p.split_once(" as ") {
                    Some((path, alias)) => (path.to_string(), Some(alias.trim().to_string())),
                    None => (p.clone(), None),
                };
                let segs: Vec<String> = path.split("::").map(|s| s.trim().to_string()).collect();
                let name = alias.or_else(|| segs.last().cloned());
                paths.push(Written {
                    segs,
                    inline: depths[at].0,
                    reexport: if public { name } else { None },
                    test: test_file || depths[at].1,
                });
            }
            skip.push((at, end));
        }
        from = end;
    }
    // Inline paths.
    let chars: Vec<(usize, char)> = code.char_indices().collect();
    let mut i = 0;
    while i < chars.len() {
        let (at, c) = chars[i];
        if skip.iter().any(|&(s, e)| at >= s && at < e) {
            i += 1;
            continue;
        }
        let starts_ident = (c.is_alphabetic() || c == '_')
            && (i == 0 || !(chars[i - 1].1.is_alphanumeric() || chars[i - 1].1 == '_'));
        if !starts_ident {
            i += 1;
            continue;
        }
        let mut segs = Vec::new();
        let mut j = i;
        loop {
            let s = j;
            while j < chars.len() && (chars[j].1.is_alphanumeric() || chars[j].1 == '_') {
                j += 1;
            }
            segs.push(chars[s..j].iter().map(|(_, c)| c).collect::<String>());
            let colons = j + 1 < chars.len() && chars[j].1 == ':' && chars[j + 1].1 == ':';
            if colons
                && chars
                    .get(j + 2)
                    .is_some_and(|(_, c)| c.is_alphabetic() || *c == '_')
            {
                j += 2;
                continue;
            }
            break;
        }
        let first = segs[0].as_str();
        if segs.len() > 1
            && (matches!(first, "crate" | "super" | "self") || children.contains(first))
        {
            paths.push(Written {
                segs,
                inline: depths[at].0,
                reexport: None,
                test: test_file || depths[at].1,
            });
        }
        i = j.max(i + 1);
    }
    paths
}

fn find_word(text: &str, word: &str) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut from = 0;
    while let Some(at) = text[from..].find(word) {
        let at = from + at;
        let before = at == 0 || !(bytes[at - 1].is_ascii_alphanumeric() || bytes[at - 1] == b'_');
        let after = bytes
            .get(at + word.len())
            .is_none_or(|b| b.is_ascii_whitespace());
        if before && after {
            return Some(at);
        }
        from = at + word.len();
    }
    None
}

struct Graph {
    /// Module path → file (relative to `src`, for messages).
    names: BTreeMap<Vec<String>, String>,
    /// What the shipped code imports: the edges cycles are sought in.
    edges: BTreeMap<String, BTreeSet<String>>,
    /// What test code imports as well (for the layering checks).
    test_edges: BTreeMap<String, BTreeSet<String>>,
}

/// One file as the graph reads it.
struct Source {
    module: Vec<String>,
    paths: Vec<Written>,
    /// What the file re-exports (`pub use a::b::C` → `C` → `crate::a::b::C`).
    reexports: BTreeMap<String, Vec<String>>,
}

/// `path`, written in `module` inside `inline` inline modules, from the crate root.
fn absolute(module: &[String], path: &Written) -> Vec<String> {
    let mut segs = path.segs.iter().peekable();
    let mut at: Vec<String> = module.to_vec();
    let mut inline = path.inline;
    match segs.peek().map(|s| s.as_str()) {
        Some("crate") => {
            segs.next();
            at.clear();
        }
        Some("super") | Some("self") => {
            while let Some(s) = segs.peek() {
                match s.as_str() {
                    "super" if inline > 0 => inline -= 1,
                    "super" => {
                        at.pop();
                    }
                    "self" => {}
                    _ => break,
                }
                segs.next();
            }
        }
        _ => {}
    }
    at.extend(segs.cloned());
    at
}

/// The file that defines what `path` (from the crate root) names: the
/// deepest module on it that is a file, following re-exports.
fn defining_file(
    names: &BTreeMap<Vec<String>, String>,
    sources: &BTreeMap<String, Source>,
    path: &[String],
    hops: usize,
) -> Option<String> {
    let mut target = names.get(&Vec::new()).cloned();
    for n in 1..=path.len() {
        match names.get(&path[..n]) {
            Some(file) => target = Some(file.clone()),
            None => {
                // `path[n - 1]` is an item of the file reached so far: if that
                // file only re-exports it, the item lives where it points.
                let file = target.as_ref()?;
                if let Some(to) = sources
                    .get(file)
                    .and_then(|s| s.reexports.get(&path[n - 1]))
                    && hops < 8
                {
                    let mut to = to.clone();
                    to.extend(path[n..].iter().cloned());
                    return defining_file(names, sources, &to, hops + 1);
                }
                break;
            }
        }
    }
    target
}

fn graph() -> Graph {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut all = Vec::new();
    files(&src, &mut all);
    let mut names = BTreeMap::new();
    for file in &all {
        let name = file
            .strip_prefix(&src)
            .expect("under src")
            .to_string_lossy()
            .into_owned();
        if name != "main.rs" {
            names.insert(module_of(&src, file), name);
        }
    }
    let mut sources = BTreeMap::new();
    for (module, name) in &names {
        let text = fs::read_to_string(src.join(name)).expect("read");
        let children: BTreeSet<String> = names
            .keys()
            .filter(|m| m.len() == module.len() + 1 && m.starts_with(module))
            .map(|m| m[m.len() - 1].clone())
            .collect();
        let test_file = module.last().is_some_and(|m| m == "tests");
        let paths = paths_in(&code_only(&text), &children, test_file);
        let reexports = paths
            .iter()
            .filter(|p| p.inline == 0)
            .filter_map(|p| Some((p.reexport.clone()?, absolute(module, p))))
            .collect();
        sources.insert(
            name.clone(),
            Source {
                module: module.clone(),
                paths,
                reexports,
            },
        );
    }
    let mut edges: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    let mut test_edges: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for (name, source) in &sources {
        // A re-export is a facade, not a use: its own line is no edge.
        for path in source.paths.iter().filter(|p| p.reexport.is_none()) {
            let full = absolute(&source.module, path);
            if let Some(target) = defining_file(&names, &sources, &full, 0)
                && &target != name
                && target != "lib.rs"
            {
                let into = if path.test {
                    &mut test_edges
                } else {
                    &mut edges
                };
                into.entry(name.clone()).or_default().insert(target);
            }
        }
    }
    Graph {
        names,
        edges,
        test_edges,
    }
}

/// Strongly connected components of more than one file (Tarjan), among the
/// files whose names start with `under`.
fn cycles(graph: &Graph, under: &str) -> Vec<Vec<String>> {
    let nodes: Vec<&String> = graph
        .names
        .values()
        .filter(|n| n.starts_with(under))
        .collect();
    let index_of: BTreeMap<&String, usize> =
        nodes.iter().enumerate().map(|(i, n)| (*n, i)).collect();
    let adj: Vec<Vec<usize>> = nodes
        .iter()
        .map(|n| {
            graph
                .edges
                .get(*n)
                .into_iter()
                .flatten()
                .filter_map(|t| index_of.get(t).copied())
                .collect()
        })
        .collect();
    let mut state = Tarjan {
        index: vec![None; nodes.len()],
        low: vec![0; nodes.len()],
        on_stack: vec![false; nodes.len()],
        stack: Vec::new(),
        next: 0,
        found: Vec::new(),
    };
    for v in 0..nodes.len() {
        if state.index[v].is_none() {
            state.visit(v, &adj);
        }
    }
    state
        .found
        .into_iter()
        .filter(|c| c.len() > 1)
        .map(|c| {
            let mut names: Vec<String> = c.into_iter().map(|i| nodes[i].clone()).collect();
            names.sort();
            names
        })
        .collect()
}

struct Tarjan {
    index: Vec<Option<usize>>,
    low: Vec<usize>,
    on_stack: Vec<bool>,
    stack: Vec<usize>,
    next: usize,
    found: Vec<Vec<usize>>,
}

impl Tarjan {
    fn visit(&mut self, v: usize, adj: &[Vec<usize>]) {
        self.index[v] = Some(self.next);
        self.low[v] = self.next;
        self.next += 1;
        self.stack.push(v);
        self.on_stack[v] = true;
        for &w in &adj[v] {
            match self.index[w] {
                None => {
                    self.visit(w, adj);
                    self.low[v] = self.low[v].min(self.low[w]);
                }
                Some(i) if self.on_stack[w] => self.low[v] = self.low[v].min(i),
                Some(_) => {}
            }
        }
        if Some(self.low[v]) == self.index[v] {
            let mut component = Vec::new();
            while let Some(w) = self.stack.pop() {
                self.on_stack[w] = false;
                component.push(w);
                if w == v {
                    break;
                }
            }
            self.found.push(component);
        }
    }
}

/// Each cycle with the imports that close it, one per line.
fn report(graph: &Graph, cycles: &[Vec<String>]) -> String {
    let mut out = Vec::new();
    for cycle in cycles {
        out.push(format!("  {} files:", cycle.len()));
        for file in cycle {
            let within: Vec<&str> = graph
                .edges
                .get(file)
                .into_iter()
                .flatten()
                .filter(|t| cycle.contains(t))
                .map(String::as_str)
                .collect();
            out.push(format!("    {file} → {}", within.join(", ")));
        }
    }
    out.join("\n")
}

#[test]
fn the_tui_has_no_import_cycle() {
    let graph = graph();
    let found = cycles(&graph, "tui/");
    println!("src/tui cycles:\n{}", report(&graph, &found));
    assert!(
        found.is_empty(),
        "import cycles in src/tui:\n{}",
        report(&graph, &found)
    );
}

#[test]
fn the_domain_has_at_most_one_import_cycle() {
    let graph = graph();
    let found = cycles(&graph, "domain/");
    println!("src/domain cycles:\n{}", report(&graph, &found));
    assert!(
        found.len() <= 1,
        "import cycles in src/domain:\n{}",
        report(&graph, &found)
    );
}

#[test]
fn the_domain_reaches_no_store_terminal_or_command_line() {
    let graph = graph();
    let mut up = Vec::new();
    for (file, targets) in graph.edges.iter().chain(&graph.test_edges) {
        if !file.starts_with("domain/") {
            continue;
        }
        for target in targets {
            if ["store/", "tui/", "cli/", "export/"]
                .iter()
                .any(|layer| target.starts_with(layer))
            {
                up.push(format!("{file} → {target}"));
            }
        }
    }
    assert!(
        up.is_empty(),
        "the domain imports upwards:\n{}",
        up.join("\n")
    );
}

#[test]
fn screens_import_the_kernel_never_the_app() {
    let graph = graph();
    let mut up = Vec::new();
    for (file, targets) in &graph.edges {
        if !file.starts_with("tui/screens/") && !file.starts_with("tui/widgets/") {
            continue;
        }
        for target in ["tui/app.rs", "tui/mod.rs"] {
            if targets.contains(target) {
                up.push(format!("{file} → {target}"));
            }
        }
    }
    assert!(
        up.is_empty(),
        "screens reaching the app:\n{}",
        up.join("\n")
    );
}

/// The checker itself: a cycle it must see, and paths it must not take for imports.
#[test]
fn the_checker_reads_use_trees_and_skips_prose() {
    let paths = expand_use("crate::a::{b, c::{d, e as f}, self}");
    assert_eq!(
        paths,
        [
            "crate::a::b",
            "crate::a::c::d",
            "crate::a::c::e as f",
            "crate::a::self"
        ]
    );
    let code =
        code_only("let s = \"crate::x::y\"; // crate::z::w\n let c = '\"'; crate::real::path");
    let found: Vec<Vec<String>> = paths_in(&code, &BTreeSet::new(), false)
        .into_iter()
        .map(|p| p.segs)
        .collect();
    assert_eq!(
        found,
        vec![vec!["crate".to_string(), "real".into(), "path".into()]]
    );
    // `super` inside an inline test module is the file itself.
    let tests = code_only("#[cfg(test)]\nmod tests {\n    use super::*;\n}\n");
    let written = paths_in(&tests, &BTreeSet::new(), false);
    assert_eq!((written[0].inline, written[0].test), (1, true));
    assert_eq!(
        absolute(&["a".to_string()], &written[0]),
        vec!["a".to_string(), "*".into()]
    );
}
