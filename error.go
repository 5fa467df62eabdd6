package sitrep

import (
	"errors"
	"fmt"
)

// Error codes. One place (cmd/sitrep for exit statuses, server for HTTP
// statuses) maps them to what the user sees.
const (
	ECONFLICT    = "conflict"    // the action conflicts with stored state
	EINTERNAL    = "internal"    // a bug or a failure of the machine
	EINVALID     = "invalid"     // bad input: usage, format, size, encoding
	ENOTFOUND    = "not_found"   // the named thing does not exist
	EUNAVAILABLE = "unavailable" // a service (database, queue, URL) did not answer
)

// Error is an error meant for the user. Message says what is wrong and names
// the input; Op says what was being done.
type Error struct {
	Code    string
	Op      string
	Message string
	Err     error
}

func (e *Error) Error() string {
	s := e.Message
	if e.Op != "" {
		s = e.Op + ": " + s
	}
	if e.Err != nil {
		if s == "" {
			return e.Err.Error()
		}
		s += ": " + e.Err.Error()
	}
	return s
}

func (e *Error) Unwrap() error { return e.Err }

// Errorf returns an *Error with the given code and a formatted message.
func Errorf(code, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...)}
}

// ErrorCode returns the code of the first *Error in err's chain, EINTERNAL
// for any other non-nil error and "" for nil.
func ErrorCode(err error) string {
	if err == nil {
		return ""
	}
	var e *Error
	if errors.As(err, &e) {
		return e.Code
	}
	return EINTERNAL
}
