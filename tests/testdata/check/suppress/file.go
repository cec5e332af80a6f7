package a

//drip:file-ignore nil-channel all of it

func F() {
	var ch chan int
	<-ch
}

func G() {
	var ch chan int
	<-ch
}
