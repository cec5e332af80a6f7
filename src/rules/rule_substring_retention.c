/* rule_substring_retention.c - a short substring of a parameter (or of a
 * string read by a call) stored in package-level state or a map: the
 * substring shares the whole string's bytes and keeps them alive. */
#include "rules_retention.h"

static void run(Pass *p)
{
    if (!rule_pkg_mentions(p, ":"))
        return;
    retention_run(p, true);
}

const Rule rule_substring_retention = {
    "substring-retention",
    "short substring of a large string stored in long-lived state pins the whole string",
    "A substring shares the bytes of the string it was cut from: s[:16]\n"
    "is a 16-byte header pointing into s, and as long as it is reachable\n"
    "the garbage collector keeps all of s. Cutting a short key out of a\n"
    "64 KiB request and storing it in a package-level map keeps every\n"
    "request alive.\n"
    "\n"
    "The rule reports s[:K], s[A:B] with constant bounds and s[i:i+K] where s\n"
    "is a string parameter (or a local holding a string returned by a\n"
    "call), assigned (or appended, x = append(x, s[:K])) to a package-level\n"
    "variable or to an element of a map that is package-level or a field;\n"
    "and, when s holds what a call read, stored in a field of a pointer\n"
    "method's receiver or sent on a channel; also the result of a helper of\n"
    "the package whose every return is such a slice of one parameter\n"
    "(`func head(s string) string { return s[:4] }`). Precision over recall: returning a\n"
    "substring, or storing it in a local, a struct field or a local map, is\n"
    "normal Go and stays silent; so do substrings of constants and of small\n"
    "local values, slices with bounds that are not constant (s[i:j]),\n"
    "trimming in place (x = x[:n]) and anything wrapped in a call (a copy).\n"
    "\n"
    "Leaky:\n"
    "\n"
    "    var kept = map[int]string{}\n"
    "\n"
    "    func keepPrefix(i int, request string) {\n"
    "        kept[i] = request[:16] // pins the whole request\n"
    "    }\n"
    "\n"
    "Fixed:\n"
    "\n"
    "    func keepPrefix(i int, request string) {\n"
    "        kept[i] = strings.Clone(request[:16])\n"
    "    }\n"
    "\n"
    "Fix: store a copy: strings.Clone(s[:n]) (Go 1.18+), or\n"
    "string([]byte(s[:n])) on older Go. drip check --fix makes that edit\n"
    "and adds the \"strings\" import when it is missing.\n",
    run,
    NULL,
    .counts =
        "Findings on real code (tests included; Go 1.19 standard library / grpc /\n"
        "etcd / docker as Debian ships them): 0 / 0 / 0 / 0. The narrow form\n"
        "(package-level or map state) is rare in mature code; what it no longer\n"
        "catches: substrings kept in struct fields of long-lived objects, and\n"
        "bounds that are not constant.\n",
};
