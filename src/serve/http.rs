//! The HTTP side of `serve`: a small HTTP/1.1 server on the standard library, one thread per
//! connection with read and write time-outs, answering only requests addressed to the local
//! host; files from memory, the reload endpoint and its script, the error overlay.

use super::State;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::{Arc, RwLock};
use std::time::Duration;

/// How long a client may take to send its request.
const READ_TIMEOUT: Duration = Duration::from_secs(10);
/// How long one write to a client may block (a client that stops reading is dropped after it).
pub const WRITE_TIMEOUT: Duration = Duration::from_secs(10);
/// Largest request head accepted (request line and headers).
const MAX_HEAD: u64 = 16 * 1024;

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

/// Whether a `Host` header names this server on the loopback: `127.0.0.1:PORT`,
/// `localhost:PORT` or `[::1]:PORT` (the port may be left out only when it is 80). Anything
/// else, a missing header included, may be a DNS-rebinding page reaching for `/__reload`.
pub fn host_allowed(host: Option<&str>, port: u16) -> bool {
    let Some(host) = host else { return false };
    let host = host.trim().to_ascii_lowercase();
    let (name, given_port) = match host.rsplit_once(':') {
        Some((name, p)) if !name.is_empty() && !p.contains(']') => (name, p.parse::<u16>().ok()),
        _ => (host.as_str(), (port == 80).then_some(80)),
    };
    given_port == Some(port) && matches!(name, "127.0.0.1" | "localhost" | "[::1]")
}

/// A response: status, content type and body.
struct Response {
    status: u16,
    content_type: &'static str,
    body: Vec<u8>,
}

impl Response {
    fn text(status: u16, body: String) -> Response {
        Response {
            status,
            content_type: "text/plain; charset=utf-8",
            body: body.into_bytes(),
        }
    }
}

/// Accepts connections on `listener` until it fails, each answered on its own thread from the
/// shared state. A client that stops reading holds only its own thread, until [`WRITE_TIMEOUT`].
pub fn run(listener: &TcpListener, state: &Arc<RwLock<State>>) {
    let port = listener.local_addr().map_or(0, |a| a.port());
    for stream in listener.incoming() {
        let Ok(stream) = stream else { continue };
        let state = Arc::clone(state);
        std::thread::spawn(move || {
            let _ = handle(stream, port, &state);
        });
    }
}

/// Reads one request from `stream` and writes its response; the connection then closes.
fn handle(mut stream: TcpStream, port: u16, state: &RwLock<State>) -> std::io::Result<()> {
    stream.set_read_timeout(Some(READ_TIMEOUT))?;
    stream.set_write_timeout(Some(WRITE_TIMEOUT))?;
    let mut reader = BufReader::new((&stream).take(MAX_HEAD));
    let mut line = String::new();
    reader.read_line(&mut line)?;
    let mut parts = line.split_whitespace();
    let (method, target) = (parts.next().unwrap_or(""), parts.next().unwrap_or(""));
    let mut host = None;
    loop {
        let mut header = String::new();
        if reader.read_line(&mut header)? == 0 || header.trim_end().is_empty() {
            break;
        }
        if let Some((name, value)) = header.split_once(':') {
            if name.trim().eq_ignore_ascii_case("host") {
                host = Some(value.trim().to_string());
            }
        }
    }
    let response = if !host_allowed(host.as_deref(), port) {
        // Nothing from the site, not even whether a path exists.
        Response::text(
            421,
            format!("hôte refusé : ouvrez http://127.0.0.1:{port}/\n"),
        )
    } else if method != "GET" && method != "HEAD" {
        Response::text(405, "méthode refusée\n".to_string())
    } else {
        respond(&site_path(target), state)
    };
    let reason = match response.status {
        200 => "OK",
        404 => "Not Found",
        405 => "Method Not Allowed",
        _ => "Misdirected Request",
    };
    let head = format!(
        "HTTP/1.1 {} {reason}\r\nContent-Type: {}\r\nContent-Length: {}\r\n\
         Cache-Control: no-store\r\nConnection: close\r\n\r\n",
        response.status,
        response.content_type,
        response.body.len()
    );
    stream.write_all(head.as_bytes())?;
    if method != "HEAD" {
        stream.write_all(&response.body)?;
    }
    stream.flush()
}

/// The response to a site path from the shared state.
fn respond(path: &str, state: &RwLock<State>) -> Response {
    let st = state.read().unwrap_or_else(|e| e.into_inner());
    match path {
        "__reload" => Response {
            status: 200,
            content_type: "application/json",
            body: serde_json::json!({ "build": st.build, "error": st.error })
                .to_string()
                .into_bytes(),
        },
        "__reload.js" => Response {
            status: 200,
            content_type: "text/javascript; charset=utf-8",
            body: RELOAD_JS.as_bytes().to_vec(),
        },
        _ => match st.files.get(path) {
            Some(stored) => Response {
                status: 200,
                content_type: content_type(path),
                body: stored.bytes(),
            },
            None => Response::text(404, format!("introuvable : /{path}")),
        },
    }
}

#[cfg(test)]
mod tests;
