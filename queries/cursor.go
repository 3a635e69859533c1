package queries

import (
	"encoding/base64"
	"encoding/json"

	"github.com/whosaid/whosaid/graph"
)

// A cursor is the sort key of the last item of a page, tagged with the
// query it belongs to and encoded as unpadded base64url JSON. Clients treat
// it as opaque; the server decodes it only into typed values, which then go
// to Cypher as parameters.
type cursor struct {
	Tag string    `json:"t"`
	S   []string  `json:"s,omitempty"`
	N   []int64   `json:"n,omitempty"`
	F   []float64 `json:"f,omitempty"`
}

func encodeCursor(c cursor) string {
	b, err := json.Marshal(c)
	if err != nil {
		// Only strings and numbers go in: cannot fail.
		panic(err)
	}
	return base64.RawURLEncoding.EncodeToString(b)
}

// decodeCursor parses s, which must have been made by encodeCursor for the
// same tag with the given numbers of strings, integers and floats.
func decodeCursor(s, tag string, strs, ints, floats int) (cursor, bool, error) {
	if s == "" {
		return cursor{}, false, nil
	}
	bad := graph.FieldError("cursor", "is not a cursor returned by this endpoint")
	if len(s) > 4*MaxIDLen {
		return cursor{}, false, bad
	}
	b, err := base64.RawURLEncoding.DecodeString(s)
	if err != nil {
		return cursor{}, false, bad
	}
	var c cursor
	if err := json.Unmarshal(b, &c); err != nil {
		return cursor{}, false, bad
	}
	if c.Tag != tag || len(c.S) != strs || len(c.N) != ints || len(c.F) != floats {
		return cursor{}, false, bad
	}
	return c, true, nil
}
