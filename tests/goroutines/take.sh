#!/bin/sh
# take.sh BIN OUTDIR [plain|leak] - runs the leaking program BIN, waits
# (bounded) until it prints its pprof address, and saves its dumps into
# OUTDIR. The program is always killed. Exits non-zero if a dump could not
# be taken.
#   plain (default): /debug/pprof/goroutine?debug=2, ?debug=1 and ?debug=0
#     (proto) as debug2.txt, debug1.txt and proto.pb.gz, then its SIGQUIT
#     dump (GOTRACEBACK=all) as sigquit.txt;
#   leak: /debug/pprof/goroutineleak?debug=2, ?debug=1 and ?debug=0 as
#     leak2.txt, leak1.txt and leak0.pb.gz (Go 1.26 and later). Go's leak
#     detector marks goroutines "(leaked)" for good, so this is a run of its
#     own: the plain dumps stay free of its verdict;
#   all: the leak profiles first, then the plain dumps and the SIGQUIT,
#     which then show the goroutines Go's detector marked.
bin=$1
out=$2
mode=${3:-plain}
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
get() { curl -sf --max-time 10 -o "$out/$2" "http://$addr/debug/pprof/$1" || status=1; }
if [ $status = 0 ]; then
    addr=$(head -n 1 "$out/addr.txt")
    if [ "$mode" = leak ] || [ "$mode" = all ]; then
        get 'goroutineleak?debug=2' leak2.txt
        get 'goroutineleak?debug=1' leak1.txt
        get 'goroutineleak?debug=0' leak0.pb.gz
    fi
    if [ "$mode" != leak ]; then
        get 'goroutine?debug=2' debug2.txt
        get 'goroutine?debug=1' debug1.txt
        get 'goroutine?debug=0' proto.pb.gz
        kill -QUIT $pid 2>/dev/null
        # bounded wait for the dump to be written and the process to exit
        i=0
        while kill -0 $pid 2>/dev/null && [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
    fi
fi
kill -9 $pid 2>/dev/null
wait $pid 2>/dev/null
[ "$mode" = leak ] || grep -q '^goroutine ' "$out/sigquit.txt" || status=1
exit $status
