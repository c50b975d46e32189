#!/bin/sh
# Builds the large benchmark corpus: the public desktop-flow corpus copied N times.
# usage: make-corpus.sh OUT_DIR [N]   (N defaults to 30: about 43 MB in 4,110 files)
set -eu
out=${1:?usage: make-corpus.sh OUT_DIR [N]}
n=${2:-30}
src=$(cd "$(dirname "$0")/../test/corpus/public" && pwd)
rm -rf "$out"; mkdir -p "$out"
i=1
while [ "$i" -le "$n" ]; do
  mkdir -p "$out/copy$i"
  (cd "$src" && find . -type f \( -name "*.txt" -o -name "*.robin" -o -name customizations.xml \) -exec cp --parents {} "$out/copy$i/" \;)
  i=$((i + 1))
done
echo "$(find "$out" -type f | wc -l) files, $(du -sh "$out" | cut -f1) in $out"
