package queries

import (
	"time"

	"github.com/whosaid/whosaid/graph"
)

// parseDate accepts an ISO 8601 calendar date (2022-03-29) or a full
// RFC 3339 timestamp, of which only the date counts: statements and
// documents are dated by day.
func parseDate(field, s string) (string, error) {
	if s == "" {
		return "", nil
	}
	if t, err := time.Parse(time.DateOnly, s); err == nil {
		return t.Format(time.DateOnly), nil
	}
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		return t.Format(time.DateOnly), nil
	}
	return "", graph.FieldError(field, "must be an ISO 8601 date such as 2022-03-29")
}

// DateRange is an inclusive range of days; empty ends are open.
type DateRange struct {
	From string
	To   string
}

func (r DateRange) check() (DateRange, error) {
	from, err := parseDate("from", r.From)
	if err != nil {
		return r, err
	}
	to, err := parseDate("to", r.To)
	if err != nil {
		return r, err
	}
	if from != "" && to != "" && from > to {
		return r, graph.FieldError("from", "is after to")
	}
	return DateRange{From: from, To: to}, nil
}

func checkKind(kind string) error {
	if kind != "" && !graph.StatementKind(kind).Valid() {
		return graph.FieldError("kind", "must be direct, indirect or mixed")
	}
	return nil
}
