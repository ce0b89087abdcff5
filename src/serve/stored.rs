//! A served file kept compressed: `serve` holds the whole site in memory, and its pages, much
//! alike, shrink several times under LZ4 (`lz4_flex`, pure Rust), which decompresses one page
//! in microseconds when it is asked for.

/// The bytes of one file, LZ4-compressed with their length first.
#[derive(Clone, PartialEq, Eq)]
pub struct Stored(Vec<u8>);

impl Stored {
    /// Compresses `bytes`.
    pub fn new(bytes: &[u8]) -> Stored {
        Stored(lz4_flex::compress_prepend_size(bytes))
    }

    /// The file's bytes (empty if they could not be decompressed, which only a bug would do).
    pub fn bytes(&self) -> Vec<u8> {
        lz4_flex::decompress_size_prepended(&self.0).unwrap_or_default()
    }

    /// Whether the file holds exactly `bytes`.
    pub fn is(&self, bytes: &[u8]) -> bool {
        self.bytes() == bytes
    }

    /// The compressed size, in bytes.
    pub fn compressed_len(&self) -> usize {
        self.0.len()
    }
}

impl std::fmt::Debug for Stored {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Stored({} bytes compressed)", self.0.len())
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
}
