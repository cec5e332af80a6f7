/* watch_http.c - libcurl GETs with timeouts, TLS verification on by
 * default, extra headers, a size limit and cancellation.
 *
 * libcurl is loaded with dlopen when drip watch starts, not linked: it
 * brings some thirty shared libraries (TLS, Kerberos, LDAP, ...), whose
 * loading would add about 7 ms to the start of every other command. */
#include "watch_http.h"

#include <curl/curl.h>
#include <ctype.h>
#include <dlfcn.h>
#include <errno.h>
#include <string.h>
#include <unistd.h>

#include "../util/util.h"

/* The libcurl functions drip uses, found by http_global_init. */
static struct {
    void *lib;
    CURLcode (*global_init)(long flags);
    void (*global_cleanup)(void);
    CURL *(*easy_init)(void);
    CURLcode (*easy_setopt)(CURL *h, CURLoption opt, ...);
    CURLcode (*easy_perform)(CURL *h);
    CURLcode (*easy_getinfo)(CURL *h, CURLINFO info, ...);
    const char *(*easy_strerror)(CURLcode rc);
    void (*easy_cleanup)(CURL *h);
    struct curl_slist *(*slist_append)(struct curl_slist *l, const char *s);
    void (*slist_free_all)(struct curl_slist *l);
} C;

struct HttpClient {
    CURL *curl;
    struct curl_slist *headers;
    HttpOpts opts;
    unsigned char *buf;
    size_t len, cap;
    bool too_big;
    int fd;          /* >= 0: the body goes to this file, not to buf */
    bool warned_drop; /* said once that headers stay behind on a redirect */
    int write_errno; /* set when writing to fd failed */
};

bool http_global_init(char *err, size_t errlen)
{
    C.lib = dlopen("libcurl.so.4", RTLD_NOW | RTLD_LOCAL);
    if (!C.lib) {
        snprintf(err, errlen, "cannot load libcurl (apt-get install libcurl4): %s", dlerror());
        return false;
    }
    /* dlsym gives an object pointer; POSIX lets it be stored as a function
     * pointer through memcpy */
#define SYM(field, name)                                                      \
    do {                                                                      \
        void *f = dlsym(C.lib, name);                                         \
        if (!f) {                                                             \
            snprintf(err, errlen, "libcurl.so.4 lacks %s", name);            \
            dlclose(C.lib);                                                   \
            C.lib = NULL;                                                     \
            return false;                                                     \
        }                                                                     \
        memcpy(&C.field, &f, sizeof f);                                       \
    } while (0)
    SYM(global_init, "curl_global_init");
    SYM(global_cleanup, "curl_global_cleanup");
    SYM(easy_init, "curl_easy_init");
    SYM(easy_setopt, "curl_easy_setopt");
    SYM(easy_perform, "curl_easy_perform");
    SYM(easy_getinfo, "curl_easy_getinfo");
    SYM(easy_strerror, "curl_easy_strerror");
    SYM(easy_cleanup, "curl_easy_cleanup");
    SYM(slist_append, "curl_slist_append");
    SYM(slist_free_all, "curl_slist_free_all");
#undef SYM
    if (C.global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK) {
        snprintf(err, errlen, "cannot initialize libcurl");
        dlclose(C.lib);
        C.lib = NULL;
        return false;
    }
    return true;
}

void http_global_cleanup(void)
{
    if (!C.lib)
        return;
    C.global_cleanup();
    dlclose(C.lib);
    C.lib = NULL;
}

static size_t on_data(char *ptr, size_t size, size_t nmemb, void *ud)
{
    HttpClient *c = ud;
    size_t n = size * nmemb;
    if (n > c->opts.max_bytes - c->len) {
        c->too_big = true;
        return 0; /* aborts the transfer */
    }
    if (c->fd >= 0) {
        for (size_t done = 0; done < n;) {
            ssize_t w = write(c->fd, ptr + done, n - done);
            if (w < 0 && errno == EINTR)
                continue;
            if (w < 0) {
                c->write_errno = errno;
                return 0;
            }
            done += (size_t)w;
        }
        c->len += n;
        return n;
    }
    if (c->len + n + 1 > c->cap) {
        c->cap = MAX(c->cap * 2, c->len + n + 1);
        c->buf = xrealloc(c->buf, c->cap);
    }
    memcpy(c->buf + c->len, ptr, n);
    c->len += n;
    return n;
}

static int on_progress(void *ud, curl_off_t dt, curl_off_t dn, curl_off_t ut, curl_off_t un)
{
    UNUSED(dt);
    UNUSED(dn);
    UNUSED(ut);
    UNUSED(un);
    HttpClient *c = ud;
    return c->opts.stop && *c->opts.stop ? 1 : 0;
}

