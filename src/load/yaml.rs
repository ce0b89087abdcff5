//! YAML text to a `serde_json::Value` plus the location of every node, keys included, keyed by
//! JSON pointer. Guards: nesting depth, alias uses, and the size once aliases are expanded
//! (nodes and bytes of text, checked before an alias is copied); duplicate keys are reported.

use crate::diagnostics::{Code, Diagnostic};
use crate::source::{Location, MAX_ALIASES, MAX_DEPTH, MAX_EXPANDED_BYTES, MAX_NODES, SourceFile};
use saphyr_parser::{Event, Parser, ScalarStyle, Span};
use serde_json::{Map, Number, Value};
use std::collections::HashMap;

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

/// Parses `src` into a value and its spans; problems go to `diags`. Returns `None` when the file
/// could not be turned into a value.
pub fn parse(src: &SourceFile, diags: &mut Vec<Diagnostic>) -> Option<(Value, SpanMap)> {
    parse_with(src, diags, true).map(|(v, s, _)| (v, s))
}

/// Like [`parse`] without recording spans: a third faster, for files that turn out clean.
/// Problems are still found; only the first occurrence of a duplicate key is not located.
pub fn parse_value(src: &SourceFile, diags: &mut Vec<Diagnostic>) -> Option<Value> {
    parse_with(src, diags, false).map(|(v, _, _)| v)
}

