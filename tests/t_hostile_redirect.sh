# t_hostile_redirect.sh - --header values stay with their origin (issue 14,
# point 4). Two real servers: A on 127.0.0.1 redirects every request to B
# on localhost (another origin: other host, other port); both log the
# headers they get. --follow-redirects decides; https to http is refused.
. "$(dirname "$0")/lib.sh"
. "$ROOT/tests/hostile_lib.sh"
HD=$ROOT/testdata/hostile
KEY='X-Api-Key: s3cret-key'

if ! command -v go >/dev/null 2>&1 || ! build_hostile_server; then
    fail redirect/build-server "$(tail -n 5 "$TMP/build.log" 2>/dev/null)"
    exit 0
fi
mkdir -p "$TMP/srv"
cp "$HD/inject_goroutine.pb.gz" "$TMP/srv/goroutine"
cp "$HD/inject_heap.pb.gz" "$TMP/srv/heap"
start_hostile B localhost:0 -dir "$TMP/srv" -hdrlog "$TMP/B.log" || { fail redirect/start-B "no address"; exit 0; }
PORT_B=${ADDR_B##*:}
start_hostile A 127.0.0.1:0 -redirect "http://localhost:$PORT_B" -hdrlog "$TMP/A.log" || { fail redirect/start-A "no address"; exit 0; }
watch() { out=$1; shift; "$DRIP" watch --interval 200ms --duration 1s --out "$TMP/$out" "$@" >"$TMP/$out.out" 2>"$TMP/$out.err"; }

# Default (same-origin): the redirect to localhost is not followed; B sees
# nothing, so no key.
watch def -H "$KEY" "http://$ADDR_A"
grep -q "gap	-	poll failed: goroutine: redirect from http://$ADDR_A/debug/pprof/goroutine to http://localhost:$PORT_B/real/debug/pprof/goroutine not followed: another origin" "$TMP/def/index.tsv" &&
    pass redirect/default-same-origin-refuses || fail redirect/default-same-origin-refuses "$(grep gap "$TMP/def/index.tsv" | head -n 1)"
grep -q "X-Api-Key: s3cret-key" "$TMP/A.log" && pass redirect/key-sent-to-origin || fail redirect/key-sent-to-origin "A got: $(head -n 3 "$TMP/A.log")"
if grep -qi "x-api-key" "$TMP/B.log" 2>/dev/null; then fail redirect/default-key-not-leaked "$(grep -i x-api-key "$TMP/B.log" | head -n 1)"; else pass redirect/default-key-not-leaked; fi

# any: followed, snapshots from B, the key dropped there and the drop said.
rm -f "$TMP/B.log"
watch any --follow-redirects=any -H "$KEY" "http://$ADDR_A"
n=$(grep -c "	heap	" "$TMP/any/index.tsv" 2>/dev/null)
[ "${n:-0}" -ge 2 ] && pass redirect/any-follows || fail redirect/any-follows "${n:-0} snapshots: $(grep gap "$TMP/any/index.tsv" | head -n 1)"
grep -q "/real/debug/pprof/heap User-Agent: drip-watch" "$TMP/B.log" && ! grep -qi "x-api-key" "$TMP/B.log" &&
    pass redirect/any-key-dropped || fail redirect/any-key-dropped "B got: $(grep -i 'x-api-key\|user-agent' "$TMP/B.log" | head -n 2)"
c=$(grep -c "the --header values are not sent there" "$TMP/any.err")
[ "$c" = 1 ] && pass redirect/any-drop-logged-once || fail redirect/any-drop-logged-once "$c times: $(head -n 3 "$TMP/any.err")"

# none: a redirect, even within the origin, is a failed poll.
start_hostile S 127.0.0.1:0 -redirect self -dir "$TMP/srv" -hdrlog "$TMP/S.log" || { fail redirect/start-S "no address"; exit 0; }
watch none --follow-redirects=none -H "$KEY" "http://$ADDR_S"
grep -q "redirect from http://$ADDR_S/debug/pprof/goroutine to http://$ADDR_S/real/debug/pprof/goroutine not followed (--follow-redirects=none)" "$TMP/none/index.tsv" &&
    pass redirect/none || fail redirect/none "$(grep gap "$TMP/none/index.tsv" | head -n 1)"
# same-origin redirect: followed, and the key goes to both hops.
rm -f "$TMP/S.log"
watch same -H "$KEY" "http://$ADDR_S"
n=$(grep -c "	heap	" "$TMP/same/index.tsv" 2>/dev/null)
[ "${n:-0}" -ge 2 ] && grep -q "^/real/debug/pprof/heap X-Api-Key: s3cret-key" "$TMP/S.log" && pass redirect/same-origin-follows ||
    fail redirect/same-origin-follows "${n:-0} snapshots; $(grep -i x-api-key "$TMP/S.log" | head -n 2)"

# https -> http: refused whatever --follow-redirects says.
start_hostile T 127.0.0.1:0 -tls -redirect "http://localhost:$PORT_B" || { fail redirect/start-T "no address"; exit 0; }
rm -f "$TMP/B.log"
watch tls -k --follow-redirects=any -H "$KEY" "https://$ADDR_T"
grep -q "redirect from https://$ADDR_T/debug/pprof/goroutine to http://localhost:$PORT_B/real/debug/pprof/goroutine refused: https to http" "$TMP/tls/index.tsv" &&
    [ ! -s "$TMP/B.log" ] && pass redirect/https-to-http-refused || fail redirect/https-to-http-refused "$(grep gap "$TMP/tls/index.tsv" | head -n 1)"

"$DRIP" watch --follow-redirects=sometimes http://127.0.0.1:1 >/dev/null 2>"$TMP/bad.err"
[ $? = 2 ] && grep -q "follow-redirects 'sometimes': want same-origin, any or none" "$TMP/bad.err" && pass redirect/bad-flag ||
    fail redirect/bad-flag "$(cat "$TMP/bad.err")"
