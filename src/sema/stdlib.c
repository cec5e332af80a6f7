/* stdlib.c - a table-driven model of the standard-library functions and
 * methods the rules need: their result types. Methods are keyed
 * "Type.Method". Type spellings: *time.Ticker, []byte, <-chan time.Time,
 * net/http.Response (the import path, then '.', then the name). */
#include "sema.h"

typedef struct {
    const char *pkg, *name, *results; /* results: comma-separated types */
} StdFunc;

static const StdFunc std_funcs[] = {
    /* time */
    {"time", "NewTicker", "*time.Ticker"},
    {"time", "Tick", "<-chan time.Time"},
    {"time", "After", "<-chan time.Time"},
    {"time", "NewTimer", "*time.Timer"},
    {"time", "AfterFunc", "*time.Timer"},
    {"time", "Now", "time.Time"},
    {"time", "Since", "time.Duration"},
    {"time", "Until", "time.Duration"},
    {"time", "Sleep", ""},
    {"time", "ParseDuration", "time.Duration,error"},
    {"time", "Ticker.Stop", ""},
    {"time", "Ticker.Reset", ""},
    {"time", "Timer.Stop", "bool"},
    {"time", "Timer.Reset", "bool"},
    {"time", "Time.Sub", "time.Duration"},
    {"time", "Time.Add", "time.Time"},
    /* sync */
    {"sync", "NewCond", "*sync.Cond"},
    /* context */
    {"context", "Background", "context.Context"},
    {"context", "TODO", "context.Context"},
    {"context", "WithCancel", "context.Context,context.CancelFunc"},
    {"context", "WithTimeout", "context.Context,context.CancelFunc"},
    {"context", "WithDeadline", "context.Context,context.CancelFunc"},
    {"context", "WithCancelCause", "context.Context,context.CancelCauseFunc"},
    {"context", "WithValue", "context.Context"},
    {"context", "Context.Done", "<-chan struct{}"},
    {"context", "Context.Err", "error"},
    /* os */
    {"os", "Open", "*os.File,error"},
    {"os", "Create", "*os.File,error"},
    {"os", "OpenFile", "*os.File,error"},
    {"os", "CreateTemp", "*os.File,error"},
    {"os", "Pipe", "*os.File,*os.File,error"},
    {"os", "ReadFile", "[]byte,error"},
    {"os", "WriteFile", "error"},
    {"os", "Getenv", "string"},
    {"os", "File.Close", "error"},
    {"os", "File.Read", "int,error"},
    {"os", "File.Write", "int,error"},
    {"os", "File.Name", "string"},
    /* io */
    {"io", "ReadAll", "[]byte,error"},
    {"io", "Copy", "int64,error"},
    {"io", "Pipe", "*io.PipeReader,*io.PipeWriter"},
    {"io", "NopCloser", "io.ReadCloser"},
    {"io/ioutil", "ReadAll", "[]byte,error"},
    {"io/ioutil", "ReadFile", "[]byte,error"},
    {"io/ioutil", "TempFile", "*os.File,error"},
    /* net */
    {"net", "Dial", "net.Conn,error"},
    {"net", "DialTimeout", "net.Conn,error"},
    {"net", "Listen", "net.Listener,error"},
    {"net", "Listener.Accept", "net.Conn,error"},
    {"net", "Dialer.Dial", "net.Conn,error"},
    {"net", "Dialer.DialContext", "net.Conn,error"},
    /* net/http */
    {"net/http", "Get", "*net/http.Response,error"},
    {"net/http", "Post", "*net/http.Response,error"},
    {"net/http", "Head", "*net/http.Response,error"},
    {"net/http", "PostForm", "*net/http.Response,error"},
    {"net/http", "NewRequest", "*net/http.Request,error"},
    {"net/http", "NewRequestWithContext", "*net/http.Request,error"},
    {"net/http", "Client.Do", "*net/http.Response,error"},
    {"net/http", "Client.Get", "*net/http.Response,error"},
    {"net/http", "Client.Post", "*net/http.Response,error"},
    {"net/http", "Client.Head", "*net/http.Response,error"},
    {"net/http", "Request.Context", "context.Context"},
    {"net/http", "Request.WithContext", "*net/http.Request"},
    /* database/sql */
    {"database/sql", "Open", "*database/sql.DB,error"},
    {"database/sql", "DB.Query", "*database/sql.Rows,error"},
    {"database/sql", "DB.QueryContext", "*database/sql.Rows,error"},
    {"database/sql", "DB.QueryRow", "*database/sql.Row"},
    {"database/sql", "DB.Begin", "*database/sql.Tx,error"},
    {"database/sql", "DB.BeginTx", "*database/sql.Tx,error"},
    {"database/sql", "DB.Prepare", "*database/sql.Stmt,error"},
    {"database/sql", "DB.PrepareContext", "*database/sql.Stmt,error"},
    {"database/sql", "DB.Conn", "*database/sql.Conn,error"},
    {"database/sql", "Tx.Query", "*database/sql.Rows,error"},
    {"database/sql", "Tx.QueryContext", "*database/sql.Rows,error"},
    {"database/sql", "Tx.Prepare", "*database/sql.Stmt,error"},
    {"database/sql", "Stmt.Query", "*database/sql.Rows,error"},
    {"database/sql", "Stmt.QueryContext", "*database/sql.Rows,error"},
    {"database/sql", "Rows.Close", "error"},
    {"database/sql", "Rows.Next", "bool"},
    {"database/sql", "Rows.Err", "error"},
    /* compress */
    {"compress/gzip", "NewReader", "*compress/gzip.Reader,error"},
    {"compress/gzip", "NewWriter", "*compress/gzip.Writer"},
    {"compress/gzip", "NewWriterLevel", "*compress/gzip.Writer,error"},
    {"compress/zlib", "NewReader", "io.ReadCloser,error"},
    {"compress/zlib", "NewWriter", "*compress/zlib.Writer"},
    {"compress/flate", "NewReader", "io.ReadCloser"},
    {"compress/flate", "NewWriter", "*compress/flate.Writer,error"},
    {"compress/bzip2", "NewReader", "io.Reader"},
    {"compress/lzw", "NewReader", "io.ReadCloser"},
    /* bufio */
    {"bufio", "NewReader", "*bufio.Reader"},
    {"bufio", "NewReaderSize", "*bufio.Reader"},
    {"bufio", "NewWriter", "*bufio.Writer"},
    {"bufio", "NewWriterSize", "*bufio.Writer"},
    {"bufio", "NewScanner", "*bufio.Scanner"},
    /* sync, runtime */
    {"runtime", "SetFinalizer", ""},
    {"runtime", "NumGoroutine", "int"},
    {"runtime", "GC", ""},
    {"runtime", "KeepAlive", ""},
    /* strings, bytes */
    {"strings", "NewReader", "*strings.Reader"},
    {"strings", "Split", "[]string"},
    {"strings", "Fields", "[]string"},
    {"strings", "Join", "string"},
    {"strings", "TrimSpace", "string"},
    {"strings", "ToLower", "string"},
    {"strings", "Contains", "bool"},
    {"strings", "HasPrefix", "bool"},
    {"bytes", "NewBuffer", "*bytes.Buffer"},
    {"bytes", "NewBufferString", "*bytes.Buffer"},
    {"bytes", "NewReader", "*bytes.Reader"},
    {"bytes", "Buffer.Bytes", "[]byte"},
    {"bytes", "Buffer.String", "string"},
    /* errors, fmt */
    {"errors", "New", "error"},
    {"fmt", "Errorf", "error"},
    {"fmt", "Sprintf", "string"},
    {"fmt", "Sprint", "string"},
};

