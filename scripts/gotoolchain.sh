#!/bin/sh
# gotoolchain.sh VERSION... - make real Go toolchains available to the tests
# without touching the system's apt configuration or installed packages.
#
# For each VERSION (1.19, 1.22, 1.23, 1.24, 1.26, 1.27, ...) it prints one line
# "VERSION GOROOT" when that toolchain can be had, or "VERSION -" when not.
# Go 1.19 is Debian 12's own golang-go; the others are Debian's golang-1.N-go
# and golang-1.N-src packages from bookworm-backports, trixie or sid, fetched
# with `apt-get download` through a private apt directory whose sources
# reuse the URI of the system's own Debian source, then unpacked with
# `dpkg -x` into the cache (DRIP_GO_CACHE, default ~/.cache/drip).
# A toolchain unpacked once is reused; nothing here needs the network then.
set -u

cache=${DRIP_GO_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/drip}
suites="bookworm-backports trixie sid"

# the URI of the system's Debian source, from deb822 or one-line sources
debian_uri() {
    for f in /etc/apt/sources.list.d/*.sources; do
        [ -f "$f" ] || continue
        awk '/^URIs:/ { for (i = 2; i <= NF; i++) if ($i ~ /\/debian\/?$/) { print $i; exit } }' "$f"
    done | head -n 1 | grep . && return 0
    cat /etc/apt/sources.list /etc/apt/sources.list.d/*.list 2>/dev/null |
        awk '$1 == "deb" { for (i = 2; i <= NF; i++) if ($i ~ /^[a-z]+:\/\/.*\/debian\/?$/) { print $i; exit } }' |
        head -n 1 | grep .
}

apt_dir=$cache/apt
apt_opts() {
    echo "-o Dir::Etc::SourceList=$apt_dir/sources.list -o Dir::Etc::SourceParts=$apt_dir/none" \
         "-o Dir::State::Lists=$apt_dir/lists -o Dir::Cache=$apt_dir/cache" \
         "-o Dir::Etc::Preferences=$apt_dir/none -o Dir::Etc::PreferencesParts=$apt_dir/none" \
         "-o Debug::NoLocking=1 -o APT::Sandbox::User=root -qq"
}

# apt_ready: the private lists exist (updated at most once per run of this script)
apt_updated=0
apt_ready() {
    [ "$apt_updated" = 1 ] && return 0
    command -v apt-get >/dev/null 2>&1 || return 1
    uri=$(debian_uri) || return 1
    mkdir -p "$apt_dir/lists/partial" "$apt_dir/cache/archives/partial" "$apt_dir/none" || return 1
    keyring=/usr/share/keyrings/debian-archive-keyring.gpg
    : >"$apt_dir/sources.list"
    for s in $suites; do
        echo "deb [signed-by=$keyring] $uri $s main" >>"$apt_dir/sources.list"
    done
    # shellcheck disable=SC2046
    apt-get $(apt_opts) update >"$apt_dir/update.log" 2>&1 || return 1
    apt_updated=1
}

fetch() {
    v=$1
    dest=$cache/go$v
    goroot=$dest/root/usr/lib/go-$v
    if [ -x "$goroot/bin/go" ] && [ -f "$dest/.complete" ]; then
        echo "$goroot"; return 0
    fi
    apt_ready || return 1
    rm -rf "$dest" && mkdir -p "$dest/deb" || return 1
    # shellcheck disable=SC2046
    (cd "$dest/deb" && apt-get $(apt_opts) download "golang-$v-go" "golang-$v-src") \
        >"$dest/download.log" 2>&1 || return 1
    for d in "$dest"/deb/*.deb; do
        dpkg -x "$d" "$dest/root" || return 1
    done
    rm -rf "$dest/deb"
    [ -x "$goroot/bin/go" ] || return 1
    "$goroot/bin/go" version >/dev/null 2>&1 || return 1
    touch "$dest/.complete"
    echo "$goroot"
}

for v in "$@"; do
    case $v in
    1.19)
        # Debian 12's own toolchain (scripts/deps.sh test installs golang-go)
        if [ -x /usr/lib/go-1.19/bin/go ]; then echo "1.19 /usr/lib/go-1.19"; else echo "1.19 -"; fi ;;
    1.[0-9]*)
        if g=$(fetch "$v"); then echo "$v $g"; else echo "$v -"; fi ;;
    *)
        echo "gotoolchain.sh: not a Go version: $v" >&2; exit 2 ;;
    esac
done
