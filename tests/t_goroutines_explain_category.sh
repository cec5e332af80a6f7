# t_goroutines_explain_category.sh - with the source on disk, the leak
# category of a channel wait follows the analysis, not the words near the
# line: a receive from a channel drip follows whose line says "Ticker" in
# a comment is an abandoned channel, not a ticker leak (classify.c's text
# guess); a real time.Ticker receive stays a ticker leak. The same dump
# with its paths moved (no source here) gives the report of --no-source.
. "$(dirname "$0")/lib.sh"
NAME=goroutines-explain-category
export NO_COLOR=1
d=$TMP/prog
mkdir -p "$d"
cat >"$d/main.go" <<'GO'
package main

import "time"

func main() {
	go wait(make(chan struct{}))
	go tick()
	select {}
}

func wait(tickerDone chan struct{}) {
	<-tickerDone // the Ticker loop closes it
}

func tick() {
	t := time.NewTicker(time.Second)
	for range t.C {
	}
}
GO
cat >"$TMP/dump.txt" <<EOF2
goroutine 1 [select (no cases)]:
main.main()
	$d/main.go:8 +0x1

goroutine 7 [chan receive, 12 minutes]:
main.wait(0xc000012345)
	$d/main.go:12 +0x1d
created by main.main in goroutine 1
	$d/main.go:6 +0x2

goroutine 8 [chan receive, 12 minutes]:
main.tick()
	$d/main.go:17 +0x1d
created by main.main in goroutine 1
	$d/main.go:7 +0x2
EOF2
"$DRIP" goroutines "$TMP/dump.txt" >"$TMP/src.out" 2>&1
if grep -A5 "main.go:12: " "$TMP/src.out" | grep -q "leak: .*\[abandoned-channel\]" &&
    grep -A5 "main.go:12: " "$TMP/src.out" | grep -q "why \[no-partner\]"; then
    pass $NAME/comment-is-not-a-ticker
else
    fail $NAME/comment-is-not-a-ticker "$(grep -A6 'main.go:12: ' "$TMP/src.out" | head -c 400)"
fi
if grep -A5 "main.go:17: " "$TMP/src.out" | grep -q "leak: .*\[ticker-leak\]" &&
    grep -A5 "main.go:17: " "$TMP/src.out" | grep -q "why \[ticker\]"; then
    pass $NAME/real-ticker
else
    fail $NAME/real-ticker "$(grep -A6 'main.go:17: ' "$TMP/src.out" | head -c 400)"
fi
# the paths of another machine: today's report, with what was not found
sed "s#$d/#/elsewhere/#g" "$TMP/dump.txt" >"$TMP/moved.txt"
"$DRIP" goroutines "$TMP/moved.txt" >"$TMP/moved.out" 2>&1
"$DRIP" goroutines --no-source "$TMP/moved.txt" >"$TMP/nosource.out" 2>&1
if grep -q "why \[no-source\]: source not found: /elsewhere/main.go" "$TMP/moved.out" &&
    grep -v "why \[no-source\]" "$TMP/moved.out" | diff - "$TMP/nosource.out" >"$TMP/diff.out"; then
    pass $NAME/no-source-fallback
else
    fail $NAME/no-source-fallback "$(head -c 400 "$TMP/diff.out") $(grep why "$TMP/moved.out" | head -c 300)"
fi
