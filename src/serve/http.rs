//! The HTTP side of `serve`: files from memory, the reload endpoint and its script, the error
//! overlay.

use super::State;
use std::sync::RwLock;
use tiny_http::{Header, Request, Response};

/// Polls `/__reload` and reloads the page when the build counter changes; shows the last
/// error in an overlay.
const RELOAD_JS: &str = r#"(function () {
  var seen = null;
  function overlay(text) {
    var el = document.getElementById("__convergence_error");
    if (!text) { if (el) el.remove(); return; }
    if (!el) {
      el = document.createElement("pre");
      el.id = "__convergence_error";
      el.setAttribute("role", "alert");
      el.style.cssText = "position:fixed;inset:1rem;z-index:9999;overflow:auto;margin:0;padding:1rem;background:#fff;color:#ce0500;border:3px solid #ce0500;font:13px/1.4 monospace;white-space:pre-wrap";
      document.body.appendChild(el);
    }
    el.textContent = "Construction refusée — le dernier site valide reste affiché.\n\n" + text;
  }
  function poll() {
    fetch("/__reload", { cache: "no-store" }).then(function (r) { return r.json(); }).then(function (s) {
      if (seen !== null && s.build !== seen && !s.error) { location.reload(); return; }
      seen = s.build;
      overlay(s.error);
    }).catch(function () {}).finally(function () { setTimeout(poll, 700); });
  }
  poll();
})();
"#;

fn content_type(path: &str) -> &'static str {
    match path.rsplit('.').next() {
        Some("html") => "text/html; charset=utf-8",
        Some("css") => "text/css; charset=utf-8",
        Some("js") => "text/javascript; charset=utf-8",
        Some("json") => "application/json",
        Some("csv") => "text/csv; charset=utf-8",
        Some("svg") => "image/svg+xml",
        Some("xml") => "application/xml",
        Some("txt") => "text/plain; charset=utf-8",
        _ => "application/octet-stream",
    }
}

/// The site path a URL asks for: query dropped, `%xx` decoded, `index.html` for folders.
pub fn site_path(url: &str) -> String {
    let path = url.split(['?', '#']).next().unwrap_or("");
    let bytes = path.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            let hex = std::str::from_utf8(&bytes[i + 1..i + 3]).unwrap_or("zz");
            if let Ok(b) = u8::from_str_radix(hex, 16) {
                out.push(b);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    let mut p = String::from_utf8_lossy(&out)
        .trim_start_matches('/')
        .to_string();
    if p.is_empty() || p.ends_with('/') {
        p.push_str("index.html");
    }
    p
}

fn header(k: &str, v: &str) -> Header {
    Header::from_bytes(k.as_bytes(), v.as_bytes()).expect("valid header")
}

/// Answers one request from the shared state.
pub fn respond(request: Request, state: &RwLock<State>) {
    let path = site_path(request.url());
    let st = state.read().expect("state lock");
    let response = match path.as_str() {
        "__reload" => {
            let body = serde_json::json!({ "build": st.build, "error": st.error }).to_string();
            Response::from_string(body).with_header(header("Content-Type", "application/json"))
        }
        "__reload.js" => Response::from_string(RELOAD_JS)
            .with_header(header("Content-Type", "text/javascript; charset=utf-8")),
        _ => match st.files.get(&path) {
            Some(bytes) => Response::from_data(bytes.to_vec())
                .with_header(header("Content-Type", content_type(&path))),
            None => Response::from_string(format!("introuvable : /{path}"))
                .with_status_code(404)
                .with_header(header("Content-Type", "text/plain; charset=utf-8")),
        },
    };
    drop(st);
    let _ = request.respond(response.with_header(header("Cache-Control", "no-store")));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn maps_urls_to_site_paths() {
        assert_eq!(site_path("/"), "index.html");
        assert_eq!(site_path("/regions/"), "regions/index.html");
        assert_eq!(site_path("/recherche.html?q=dcc"), "recherche.html");
        assert_eq!(site_path("/services/a%20b.html"), "services/a b.html");
        assert_eq!(site_path("/x%2"), "x%2");
    }
}