HttpClient *http_client_new(const HttpOpts *o)
{
    HttpClient *c = xcalloc(1, sizeof *c);
    c->opts = *o;
    c->fd = -1;
    c->curl = C.easy_init();
    if (!c->curl) {
        free(c);
        return NULL;
    }
    for (int i = 0; i < o->nheaders; i++)
        c->headers = C.slist_append(c->headers, o->headers[i]);
    CURL *h = c->curl;
    C.easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
    C.easy_setopt(h, CURLOPT_TIMEOUT_MS, o->timeout_ms);
    C.easy_setopt(h, CURLOPT_CONNECTTIMEOUT_MS, MIN(o->timeout_ms, 5000L));
    C.easy_setopt(h, CURLOPT_SSL_VERIFYPEER, o->insecure ? 0L : 1L);
    C.easy_setopt(h, CURLOPT_SSL_VERIFYHOST, o->insecure ? 0L : 2L);
    /* Redirects are followed by perform(), which decides per hop where the
     * --header values may go; libcurl alone drops only Authorization. */
    C.easy_setopt(h, CURLOPT_FOLLOWLOCATION, 0L);
#if LIBCURL_VERSION_NUM >= 0x075500
    C.easy_setopt(h, CURLOPT_PROTOCOLS_STR, "http,https");
#endif
    C.easy_setopt(h, CURLOPT_USERAGENT, "drip-watch");
    C.easy_setopt(h, CURLOPT_WRITEFUNCTION, on_data);
    C.easy_setopt(h, CURLOPT_WRITEDATA, c);
    C.easy_setopt(h, CURLOPT_NOPROGRESS, 0L);
    C.easy_setopt(h, CURLOPT_XFERINFOFUNCTION, on_progress);
    C.easy_setopt(h, CURLOPT_XFERINFODATA, c);
    return c;
}

void http_client_free(HttpClient *c)
{
    if (!c)
        return;
    C.easy_cleanup(c->curl);
    C.slist_free_all(c->headers);
    free(c->buf);
    free(c);
}

/* The parts of an origin in url: scheme, host (or [v6]) and port. */
typedef struct {
    char scheme[8];
    char host[256];
    unsigned port;
} Origin;

static bool parse_origin(const char *url, Origin *o)
{
    memset(o, 0, sizeof *o);
    const char *sep = strstr(url, "://");
    if (!sep || sep == url || (size_t)(sep - url) >= sizeof o->scheme)
        return false;
    for (size_t i = 0; url + i < sep; i++)
        o->scheme[i] = (char)tolower((unsigned char)url[i]);
    const char *h = sep + 3, *end = h + strcspn(h, "/?#");
    const char *at = memchr(h, '@', (size_t)(end - h));
    if (at)
        h = at + 1; /* user:password@ is no part of the origin */
    const char *colon = NULL;
    if (*h == '[') {
        const char *rb = memchr(h, ']', (size_t)(end - h));
        if (!rb)
            return false;
        colon = rb + 1 < end && rb[1] == ':' ? rb + 1 : NULL;
    } else {
        colon = memchr(h, ':', (size_t)(end - h));
    }
    const char *hend = colon ? colon : end;
    if (hend == h || (size_t)(hend - h) >= sizeof o->host)
        return false;
    for (size_t i = 0; h + i < hend; i++)
        o->host[i] = (char)tolower((unsigned char)h[i]);
    o->port = strcmp(o->scheme, "https") == 0 ? 443 : strcmp(o->scheme, "http") == 0 ? 80 : 0;
    if (colon && colon + 1 < end) {
        o->port = 0;
        for (const char *p = colon + 1; p < end; p++) {
            if (*p < '0' || *p > '9' || o->port > 65535)
                return false;
            o->port = o->port * 10 + (unsigned)(*p - '0');
        }
    }
    return o->port <= 65535;
}

bool http_same_origin(const char *a, const char *b)
{
    Origin x, y;
    return parse_origin(a, &x) && parse_origin(b, &y) && strcmp(x.scheme, y.scheme) == 0 &&
           strcmp(x.host, y.host) == 0 && x.port == y.port;
}

/* Empties what a redirect's body left in buf or fd. */
static void reset_body(HttpClient *c)
{
    c->len = 0;
    if (c->fd >= 0 && (ftruncate(c->fd, 0) != 0 || lseek(c->fd, 0, SEEK_SET) != 0))
        c->write_errno = errno;
}

static bool is_redirect(long code)
{
    return code == 301 || code == 302 || code == 303 || code == 307 || code == 308;
}

/* Whether the redirect from cur to next is followed; false with the
 * reason in err. The --header values go only to the first URL's origin. */