static const char *const no_return[] = {
    "os.Exit", "log.Fatal", "log.Fatalf", "log.Fatalln", "log.Panic", "log.Panicf",
    "log.Panicln", "runtime.Goexit", "syscall.Exit", "log.Logger.Fatal", "log.Logger.Fatalf",
    "log.Logger.Fatalln", "log.Logger.Panic", "log.Logger.Panicf", "testing.T.Fatal",
    "testing.T.Fatalf", "testing.T.FailNow", "testing.T.SkipNow", "testing.T.Skip",
    "testing.T.Skipf", "testing.B.Fatal", "testing.B.Fatalf", "testing.B.FailNow",
    "testing.B.Skip", "testing.B.SkipNow", "testing.B.Skipf", "testing.common.Fatal",
    "testing.common.Fatalf", "testing.common.FailNow",
};

bool stdlib_no_return(const char *pkg, const char *name)
{
    for (size_t i = 0; i < ARRAY_LEN(no_return); i++) {
        const char *nr = no_return[i];
        size_t pl = strlen(pkg);
        if (strncmp(nr, pkg, pl) == 0 && nr[pl] == '.' && strcmp(nr + pl + 1, name) == 0)
            return true;
    }
    return false;
}

/* Parses one type spelling of the table. */
static Type *parse_spec(Sema *s, const char *p, size_t n)
{
    while (n && *p == ' ') {
        p++;
        n--;
    }
    if (!n)
        return NULL;
    if (*p == '*') {
        Type *t = type_new(s, TY_POINTER);
        t->elem = parse_spec(s, p + 1, n - 1);
        return t;
    }
    if (n > 2 && p[0] == '[' && p[1] == ']') {
        Type *t = type_new(s, TY_SLICE);
        t->elem = parse_spec(s, p + 2, n - 2);
        return t;
    }
    if (n > 7 && memcmp(p, "<-chan ", 7) == 0) {
        Type *t = type_new(s, TY_CHAN);
        t->chan_dir = GO_CHAN_RECV;
        t->elem = parse_spec(s, p + 7, n - 7);
        return t;
    }
    if (n == 8 && memcmp(p, "struct{}", 8) == 0)
        return type_new(s, TY_STRUCT);
    const char *dot = NULL;
    for (size_t i = 0; i < n; i++)
        if (p[i] == '.')
            dot = p + i;
    char *str = xstrndup(p, n);
    Type *t;
    if (dot) {
        char *pkg = xstrndup(p, (size_t)(dot - p));
        t = type_named_ext(s, pkg, str + (dot - p) + 1);
        free(pkg);
    } else {
        t = type_basic(str);
    }
    free(str);
    return t;
}

