package web

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"strings"
	"time"

	"github.com/mmcdole/gofeed"
)

// entry is an article link found in a feed or sitemap, with what the feed
// says about it; the page's own metadata wins where it has any.
type entry struct {
	URL       string
	Title     string
	Published string
	Authors   []string
	Source    string // the feed's title or the news sitemap's publication name
	Language  string
}

// merge fills e's empty fields from o.
func (e *entry) merge(o *entry) {
	fill := func(dst *string, src string) {
		if *dst == "" {
			*dst = src
		}
	}
	fill(&e.Title, o.Title)
	fill(&e.Published, o.Published)
	fill(&e.Source, o.Source)
	fill(&e.Language, o.Language)
	if len(e.Authors) == 0 {
		e.Authors = o.Authors
	}
}

// kind of a fetched or read resource.
type kind int

const (
	kindOther kind = iota
	kindHTML
	kindFeed
	kindSitemap
)

// classify decides what a body is, by content type and, since servers
// label feeds and sitemaps text/xml or text/plain, by its first element.
func classify(contentType string, body []byte) kind {
	head := bytes.TrimLeft(bytes.TrimPrefix(body, []byte("\xef\xbb\xbf")), " \t\r\n")
	if len(head) > 4096 {
		head = head[:4096]
	}
	lower := bytes.ToLower(head)
	switch {
	case bytes.Contains(lower, []byte("<urlset")) || bytes.Contains(lower, []byte("<sitemapindex")):
		return kindSitemap
	case bytes.Contains(lower, []byte("<rss")) || bytes.Contains(lower, []byte("<feed")) || bytes.Contains(lower, []byte("<rdf:rdf")):
		return kindFeed
	case bytes.HasPrefix(lower, []byte("{")) && bytes.Contains(lower, []byte("jsonfeed.org/version")):
		return kindFeed
	}
	switch contentType {
	case "text/html", "application/xhtml+xml":
		return kindHTML
	case "application/rss+xml", "application/atom+xml", "application/feed+json":
		return kindFeed
	}
	if contentType == "" || contentType == "text/plain" || contentType == "application/octet-stream" {
		if bytes.HasPrefix(lower, []byte("<!doctype html")) || bytes.HasPrefix(lower, []byte("<html")) {
			return kindHTML
		}
	}
	return kindOther
}

// parseFeed reads RSS 2.0/1.0, Atom or JSON Feed with gofeed.
func parseFeed(body []byte) ([]entry, error) {
	f, err := gofeed.NewParser().Parse(bytes.NewReader(body))
	if err != nil {
		return nil, fmt.Errorf("feed: %w", err)
	}
	var out []entry
	for _, it := range f.Items {
		link := strings.TrimSpace(it.Link)
		if link == "" && len(it.Links) > 0 {
			link = strings.TrimSpace(it.Links[0])
		}
		if link == "" && strings.HasPrefix(it.GUID, "http") {
			link = it.GUID
		}
		if link == "" {
			continue
		}
		e := entry{URL: link, Title: it.Title, Source: f.Title, Language: f.Language}
		switch {
		case it.PublishedParsed != nil:
			e.Published = it.PublishedParsed.Format(time.RFC3339)
		case it.Published != "":
			e.Published = it.Published
		}
		for _, p := range it.Authors {
			if p != nil && p.Name != "" {
				e.Authors = append(e.Authors, p.Name)
			}
		}
		if len(e.Authors) == 0 && it.DublinCoreExt != nil {
			e.Authors = append(e.Authors, it.DublinCoreExt.Creator...)
		}
		out = append(out, e)
	}
	return out, nil
}

// sitemapXML covers urlset (with the Google News extension) and
// sitemapindex; encoding/xml matches the local names, so the namespace
// prefixes sites use do not matter.
type sitemapXML struct {
	XMLName  xml.Name
	URLs     []sitemapURL `xml:"url"`
	Sitemaps []struct {
		Loc string `xml:"loc"`
	} `xml:"sitemap"`
}

type sitemapURL struct {
	Loc     string `xml:"loc"`
	LastMod string `xml:"lastmod"`
	News    struct {
		Publication struct {
			Name     string `xml:"name"`
			Language string `xml:"language"`
		} `xml:"publication"`
		PublicationDate string `xml:"publication_date"`
		Title           string `xml:"title"`
	} `xml:"news"`
}

// parseSitemap returns the article entries of a urlset, or the child
// sitemaps of an index.
func parseSitemap(body []byte) (entries []entry, children []string, err error) {
	var s sitemapXML
	d := xml.NewDecoder(bytes.NewReader(body))
	d.Strict = false
	if err := d.Decode(&s); err != nil {
		return nil, nil, fmt.Errorf("sitemap: %w", err)
	}
	for _, m := range s.Sitemaps {
		if loc := strings.TrimSpace(m.Loc); loc != "" {
			children = append(children, loc)
		}
	}
	for _, u := range s.URLs {
		loc := strings.TrimSpace(u.Loc)
		if loc == "" {
			continue
		}
		e := entry{
			URL:       loc,
			Title:     strings.TrimSpace(u.News.Title),
			Published: strings.TrimSpace(u.News.PublicationDate),
			Source:    strings.TrimSpace(u.News.Publication.Name),
			Language:  strings.TrimSpace(u.News.Publication.Language),
		}
		entries = append(entries, e)
	}
	return entries, children, nil
}
