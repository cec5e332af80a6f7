//go:build go1.24

package finalizercycle

import (
	"runtime"
	"syscall"
)

type File struct {
	fd   int
	name string
}

type holder struct {
	f *File
}

func leakCleanupCaptures(fd int) *File {
	f := &File{fd: fd}
	runtime.AddCleanup(f, func(int) { syscall.Close(f.fd) }, 0) // want "runtime.AddCleanup on 'f' with a cleanup that captures 'f'"
	return f
}

func leakCleanupArgIsPtr(fd int) *File {
	f := &File{fd: fd}
	runtime.AddCleanup(f, func(g *File) { syscall.Close(g.fd) }, f) // want "with 'f' itself as the cleanup's argument: AddCleanup panics"
	return f
}

func leakCleanupArgHolds(fd int) *File {
	f := &File{fd: fd}
	runtime.AddCleanup(f, func(h holder) { syscall.Close(h.f.fd) }, holder{f: f}) // want "with an argument that holds 'f'"
	return f
}

func leakCleanupAddr() *File {
	var f File
	runtime.AddCleanup(&f, func(p *File) { _ = p.name }, &f) // want "with 'f' itself as the cleanup's argument"
	return &f
}

func cleanCleanupFD(fd int) *File {
	f := &File{fd: fd}
	runtime.AddCleanup(f, func(fd int) { syscall.Close(fd) }, f.fd)
	return f
}

func cleanCleanupOtherCapture(fd int, log func(string)) *File {
	f := &File{fd: fd, name: "x"}
	name := f.name
	runtime.AddCleanup(f, func(fd int) { log(name); syscall.Close(fd) }, f.fd)
	return f
}

func cleanCleanupHolderOfOther(fd int) *File {
	f, g := &File{fd: fd}, &File{fd: fd + 1}
	runtime.AddCleanup(f, func(h holder) { syscall.Close(h.f.fd) }, holder{f: g})
	return f
}

func cleanCleanupNamedFunc(fd int) *File {
	f := &File{fd: fd}
	runtime.AddCleanup(f, closeFD, f.fd)
	return f
}

func closeFD(fd int) { syscall.Close(fd) }

// a test of AddCleanup's own check: the panic is expected
func cleanCleanupExpectsPanic() (err any) {
	defer func() { err = recover() }()
	f := &File{}
	runtime.AddCleanup(f, func(g *File) {}, f)
	return nil
}
