package source

import (
	"errors"

	"github.com/whosaid/whosaid/graph"
)

func parseHTML(s string) (graph.Document, error) {
	return graph.Document{}, errors.New("HTML not supported yet")
}
