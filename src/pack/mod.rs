//! The shipped tables that are stored packed (see `codec`): build.rs packs
//! src/data/ner_weights.bin and src/data/ner_gazetteer.txt into OUT_DIR, the library embeds the
//! packed bytes and unpacks them once, when the entity tagger first needs them: the weights here,
//! the gazetteer line by line as it is parsed (`Gazetteer::parse_packed`). The packing
//! is lossless (tested below against the files themselves), so the analysis is the same; it only
//! makes the WebAssembly smaller on the wire.

pub mod codec;

/// src/data/ner_weights.bin, rANS-coded by column (build.rs).
static NER_WEIGHTS: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/ner_weights.rans"));
/// src/data/ner_gazetteer.txt, front-coded (build.rs); the gazetteer reads its lines off the
/// packing (`Gazetteer::parse_packed`).
pub static NER_GAZETTEER: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/ner_gazetteer.fc"));

/// The bytes of src/data/ner_weights.bin (empty if the packing were damaged, which gives the
/// tagger's empty model).
pub fn ner_weights() -> Vec<u8> {
    codec::columns::unpack(NER_WEIGHTS).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::codec::{columns, lines};

    #[test]
    fn the_shipped_packings_unpack_to_the_files() {
        assert!(super::ner_weights() == include_bytes!("../data/ner_weights.bin"), "ner_weights.bin");
        assert!(lines::unpack(super::NER_GAZETTEER).as_deref() == Some(include_str!("../data/ner_gazetteer.txt")), "ner_gazetteer.txt");
    }

    #[test]
    fn columns_round_trip() {
        let cases: Vec<(Vec<u8>, usize, usize)> = vec![
            (vec![], 0, 1),
            (b"head".to_vec(), 4, 9),
            (b"head\x01".to_vec(), 4, 9),
            ((0..=255).collect(), 0, 1),
            ((0..=255).collect(), 10, 7),
            ([7u8; 1000].to_vec(), 3, 3),
            ((0..100_000u32).map(|i| (i.wrapping_mul(2_654_435_761) >> 27) as u8).collect(), 17, 9),
            ((0..50_000u32).map(|i| if i % 97 == 0 { (i % 251) as u8 } else { 0 }).collect(), 0, 5),
        ];
        for (data, header, stride) in cases {
            let packed = columns::pack(&data, header, stride);
            assert_eq!(columns::unpack(&packed).as_deref(), Some(&data[..]), "{} bytes, header {header}, stride {stride}", data.len());
        }
    }

    #[test]
    fn lines_round_trip() {
        let long = "x".repeat(600);
        let cases = [
            "",
            "\n",
            "a",
            "a\n",
            "a\nab\nabc\nb\n\n\nb",
            "# banner\n@city\naachen\naalborg\naalen\n@given\naaron\n",
            "é\néa\néb\n日本\n日本語",
            &format!("{long}\n{long}y\n{long}\n"),
        ];
        for text in cases {
            assert_eq!(lines::unpack(&lines::pack(text)).as_deref(), Some(text), "{text:?}");
        }
    }

    #[test]
    fn damaged_packings_are_refused_not_panicked_on() {
        let data: Vec<u8> = (0..5000u32).map(|i| (i % 13) as u8).collect();
        let packed = columns::pack(&data, 2, 3);
        for cut in [0, 3, 9, 20, packed.len() / 2, packed.len() - 1] {
            let _ = columns::unpack(&packed[..cut]);
        }
        assert_eq!(lines::unpack(b"\x05abc\n"), None, "a shared prefix longer than the previous line");
        assert_eq!(lines::unpack(b"\x00abc"), None, "no final newline");
    }
}
