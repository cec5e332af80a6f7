# t_watch_http.sh - drip watch's HTTP side against real Go services: TLS
# certificates are verified unless --insecure, --header carries auth, and
# an HTTP error status is a gap with its code.
. "$(dirname "$0")/lib.sh"
. "$ROOT/tests/pprof/lib_services.sh"

if ! build_services; then
    fail watch/build-services "$(tail -n 5 "$TMP/build.log")"
    exit 0
fi
start_service stable tls 127.0.0.1:0 -tls -token s3cret || { fail watch/tls-start "no address"; exit 0; }
U=https://$ADDR_tls

# Verification is on by default: a self-signed certificate fails.
"$DRIP" watch --interval 200ms --duration 1s --out "$TMP/v" -H 'Authorization: Bearer s3cret' "$U" >/dev/null 2>"$TMP/v.err"
rc=$?
[ "$rc" = 2 ] && grep -qi "gap	-	poll failed: goroutine: .*certificate" "$TMP/v/index.tsv" && pass watch/tls-verified-by-default ||
    fail watch/tls-verified-by-default "status $rc: $(grep gap "$TMP/v/index.tsv" | head -n 1)"

# --insecure and the right header: snapshots.
"$DRIP" watch --interval 200ms --duration 1.5s --min-snapshots 3 --out "$TMP/ok" -k --header 'Authorization: Bearer s3cret' "$U" >"$TMP/ok.txt" 2>"$TMP/ok.err"
rc=$?
n=$(grep -c "	heap	" "$TMP/ok/index.tsv" 2>/dev/null)
[ "$rc" = 0 ] && [ "${n:-0}" -ge 3 ] && pass watch/tls-insecure-with-header || fail watch/tls-insecure-with-header "status $rc, ${n:-0} snapshots: $(tail -n 2 "$TMP/ok.err")"

# Without the header: HTTP 401 gaps.
"$DRIP" watch --interval 200ms --duration 1s --out "$TMP/na" -k "$U" >/dev/null 2>"$TMP/na.err"
rc=$?
[ "$rc" = 2 ] && grep -q "poll failed: goroutine: HTTP 401 from $U/debug/pprof/goroutine" "$TMP/na/index.tsv" &&
    pass watch/http-401-gap || fail watch/http-401-gap "status $rc: $(grep gap "$TMP/na/index.tsv" | head -n 1)"

# A URL ending in /debug/pprof/ polls the same endpoints.
"$DRIP" watch --interval 200ms --duration 1s --out "$TMP/pp" -k -H 'Authorization: Bearer s3cret' "$U/debug/pprof/" >/dev/null 2>&1
n=$(grep -c "	goroutine	" "$TMP/pp/index.tsv" 2>/dev/null)
[ "${n:-0}" -ge 2 ] && pass watch/url-with-debug-pprof || fail watch/url-with-debug-pprof "${n:-0} snapshots"

# Heap profiles are asked for after a GC (gc=1) unless --no-gc.
start_service stable log 127.0.0.1:0 -reqlog "$TMP/req.log" || { fail watch/reqlog-start "no address"; exit 0; }
"$DRIP" watch --interval 200ms --duration 0.9s --out "$TMP/gc" "http://$ADDR_log" >/dev/null 2>&1
mv "$TMP/req.log" "$TMP/req-gc.log" 2>/dev/null
"$DRIP" watch --interval 200ms --duration 0.9s --no-gc --out "$TMP/nogc" "http://$ADDR_log" >/dev/null 2>&1
grep -qx "/debug/pprof/heap?gc=1" "$TMP/req-gc.log" && grep -qx "/debug/pprof/goroutine" "$TMP/req-gc.log" &&
    grep -qx "/debug/pprof/heap" "$TMP/req.log" && ! grep -q "gc=1" "$TMP/req.log" &&
    pass watch/gc-param || fail watch/gc-param "$(sort -u "$TMP/req-gc.log" "$TMP/req.log" 2>&1 | head -n 4)"
