/* watch_http.c - libcurl GETs with timeouts, TLS verification on by
 * default, extra headers, a size limit and cancellation.
 *
 * libcurl is loaded with dlopen when drip watch starts, not linked: it
 * brings some thirty shared libraries (TLS, Kerberos, LDAP, ...), whose
 * loading would add about 7 ms to the start of every other command. */
#include "watch_http.h"

#include <curl/curl.h>
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
    C.easy_setopt(h, CURLOPT_FOLLOWLOCATION, 1L);
    C.easy_setopt(h, CURLOPT_MAXREDIRS, 3L);
    C.easy_setopt(h, CURLOPT_USERAGENT, "drip-watch");
    C.easy_setopt(h, CURLOPT_WRITEFUNCTION, on_data);
    C.easy_setopt(h, CURLOPT_WRITEDATA, c);
    C.easy_setopt(h, CURLOPT_NOPROGRESS, 0L);
    C.easy_setopt(h, CURLOPT_XFERINFOFUNCTION, on_progress);
    C.easy_setopt(h, CURLOPT_XFERINFODATA, c);
    if (c->headers)
        C.easy_setopt(h, CURLOPT_HTTPHEADER, c->headers);
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

/* The transfer itself, into buf or fd; false with the reason in err. */
static bool perform(HttpClient *c, const char *url, char *err, size_t errlen)
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
    long code = 0;
    C.easy_getinfo(c->curl, CURLINFO_RESPONSE_CODE, &code);
    if (code != 200) {
        snprintf(err, errlen, "HTTP %ld from %s", code, url);
        return false;
    }
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

bool http_get_fd(HttpClient *c, const char *url, int fd, size_t *len, char *err, size_t errlen)
{
    c->fd = fd;
    bool ok = perform(c, url, err, errlen);
    c->fd = -1;
    *len = c->len;
    return ok;
}
