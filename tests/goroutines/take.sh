#!/bin/sh
# take.sh BIN OUTDIR - runs the leaking program BIN, waits (bounded) until it
# prints its pprof address, saves /debug/pprof/goroutine?debug=2 and
# ?debug=1 and then its SIGQUIT dump (GOTRACEBACK=all) into OUTDIR as
# debug2.txt, debug1.txt and sigquit.txt. The program is always killed.
# With TAKE_MORE=1 it also saves ?debug=0 as proto.pb.gz and, when the
# server has /debug/pprof/goroutineleak (Go 1.27, or 1.26 built with
# GOEXPERIMENT=goroutineleakprofile), its debug=0, 1 and 2 forms as
# leak0.pb.gz, leak1.txt and leak2.txt, before the SIGQUIT (which then
# shows the goroutines that leak GC marked).
# Exits non-zero if any dump could not be taken.
bin=$1
out=$2
mkdir -p "$out"
GOTRACEBACK=all "$bin" >"$out/addr.txt" 2>"$out/sigquit.txt" &
pid=$!
status=1
i=0
while [ $i -lt 100 ]; do
    # the address line is complete once it ends with a newline
    if [ -s "$out/addr.txt" ] && [ "$(wc -l <"$out/addr.txt")" -ge 1 ]; then
        status=0
        break
    fi
    kill -0 $pid 2>/dev/null || break
    sleep 0.1
    i=$((i + 1))
done
if [ $status = 0 ]; then
    addr=$(head -n 1 "$out/addr.txt")
    curl -sf --max-time 10 "http://$addr/debug/pprof/goroutine?debug=2" >"$out/debug2.txt" || status=1
    curl -sf --max-time 10 "http://$addr/debug/pprof/goroutine?debug=1" >"$out/debug1.txt" || status=1
    if [ "${TAKE_MORE:-}" = 1 ]; then
        curl -sf --max-time 10 "http://$addr/debug/pprof/goroutine?debug=0" >"$out/proto.pb.gz" || status=1
        for d in 0 1 2; do
            f=$out/leak$d.txt
            [ $d = 0 ] && f=$out/leak0.pb.gz
            curl -sf --max-time 30 "http://$addr/debug/pprof/goroutineleak?debug=$d" >"$f" || rm -f "$f"
        done
    fi
    kill -QUIT $pid 2>/dev/null
    # bounded wait for the dump to be written and the process to exit
    i=0
    while kill -0 $pid 2>/dev/null && [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
fi
kill -9 $pid 2>/dev/null
wait $pid 2>/dev/null
grep -q '^goroutine ' "$out/sigquit.txt" || status=1
exit $status
