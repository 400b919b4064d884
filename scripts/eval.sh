#!/usr/bin/env bash
# Scores Lede against the gold data in ../shared/corpora and fails below the thresholds the
# issues set. Skips loudly when the corpora are absent (as on a user's laptop).
# Usage: scripts/eval.sh [path/to/lede]   (make eval builds the release binary first)
set -euo pipefail
cd "$(dirname "$0")/.."
LEDE=${1:-target/release/lede}
CORPORA=${CORPORA:-../shared/corpora}
if [ ! -d "$CORPORA" ]; then
  echo "################################################################"
  echo "# SKIPPED: gold-data evaluation ($CORPORA not found)."
  echo "# Set CORPORA=/path/to/corpora to run it."
  echo "################################################################"
  exit 0
fi
status=0
run() { echo "+ $*"; "$@" || status=1; }

# Sentences (issue: sentences and paragraphs).
run "$LEDE" eval sbd "$CORPORA/sbd_golden_rules_en.jsonl" --min-exact 0.98
run "$LEDE" eval sbd "$CORPORA/sbd_ud_ewt_test.jsonl" --min-f1 0.90

# Reading statistics (issue 6): formulas on published counts (18/18 within 0.01, enforced), grade
# formulas against textstat's passages (printed), syllables on CMUdict's held-out tenth.
# Writing the held-out words takes seconds; the check that the shipped table and networks are
# reproduced (two minutes, with $LEDE's trainer) runs again only when they, the script or the
# trainer changed since it last passed.
HELDOUT=$(mktemp)
python3 scripts/gen_syllables.py --heldout-only "$HELDOUT" || status=1
STAMP=${CARGO_TARGET_DIR:-target}/syllables-table.checked
SUM=$(cat scripts/gen_syllables.py src/data/syllables_table.rs src/data/syllables_model.bin \
  src/bin/lede/train_syllables.rs src/analysis/syllables.rs src/data/easy_words.rs | sha256sum | cut -d' ' -f1)
if [ "$(cat "$STAMP" 2>/dev/null)" != "$SUM" ]; then
  if python3 scripts/gen_syllables.py --check --lede "$LEDE"; then
    mkdir -p "$(dirname "$STAMP")" && echo "$SUM" >"$STAMP"
  else
    status=1
  fi
fi
run "$LEDE" eval readability "$CORPORA" --syllables "$HELDOUT" --min-syllables 0.97
rm -f "$HELDOUT"

# Entities (issue 5): people, places, organizations on UNER English EWT test (exact spans).
run "$LEDE" eval ner "$CORPORA/ner_uner_en_ewt_test.jsonl" --labels PER,LOC,ORG --min-f1 0.70

exit $status
