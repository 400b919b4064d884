//! Byte scans eight bytes at a time (plain integer code, so the WebAssembly build gains as well):
//! the next byte of a small set, for the scans that look for rare bytes in long text.

const ONES: u64 = 0x0101_0101_0101_0101;
const HIGH: u64 = 0x8080_8080_8080_8080;

/// The first index at or after `from` whose byte, with the bits of `fold` set, is one of `set`
/// (`fold` 0x20 makes an ASCII capital its small letter, and a few control bytes punctuation, for
/// a caller that checks each hit further). Eight bytes at a time until a block holds a hit.
#[inline(always)]
pub fn next_of<const N: usize>(b: &[u8], mut from: usize, set: &[u8; N], fold: u8) -> Option<usize> {
    // A high bit where a byte of `x` is zero, and only there below the first such byte (borrows
    // only run upward), so the lowest marked byte is a real hit.
    let zero = |x: u64| x.wrapping_sub(ONES) & !x & HIGH;
    while let Some(chunk) = b.get(from..from + 8) {
        let x = u64::from_le_bytes(chunk.try_into().unwrap_or([0; 8])) | (ONES * fold as u64);
        let hits = set.iter().fold(0, |hits, &s| hits | zero(x ^ (ONES * s as u64)));
        if hits != 0 {
            return Some(from + hits.trailing_zeros() as usize / 8);
        }
        from += 8;
    }
    b.get(from..)?.iter().position(|&c| set.contains(&(c | fold))).map(|k| from + k)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn next_of_finds_what_a_byte_by_byte_search_finds() {
        // Every byte value at every position of the blocks, hits next to each other and apart.
        let mut text: Vec<u8> = (0..=255u8).collect();
        text.extend_from_slice(b"..)x.).V.v/(gGpP\n\n");
        text.extend((0..=255u8).rev());
        let naive = |from: usize, set: &[u8], fold: u8| (from..text.len()).find(|&i| set.contains(&(text[i] | fold)));
        for from in 0..=text.len() + 1 {
            assert_eq!(next_of(&text, from, b"\n", 0), naive(from, b"\n", 0), "newline from {from}");
            assert_eq!(next_of(&text, from, b".)", 0), naive(from, b".)", 0), ". or ) from {from}");
            assert_eq!(next_of(&text, from, b"v", 0x20), naive(from, b"v", 0x20), "v from {from}");
            assert_eq!(next_of(&text, from, b"(/gp", 0x20), naive(from, b"(/gp", 0x20), "anchors from {from}");
        }
    }
}
