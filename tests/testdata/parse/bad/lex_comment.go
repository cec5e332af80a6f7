package p

/* never closed
