package web

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"sync"

	"github.com/temoto/robotstxt"
)

// robotsAgent is the product token robots.txt groups are matched against.
const robotsAgent = "whosaid"

// robotsCache fetches each host's robots.txt once per run.
type robotsCache struct {
	f  *fetcher
	mu sync.Mutex
	m  map[string]*robotsEntry // by scheme://host
}

type robotsEntry struct {
	once  sync.Once
	group *robotstxt.Group
	err   error // robots.txt could not be read: the host is not fetched
}

func newRobotsCache(f *fetcher) *robotsCache {
	return &robotsCache{f: f, m: map[string]*robotsEntry{}}
}

// allowed reports (as an error wrapping ErrRobots) whether robots.txt
// forbids u. A missing robots.txt (4xx) allows everything; a server error
// (or a 429 that outlasts the retries) forbids everything, as the robots
// exclusion standard (RFC 9309) asks;
// an unreachable host fails the URL with that reason.
func (c *robotsCache) allowed(ctx context.Context, u *url.URL) error {
	origin := u.Scheme + "://" + u.Host
	c.mu.Lock()
	e := c.m[origin]
	if e == nil {
		e = &robotsEntry{}
		c.m[origin] = e
	}
	c.mu.Unlock()
	e.once.Do(func() { e.group, e.err = c.load(ctx, origin, u.Host) })
	if e.err != nil {
		return e.err
	}
	path := u.EscapedPath()
	if path == "" {
		path = "/"
	}
	if u.RawQuery != "" {
		path += "?" + u.RawQuery
	}
	if !e.group.Test(path) {
		return ErrRobots
	}
	return nil
}

func (c *robotsCache) load(ctx context.Context, origin, host string) (*robotstxt.Group, error) {
	resp, err := c.f.getRobots(ctx, origin+"/robots.txt")
	status, body := http.StatusOK, []byte(nil)
	var se *StatusError
	switch {
	case errors.As(err, &se):
		status = se.Code
		if status == http.StatusTooManyRequests {
			// still 429 after the retries: treated as unreachable (RFC 9309)
			status = http.StatusServiceUnavailable
		}
	case err != nil:
		return nil, fmt.Errorf("robots.txt of %s: %w", host, err)
	default:
		body = resp.Body
	}
	data, err := robotstxt.FromStatusAndBytes(status, body)
	if err != nil {
		return nil, fmt.Errorf("robots.txt of %s: %w", host, err)
	}
	g := data.FindGroup(robotsAgent)
	if g.CrawlDelay > 0 {
		c.f.slowDown(host, g.CrawlDelay)
	}
	return g, nil
}
