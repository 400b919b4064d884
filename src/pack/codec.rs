//! Lossless codecs for the shipped tables, shared by build.rs (which packs) and the library
//! (which unpacks at first use): `columns`, a static rANS coder for byte tables whose columns
//! each have their own value distribution (the entity weights: one row of 9 tag weights per
//! feature bucket), and `lines`, front coding for sorted lists of lines (the gazetteer). Both
//! give back exactly the bytes they were given; the transfer's gzip then has less to do.
//! Pure integer code with fixed-size types, so a packing made on one machine unpacks the same
//! everywhere (wasm32 included).

/// The rANS coder over interleaved columns.
///
/// Packed form: `u32` header length, the header bytes as they are, `u8` stride `S`, `u32` body
/// length, then per column `u16` symbol count and that many (`u8` symbol, `u16` frequency)
/// pairs (frequencies sum to `1 << PROB_BITS`), then the coded body. Byte `i` of the body
/// belongs to column `i % S`. All integers little-endian but the coder's own stream.
pub mod columns {
    /// Frequencies are scaled to sum to `1 << PROB_BITS`.
    pub const PROB_BITS: u32 = 12;
    const M: u32 = 1 << PROB_BITS;
    /// Lower bound of the coder's state (byte-wise renormalization).
    const L: u32 = 1 << 23;
    /// Symbols decoded per call of the inner loop: short calls let a wasm engine switch a hot
    /// loop to its optimizing tier part way (it cannot replace a call that is running).
    const RUN: usize = 8192;

    /// One column's model: a frequency and a start (cumulative frequency) per symbol.
    #[derive(Clone)]
    struct Model {
        freq: [u32; 256],
        start: [u32; 256],
    }

    impl Model {
        fn from_freqs(freq: [u32; 256]) -> Model {
            let mut start = [0u32; 256];
            let mut acc = 0;
            for s in 0..256 {
                start[s] = acc;
                acc += freq[s];
            }
            Model { freq, start }
        }
    }

    /// Scale the counts of one column to frequencies that sum to `M`, every present symbol at
    /// least 1. Deterministic: ties go to the lower symbol.
    fn normalize(counts: &[u64; 256]) -> [u32; 256] {
        let total: u64 = counts.iter().sum();
        let mut freq = [0u32; 256];
        if total == 0 {
            return freq;
        }
        for s in 0..256 {
            if counts[s] > 0 {
                freq[s] = ((counts[s] * M as u64 / total) as u32).max(1);
            }
        }
        let largest = |freq: &[u32; 256]| (0..256).max_by_key(|&s| (freq[s], std::cmp::Reverse(s))).unwrap_or(0);
        let mut sum: u32 = freq.iter().sum();
        while sum > M {
            let s = largest(&freq);
            freq[s] -= 1;
            sum -= 1;
        }
        if sum < M {
            let s = largest(&freq);
            freq[s] += M - sum;
        }
        freq
    }

    /// Pack `data`: its first `header` bytes stay as they are, the rest is coded as columns of
    /// `stride` bytes. Panics if `header` exceeds the data or `stride` is 0 (build-time only).
    pub fn pack(data: &[u8], header: usize, stride: usize) -> Vec<u8> {
        assert!(header <= data.len() && (1..=255).contains(&stride), "columns::pack: bad header or stride");
        let body = &data[header..];
        let mut counts = vec![[0u64; 256]; stride];
        for (i, &b) in body.iter().enumerate() {
            counts[i % stride][b as usize] += 1;
        }
        let models: Vec<Model> = counts.iter().map(|c| Model::from_freqs(normalize(c))).collect();

        // Code backwards, so that the decoder reads forwards.
        let mut rev = Vec::with_capacity(body.len());
        let mut x: u32 = L;
        for i in (0..body.len()).rev() {
            let m = &models[i % stride];
            let s = body[i] as usize;
            let (freq, start) = (m.freq[s], m.start[s]);
            let x_max = ((L >> PROB_BITS) << 8) * freq;
            while x >= x_max {
                rev.push(x as u8);
                x >>= 8;
            }
            x = ((x / freq) << PROB_BITS) + (x % freq) + start;
        }
        rev.extend_from_slice(&x.to_le_bytes());
        rev.reverse();

        let mut out = Vec::with_capacity(rev.len() + 4096);
        out.extend_from_slice(&(header as u32).to_le_bytes());
        out.extend_from_slice(&data[..header]);
        out.push(stride as u8);
        out.extend_from_slice(&(body.len() as u32).to_le_bytes());
        for m in &models {
            let present: Vec<usize> = (0..256).filter(|&s| m.freq[s] > 0).collect();
            out.extend_from_slice(&(present.len() as u16).to_le_bytes());
            for s in present {
                out.push(s as u8);
                out.extend_from_slice(&(m.freq[s] as u16).to_le_bytes());
            }
        }
        out.extend_from_slice(&rev);
        out
    }

