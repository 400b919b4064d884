//! Eight 16-bit scores side by side, for the tagger's decoder (`model.rs`): an SSE2 register on
//! x86_64 (which every such processor has), a wasm SIMD register on wasm32 built with `simd128`
//! (the npm package), an array elsewhere. The SSE2 lanes are tested against the array; the wasm
//! ones follow the SSE2 ones (no native test can run them: the package's tests compare its
//! Reports with the CLI's). Rows of the model's tables hold nine values: the first eight are the
//! lanes.

/// Lanes of a [`Lanes`].
pub const LANES: usize = 8;

#[cfg(not(any(target_arch = "x86_64", all(target_arch = "wasm32", target_feature = "simd128"))))]
pub use portable::Lanes;
#[cfg(target_arch = "x86_64")]
pub use sse2::Lanes;
#[cfg(all(target_arch = "wasm32", target_feature = "simd128"))]
pub use wasm::Lanes;

#[cfg(any(test, not(any(target_arch = "x86_64", all(target_arch = "wasm32", target_feature = "simd128")))))]
mod portable {
    use super::LANES;

    #[derive(Clone, Copy, Debug, PartialEq)]
    pub struct Lanes([i16; LANES]);

    impl Lanes {
        #[inline(always)]
        fn map(self, other: Lanes, f: impl Fn(i16, i16) -> i16) -> Lanes {
            Lanes(std::array::from_fn(|t| f(self.0[t], other.0[t])))
        }

        #[inline(always)]
        pub fn splat(x: i16) -> Lanes {
            Lanes([x; LANES])
        }

        /// The first eight values of a row.
        #[inline(always)]
        pub fn load(row: &[i16; LANES + 1]) -> Lanes {
            Lanes(std::array::from_fn(|t| row[t]))
        }

        /// The first eight weights of a row of bytes, widened.
        #[inline(always)]
        pub fn widen(row: &[i8; LANES + 1]) -> Lanes {
            Lanes(std::array::from_fn(|t| row[t] as i16))
        }

        #[inline(always)]
        pub fn add(self, other: Lanes) -> Lanes {
            self.map(other, i16::wrapping_add)
        }

        #[inline(always)]
        pub fn saturating_add(self, other: Lanes) -> Lanes {
            self.map(other, i16::saturating_add)
        }

        #[inline(always)]
        pub fn saturating_sub(self, other: Lanes) -> Lanes {
            self.map(other, i16::saturating_sub)
        }

        #[inline(always)]
        pub fn max(self, other: Lanes) -> Lanes {
            self.map(other, i16::max)
        }

        /// All ones in the lanes where `self` is greater than `other`, zero elsewhere.
        #[inline(always)]
        pub fn greater(self, other: Lanes) -> Lanes {
            self.map(other, |a, b| -i16::from(a > b))
        }

        /// The bits set in both.
        #[inline(always)]
        pub fn and(self, other: Lanes) -> Lanes {
            self.map(other, |a, b| a & b)
        }

        /// The greatest lane.
        #[inline(always)]
        pub fn max_lane(self) -> i16 {
            self.0.into_iter().fold(i16::MIN, i16::max)
        }

        /// One bit per lane (lane 0 the lowest) that is at least `x`.
        #[inline(always)]
        pub fn at_least(self, x: i16) -> u32 {
            (0..LANES).fold(0, |m, t| m | u32::from(self.0[t] >= x) << t)
        }

        /// The lanes as bytes (each between 0 and 255).
        #[inline(always)]
        pub fn bytes(self) -> [u8; LANES] {
            self.0.map(|x| x as u8)
        }

        #[inline(always)]
        pub fn to_array(self) -> [i16; LANES] {
            self.0
        }
    }
}

/// SSE2 is part of x86_64, so its intrinsics can always be called there (`unsafe` only because
/// Rust 1.85 asks for it); the loads and stores stay within the arrays they are given.
#[cfg(target_arch = "x86_64")]
mod sse2 {
    use std::arch::x86_64::*;

    use super::LANES;

    #[derive(Clone, Copy)]
    pub struct Lanes(__m128i);

    impl Lanes {
        #[inline(always)]
        pub fn splat(x: i16) -> Lanes {
            Lanes(unsafe { _mm_set1_epi16(x) })
        }

        /// The first eight values of a row (16 of its 18 bytes, unaligned).
        #[inline(always)]
        pub fn load(row: &[i16; LANES + 1]) -> Lanes {
            Lanes(unsafe { _mm_loadu_si128(row.as_ptr().cast()) })
        }

