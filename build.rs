//! Build script: packs the two biggest shipped tables into OUT_DIR, losslessly, for the library
//! to embed (src/pack/): the entity weights (src/data/ner_weights.bin) rANS-coded by column, and
//! the gazetteer (src/data/ner_gazetteer.txt) front-coded. The files in src/data/ stay the
//! generated sources of truth (scripts/model.sh); these packings are derived from them on every
//! build, so they cannot go stale. They make the browser's download smaller (see README,
//! Performance).

#[allow(dead_code)]
#[path = "src/pack/codec.rs"]
mod codec;

use std::path::PathBuf;

fn main() {
    let out = PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    for f in ["build.rs", "src/pack/codec.rs", "src/data/ner_weights.bin", "src/data/ner_gazetteer.txt"] {
        println!("cargo:rerun-if-changed={f}");
    }

    // The weights file: `LEDE-NER1\n`, a banner line, one byte `bits`, one byte with the number
    // of tags (the row length), then the table. Everything up to the table stays as it is.
    let weights = std::fs::read("src/data/ner_weights.bin").expect("src/data/ner_weights.bin");
    let newlines: Vec<usize> = weights.iter().enumerate().filter(|(_, &b)| b == b'\n').map(|(i, _)| i).take(2).collect();
    let header = newlines.get(1).map_or(0, |nl| nl + 3).min(weights.len());
    let stride = if header > 0 { weights[header - 1].max(1) as usize } else { 1 };
    std::fs::write(out.join("ner_weights.rans"), codec::columns::pack(&weights, header, stride)).expect("write ner_weights.rans");

    let gazetteer = std::fs::read_to_string("src/data/ner_gazetteer.txt").expect("src/data/ner_gazetteer.txt");
    std::fs::write(out.join("ner_gazetteer.fc"), codec::lines::pack(&gazetteer)).expect("write ner_gazetteer.fc");
}
