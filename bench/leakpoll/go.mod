module leakpoll

go 1.19
