/* rule_subslice_retention.c - a short subslice of a parameter (or of a
 * slice read by a call) stored in package-level state or a map: the
 * subslice shares the whole backing array and keeps it alive. */
#include "rules_retention.h"

static void run(Pass *p)
{
    if (!rule_pkg_mentions(p, ":"))
        return;
    retention_run(p, false);
}

const Rule rule_subslice_retention = {
    "subslice-retention",
    "short subslice of a large slice stored in long-lived state pins its whole backing array",
    "A subslice shares the backing array of the slice it was cut from:\n"
    "buf[:16] keeps all of buf's array reachable, however large. Cutting a\n"
    "short header out of a freshly read 1 MiB buffer and storing it in a\n"
    "package-level cache keeps every buffer alive.\n"
    "\n"
    "The rule reports b[:K], b[A:B] with constant bounds and b[i:i+K] where b\n"
    "is a slice parameter (or a local holding a slice returned by a call,\n"
    "such as io.ReadAll), assigned (or appended, x = append(x, b[:K])) to a\n"
    "package-level variable or to an element of a map that is package-level\n"
    "or a field; and, when b holds what a call read, stored in a field of a\n"
    "pointer method's receiver or sent on a channel; also the result of a\n"
    "helper of the package whose every return is such a slice of one\n"
    "parameter (`func head(b []byte) []byte { return b[:4] }`). Precision over recall:\n"
    "returning a subslice from a helper,\n"
    "or keeping it in a local or\n"
    "a struct field, is normal Go and stays silent; so do subslices of\n"
    "local buffers made in the function, bounds that are not constant,\n"
    "trimming in place (q = q[1:] on the same variable) and copies.\n"
    "\n"
    "Leaky:\n"
    "\n"
    "    var magic = map[string][]byte{}\n"
    "\n"
    "    func remember(name string, r io.Reader) error {\n"
    "        data, err := io.ReadAll(r)\n"
    "        if err != nil {\n"
    "            return err\n"
    "        }\n"
    "        magic[name] = data[:8] // pins all of data\n"
    "        return nil\n"
    "    }\n"
    "\n"
    "Fixed:\n"
    "\n"
    "        magic[name] = append([]byte(nil), data[:8]...)\n"
    "\n"
    "Fix: copy into a new slice: append([]T(nil), b[:n]...), or\n"
    "bytes.Clone(b[:n]) in Go 1.20+.\n",
    run,
    NULL,
    .counts =
        "Findings on real code (tests included; Go 1.19 standard library / grpc /\n"
        "etcd / docker as Debian ships them): 0 / 0 / 0 / 0. The narrow form\n"
        "(package-level or map state) is rare in mature code; what it no longer\n"
        "catches: subslices kept in struct fields of long-lived objects, and\n"
        "bounds that are not constant.\n",
};
