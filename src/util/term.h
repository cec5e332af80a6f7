/* term.h - neutralize input text before it reaches a terminal.
 * Dumps, profiles, source files and paths come from outside; a byte in them
 * must never move the cursor, recolour the screen or set the window title.
 * Every text writer passes input strings through term_escape, so colour
 * codes on the terminal come only from drip itself. */
#ifndef DRIP_TERM_H
#define DRIP_TERM_H

#include <stdbool.h>
#include <stddef.h>

#include "strbuf.h"

/* True when s[0..n) is shown as it is: valid UTF-8 without C0 controls
 * (tab and newline excepted), DEL or C1 controls. */
bool term_clean(const char *s, size_t n);

/* Appends s[0..n) to sb with every C0 control except tab and newline, DEL,
 * every C1 control (U+0080..U+009F) and every byte of invalid UTF-8 written
 * as \xNN, so an ESC sequence shows as the text "\x1b[2J". */
void term_escape(StrBuf *sb, const char *s, size_t n);

/* s itself when it is clean, else an escaped copy that stays valid for the
 * next TERM_SAFE_SLOTS calls (enough for one printf); main thread only. NULL
 * stays NULL. */
#define TERM_SAFE_SLOTS 16
const char *term_safe(const char *s);

#endif