Type *stdlib_results(Sema *s, const char *pkg, const char *name)
{
    for (size_t i = 0; i < ARRAY_LEN(std_funcs); i++) {
        const StdFunc *f = &std_funcs[i];
        if (strcmp(f->pkg, pkg) != 0 || strcmp(f->name, name) != 0)
            continue;
        Type *tup = type_new(s, TY_TUPLE);
        int n = 0;
        for (const char *p = f->results; *p; p++)
            n += *p == ',';
        n = *f->results ? n + 1 : 0;
        tup->results = ARENA_ARRAY(&s->arena, Type *, n ? n : 1);
        const char *p = f->results;
        for (int k = 0; k < n; k++) {
            const char *c = strchr(p, ',');
            size_t len = c ? (size_t)(c - p) : strlen(p);
            tup->results[k] = parse_spec(s, p, len);
            p += len + (c ? 1 : 0);
        }
        tup->nresults = n;
        return tup;
    }
    return NULL;
}

/* ORDER: time's Duration constants, in nanoseconds */
static const struct {
    const char *name;
    int64_t ns;
} time_units[] = {
    {"Nanosecond", 1LL},          {"Microsecond", 1000LL},          {"Millisecond", 1000000LL},
    {"Second", 1000000000LL},     {"Minute", 60LL * 1000000000LL}, {"Hour", 3600LL * 1000000000LL},
};

bool stdlib_const_int(const char *pkg, const char *name, size_t len, int64_t *out)
{
    if (strcmp(pkg, "time") != 0)
        return false;
    for (size_t i = 0; i < ARRAY_LEN(time_units); i++)
        if (strlen(time_units[i].name) == len && memcmp(name, time_units[i].name, len) == 0) {
            *out = time_units[i].ns;
            return true;
        }
    return false;
}

Type *stdlib_value(Sema *s, const char *pkg, const char *name)
{
    if (strcmp(pkg, "time") == 0 && (strcmp(name, "Second") == 0 || strcmp(name, "Millisecond") == 0 ||
                                     strcmp(name, "Minute") == 0 || strcmp(name, "Hour") == 0 ||
                                     strcmp(name, "Microsecond") == 0 || strcmp(name, "Nanosecond") == 0))
        return type_named_ext(s, "time", "Duration");
    if (strcmp(pkg, "os") == 0 && (strcmp(name, "Stdin") == 0 || strcmp(name, "Stdout") == 0 ||
                                   strcmp(name, "Stderr") == 0)) {
        Type *t = type_new(s, TY_POINTER);
        t->elem = type_named_ext(s, "os", "File");
        return t;
    }
    return NULL;
}
