/* watch_http.h - fetching pprof endpoints with libcurl. */
#ifndef DRIP_WATCH_HTTP_H
#define DRIP_WATCH_HTTP_H

#include <signal.h>
#include <stdbool.h>
#include <stddef.h>

/* What to do with a redirect (--follow-redirects). */
typedef enum {
    HTTP_FOLLOW_SAME_ORIGIN, /* follow within the origin only (default) */
    HTTP_FOLLOW_ANY,         /* follow anywhere, without the extra headers */
    HTTP_FOLLOW_NONE,        /* a redirect is a failed poll */
} HttpFollow;

typedef struct {
    long timeout_ms;          /* whole transfer */
    HttpFollow follow;        /* redirects; at most 3 are followed */
    bool insecure;            /* skip TLS verification (off by default) */
    const char **headers;     /* "Name: value" */
    int nheaders;
    size_t max_bytes;         /* larger responses fail */
    volatile sig_atomic_t *stop; /* aborts a transfer when set */
} HttpOpts;

typedef struct HttpClient HttpClient;

HttpClient *http_client_new(const HttpOpts *o);
void http_client_free(HttpClient *c);

/* GETs url into data and len (xmalloc'd). On failure returns false with a
 * lower-case reason in err, e.g. "connection refused" or "HTTP 404". */
bool http_get(HttpClient *c, const char *url, unsigned char **data, size_t *len, char *err, size_t errlen);
/* http_get of a response that should be small: one over cap bytes (or
 * the client's own limit, if lower) fails. */
bool http_get_small(HttpClient *c, const char *url, size_t cap, unsigned char **data, size_t *len, char *err,
                    size_t errlen);
/* GETs url and writes the body to fd as it arrives, so a big response is
 * never held in memory; *len is the bytes written. */
bool http_get_fd(HttpClient *c, const char *url, int fd, size_t *len, char *err, size_t errlen);

/* True when URLs a and b have the same origin: scheme, host and port
 * (80 and 443 when not written), compared case-insensitively. */
bool http_same_origin(const char *a, const char *b);

/* One-time libcurl setup and teardown for the process: loads libcurl.so.4
 * (false with the reason in err if it cannot). */
bool http_global_init(char *err, size_t errlen);
void http_global_cleanup(void);

#endif
