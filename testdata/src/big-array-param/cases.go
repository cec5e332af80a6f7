package bigarrayparam

// Frame is exactly 64 KiB, the default threshold.
type Frame [1 << 16]byte

type Small [1024]byte

const N = 64 * 1024

type Grid [256][256]byte

type Pair struct{ x, y int64 }

type Pairs [4096]Pair

func leakParam(f Frame) byte { return f[0] } // want `parameter 'f' copies a 65536-byte array \(Frame\) on every call; pass a pointer`

func leakLiteral(b [N]byte) byte { return b[0] } // want "parameter 'b' copies a 65536-byte array"

func leakGrid(g Grid) byte { return g[1][2] } // want "parameter 'g' copies a 65536-byte array"

func leakStructs(p Pairs) int64 { return p[0].x } // want "parameter 'p' copies a 65536-byte array"

func (f Frame) leakReceiver() byte { return f[1] } // want "receiver 'f' copies a 65536-byte array \\(Frame\\) on every call; use a pointer receiver"

func leakRange() (sum byte) {
	var f Frame
	for _, b := range f { // want "range copies the 65536-byte array 'f'"
		sum ^= b
	}
	return
}

func leakFuncLit() func(Frame) byte {
	return func(f Frame) byte { return f[2] } // want "parameter 'f' copies"
}

func leakBig(b [1 << 20]int32) int32 { return b[0] } // want "4194304-byte array"

func cleanPointer(f *Frame) byte { return f[0] }

func cleanSlice(b []byte) byte { return b[0] }

func cleanSmall(s Small) byte { return s[0] }

func cleanJustBelow(b [N - 1]byte) byte { return b[0] }

func (f *Frame) cleanPtrReceiver() byte { return f[0] }

func cleanRangePtr() (sum byte) {
	var f Frame
	for _, b := range &f {
		sum ^= b
	}
	return
}

func cleanRangeIndex() (n int) {
	var f Frame
	for i := range f {
		n += i
	}
	return
}

func cleanRangeSlice() (sum byte) {
	var f Frame
	for _, b := range f[:] {
		sum ^= b
	}
	return
}

func cleanMap(m map[int]Frame) int { return len(m) }

func cleanChan(c chan *Frame) *Frame { return <-c }

type holder struct{ buf Frame }

func leakRangeField(h *holder) (sum byte) {
	for _, b := range h.buf { // want `range copies the 65536-byte array 'h.buf' \(Frame\) before iterating; range over &h.buf or h.buf\[:\] instead`
		sum ^= b
	}
	return
}
