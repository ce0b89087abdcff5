//! YAML text to a `serde_json::Value` ([`parse`]) and, read again only when a problem needs
//! them, the location of every node, keys included, keyed by JSON pointer ([`locate`],
//! [`LazySpans`]). A page's front matter is a [`SourceFile`] that knows the lines before it, so
//! every location and diagnostic counts them. Guards: nesting depth, alias uses, and the size once aliases are expanded
//! (nodes and bytes of text, checked before an alias is copied); duplicate keys are reported.

use crate::diagnostics::{Code, Diagnostic};
use crate::source::{Location, MAX_ALIASES, MAX_DEPTH, MAX_EXPANDED_BYTES, MAX_NODES, SourceFile};
use saphyr_parser::{Event, Parser, ScalarStyle, Span};
use serde_json::{Map, Number, Value};
use std::collections::HashMap;
use std::sync::OnceLock;

/// Where a node and, for a mapping value, its key stand in the file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NodeSpan {
    /// The key's location, for values of a mapping.
    pub key: Option<Location>,
    /// The value's location (its first line for collections).
    pub value: Location,
}

/// Locations of the nodes of one parsed file, by JSON pointer (`""` is the root).
#[derive(Debug, Clone, Default)]
pub struct SpanMap {
    map: HashMap<String, NodeSpan>,
}

impl SpanMap {
    /// Records the location of the value at `pointer`, unless it is known already.
    fn record(&mut self, pointer: String, value: Location) -> &mut NodeSpan {
        self.map
            .entry(pointer)
            .or_insert(NodeSpan { key: None, value })
    }

    /// The span recorded for `pointer`, or for its nearest recorded ancestor.
    pub fn lookup(&self, pointer: &str) -> Option<NodeSpan> {
        let mut p = pointer;
        loop {
            if let Some(s) = self.map.get(p) {
                return Some(*s);
            }
            p = &p[..p.rfind('/')?];
        }
    }

    /// The location of the value at `pointer` (or nearest ancestor).
    pub fn value(&self, pointer: &str) -> Option<Location> {
        self.lookup(pointer).map(|s| s.value)
    }

    /// The location of the key of the value at `pointer`, else of the value.
    pub fn key(&self, pointer: &str) -> Option<Location> {
        self.lookup(pointer).map(|s| s.key.unwrap_or(s.value))
    }
}

/// The node locations of one text, found on first use: most files never need them, and a
/// file with a problem is read once more, recording them (see [`locate`]).
#[derive(Clone, Copy)]
pub struct LazySpans<'a> {
    src: &'a SourceFile,
    cell: &'a OnceLock<Option<SpanMap>>,
}

impl<'a> LazySpans<'a> {
    /// The locations of `src`, kept in `cell` once found.
    pub fn new(src: &'a SourceFile, cell: &'a OnceLock<Option<SpanMap>>) -> LazySpans<'a> {
        LazySpans { src, cell }
    }

    /// Every location, found now if needed; `None` when the text does not parse.
    pub fn map(&self) -> Option<&'a SpanMap> {
        self.cell.get_or_init(|| locate(self.src)).as_ref()
    }

    /// See [`SpanMap::value`].
    pub fn value(&self, pointer: &str) -> Option<Location> {
        self.map()?.value(pointer)
    }

    /// See [`SpanMap::key`].
    pub fn key(&self, pointer: &str) -> Option<Location> {
        self.map()?.key(pointer)
    }
}

/// Escapes one JSON-pointer segment.
pub fn escape(segment: &str) -> String {
    let mut out = String::with_capacity(segment.len());
    push_segment(&mut out, segment);
    out
}

/// Appends `/segment` (escaped) to a pointer.
fn child(pointer: &str, segment: &str) -> String {
    let mut out = String::with_capacity(pointer.len() + segment.len() + 1);
    out.push_str(pointer);
    out.push('/');
    push_segment(&mut out, segment);
    out
}

fn push_segment(out: &mut String, segment: &str) {
    if segment.contains(['~', '/']) {
        for c in segment.chars() {
            match c {
                '~' => out.push_str("~0"),
                '/' => out.push_str("~1"),
                c => out.push(c),
            }
        }
    } else {
        out.push_str(segment);
    }
}

/// The location of `span` in a text that starts after `lines_before` lines of its file.
fn loc(span: &Span, lines_before: u32) -> Location {
    let (s, e) = (span.start, span.end);
    let len = if e.line() == s.line() {
        e.col().saturating_sub(s.col()).max(1)
    } else {
        1
    };
    Location {
        line: s.line() as u32 + lines_before,
        col: s.col() as u32 + 1,
        len: len as u32,
    }
}

