/* watch_http.c - libcurl GETs with timeouts, TLS verification on by
 * default, extra headers, a size limit and cancellation. */
#include "watch_http.h"

#include <curl/curl.h>
#include <string.h>

#include "../util/util.h"

struct HttpClient {
    CURL *curl;
    struct curl_slist *headers;
    HttpOpts opts;
    unsigned char *buf;
    size_t len, cap;
    bool too_big;
};

bool http_global_init(void)
{
    return curl_global_init(CURL_GLOBAL_DEFAULT) == CURLE_OK;
}

void http_global_cleanup(void)
{
    curl_global_cleanup();
}

static size_t on_data(char *ptr, size_t size, size_t nmemb, void *ud)
{
    HttpClient *c = ud;
    size_t n = size * nmemb;
    if (c->len + n > c->opts.max_bytes) {
        c->too_big = true;
        return 0; /* aborts the transfer */
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
    c->curl = curl_easy_init();
    if (!c->curl) {
        free(c);
        return NULL;
    }
    for (int i = 0; i < o->nheaders; i++)
        c->headers = curl_slist_append(c->headers, o->headers[i]);
    CURL *h = c->curl;
    curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(h, CURLOPT_TIMEOUT_MS, o->timeout_ms);
    curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT_MS, MIN(o->timeout_ms, 5000L));
    curl_easy_setopt(h, CURLOPT_SSL_VERIFYPEER, o->insecure ? 0L : 1L);
    curl_easy_setopt(h, CURLOPT_SSL_VERIFYHOST, o->insecure ? 0L : 2L);
    curl_easy_setopt(h, CURLOPT_FOLLOWLOCATION, 1L);
    curl_easy_setopt(h, CURLOPT_MAXREDIRS, 3L);
    curl_easy_setopt(h, CURLOPT_USERAGENT, "drip-watch");
    curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, on_data);
    curl_easy_setopt(h, CURLOPT_WRITEDATA, c);
    curl_easy_setopt(h, CURLOPT_NOPROGRESS, 0L);
    curl_easy_setopt(h, CURLOPT_XFERINFOFUNCTION, on_progress);
    curl_easy_setopt(h, CURLOPT_XFERINFODATA, c);
    if (c->headers)
        curl_easy_setopt(h, CURLOPT_HTTPHEADER, c->headers);
    return c;
}

void http_client_free(HttpClient *c)
{
    if (!c)
        return;
    curl_easy_cleanup(c->curl);
    curl_slist_free_all(c->headers);
    free(c->buf);
    free(c);
}

bool http_get(HttpClient *c, const char *url, unsigned char **data, size_t *len, char *err, size_t errlen)
{
    char cerr[CURL_ERROR_SIZE] = "";
    c->len = 0;
    c->too_big = false;
    curl_easy_setopt(c->curl, CURLOPT_URL, url);
    curl_easy_setopt(c->curl, CURLOPT_ERRORBUFFER, cerr);
    CURLcode rc = curl_easy_perform(c->curl);
    curl_easy_setopt(c->curl, CURLOPT_ERRORBUFFER, NULL);
    if (rc != CURLE_OK) {
        if (c->too_big)
            snprintf(err, errlen, "response larger than %zu bytes", c->opts.max_bytes);
        else if (rc == CURLE_ABORTED_BY_CALLBACK)
            snprintf(err, errlen, "interrupted");
        else {
            /* curl's messages start with a capital; ours do not. */
            char msg[CURL_ERROR_SIZE + 64];
            snprintf(msg, sizeof msg, "%s", cerr[0] ? cerr : curl_easy_strerror(rc));
            if (msg[0] >= 'A' && msg[0] <= 'Z' && !(msg[1] >= 'A' && msg[1] <= 'Z'))
                msg[0] = (char)(msg[0] - 'A' + 'a');
            snprintf(err, errlen, "%s", msg);
        }
        return false;
    }
    long code = 0;
    curl_easy_getinfo(c->curl, CURLINFO_RESPONSE_CODE, &code);
    if (code != 200) {
        snprintf(err, errlen, "HTTP %ld from %s", code, url);
        return false;
    }
    *data = xmalloc(c->len + 1);
    if (c->len)
        memcpy(*data, c->buf, c->len);
    (*data)[c->len] = 0;
    *len = c->len;
    return true;
}