        /// The first eight weights of a row of bytes (8 of its 9, unaligned), widened: each into
        /// the high half of a lane, then shifted down with its sign.
        #[inline(always)]
        pub fn widen(row: &[i8; LANES + 1]) -> Lanes {
            Lanes(unsafe {
                let bytes = _mm_loadl_epi64(row.as_ptr().cast());
                _mm_srai_epi16::<8>(_mm_unpacklo_epi8(bytes, bytes))
            })
        }

        #[inline(always)]
        pub fn add(self, other: Lanes) -> Lanes {
            Lanes(unsafe { _mm_add_epi16(self.0, other.0) })
        }

        #[inline(always)]
        pub fn saturating_add(self, other: Lanes) -> Lanes {
            Lanes(unsafe { _mm_adds_epi16(self.0, other.0) })
        }

        #[inline(always)]
        pub fn saturating_sub(self, other: Lanes) -> Lanes {
            Lanes(unsafe { _mm_subs_epi16(self.0, other.0) })
        }

        #[inline(always)]
        pub fn max(self, other: Lanes) -> Lanes {
            Lanes(unsafe { _mm_max_epi16(self.0, other.0) })
        }

        /// All ones in the lanes where `self` is greater than `other`, zero elsewhere.
        #[inline(always)]
        pub fn greater(self, other: Lanes) -> Lanes {
            Lanes(unsafe { _mm_cmpgt_epi16(self.0, other.0) })
        }

        /// The bits set in both.
        #[inline(always)]
        pub fn and(self, other: Lanes) -> Lanes {
            Lanes(unsafe { _mm_and_si128(self.0, other.0) })
        }

        /// The greatest lane: the halves, quarters and eighths folded onto lane 0.
        #[inline(always)]
        pub fn max_lane(self) -> i16 {
            unsafe {
                let m = _mm_max_epi16(self.0, _mm_shuffle_epi32::<0b01_00_11_10>(self.0));
                let m = _mm_max_epi16(m, _mm_shuffle_epi32::<0b10_11_00_01>(m));
                let m = _mm_max_epi16(m, _mm_shufflelo_epi16::<0b10_11_00_01>(m));
                _mm_cvtsi128_si32(m) as i16
            }
        }

        /// One bit per lane (lane 0 the lowest) that is at least `x`: the lanes below it packed
        /// to one byte each, one bit per byte, inverted.
        #[inline(always)]
        pub fn at_least(self, x: i16) -> u32 {
            let below = unsafe {
                let below = _mm_cmpgt_epi16(_mm_set1_epi16(x), self.0);
                _mm_movemask_epi8(_mm_packs_epi16(below, below))
            };
            !below as u32 & 0xff
        }

        /// The lanes as bytes (each between 0 and 255).
        #[inline(always)]
        pub fn bytes(self) -> [u8; LANES] {
            (unsafe { _mm_cvtsi128_si64(_mm_packus_epi16(self.0, self.0)) } as u64).to_le_bytes()
        }

        #[inline(always)]
        pub fn to_array(self) -> [i16; LANES] {
            let mut out = [0i16; LANES];
            unsafe { _mm_storeu_si128(out.as_mut_ptr().cast(), self.0) };
            out
        }
    }
}

/// The same with wasm SIMD (the package is built with `simd128`; a wasm engine without it refuses
/// the module). Without these the decoder runs eight scalar lanes under Node, its largest cost there.
/// Only `load`, `widen` and `to_array` touch memory, within the arrays they are given.
#[cfg(all(target_arch = "wasm32", target_feature = "simd128"))]
mod wasm {
    use core::arch::wasm32::*;

    use super::LANES;

    #[derive(Clone, Copy)]
    pub struct Lanes(v128);

    impl Lanes {
        #[inline(always)]
        pub fn splat(x: i16) -> Lanes {
            Lanes(i16x8_splat(x))
        }

        /// The first eight values of a row (16 of its 18 bytes, unaligned).
        #[inline(always)]
        pub fn load(row: &[i16; LANES + 1]) -> Lanes {
            // SAFETY: the row holds 18 bytes; 16 are read (`v128_load` needs no alignment).
            Lanes(unsafe { v128_load(row.as_ptr().cast()) })
        }

        /// The first eight weights of a row of bytes (8 of its 9, unaligned), widened with their sign.
        #[inline(always)]
        pub fn widen(row: &[i8; LANES + 1]) -> Lanes {
            // SAFETY: the row holds 9 bytes; 8 are read.
            Lanes(unsafe { i16x8_load_extend_i8x8(row.as_ptr()) })
        }

        #[inline(always)]
        pub fn add(self, other: Lanes) -> Lanes {
            Lanes(i16x8_add(self.0, other.0))
        }

        #[inline(always)]
        pub fn saturating_add(self, other: Lanes) -> Lanes {
            Lanes(i16x8_add_sat(self.0, other.0))
        }