/// The size of a value once its aliases are expanded: nodes, and bytes of scalar text (keys
/// included).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Size {
    /// Nodes: scalars, keys and collections.
    pub nodes: usize,
    /// Bytes of text in scalars and keys.
    pub bytes: usize,
}

impl std::ops::AddAssign for Size {
    fn add_assign(&mut self, other: Size) {
        self.nodes += other.nodes;
        self.bytes += other.bytes;
    }
}

impl Size {
    const ONE: Size = Size { nodes: 1, bytes: 0 };

    fn scalar(text: &str) -> Size {
        Size {
            nodes: 1,
            bytes: text.len(),
        }
    }
}

/// An open collection, filled as its items arrive.
enum Frame {
    Seq {
        items: Vec<Value>,
        pointer: String,
        anchor: usize,
        size: Size,
    },
    Map {
        map: Map<String, Value>,
        pointer: String,
        anchor: usize,
        size: Size,
        /// The pending key and its location, once read.
        key: Option<(String, Location)>,
    },
}

/// A completed node, to attach to its parent.
struct Node {
    value: Value,
    size: Size,
    anchor: usize,
}

/// The parse stopped: the reason is in the diagnostics.
struct Stop;

/// Parses `src` into a value and the size of its data; problems go to `diags`. `None` when the
/// file could not be turned into a value. Node locations are not recorded (see [`locate`]).
pub fn parse(src: &SourceFile, diags: &mut Vec<Diagnostic>) -> Option<(Value, Size)> {
    let mut b = Builder::new(src, false);
    let mut parsed = b.run();
    if b.duplicates > 0 {
        // A duplicate key's hint names the first occurrence: read again with locations.
        b = Builder::new(src, true);
        parsed = b.run();
    }
    diags.append(&mut b.diags);
    parsed
}

/// The location of every node of `src`, keys included: the file read again, recording them.
/// `None` when it does not parse (its diagnostics already say where).
pub fn locate(src: &SourceFile) -> Option<SpanMap> {
    let mut b = Builder::new(src, true);
    b.run()?;
    Some(b.spans)
}

/// One parse of one text: events in, a value (and node locations when `record`) out.
struct Builder<'a> {
    src: &'a SourceFile,
    /// Whether node locations are recorded.
    record: bool,
    spans: SpanMap,
    stack: Vec<Frame>,
    anchors: HashMap<usize, (Value, Size)>,
    root: Option<(Value, Size)>,
    documents: usize,
    /// The size read so far, aliases expanded.
    total: Size,
    aliases: usize,
    /// Duplicate keys found.
    duplicates: usize,
    diags: Vec<Diagnostic>,
}

