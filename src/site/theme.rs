//! The theme: minijinja templates compiled once per build and static assets. The default theme
//! (`theme/` in this crate) is built into the binary; `--theme DIR` overrides any of its files.

use anyhow::{Context, Result};
use minijinja::Environment;
use std::collections::BTreeMap;
use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};

/// Largest starting size of a page's output buffer.
const MAX_HINT: usize = 256 * 1024;

macro_rules! embed {
    ($($name:literal),* $(,)?) => {
        &[$(($name, include_str!(concat!("../../theme/", $name)))),*]
    };
}

/// The default theme's files, relative to `theme/`.
const DEFAULT: &[(&str, &str)] = embed![
    "templates/base.html",
    "templates/macros.html",
    "templates/home.html",
    "templates/list.html",
    "templates/questionnaire.html",
    "templates/axis.html",
    "templates/subject.html",
    "templates/group.html",
    "templates/page.html",
    "templates/downloads.html",
    "templates/search.html",
    "assets/style.css",
    "assets/search.js",
    "templates/trends.html",
    "templates/conformity.html",
    "templates/conformity_sheet.html",
    "templates/badges.html",
    "templates/provenance.html",
    "assets/sort.js",
    "templates/label.html",
    "templates/label_sheet.html",
    "templates/services.html",
    "assets/filter.js",
    "templates/answers_table.html",
    "templates/conformity_questionnaire.html",
    "templates/time_panel.html",
    "templates/embed.html",
    "templates/widget.html",
];

/// Like minijinja's default formatter, but leaves `/` unescaped so URLs stay readable.
fn format_value(
    out: &mut minijinja::Output,
    state: &minijinja::State,
    value: &minijinja::Value,
) -> Result<(), minijinja::Error> {
    match value.as_str() {
        Some(s) if state.auto_escape() == minijinja::AutoEscape::Html && !value.is_safe() => {
            crate::charts::write_escaped(out, s).map_err(|e| {
                minijinja::Error::new(minijinja::ErrorKind::WriteFailure, e.to_string())
            })
        }
        _ => minijinja::escape_formatter(out, state, value),
    }
}

/// `nav_links(items, root, path)`, for `base.html`: the `<li>` of each navigation link (`label`,
/// root-relative `url`), the current page's marked `aria-current`. Written here because every
/// page has the menu, and the template engine costs more than the markup it writes.
fn nav_links(
    items: minijinja::Value,
    root: &str,
    path: &str,
) -> Result<minijinja::Value, minijinja::Error> {
    use crate::site::pages::html::text;
    let mut out = String::with_capacity(1536);
    for item in items.try_iter()? {
        let url = item.get_attr("url")?;
        let url = url.as_str().unwrap_or_default();
        out.push_str("      <li><a href=\"");
        text(&mut out, root);
        text(&mut out, url);
        out.push('"');
        if url == path {
            out.push_str(" aria-current=\"page\"");
        }
        out.push('>');
        text(
            &mut out,
            item.get_attr("label")?.as_str().unwrap_or_default(),
        );
        out.push_str("</a></li>\n");
    }
    Ok(minijinja::Value::from_safe_string(out))
}

/// Compiled templates and the assets to copy.
pub struct Theme {
    env: Environment<'static>,
    /// Size of the largest page rendered so far (up to [`MAX_HINT`]): output buffers start at
    /// that size instead of growing and being copied several times per page.
    hint: AtomicUsize,
    /// Asset files (`assets/…` path → contents), in path order.
    pub assets: BTreeMap<String, Vec<u8>>,
}

impl Theme {
    /// Loads the default theme, with the files of `dir` (its `templates/` and `assets/`)
    /// replacing or adding to it, and compiles every template once.
    pub fn load(dir: Option<&Path>) -> Result<Theme> {
        let mut files: BTreeMap<String, Vec<u8>> = DEFAULT
            .iter()
            .map(|(p, t)| (p.to_string(), t.as_bytes().to_vec()))
            .collect();
        if let Some(dir) = dir {
            if !dir.is_dir() {
                anyhow::bail!("thème introuvable : {}", dir.display());
            }
            for entry in walkdir::WalkDir::new(dir).sort_by_file_name() {
                let entry = entry.with_context(|| format!("lecture du thème {}", dir.display()))?;
                if !entry.file_type().is_file() {
                    continue;
                }
                let rel = entry.path().strip_prefix(dir)?;
                let rel = rel
                    .components()
                    .map(|c| c.as_os_str().to_string_lossy())
                    .collect::<Vec<_>>()
                    .join("/");
                if rel.starts_with("templates/") || rel.starts_with("assets/") {
                    let bytes = std::fs::read(entry.path())
                        .with_context(|| format!("lecture de {}", entry.path().display()))?;
                    files.insert(rel, bytes);
                }
            }
        }
        let mut env = Environment::new();
        env.set_undefined_behavior(minijinja::UndefinedBehavior::Strict);
        env.set_trim_blocks(true);
        env.set_lstrip_blocks(true);
        env.set_formatter(format_value);
        env.add_function("nav_links", nav_links);
        let mut assets = BTreeMap::new();
        for (path, bytes) in files {
            if let Some(name) = path.strip_prefix("templates/") {
                let text = String::from_utf8(bytes)
                    .with_context(|| format!("modèle {path} : encodage non UTF-8"))?;
                env.add_template_owned(name.to_string(), text)
                    .map_err(|e| anyhow::anyhow!("modèle {path} : {e:#}"))?;
            } else {
                assets.insert(path, bytes);
            }
        }
        Ok(Theme {
            env,
            assets,
            hint: AtomicUsize::new(16 * 1024),
        })
    }

    /// Renders a template with a context.
    pub fn render(&self, template: &str, ctx: minijinja::Value) -> Result<Vec<u8>> {
        let tmpl = self
            .env
            .get_template(template)
            .map_err(|e| anyhow::anyhow!("modèle {template} : {e:#}"))?;
        let mut out = Vec::with_capacity(self.hint.load(Ordering::Relaxed));
        tmpl.render_captured_to(ctx, &mut out)
            .map_err(|e| anyhow::anyhow!("rendu du modèle {template} : {e:#}"))?;
        self.hint
            .fetch_max(out.len().min(MAX_HINT), Ordering::Relaxed);
        Ok(out)
    }
}
