#!/usr/bin/env bash
# Rebuilds sp500_sample.csv.gz and sectors.csv from the full data set (see README.md in this folder).
# Usage: data/sample/make_sample.sh [path to the shared data folder, default ../shared/data]
# Deterministic: same input files give byte-identical outputs (gzip -n stores no name or time).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
src="${1:-${ALPHAWEAVE_SHARED_DATA:-$here/../../../shared/data}}"
symbols="AMZN DISCA DISCK HD MCD NKE NWL CHD KO PG WMT CVX MRO SLB XOM BAC BHF BRK.B GS ICE JPM ABBV BMY DHR JNJ VRTX AOS BA CAT FTV GE AAPL AMD GOOGL INTC MSFT NVDA ORCL ECL NEM WRK O PLD SPG T VZ DUK ES LNT NEE"
pattern=" ${symbols} "
export pattern
# keep the header and the rows of the selected symbols, in the source's order (by symbol, then date)
gzip -dc "$src/sp500/all_stocks_5yr.csv.gz" \
  | awk -F, 'NR == 1 || index(ENVIRON["pattern"], " " $7 " ") > 0' \
  | gzip -n -9 >"$here/sp500_sample.csv.gz"
awk -F, 'NR == 1 { print; next } { s = $1 } index(ENVIRON["pattern"], " " s " ") > 0' \
  "$src/sp500/sp500_sectors_2018.csv" >"$here/sectors.csv"
echo "wrote $here/sp500_sample.csv.gz ($(gzip -dc "$here/sp500_sample.csv.gz" | wc -l) lines) and sectors.csv ($(wc -l <"$here/sectors.csv") lines)"