        #[inline(always)]
        pub fn saturating_sub(self, other: Lanes) -> Lanes {
            Lanes(i16x8_sub_sat(self.0, other.0))
        }

        #[inline(always)]
        pub fn max(self, other: Lanes) -> Lanes {
            Lanes(i16x8_max(self.0, other.0))
        }

        /// All ones in the lanes where `self` is greater than `other`, zero elsewhere.
        #[inline(always)]
        pub fn greater(self, other: Lanes) -> Lanes {
            Lanes(i16x8_gt(self.0, other.0))
        }

        /// The bits set in both.
        #[inline(always)]
        pub fn and(self, other: Lanes) -> Lanes {
            Lanes(v128_and(self.0, other.0))
        }

        /// The greatest lane: the halves, quarters and eighths folded onto lane 0.
        #[inline(always)]
        pub fn max_lane(self) -> i16 {
            let m = i16x8_max(self.0, i16x8_shuffle::<4, 5, 6, 7, 0, 1, 2, 3>(self.0, self.0));
            let m = i16x8_max(m, i16x8_shuffle::<2, 3, 0, 1, 6, 7, 4, 5>(m, m));
            let m = i16x8_max(m, i16x8_shuffle::<1, 0, 3, 2, 5, 4, 7, 6>(m, m));
            i16x8_extract_lane::<0>(m)
        }

        /// One bit per lane (lane 0 the lowest) that is at least `x`.
        #[inline(always)]
        pub fn at_least(self, x: i16) -> u32 {
            u32::from(i16x8_bitmask(i16x8_ge(self.0, i16x8_splat(x))))
        }

        /// The lanes as bytes (each between 0 and 255, so the saturating narrowing keeps them).
        #[inline(always)]
        pub fn bytes(self) -> [u8; LANES] {
            (i64x2_extract_lane::<0>(u8x16_narrow_i16x8(self.0, self.0)) as u64).to_le_bytes()
        }

        #[inline(always)]
        pub fn to_array(self) -> [i16; LANES] {
            let mut out = [0i16; LANES];
            // SAFETY: `out` holds the 16 bytes written.
            unsafe { v128_store(out.as_mut_ptr().cast(), self.0) };
            out
        }
    }
}

#[cfg(all(test, target_arch = "x86_64"))]
mod tests {
    use super::{portable, sse2, LANES};

    /// Rows of 16-bit values and of bytes from a simple generator, extremes included.
    fn rows(seed: u64) -> ([i16; LANES + 1], [i8; LANES + 1]) {
        let mut x = seed.wrapping_mul(0x9e37_79b9_7f4a_7c15) | 1;
        let mut next = || {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            x
        };
        let words = std::array::from_fn(|_| match next() % 8 {
            0 => i16::MIN,
            1 => i16::MAX,
            2 => -256,
            3 => next() as i16 % 300,
            _ => next() as i16,
        });
        (words, std::array::from_fn(|_| next() as i8))
    }

    #[test]
    fn the_sse2_lanes_compute_what_the_portable_ones_do() {
        for seed in 0..2000 {
            let ((a, bytes), (b, _)) = (rows(seed), rows(seed + 7919));
            let (pa, pb, pw) = (portable::Lanes::load(&a), portable::Lanes::load(&b), portable::Lanes::widen(&bytes));
            let (sa, sb, sw) = (sse2::Lanes::load(&a), sse2::Lanes::load(&b), sse2::Lanes::widen(&bytes));
            assert_eq!(sa.to_array(), pa.to_array());
            assert_eq!(sw.to_array(), pw.to_array());
            let mask = pa.greater(pb);
            assert_eq!(sa.greater(sb).to_array(), mask.to_array());
            assert_eq!(sa.add(sb).to_array(), pa.add(pb).to_array());
            assert_eq!(sa.saturating_add(sb).to_array(), pa.saturating_add(pb).to_array());
            assert_eq!(sa.saturating_sub(sb).to_array(), pa.saturating_sub(pb).to_array());
            assert_eq!(sa.max(sb).to_array(), pa.max(pb).to_array());
            assert_eq!(sa.greater(sb).and(sw).to_array(), mask.and(pw).to_array());
            assert_eq!(sa.max_lane(), pa.max_lane());
            for x in [i16::MIN, -257, -256, 0, b[0], i16::MAX] {
                assert_eq!(sa.at_least(x), pa.at_least(x), "{a:?} at least {x}");
            }
            let small: [i16; LANES + 1] = std::array::from_fn(|t| (a[t] as u16 % 256) as i16);
            assert_eq!(sse2::Lanes::load(&small).bytes(), portable::Lanes::load(&small).bytes());
            assert_eq!(sse2::Lanes::splat(b[1]).to_array(), portable::Lanes::splat(b[1]).to_array());
        }
    }
}
