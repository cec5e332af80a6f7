#!/usr/bin/env python3
"""soup.py SEED COUNT DIR - writes COUNT small Go files of random token
soup to DIR: fragments that stress the lexer's corners (line directives in
both comment forms, NUL, bad UTF-8, byte order marks, U+FFFD, curly
quotes, unterminated literals and comments) mixed with ordinary tokens.
The same SEED gives the same files, so a disagreement with go/parser
found here is found again on every run."""
import random
import sys

FRAGMENTS = [
    b"//line :5", b"//line a:5", b"//line :5:1", b"/*line :5*/", b"/*line a:3:4*/", b"//line b:7:2",
    b"\xff", b"\xfe", b"\xef\xbf\xbd", b"\xef\xbb\xbf", b"\x00", b"\xc0\x80", b"\xe2\x80\x9c",
    b"\xe2\x80\x9d", b"\xe4\xb8\x96", b"\"s\xff\"", b"`r\xff`", b"/* c \xff */", b"'\xff'",
    b"\"\\x\"", b"'\\u12'", b"`", b"\"", b"/*", b"*/", b"\r", b"\t", b"\n", b"\n", b"\n", b" ",
    b")", b"(", b"{", b"}", b"[", b"]", b";", b",", b"x.", b"a", b"1", b"0x", b"1e", b"0b2", b"07_",
    b"1.e+", b"func", b"var x = ", b"import", b"type T", b"struct", b"go", b"defer", b"<-", b"chan",
    b"[T any]", b"...", b":=", b"=", b"if", b"else", b"for", b"range", b"switch", b"case", b"default",
]


def main():
    seed, count, out = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
    rnd = random.Random(seed)
    for i in range(count):
        parts = [b"package p\n"]
        for _ in range(rnd.randint(3, 60)):
            parts.append(rnd.choice(FRAGMENTS))
            if rnd.random() < 0.3:
                parts.append(b"\n")
        with open("%s/soup%d_%d.go" % (out, seed, i), "wb") as f:
            f.write(b"".join(parts))


main()
