//! Byte ↔ code point ↔ UTF-16 offset conversion: the only place where offset units change.
//!
//! Exports speak Unicode code points (the unit of the W3C Web Annotation model and of Python string
//! indices) and, for JavaScript consumers, UTF-16 code units. Inside the core every offset is a byte.

/// Answers code-point and UTF-16 offsets for byte offsets of one text in O(block) time.
///
/// Every `BLOCK` bytes it records the code-point and UTF-16 counts so far; a query counts forward from
/// the nearest checkpoint. Memory is a small fraction of the text size. A text all in ASCII (most pasted
/// English) needs none: each of its offsets is the byte offset.
pub struct OffsetIndex<'a> {
    text: &'a str,
    /// `(byte, chars, utf16)`: code points and UTF-16 units before the char boundary `byte`, taken at
    /// the first boundary of every `BLOCK`-byte block, plus one at the end of the text; empty for ASCII.
    checkpoints: Vec<(usize, usize, usize)>,
    ascii: bool,
}

const BLOCK: usize = 256;

impl<'a> OffsetIndex<'a> {
    pub fn new(text: &'a str) -> OffsetIndex<'a> {
        if text.is_ascii() {
            return OffsetIndex { text, checkpoints: Vec::new(), ascii: true };
        }
        let mut checkpoints = Vec::with_capacity(text.len() / BLOCK + 1);
        let (mut chars, mut utf16) = (0usize, 0usize);
        let mut next = 0usize;
        for (i, c) in text.char_indices() {
            if i >= next {
                checkpoints.push((i, chars, utf16));
                next = (i / BLOCK + 1) * BLOCK;
            }
            chars += 1;
            utf16 += c.len_utf16();
        }
        checkpoints.push((text.len(), chars, utf16));
        OffsetIndex { text, checkpoints, ascii: false }
    }

    /// (code points, UTF-16 units) before byte `byte`. A byte inside a character counts up to it.
    pub fn at(&self, byte: usize) -> (usize, usize) {
        let byte = byte.min(self.text.len());
        if self.ascii {
            return (byte, byte);
        }
        let k = self.checkpoints.partition_point(|&(b, _, _)| b <= byte).saturating_sub(1);
        let Some(&(b0, chars, utf16)) = self.checkpoints.get(k) else { return (0, 0) };
        // Characters starting in `b0..byte` (a byte inside a character counts that character): one per
        // byte that is not a UTF-8 continuation byte, and one more UTF-16 unit per 4-byte lead byte.
        // Counting bytes rather than decoding `char`s lets the loop vectorize.
        let bytes = self.text.as_bytes().get(b0..byte).unwrap_or(&[]);
        let starts = bytes.iter().filter(|&&b| (b as i8) >= -0x40).count();
        let wide = bytes.iter().filter(|&&b| b >= 0xF0).count();
        (chars + starts, utf16 + starts + wide)
    }

    pub fn char_offset(&self, byte: usize) -> usize {
        self.at(byte).0
    }

    pub fn utf16_offset(&self, byte: usize) -> usize {
        self.at(byte).1
    }
}

/// Byte offset of code point `char_offset` in `text`, or `None` when it lies past the end.
pub fn byte_of_char(text: &str, char_offset: usize) -> Option<usize> {
    if char_offset == 0 {
        return Some(0);
    }
    match text.char_indices().nth(char_offset) {
        Some((b, _)) => Some(b),
        None if text.chars().count() == char_offset => Some(text.len()),
        None => None,
    }
}

/// Byte offset of UTF-16 unit `utf16_offset`, or `None` when it is past the end or inside a surrogate pair.
pub fn byte_of_utf16(text: &str, utf16_offset: usize) -> Option<usize> {
    let mut units = 0;
    for (b, c) in text.char_indices() {
        if units == utf16_offset {
            return Some(b);
        }
        if units > utf16_offset {
            return None;
        }
        units += c.len_utf16();
    }
    (units == utf16_offset).then_some(text.len())
}

/// Byte offsets of every code point boundary of one text, for converting many code-point offsets back
/// to bytes (imports): `byte(k)` is O(1). Takes one `usize` per character.
pub struct CharBoundaries {
    bytes: Vec<usize>,
}

impl CharBoundaries {
    pub fn new(text: &str) -> CharBoundaries {
        let mut bytes: Vec<usize> = text.char_indices().map(|(b, _)| b).collect();
        bytes.push(text.len());
        CharBoundaries { bytes }
    }

    /// Byte offset of code point `char_offset`, or `None` past the end.
    pub fn byte(&self, char_offset: u64) -> Option<usize> {
        usize::try_from(char_offset).ok().and_then(|k| self.bytes.get(k).copied())
    }

    /// The number of code points in the text.
    pub fn len(&self) -> usize {
        self.bytes.len() - 1
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_across_blocks_and_wide_characters() {
        let text = "a€😀b".repeat(200);
        let index = OffsetIndex::new(&text);
        for (b, _) in text.char_indices().chain(std::iter::once((text.len(), ' '))) {
            let chars = text[..b].chars().count();
            let utf16 = text[..b].encode_utf16().count();
            assert_eq!(index.at(b), (chars, utf16), "byte {b}");
            assert_eq!(byte_of_char(&text, chars), Some(b));
            assert_eq!(byte_of_utf16(&text, utf16), Some(b));
        }
        assert_eq!(byte_of_char(&text, text.chars().count() + 1), None);
        let boundaries = CharBoundaries::new(&text);
        assert_eq!(boundaries.len(), text.chars().count());
        assert_eq!(boundaries.byte(3), Some("a€😀".len()));
        assert_eq!(boundaries.byte(boundaries.len() as u64), Some(text.len()));
        assert_eq!(boundaries.byte(boundaries.len() as u64 + 1), None);
        assert_eq!(boundaries.byte(u64::MAX), None);
        assert_eq!(byte_of_utf16("😀", 1), None);
    }

    #[test]
    fn ascii_offsets_are_byte_offsets() {
        let text = "plain ASCII text, ".repeat(40);
        let index = OffsetIndex::new(&text);
        for b in [0, 1, 17, 255, 256, 257, text.len(), text.len() + 5] {
            let b_in = b.min(text.len());
            assert_eq!(index.at(b), (text[..b_in].chars().count(), text[..b_in].encode_utf16().count()));
        }
    }
}
