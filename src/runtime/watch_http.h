/* watch_http.h - fetching pprof endpoints with libcurl. */
#ifndef DRIP_WATCH_HTTP_H
#define DRIP_WATCH_HTTP_H

#include <signal.h>
#include <stdbool.h>
#include <stddef.h>

typedef struct {
    long timeout_ms;          /* whole transfer */
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
/* GETs url and writes the body to fd as it arrives, so a big response is
 * never held in memory; *len is the bytes written. */
bool http_get_fd(HttpClient *c, const char *url, int fd, size_t *len, char *err, size_t errlen);

/* One-time libcurl setup and teardown for the process: loads libcurl.so.4
 * (false with the reason in err if it cannot). */
bool http_global_init(char *err, size_t errlen);
void http_global_cleanup(void);

#endif
