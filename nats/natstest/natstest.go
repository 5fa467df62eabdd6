// Package natstest starts a NATS server with JetStream inside a test, on a
// free loopback port with its own storage, so that tests share no state with
// each other or with a server running on the machine.
package natstest

import (
	"net"
	"testing"
	"time"

	"github.com/nats-io/nats-server/v2/server"
	"github.com/nats-io/nats.go"
)

// Server is a running embedded NATS server.
type Server struct {
	*server.Server
	opts *server.Options
}

// Start starts a server with JetStream and stops it when the test ends.
// maxPayload bounds one message (0: the server's default of 1 MB).
func Start(tb testing.TB, maxPayload int32) *Server {
	tb.Helper()
	opts := &server.Options{
		Host:       "127.0.0.1",
		Port:       server.RANDOM_PORT,
		JetStream:  true,
		StoreDir:   tb.TempDir(),
		NoLog:      true,
		NoSigs:     true,
		MaxPayload: maxPayload,
	}
	s := &Server{opts: opts}
	s.start(tb)
	tb.Cleanup(func() { s.Shutdown(); s.WaitForShutdown() })
	return s
}

func (s *Server) start(tb testing.TB) {
	tb.Helper()
	ns, err := server.NewServer(s.opts)
	if err != nil {
		tb.Fatalf("nats server: %v", err)
	}
	go ns.Start()
	if !ns.ReadyForConnections(10 * time.Second) {
		tb.Fatal("nats server did not start within 10 s")
	}
	s.Server = ns
	// A restart must come back on the same port.
	s.opts.Port = ns.Addr().(*net.TCPAddr).Port
}

// URL returns the nats:// URL clients connect to.
func (s *Server) URL() string { return s.ClientURL() }

// Restart stops the server and starts it again on the same port and
// storage, as a crashed or upgraded server would come back.
func (s *Server) Restart(tb testing.TB, down time.Duration) {
	tb.Helper()
	s.Shutdown()
	s.WaitForShutdown()
	time.Sleep(down)
	s.start(tb)
}

// PublishRaw publishes body on subject and waits for JetStream to store it,
// as a publisher other than sitrep might.
func (s *Server) PublishRaw(tb testing.TB, subject, body string) {
	tb.Helper()
	nc, err := nats.Connect(s.URL())
	if err != nil {
		tb.Fatal(err)
	}
	defer nc.Close()
	if _, err := nc.Request(subject, []byte(body), 5*time.Second); err != nil {
		tb.Fatalf("publish to %s: %v", subject, err)
	}
}
