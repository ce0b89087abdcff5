//! A served file kept compressed: `serve` holds the whole site in memory, and its pages, much
//! alike, shrink several times under LZ4 (`lz4_flex`, pure Rust), which decompresses one page
//! in microseconds when it is asked for. A file written in a stream (the exports, tens of
//! megabytes at scale 50) is compressed as it comes, a mebibyte at a time ([`Streamed`]), and
//! compared with the served one by a digest of its bytes: neither is ever held whole. Pages
//! are compressed against a [`Dictionary`], a served sheet's bytes: what every page repeats
//! (layout, navigation, chart frames, criteria) is then a reference into it, and a sheet takes
//! about a third of the room LZ4 alone gives it.

use std::hash::Hasher;
use std::sync::Arc;

/// Bytes compressed a piece at a time by [`Streamed`].
const PIECE: usize = 1 << 20;

/// Bytes that compressed pages refer to: LZ4 looks back at most 64 KiB, so no more is kept.
#[derive(Clone, Debug)]
pub struct Dictionary(Arc<[u8]>);

impl Dictionary {
    /// The most LZ4 can refer to.
    pub const MAX: usize = 64 * 1024;

    /// A dictionary of the last [`Dictionary::MAX`] bytes of `sample` (a page like those to
    /// compress); `None` for an empty sample.
    pub fn from_sample(sample: &[u8]) -> Option<Dictionary> {
        let tail = &sample[sample.len().saturating_sub(Dictionary::MAX)..];
        (!tail.is_empty()).then(|| Dictionary(tail.into()))
    }
}

/// The bytes of one file, LZ4-compressed with their length first (in pieces for a streamed
/// file), and their digest.
#[derive(Clone)]
pub struct Stored {
    pieces: Vec<Vec<u8>>,
    digest: Digest,
    /// What the one piece was compressed against, if anything.
    dict: Option<Dictionary>,
}

impl Stored {
    /// Compresses `bytes`.
    pub fn new(bytes: &[u8]) -> Stored {
        Stored::with(bytes, None)
    }

    /// Compresses `bytes` against `dict`, when given.
    pub fn with(bytes: &[u8], dict: Option<&Dictionary>) -> Stored {
        let mut digest = Digester::default();
        digest.update(bytes);
        let piece = match dict {
            Some(d) => lz4_flex::block::compress_prepend_size_with_dict(bytes, &d.0),
            None => lz4_flex::compress_prepend_size(bytes),
        };
        Stored {
            pieces: vec![piece],
            digest: digest.finish(),
            dict: dict.cloned(),
        }
    }

    /// The file's bytes (empty if they could not be decompressed, which only a bug would do).
    pub fn bytes(&self) -> Vec<u8> {
        if let [whole] = self.pieces.as_slice() {
            let bytes = match &self.dict {
                Some(d) => lz4_flex::block::decompress_size_prepended_with_dict(whole, &d.0),
                None => lz4_flex::decompress_size_prepended(whole),
            };
            return bytes.unwrap_or_default();
        }
        let mut out = Vec::new();
        for piece in &self.pieces {
            match lz4_flex::decompress_size_prepended(piece) {
                Ok(bytes) => out.extend_from_slice(&bytes),
                Err(_) => return Vec::new(),
            }
        }
        out
    }

    /// Whether the file holds exactly `bytes`.
    pub fn is(&self, bytes: &[u8]) -> bool {
        self.bytes() == bytes
    }

    /// The digest of the file's bytes.
    pub fn digest(&self) -> Digest {
        self.digest
    }

    /// The compressed size, in bytes.
    pub fn compressed_len(&self) -> usize {
        self.pieces.iter().map(Vec::len).sum()
    }
}

impl PartialEq for Stored {
    fn eq(&self, other: &Stored) -> bool {
        self.digest == other.digest && self.bytes() == other.bytes()
    }
}

impl Eq for Stored {}

/// A file compressed as it is written: [`Streamed::finish`] gives it [`Stored`].
#[derive(Default)]
pub struct Streamed {
    pieces: Vec<Vec<u8>>,
    pending: Vec<u8>,
    digest: Digester,
}

impl Streamed {
    /// Compresses what is pending as one piece.
    fn seal(&mut self) {
        self.pieces
            .push(lz4_flex::compress_prepend_size(&self.pending));
        self.pending.clear();
    }

    /// The file written.
    pub fn finish(mut self) -> Stored {
        if !self.pending.is_empty() || self.pieces.is_empty() {
            self.seal();
        }
        Stored {
            pieces: self.pieces,
            digest: self.digest.finish(),
            dict: None,
        }
    }
}