impl<'a> Builder<'a> {
    fn new(src: &'a SourceFile, record: bool) -> Builder<'a> {
        Builder {
            src,
            record,
            spans: SpanMap::default(),
            stack: Vec::new(),
            anchors: HashMap::new(),
            root: None,
            documents: 0,
            total: Size::default(),
            aliases: 0,
            duplicates: 0,
            diags: Vec::new(),
        }
    }

    /// Reads every event, then checks that the file held a value.
    fn run(&mut self) -> Option<(Value, Size)> {
        for item in Parser::new_from_str(&self.src.text) {
            let (event, span) = match item {
                Ok(item) => item,
                Err(e) => return self.syntax_error(&e),
            };
            let here = loc(&span, self.src.lines_before());
            let node = self.event(event, here).ok()?;
            if let Some(node) = node {
                self.attach(node, here).ok()?;
            }
        }
        self.finish()
    }

    /// Reports a problem at `at` and stops the parse.
    fn stop(&mut self, code: Code, at: Location, message: String, hint: &str) -> Stop {
        self.diags.push(problem(self.src, code, at, message, hint));
        Stop
    }

    fn syntax_error(&mut self, e: &saphyr_parser::ScanError) -> Option<(Value, Size)> {
        let m = e.marker();
        let before = self.src.lines_before();
        if e.info().contains("recursion limit") {
            let at = Location::at(m.line() as u32 + before, m.col() as u32 + 1);
            self.too_deep(at);
            return None;
        }
        let x = super::syntax::explain(e.info(), &self.src.text, m.line(), m.col());
        let at = Location::at(x.line as u32 + before, x.col as u32);
        self.stop(Code::YamlSyntax, at, x.message, &x.hint);
        None
    }

    fn too_deep(&mut self, at: Location) -> Stop {
        self.stop(
            Code::TooDeep,
            at,
            format!("imbrication trop profonde (plus de {MAX_DEPTH} niveaux)"),
            "aplatissez la structure : aucun fichier du format n'en a besoin",
        )
    }

    /// Handles one event; returns the node it completes, if any.
    fn event(&mut self, event: Event, here: Location) -> Result<Option<Node>, Stop> {
        match event {
            Event::StreamStart | Event::StreamEnd | Event::Nothing | Event::DocumentEnd => Ok(None),
            Event::DocumentStart(_) => self.document(here).map(|()| None),
            Event::Alias(id) => self.alias(id, here).map(Some),
            Event::Scalar(text, style, anchor, tag) => {
                let size = Size::scalar(&text);
                self.total += size;
                let tag = tag.map(|t| t.suffix.clone());
                Ok(Some(Node {
                    value: scalar(&text, style, tag.as_deref()),
                    size,
                    anchor,
                }))
            }
            Event::SequenceStart(anchor, _) => self.open(true, anchor, here).map(|()| None),
            Event::MappingStart(anchor, _) => self.open(false, anchor, here).map(|()| None),
            Event::SequenceEnd | Event::MappingEnd => Ok(self.close()),
        }
    }

    fn document(&mut self, here: Location) -> Result<(), Stop> {
        self.documents += 1;
        if self.documents > 1 {
            return Err(self.stop(
                Code::MultipleDocuments,
                here,
                "le fichier contient plusieurs documents YAML".into(),
                "un fichier ne décrit qu'un élément : retirez le second « --- »",
            ));
        }
        Ok(())
    }

    /// A copy of an anchored node, checked against the limits before it is made.
    fn alias(&mut self, id: usize, here: Location) -> Result<Node, Stop> {
        self.aliases += 1;
        let Some((value, size)) = self.anchors.get(&id) else {
            return Err(self.stop(
                Code::YamlSyntax,
                here,
                "alias vers une ancre inconnue".into(),
                "déclarez l'ancre (&nom) avant de l'utiliser (*nom)",
            ));
        };
        let size = *size;
        self.total += size;
        let hint = "écrivez les valeurs sans alias (&ancre / *alias)";
        if self.aliases > MAX_ALIASES || self.total.nodes > MAX_NODES {
            let message = format!(
                "trop d'alias ou de nœuds : au plus {MAX_ALIASES} alias et {MAX_NODES} nœuds une fois les alias développés"
            );
            return Err(self.stop(Code::TooManyAliases, here, message, hint));
        }
        if self.total.bytes > MAX_EXPANDED_BYTES {
            let message = format!(
                "données trop volumineuses une fois les alias développés : au plus {MAX_EXPANDED_BYTES} octets de texte"
            );
            return Err(self.stop(Code::TooManyAliases, here, message, hint));
        }
        Ok(Node {
            value: value.clone(),
            size,
            anchor: 0,
        })
    }

    /// Opens a sequence or a mapping, within the depth and node limits.
    fn open(&mut self, seq: bool, anchor: usize, here: Location) -> Result<(), Stop> {
        self.total += Size::ONE;
        if self.stack.len() >= MAX_DEPTH {
            return Err(self.too_deep(here));
        }
        if self.total.nodes > MAX_NODES {
            let message = format!("trop de nœuds (plus de {MAX_NODES})");
            return Err(self.stop(Code::TooManyAliases, here, message, "découpez le fichier"));
        }
        let pointer = if self.record {
            let p = self.next_pointer();
            self.spans.record(p.clone(), here);
            p
        } else {
            String::new()
        };
        self.stack.push(if seq {
            Frame::Seq {
                items: Vec::new(),
                pointer,
                anchor,
                size: Size::ONE,
            }
        } else {
            Frame::Map {
                map: Map::new(),
                pointer,
                anchor,
                size: Size::ONE,
                key: None,
            }
        });
        Ok(())
    }

    /// Closes the innermost collection into a node.
    fn close(&mut self) -> Option<Node> {
        Some(match self.stack.pop()? {
            Frame::Seq {
                items,
                anchor,
                size,
                ..
            } => Node {
                value: Value::Array(items),
                size,
                anchor,
            },
            Frame::Map {
                map, anchor, size, ..
            } => Node {
                value: Value::Object(map),
                size,
                anchor,
            },
        })
    }

    /// The pointer of the node that starts now.
    fn next_pointer(&self) -> String {
        match self.stack.last() {
            None => String::new(),
            Some(Frame::Seq { items, pointer, .. }) => child(pointer, itoa(items.len()).as_str()),
            Some(Frame::Map { pointer, key, .. }) => match key {
                Some((k, _)) => child(pointer, k),
                // A collection used as a key: reported when it completes.
                None => format!("{pointer}/\u{0}"),
            },
        }
    }

    /// Attaches a completed node to the collection it belongs to (or makes it the root).
    fn attach(&mut self, node: Node, here: Location) -> Result<(), Stop> {
        if node.anchor != 0 {
            self.anchors
                .insert(node.anchor, (node.value.clone(), node.size));
        }
        match self.stack.last_mut() {
            None => {
                if self.record {
                    self.spans.record(String::new(), here);
                }
                self.root = Some((node.value, node.size));
            }
            Some(Frame::Seq {
                items,
                pointer,
                size,
                ..
            }) => {
                *size += node.size;
                if self.record {
                    let p = child(pointer, itoa(items.len()).as_str());
                    self.spans.record(p, here);
                }
                items.push(node.value);
            }
            Some(Frame::Map { .. }) => return self.attach_to_map(node, here),
        }
        Ok(())
    }

    /// A node in a mapping is a key, or the value of the pending key (unless that key is a
    /// duplicate, reported with its first occurrence).
    fn attach_to_map(&mut self, node: Node, here: Location) -> Result<(), Stop> {
        let Some(Frame::Map {
            map,
            pointer,
            key,
            size,
            ..
        }) = self.stack.last_mut()
        else {
            return Ok(());
        };
        let Some((k, kloc)) = key.take() else {
            let Some(k) = key_text(&node.value) else {
                return Err(self.stop(
                    Code::InvalidKey,
                    here,
                    "une clé doit être un texte ou un nombre".into(),
                    "écrivez une clé simple, par exemple « nom: valeur »",
                ));
            };
            *size += node.size;
            *key = Some((k, here));
            return Ok(());
        };
        match map.entry(k) {
            serde_json::map::Entry::Occupied(o) => {
                let k = o.key();
                let p = child(pointer, k);
                let first = self.spans.map.get(&p).and_then(|s| s.key).unwrap_or(kloc);
                self.duplicates += 1;
                let d = problem(
                    self.src,
                    Code::DuplicateKey,
                    kloc,
                    format!("clé « {k} » en double"),
                    "",
                )
                .hint(format!(
                    "la première occurrence est ligne {}, colonne {} : gardez-en une seule",
                    first.line, first.col
                ));
                self.diags.push(d);
            }
            serde_json::map::Entry::Vacant(v) => {
                *size += node.size;
                if self.record {
                    self.spans.record(child(pointer, v.key()), here).key = Some(kloc);
                }
                v.insert(node.value);
            }
        }
        Ok(())
    }

    /// The root value, or an error for a file that holds none.
    fn finish(&mut self) -> Option<(Value, Size)> {
        match self.root.take() {
            None | Some((Value::Null, _)) => {
                let at = Location::at(1 + self.src.lines_before(), 1);
                self.diags.push(
                    Diagnostic::error(Code::EmptyFile, &self.src.path, "le fichier est vide")
                        .at(Some(at))
                        .hint("supprimez-le ou remplissez-le (voir docs/format.md)"),
                );
                None
            }
            root => root,
        }
    }
}

/// A located error of `src`.
fn problem(src: &SourceFile, code: Code, at: Location, message: String, hint: &str) -> Diagnostic {
    Diagnostic::error(code, &src.path, message)
        .at(Some(at))
        .hint(hint)
}

fn itoa(n: usize) -> String {
    n.to_string()
}

fn key_text(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

/// Resolves a scalar with the YAML 1.2 core schema (plain scalars only; quoted ones are text).
fn scalar(text: &str, style: ScalarStyle, tag: Option<&str>) -> Value {
    match tag {
        Some("str") => return Value::String(text.into()),
        Some("null") => return Value::Null,
        _ => {}
    }
    if style != ScalarStyle::Plain {
        return Value::String(text.into());
    }
    match text {
        "" | "~" | "null" | "Null" | "NULL" => return Value::Null,
        "true" | "True" | "TRUE" => return Value::Bool(true),
        "false" | "False" | "FALSE" => return Value::Bool(false),
        _ => {}
    }
    let digits = text.strip_prefix(['-', '+']).unwrap_or(text);
    if !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()) {
        if let Ok(i) = text.parse::<i64>() {
            return Value::Number(i.into());
        }
    }
    if looks_like_float(digits) {
        if let Some(n) = text.parse::<f64>().ok().and_then(Number::from_f64) {
            return Value::Number(n);
        }
    }
    Value::String(text.into())
}

fn looks_like_float(s: &str) -> bool {
    let mut saw_digit = false;
    let mut saw_dot = false;
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '0'..='9' => saw_digit = true,
            '.' if !saw_dot => saw_dot = true,
            'e' | 'E' if saw_digit => {
                if matches!(chars.peek(), Some('+' | '-')) {
                    chars.next();
                }
                return chars.peek().is_some() && chars.all(|c| c.is_ascii_digit());
            }
            _ => return false,
        }
    }
    saw_digit && saw_dot
}

#[cfg(test)]
mod tests;
