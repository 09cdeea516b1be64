//! Eight bytes at a time in one `u64` (SIMD within a register): the byte
//! tests the hot loops of word finding, lowercasing and the NFC check share.

/// Each byte 0x01.
pub(super) const ONES: u64 = 0x0101_0101_0101_0101;
/// Each byte's high bit: set in a byte past ASCII.
pub(super) const HIGH: u64 = 0x8080_8080_8080_8080;

/// The eight bytes of `bytes` from `at`, little-endian (the first byte
/// lowest), when eight are left.
#[inline]
pub(super) fn eight(bytes: &[u8], at: usize) -> Option<u64> {
    let chunk = bytes.get(at..at.checked_add(8)?)?;
    Some(u64::from_le_bytes(chunk.try_into().ok()?))
}

/// The high bit of each byte of `x` in `lo..=hi`, for `x` whose bytes are
/// all ASCII (below 0x80) and `lo <= hi < 0x80`: adding `0x80 - lo` sets a
/// byte's high bit from `lo` up, adding `0x7F - hi` from past `hi` up, and
/// no byte carries into the next.
#[inline]
pub(super) fn within(x: u64, lo: u8, hi: u8) -> u64 {
    let (lo, hi) = (u64::from(lo), u64::from(hi));
    x.wrapping_add((0x80 - lo) * ONES) & !x.wrapping_add((0x7F - hi) * ONES) & HIGH
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn within_marks_exactly_the_bytes_in_the_range() {
        for (lo, hi) in [
            (b'0', b'9'),
            (b'A', b'Z'),
            (b'a', b'z'),
            (0, 0x7F),
            (b' ', b' '),
        ] {
            for b in 0..0x80u8 {
                let x = u64::from_le_bytes([b'x', b, 0, b'Z', b, 0x7F, b, b'0']);
                let marked = within(x, lo, hi);
                let want = (lo..=hi).contains(&b);
                for i in [1, 4, 6] {
                    assert_eq!(
                        marked >> (8 * i + 7) & 1 == 1,
                        want,
                        "{b:#x} in {lo:#x}..={hi:#x}"
                    );
                }
            }
        }
        assert_eq!(
            eight(b"abcdefgh", 0),
            Some(u64::from_le_bytes(*b"abcdefgh"))
        );
        assert_eq!(eight(b"abcdefgh", 1), None);
    }
}