static bool may_follow(HttpClient *c, const char *first, const char *cur, const char *next, char *err, size_t errlen)
{
    Origin from, to;
    if (!parse_origin(cur, &from) || !parse_origin(next, &to) ||
        (strcmp(to.scheme, "http") != 0 && strcmp(to.scheme, "https") != 0)) {
        snprintf(err, errlen, "redirect from %s to '%s' refused: not an http(s) URL", cur, next);
        return false;
    }
    if (strcmp(from.scheme, "https") == 0 && strcmp(to.scheme, "http") == 0) {
        snprintf(err, errlen, "redirect from %s to %s refused: https to http", cur, next);
        return false;
    }
    if (c->opts.follow == HTTP_FOLLOW_NONE) {
        snprintf(err, errlen, "redirect from %s to %s not followed (--follow-redirects=none)", cur, next);
        return false;
    }
    if (http_same_origin(first, next))
        return true;
    if (c->opts.follow == HTTP_FOLLOW_SAME_ORIGIN) {
        snprintf(err, errlen,
                 "redirect from %s to %s not followed: another origin (--follow-redirects=any follows it, "
                 "without the --header values)",
                 cur, next);
        return false;
    }
    if (c->opts.nheaders && !c->warned_drop) {
        warn_msg("redirect from %s to %s: another origin; the --header values are not sent there", cur, next);
        c->warned_drop = true;
    }
    return true;
}

static bool perform_one(HttpClient *c, const char *url, long *code, char *err, size_t errlen);

/* The transfer itself, into buf or fd, following redirects as
 * --follow-redirects says; false with the reason in err. */
static bool perform(HttpClient *c, const char *first, char *err, size_t errlen)
{
    char *url = xstrdup(first);
    bool ok = false;
    for (int hop = 0;; hop++) {
        C.easy_setopt(c->curl, CURLOPT_HTTPHEADER, http_same_origin(first, url) ? c->headers : NULL);
        long code = 0;
        if (!perform_one(c, url, &code, err, errlen))
            break;
        if (!is_redirect(code)) {
            if (code != 200)
                snprintf(err, errlen, "HTTP %ld from %s", code, url);
            ok = code == 200;
            break;
        }
        char *next = NULL;
        C.easy_getinfo(c->curl, CURLINFO_REDIRECT_URL, &next);
        if (!next) {
            snprintf(err, errlen, "HTTP %ld from %s without a Location", code, url);
            break;
        }
        if (hop == 3) {
            snprintf(err, errlen, "more than 3 redirects from %s", first);
            break;
        }
        if (!may_follow(c, first, url, next, err, errlen))
            break;
        char *n = xstrdup(next);
        free(url);
        url = n;
        reset_body(c);
    }
    free(url);
    return ok;
}

/* One request, no redirect followed; false on a transport failure. */
static bool perform_one(HttpClient *c, const char *url, long *code, char *err, size_t errlen)
{
    char cerr[CURL_ERROR_SIZE] = "";
    c->len = 0;
    c->too_big = false;
    c->write_errno = 0;
    C.easy_setopt(c->curl, CURLOPT_URL, url);
    C.easy_setopt(c->curl, CURLOPT_ERRORBUFFER, cerr);
    CURLcode rc = C.easy_perform(c->curl);
    C.easy_setopt(c->curl, CURLOPT_ERRORBUFFER, NULL);
    if (rc != CURLE_OK) {
        if (c->too_big)
            snprintf(err, errlen, "response larger than %zu bytes (--max-response)", c->opts.max_bytes);
        else if (c->write_errno)
            snprintf(err, errlen, "cannot write the response: %s", strerror(c->write_errno));
        else if (rc == CURLE_ABORTED_BY_CALLBACK)
            snprintf(err, errlen, "interrupted");
        else {
            /* curl's messages start with a capital; ours do not. */
            char msg[CURL_ERROR_SIZE + 64];
            snprintf(msg, sizeof msg, "%s", cerr[0] ? cerr : C.easy_strerror(rc));
            if (msg[0] >= 'A' && msg[0] <= 'Z' && !(msg[1] >= 'A' && msg[1] <= 'Z'))
                msg[0] = (char)(msg[0] - 'A' + 'a');
            snprintf(err, errlen, "%s", msg);
        }
        return false;
    }
    C.easy_getinfo(c->curl, CURLINFO_RESPONSE_CODE, code);
    return true;
}

bool http_get(HttpClient *c, const char *url, unsigned char **data, size_t *len, char *err, size_t errlen)
{
    c->fd = -1;
    if (!perform(c, url, err, errlen))
        return false;
    *data = xmalloc(c->len + 1);
    if (c->len)
        memcpy(*data, c->buf, c->len);
    (*data)[c->len] = 0;
    *len = c->len;
    return true;
}

bool http_get_small(HttpClient *c, const char *url, size_t cap, unsigned char **data, size_t *len, char *err,
                    size_t errlen)
{
    size_t keep = c->opts.max_bytes;
    if (cap < keep)
        c->opts.max_bytes = cap;
    bool ok = http_get(c, url, data, len, err, errlen);
    c->opts.max_bytes = keep;
    return ok;
}

bool http_get_fd(HttpClient *c, const char *url, int fd, size_t *len, char *err, size_t errlen)
{
    c->fd = fd;
    bool ok = perform(c, url, err, errlen);
    c->fd = -1;
    *len = c->len;
    return ok;
}
