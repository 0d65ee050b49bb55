//! Stable hashing shared by the features and the lexicons: a 64-bit multiply-xorshift mix, hand-written
//! rather than `std`'s `Hasher` because the ids must be identical on every platform and in every build:
//! the trained weights are indexed by them.

pub(crate) const K: u64 = 0x9E37_79B9_7F4A_7C15;

#[inline]
pub(crate) fn mix(mut x: u64) -> u64 {
    x ^= x >> 30;
    x = x.wrapping_mul(0xBF58_476D_1CE4_E5B9);
    x ^= x >> 27;
    x = x.wrapping_mul(0x94D0_49BB_1331_11EB);
    x ^ (x >> 31)
}

/// A stable 64-bit hash of a string.
pub(crate) fn hash_str(s: &str) -> u64 {
    hash_bytes(s.as_bytes())
}

/// `hash_str` of a string's bytes.
#[inline]
pub(crate) fn hash_bytes(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0x243F_6A88_85A3_08D3 ^ (bytes.len() as u64);
    let mut chunks = bytes.chunks_exact(8);
    for chunk in &mut chunks {
        let mut b = [0u8; 8];
        b.copy_from_slice(chunk);
        h = mix(h ^ u64::from_le_bytes(b)).wrapping_add(K);
    }
    let rest = chunks.remainder();
    if !rest.is_empty() {
        let mut b = [0u8; 8];
        b[..rest.len()].copy_from_slice(rest);
        h = mix(h ^ u64::from_le_bytes(b)).wrapping_add(K);
    }
    mix(h)
}

#[inline]
pub(crate) fn combine(a: u64, b: u64) -> u64 {
    mix(a.wrapping_mul(K) ^ b.rotate_left(17))
}

/// The hash of a token sequence from its tokens' lowercase hashes.
pub(crate) fn phrase_hash(hashes: impl Iterator<Item = u64>) -> u64 {
    hashes.fold(0x1357_9BDF_2468_ACE0, combine)
}
