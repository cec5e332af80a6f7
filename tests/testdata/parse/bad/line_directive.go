package p

// Line directives change the positions errors are reported at (and the
// order they are listed in); bad numbers in them are errors.

var a = )
//line ../sub/./gen.go:100
var b = )
/*line :200:5*/ var c = ]
//line gen2.go:50:3
var d = ]
//line gen3.go:7
var e = ]
//line :0
//line foo.go:x
//line foo.go:10:0
//line foo.go:
var f = 1