impl std::io::Write for Streamed {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.digest.update(buf);
        let mut rest = buf;
        while !rest.is_empty() {
            let take = rest.len().min(PIECE - self.pending.len());
            self.pending.extend_from_slice(&rest[..take]);
            rest = &rest[take..];
            if self.pending.len() == PIECE {
                self.seal();
            }
        }
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// 128 bits drawn from a file's bytes, and its length: two SipHash streams with different
/// first bytes. Equal digests stand for equal files when a streamed file is compared.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Digest(u64, u64, u64);

/// Computes a [`Digest`] from bytes given in any number of pieces.
struct Digester {
    first: std::hash::DefaultHasher,
    second: std::hash::DefaultHasher,
    len: u64,
}

impl Default for Digester {
    fn default() -> Digester {
        let mut second = std::hash::DefaultHasher::new();
        second.write_u8(0x5a);
        Digester {
            first: std::hash::DefaultHasher::new(),
            second,
            len: 0,
        }
    }
}

impl Digester {
    fn update(&mut self, bytes: &[u8]) {
        self.first.write(bytes);
        self.second.write(bytes);
        self.len += bytes.len() as u64;
    }

    fn finish(&self) -> Digest {
        Digest(self.first.finish(), self.second.finish(), self.len)
    }
}

impl std::fmt::Debug for Stored {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Stored({} bytes compressed)", self.compressed_len())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gives_back_the_bytes_it_was_given() {
        let page = "<p>fiche</p>\n".repeat(1000);
        let stored = Stored::new(page.as_bytes());
        assert_eq!(stored.bytes(), page.as_bytes());
        assert!(stored.is(page.as_bytes()));
        assert!(!stored.is(b"<p>fiche</p>\n"));
        assert!(stored.compressed_len() < page.len() / 10);
        assert_eq!(Stored::new(b"").bytes(), b"");
    }

    #[test]
    fn a_page_compressed_against_a_like_page_takes_less_room_and_reads_back() {
        // Criteria titles unlike one another (a page alone barely repeats itself), the same on
        // every page; only the levels differ from page to page.
        let title = |i: u64| -> String {
            let mut x = i.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
            (0..8)
                .map(|_| {
                    x = x
                        .wrapping_mul(6_364_136_223_846_793_005)
                        .wrapping_add(1_442_695_040_888_963_407);
                    char::from(b'a' + (x >> 59) as u8 % 26)
                })
                .collect()
        };
        let page = |n: u64| {
            let rows: String = (0..300)
                .map(|i| format!("<tr><td>{}</td><td>{}</td></tr>\n", title(i), (i + n) % 4))
                .collect();
            format!("<html><body><h1>Fiche {n}</h1><table>{rows}</table></body></html>")
        };
        let dict = Dictionary::from_sample(page(1).as_bytes()).unwrap();
        let other = page(2);
        let plain = Stored::new(other.as_bytes());
        let against = Stored::with(other.as_bytes(), Some(&dict));
        assert_eq!(against.bytes(), other.as_bytes());
        assert_eq!(against, plain);
        assert_eq!(against.digest(), plain.digest());
        assert!(
            against.compressed_len() * 3 < plain.compressed_len() * 2,
            "{} against {}",
            against.compressed_len(),
            plain.compressed_len()
        );
        let big = vec![b'x'; 3 * Dictionary::MAX];
        assert_eq!(
            Dictionary::from_sample(&big).unwrap().0.len(),
            Dictionary::MAX
        );
        assert!(Dictionary::from_sample(b"").is_none());
        assert_eq!(Stored::with(b"", Some(&dict)).bytes(), b"");
    }

    #[test]
    fn a_streamed_file_is_the_file_given_whole() {
        use std::io::Write as _;
        let csv: Vec<u8> = (0..200_000u32)
            .flat_map(|i| format!("ara;service-{i};A08.1;{}\n", i % 4).into_bytes())
            .collect();
        assert!(csv.len() > 3 * PIECE);
        let mut streamed = Streamed::default();
        for piece in csv.chunks(4093) {
            streamed.write_all(piece).unwrap();
        }
        let streamed = streamed.finish();
        let whole = Stored::new(&csv);
        assert_eq!(streamed.pieces.len(), csv.len().div_ceil(PIECE));
        assert_eq!(streamed.bytes(), csv);
        assert_eq!(streamed.digest(), whole.digest());
        assert_eq!(streamed, whole);
        assert!(streamed.compressed_len() < csv.len() / 3);
        let mut other = csv.clone();
        other[PIECE + 5] = b'9';
        assert_ne!(Stored::new(&other).digest(), whole.digest());
        assert_eq!(Streamed::default().finish().bytes(), b"");
        assert_eq!(
            Streamed::default().finish().digest(),
            Stored::new(b"").digest()
        );
    }
}
