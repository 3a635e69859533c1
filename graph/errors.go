package graph

import (
	"errors"
	"fmt"
)

// Error codes. They are stable: the API puts them in problem bodies and maps
// them to HTTP statuses in one place (api/problem.go).
const (
	EINVALID     = "invalid"   // bad input: a parameter, a file, a document
	ENOTFOUND    = "not_found" // unknown id
	EFORBIDDEN   = "forbidden" // e.g. a write in read-only Cypher
	EUNAUTH      = "unauthorized"
	ETOOLARGE    = "too_large"
	EUNAVAILABLE = "unavailable" // Neo4j unreachable
	ETIMEOUT     = "timeout"     // a query exceeded its time limit
	EINTERNAL    = "internal"
)

// Error is a domain error with a code, a message safe to show to users and
// optionally the offending field.
type Error struct {
	Code    string
	Message string
	Field   string
	Err     error // the underlying cause, not shown to API users
}

func (e *Error) Error() string {
	msg := e.Message
	if e.Field != "" {
		msg = e.Field + ": " + msg
	}
	if e.Err != nil {
		return msg + ": " + e.Err.Error()
	}
	return msg
}

func (e *Error) Unwrap() error { return e.Err }

// Errorf returns an *Error with the given code.
func Errorf(code, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...)}
}

// FieldError returns an EINVALID error naming the offending field.
func FieldError(field, format string, args ...any) *Error {
	return &Error{Code: EINVALID, Field: field, Message: fmt.Sprintf(format, args...)}
}

// ErrorCode returns the code of the first *Error in err's chain, EINTERNAL
// for other non-nil errors and "" for nil.
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
