package good

type T struct {
	A int `json:"a"`
	B int `tag
with CRLF`
}

var s = `a
b

c`
var t = ``
var u = "x" + `
` + "y"
