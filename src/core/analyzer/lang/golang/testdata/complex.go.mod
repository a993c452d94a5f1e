// A hand-written go.mod in the shape `go mod tidy` writes (Go 1.21+ layout:
// go + toolchain lines, a direct block and an // indirect block), plus every
// replace form the go.mod reference (go.dev/ref/mod#go-mod-file-replace) allows.
module github.com/acme/server

go 1.21

toolchain go1.22.3

require (
	github.com/pkg/errors v0.9.1
	golang.org/x/net v0.17.0
	"github.com/quoted/path" v1.0.0
	github.com/forked/lib v1.4.0
	github.com/local/tool v0.1.0
)

require (
	golang.org/x/text v0.13.0 // indirect
	golang.org/x/sys v0.13.0 // indirect
)

require github.com/single/line v2.3.4+incompatible

exclude golang.org/x/net v0.16.0

replace github.com/forked/lib => github.com/acme/lib v1.4.1-acme.1

replace (
	golang.org/x/sys v0.13.0 => golang.org/x/sys v0.15.0
	golang.org/x/text v0.12.0 => golang.org/x/text v0.14.0
	github.com/local/tool => ../tool
)

retract v1.0.1 // published by mistake
