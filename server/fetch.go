package server

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"syscall"
	"time"

	"sitrep"
)

var errPrivateAddr = errors.New("address is private, loopback or link-local")

// fetchPublic fetches a page for ingest by URL, bounded in time and size. It
// refuses to connect to private, loopback and link-local addresses, so that
// a token holder cannot make the server read its own network.
func fetchPublic(ctx context.Context, u string, max int64) ([]byte, string, error) {
	d := &net.Dialer{Timeout: 10 * time.Second, Control: func(network, address string, _ syscall.RawConn) error {
		host, _, err := net.SplitHostPort(address)
		if err != nil {
			return err
		}
		ip := net.ParseIP(host)
		if ip == nil || ip.IsLoopback() || ip.IsPrivate() || ip.IsLinkLocalUnicast() || ip.IsLinkLocalMulticast() || ip.IsUnspecified() || ip.IsMulticast() {
			return errPrivateAddr
		}
		return nil
	}}
	client := &http.Client{Timeout: 20 * time.Second, Transport: &http.Transport{DialContext: d.DialContext,
		TLSHandshakeTimeout: 10 * time.Second, ResponseHeaderTimeout: 15 * time.Second}}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
	if err != nil {
		return nil, "", sitrep.Errorf(sitrep.EINVALID, "url %s: %s", u, err)
	}
	req.Header.Set("User-Agent", "sitrep/"+sitrep.Version)
	resp, err := client.Do(req)
	if err != nil {
		if errors.Is(err, errPrivateAddr) {
			return nil, "", &paramError{Param: "url", Msg: u + ": refused: " + errPrivateAddr.Error()}
		}
		return nil, "", &sitrep.Error{Code: sitrep.EUNAVAILABLE, Message: "url " + u + " did not answer", Err: err}
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return nil, "", &paramError{Param: "url", Msg: fmt.Sprintf("%s answered %s", u, resp.Status), Status: http.StatusUnprocessableEntity}
	}
	raw, err := io.ReadAll(io.LimitReader(resp.Body, max+1))
	if err != nil {
		return nil, "", &sitrep.Error{Code: sitrep.EUNAVAILABLE, Message: "url " + u + ": reading the page", Err: err}
	}
	if int64(len(raw)) > max {
		return nil, "", &paramError{Param: "url", Msg: fmt.Sprintf("%s: page is larger than %d bytes", u, max), Status: http.StatusRequestEntityTooLarge}
	}
	return raw, resp.Header.Get("Content-Type"), nil
}
