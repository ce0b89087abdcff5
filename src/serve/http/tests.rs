//! The dev server on the loopback: concurrency with stalled clients, the `Host` check, paths.

use super::*;
use crate::serve::Stored;
use std::collections::BTreeMap;
use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};

/// Large enough that its response cannot fit in the socket buffers of a client that never reads.
const BIG: usize = 64 << 20;

/// Starts a server on an ephemeral loopback port over a site with a small and a large file.
fn start() -> SocketAddr {
    let mut files = BTreeMap::new();
    files.insert("index.html".to_string(), Stored::new(b"<p>accueil</p>"));
    files.insert("big.bin".to_string(), Stored::new(&vec![b'x'; BIG]));
    let state = Arc::new(RwLock::new(State {
        files,
        build: 3,
        error: Some("answers/x.yaml:1:1: error[CV101]".to_string()),
    }));
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap();
    std::thread::spawn(move || run(&listener, &state));
    addr
}

/// Sends a GET for `path` with the given `Host` header and returns the whole response. The read
/// time-out only turns a hang into a failure; nothing is timed.
fn get(addr: SocketAddr, path: &str, host: &str) -> String {
    let mut s = TcpStream::connect(addr).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(120))).unwrap();
    write!(s, "GET {path} HTTP/1.1\r\nHost: {host}\r\n\r\n").unwrap();
    let mut out = String::new();
    s.read_to_string(&mut out)
        .unwrap_or_else(|e| panic!("no complete response for {path}: {e}"));
    out
}

#[test]
fn answers_other_requests_while_clients_stall_on_a_large_file() {
    // Three clients ask for 64 MiB and never read: a fourth request is still answered in full.
    let addr = start();
    let host = format!("127.0.0.1:{}", addr.port());
    let stalled: Vec<TcpStream> = (0..3)
        .map(|_| {
            let mut s = TcpStream::connect(addr).unwrap();
            write!(s, "GET /big.bin HTTP/1.1\r\nHost: {host}\r\n\r\n").unwrap();
            s
        })
        .collect();
    for _ in 0..3 {
        let response = get(addr, "/", &host);
        assert!(response.starts_with("HTTP/1.1 200 OK\r\n"), "{response}");
        assert!(response.ends_with("\r\n\r\n<p>accueil</p>"), "{response}");
    }
    drop(stalled);
}

#[test]
fn refuses_requests_addressed_to_another_host() {
    // DNS rebinding: a page of evil.test resolving to 127.0.0.1 gets neither the reload state
    // (the error overlay's source lines) nor any page.
    let addr = start();
    let port = addr.port();
    for host in [
        format!("evil.test:{port}"),
        "127.0.0.1".to_string(),
        format!("127.0.0.1:{}", port.wrapping_add(1)),
        format!("localhost.evil.test:{port}"),
    ] {
        for path in ["/__reload", "/", "/big.bin", "/absent.html"] {
            let body = format!("hôte refusé : ouvrez http://127.0.0.1:{port}/\n");
            assert_eq!(
                get(addr, path, &host),
                format!(
                    "HTTP/1.1 421 Misdirected Request\r\nContent-Type: text/plain; charset=utf-8\r\n\
                     Content-Length: {}\r\nCache-Control: no-store\r\nConnection: close\r\n\r\n\
                     {body}",
                    body.len()
                ),
                "{host} {path}"
            );
        }
    }
    let mut s = TcpStream::connect(addr).unwrap();
    s.write_all(b"GET /__reload HTTP/1.0\r\n\r\n").unwrap();
    let mut out = String::new();
    s.read_to_string(&mut out).unwrap();
    assert!(out.starts_with("HTTP/1.1 421 "), "no Host header: {out}");
}

#[test]
fn answers_the_loopback_names() {
    // The three names a browser on this machine sends, the overlay state included.
    let addr = start();
    let port = addr.port();
    for host in [
        format!("127.0.0.1:{port}"),
        format!("localhost:{port}"),
        format!("LocalHost:{port}"),
        format!("[::1]:{port}"),
    ] {
        let response = get(addr, "/__reload", &host);
        assert!(
            response.ends_with(r#"{"build":3,"error":"answers/x.yaml:1:1: error[CV101]"}"#),
            "{host}: {response}"
        );
    }
}

#[test]
fn checks_host_headers() {
    assert!(host_allowed(Some("127.0.0.1:8000"), 8000));
    assert!(host_allowed(Some("localhost:8000"), 8000));
    assert!(host_allowed(Some("[::1]:8000"), 8000));
    assert!(host_allowed(Some("localhost"), 80));
    assert!(!host_allowed(Some("localhost"), 8000));
    assert!(!host_allowed(Some("[::1]"), 8000));
    assert!(!host_allowed(Some("evil.test:8000"), 8000));
    assert!(!host_allowed(Some("127.0.0.2:8000"), 8000));
    assert!(!host_allowed(Some("127.0.0.1:8000:8000"), 8000));
    assert!(!host_allowed(None, 8000));
}

#[test]
fn maps_urls_to_site_paths() {
    assert_eq!(site_path("/"), "index.html");
    assert_eq!(site_path("/regions/"), "regions/index.html");
    assert_eq!(site_path("/recherche.html?q=dcc"), "recherche.html");
    assert_eq!(site_path("/services/a%20b.html"), "services/a b.html");
    assert_eq!(site_path("/x%2"), "x%2");
}