/// Parses `src`, recording spans when `record`, and returns the size of the value too.
pub fn parse_with(
    src: &SourceFile,
    diags: &mut Vec<Diagnostic>,
    record: bool,
) -> Option<(Value, SpanMap, Size)> {
    let path = src.path.as_str();
    let lines_before = src.lines_before();
    let mut spans = SpanMap::default();
    let mut stack: Vec<Frame> = Vec::new();
    let mut anchors: HashMap<usize, (Value, Size)> = HashMap::new();
    let mut root: Option<(Value, Size)> = None;
    let mut documents = 0usize;
    let mut total = Size::default();
    let mut aliases = 0usize;
    let err = |code, l: Location, msg: String, hint: &str| {
        Diagnostic::error(code, path, msg).at(Some(l)).hint(hint)
    };

    for item in Parser::new_from_str(&src.text) {
        let (event, span) = match item {
            Ok(e) => e,
            Err(e) => {
                let m = e.marker();
                let l = Location::at(m.line() as u32 + lines_before, m.col() as u32 + 1);
                if e.info().contains("recursion limit") {
                    diags.push(err(
                        Code::TooDeep,
                        l,
                        format!("imbrication trop profonde (plus de {MAX_DEPTH} niveaux)"),
                        "aplatissez la structure : aucun fichier du format n'en a besoin",
                    ));
                    return None;
                }
                let x = super::syntax::explain(e.info(), &src.text, m.line(), m.col());
                let at = Location::at(x.line as u32, x.col as u32);
                diags.push(err(Code::YamlSyntax, at, x.message, &x.hint));
                return None;
            }
        };
        let here = loc(&span, lines_before);
        // A completed node to attach to its parent: value, size, anchor id.
        let finished: Option<(Value, Size, usize)> = match event {
            Event::StreamStart | Event::StreamEnd | Event::Nothing | Event::DocumentEnd => None,
            Event::DocumentStart(_) => {
                documents += 1;
                if documents > 1 {
                    diags.push(err(
                        Code::MultipleDocuments,
                        here,
                        "le fichier contient plusieurs documents YAML".into(),
                        "un fichier ne décrit qu'un élément : retirez le second « --- »",
                    ));
                    return None;
                }
                None
            }
            Event::Alias(id) => {
                aliases += 1;
                let Some((v, size)) = anchors.get(&id) else {
                    diags.push(err(
                        Code::YamlSyntax,
                        here,
                        "alias vers une ancre inconnue".into(),
                        "déclarez l'ancre (&nom) avant de l'utiliser (*nom)",
                    ));
                    return None;
                };
                // Checked before the copy: an alias never allocates past the limits.
                total += *size;
                if aliases > MAX_ALIASES || total.nodes > MAX_NODES {
                    diags.push(err(
                        Code::TooManyAliases,
                        here,
                        format!(
                            "trop d'alias ou de nœuds : au plus {MAX_ALIASES} alias et {MAX_NODES} nœuds une fois les alias développés"
                        ),
                        "écrivez les valeurs sans alias (&ancre / *alias)",
                    ));
                    return None;
                }
                if total.bytes > MAX_EXPANDED_BYTES {
                    diags.push(err(
                        Code::TooManyAliases,
                        here,
                        format!(
                            "données trop volumineuses une fois les alias développés : au plus {MAX_EXPANDED_BYTES} octets de texte"
                        ),
                        "écrivez les valeurs sans alias (&ancre / *alias)",
                    ));
                    return None;
                }
                Some((v.clone(), *size, 0))
            }
            Event::Scalar(text, style, anchor, tag) => {
                let size = Size::scalar(&text);
                total += size;
                let tag = tag.map(|t| t.suffix.clone());
                Some((scalar(&text, style, tag.as_deref()), size, anchor))
            }
            Event::SequenceStart(anchor, _) | Event::MappingStart(anchor, _) => {
                total += Size::ONE;
                if stack.len() >= MAX_DEPTH {
                    diags.push(err(
                        Code::TooDeep,
                        here,
                        format!("imbrication trop profonde (plus de {MAX_DEPTH} niveaux)"),
                        "aplatissez la structure : aucun fichier du format n'en a besoin",
                    ));
                    return None;
                }
                if total.nodes > MAX_NODES {
                    diags.push(err(
                        Code::TooManyAliases,
                        here,
                        format!("trop de nœuds (plus de {MAX_NODES})"),
                        "découpez le fichier",
                    ));
                    return None;
                }
                let pointer = if record {
                    child_pointer(&stack, &mut spans, here)
                } else {
                    String::new()
                };
                let frame = if matches!(event, Event::SequenceStart(..)) {
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
                };
                stack.push(frame);
                None
            }
            Event::SequenceEnd | Event::MappingEnd => match stack.pop() {
                Some(Frame::Seq {
                    items,
                    anchor,
                    size,
                    ..
                }) => Some((Value::Array(items), size, anchor)),
                Some(Frame::Map {
                    map, anchor, size, ..
                }) => Some((Value::Object(map), size, anchor)),
                None => None,
            },
        };
        let Some((value, size, anchor)) = finished else {
            continue;
        };
        if anchor != 0 {
            anchors.insert(anchor, (value.clone(), size));
        }
        match stack.last_mut() {
            None => {
                if record {
                    spans.map.entry(String::new()).or_insert(NodeSpan {
                        key: None,
                        value: here,
                    });
                }
                root = Some((value, size));
            }
            Some(Frame::Seq {
                items,
                pointer,
                size: parent_size,
                ..
            }) => {
                *parent_size += size;
                if record {
                    let p = child(pointer, itoa(items.len()).as_str());
                    spans.map.entry(p).or_insert(NodeSpan {
                        key: None,
                        value: here,
                    });
                }
                items.push(value);
            }
            Some(Frame::Map {
                map,
                pointer,
                key,
                size: parent_size,
                ..
            }) => match key.take() {
                None => {
                    let Some(k) = key_text(&value) else {
                        diags.push(err(
                            Code::InvalidKey,
                            here,
                            "une clé doit être un texte ou un nombre".into(),
                            "écrivez une clé simple, par exemple « nom: valeur »",
                        ));
                        return None;
                    };
                    *parent_size += size;
                    *key = Some((k, here));
                }
                Some((k, kloc)) => match map.entry(k) {
                    serde_json::map::Entry::Occupied(o) => {
                        let k = o.key();
                        let p = child(pointer, k);
                        let first = spans.map.get(&p).and_then(|s| s.key).unwrap_or(kloc);
                        diags.push(
                            err(
                                Code::DuplicateKey,
                                kloc,
                                format!("clé « {k} » en double"),
                                "",
                            )
                            .hint(format!(
                                "la première occurrence est ligne {}, colonne {} : gardez-en une seule",
                                first.line, first.col
                            )),
                        );
                        continue;
                    }
                    serde_json::map::Entry::Vacant(v) => {
                        *parent_size += size;
                        if record {
                            let entry =
                                spans
                                    .map
                                    .entry(child(pointer, v.key()))
                                    .or_insert(NodeSpan {
                                        key: None,
                                        value: here,
                                    });
                            entry.key = Some(kloc);
                        }
                        v.insert(value);
                    }
                },
            },
        }
    }
    match root {
        None | Some((Value::Null, _)) => {
            diags.push(
                Diagnostic::error(Code::EmptyFile, path, "le fichier est vide")
                    .at(Some(Location::at(1 + lines_before, 1)))
                    .hint("supprimez-le ou remplissez-le (voir docs/format.md)"),
            );
            None
        }
        Some((v, size)) => Some((v, spans, size)),
    }
}

/// Records the span of a collection that starts now, and returns its pointer.
fn child_pointer(stack: &[Frame], spans: &mut SpanMap, here: Location) -> String {
    let p = match stack.last() {
        None => String::new(),
        Some(Frame::Seq { items, pointer, .. }) => child(pointer, itoa(items.len()).as_str()),
        Some(Frame::Map { pointer, key, .. }) => match key {
            Some((k, _)) => child(pointer, k),
            // A collection used as a key: reported when it completes.
            None => format!("{pointer}/\u{0}"),
        },
    };
    spans.map.entry(p.clone()).or_insert(NodeSpan {
        key: None,
        value: here,
    });
    p
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