    /// Reads little-endian integers and byte runs off the front of a slice.
    struct Reader<'a>(&'a [u8]);

    impl<'a> Reader<'a> {
        fn bytes(&mut self, n: usize) -> Option<&'a [u8]> {
            let (a, b) = self.0.split_at_checked(n)?;
            self.0 = b;
            Some(a)
        }
        fn u8(&mut self) -> Option<u8> {
            Some(self.bytes(1)?[0])
        }
        fn u16(&mut self) -> Option<u16> {
            let b = self.bytes(2)?;
            Some(u16::from_le_bytes([b[0], b[1]]))
        }
        fn u32(&mut self) -> Option<u32> {
            let b = self.bytes(4)?;
            Some(u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
        }
    }

    /// A column's decoding table: per slot of `M`, the symbol, its frequency and the slot's
    /// offset in the symbol's range (apart, so that decoding a symbol reads them as they are).
    #[derive(Clone)]
    struct Slots {
        symbol: [u8; M as usize],
        freq: [u16; M as usize],
        offset: [u16; M as usize],
    }


    /// Unpack what [`pack`] made; `None` if it is damaged.
    pub fn unpack(packed: &[u8]) -> Option<Vec<u8>> {
        let mut r = Reader(packed);
        let header_len = r.u32()? as usize;
        let header = r.bytes(header_len)?;
        let stride = r.u8()? as usize;
        let body_len = r.u32()? as usize;
        if stride == 0 {
            return None;
        }
        // Zeroed tables (no constant to ship in the binary), filled from the models.
        let mut tables = vec![Slots { symbol: [0; M as usize], freq: [0; M as usize], offset: [0; M as usize] }; stride];
        for t in &mut tables {
            let n = r.u16()? as usize;
            let mut at = 0usize;
            for _ in 0..n {
                let s = r.u8()?;
                let freq = usize::from(r.u16()?);
                if freq == 0 || at + freq > M as usize {
                    return None;
                }
                t.symbol[at..at + freq].fill(s);
                t.freq[at..at + freq].fill(freq as u16);
                for (k, offset) in t.offset[at..at + freq].iter_mut().enumerate() {
                    *offset = k as u16;
                }
                at += freq;
            }
            if at != M as usize && at != 0 {
                return None;
            }
            if at == 0 {
                // A column without symbols (never decoded): frequency 1, as a valid state needs.
                t.freq.fill(1);
            }
        }
        let mut x = u32::from_be_bytes(r.bytes(4)?.try_into().ok()?);
        let mut input = r.0;
        let mut out = Vec::with_capacity(header_len + body_len);
        out.extend_from_slice(header);
        out.resize(header_len + body_len, 0);
        // Whole rows per run, so that each starts in the first column.
        let run = RUN / stride * stride;
        for run in out[header_len..].chunks_mut(run) {
            decode_run(&tables, &mut x, &mut input, run)?;
        }
        Some(out)
    }

    /// Decode `out.len()` symbols, row by row (the first in the first column, the last row
    /// maybe short), three columns a step: fewer loop steps, and each table at a fixed offset
    /// from the step's first.
    #[inline(never)]
    fn decode_run(tables: &[Slots], x: &mut u32, input: &mut &[u8], out: &mut [u8]) -> Option<()> {
        let (mut state, inp) = (*x, *input);
        let mut pos = 0;
        let mut step = |t: &Slots, o: &mut u8| {
            let slot = (state & (M - 1)) as usize;
            *o = t.symbol[slot];
            state = u32::from(t.freq[slot]) * (state >> PROB_BITS) + u32::from(t.offset[slot]);
            while state < L {
                state = (state << 8) | u32::from(*inp.get(pos)?);
                pos += 1;
            }
            Some(())
        };
        for row in out.chunks_mut(tables.len()) {
            // Three columns a step, then the one or two left (a short last row takes the same way).
            let n3 = row.len() / 3 * 3;
            let (row3, row_rest) = row.split_at_mut(n3);
            for (o, t) in row3.chunks_exact_mut(3).zip(tables.chunks_exact(3)) {
                step(&t[0], &mut o[0])?;
                step(&t[1], &mut o[1])?;
                step(&t[2], &mut o[2])?;
            }
            for (o, t) in row_rest.iter_mut().zip(&tables[n3..]) {
                step(t, o)?;
            }
        }
        (*x, *input) = (state, &inp[pos..]);
        Some(())
    }
}

/// Front coding of lines: each line of the text (split at `\n`) becomes one byte, how many of
/// its first bytes equal the previous line's (at most 255), then the rest of the line and a
/// `\n`. Sorted lists shrink to about two thirds before gzip, and gzip does better on what is
/// left.
pub mod lines {
    /// Pack `text` (any text; sorted lines pack best).
    pub fn pack(text: &str) -> Vec<u8> {
        let mut out = Vec::with_capacity(text.len());
        let mut prev: &[u8] = &[];
        for line in text.as_bytes().split(|&b| b == b'\n') {
            let shared = line.iter().zip(prev).take(255).take_while(|(a, b)| a == b).count();
            out.push(shared as u8);
            out.extend_from_slice(&line[shared..]);
            out.push(b'\n');
            prev = line;
        }
        out
    }

    /// Unpack what [`pack`] made; `None` if it is damaged.
    pub fn unpack(packed: &[u8]) -> Option<String> {
        let mut out: Vec<u8> = Vec::with_capacity(packed.len() * 3 / 2);
        for_each(packed, |line| {
            out.extend_from_slice(line);
            out.push(b'\n');
        })?;
        out.pop();
        String::from_utf8(out).ok()
    }

    /// Call `f` on each line (without its `\n`) of what [`pack`] made, in order, without
    /// unpacking the whole; `None` if it is damaged (then `f` may have seen some lines).
    pub fn for_each(packed: &[u8], mut f: impl FnMut(&[u8])) -> Option<()> {
        let mut line: Vec<u8> = Vec::with_capacity(256);
        let mut rest = packed;
        while let Some((&shared, tail)) = rest.split_first() {
            let end = tail.iter().position(|&b| b == b'\n')?;
            if usize::from(shared) > line.len() {
                return None;
            }
            line.truncate(usize::from(shared));
            line.extend_from_slice(&tail[..end]);
            f(&line);
            rest = &tail[end + 1..];
        }
        Some(())
    }
}
