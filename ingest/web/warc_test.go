package web

import (
	"bytes"
	"compress/gzip"
	"fmt"
	"net/http/httputil"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/nlnwa/gowarc/v3"
)

// warcRecord builds one record with gowarc; block is the HTTP message (or
// the metadata) it holds.
func warcRecord(t *testing.T, typ gowarc.RecordType, uri, contentType, block string) gowarc.WarcRecord {
	t.Helper()
	b := gowarc.NewRecordBuilder(typ, gowarc.WithAddMissingDigest(true), gowarc.WithAddMissingRecordId(true),
		gowarc.WithAddMissingContentLength(true), gowarc.WithFixContentLength(true))
	if _, err := b.WriteString(block); err != nil {
		t.Fatal(err)
	}
	if uri != "" {
		b.AddWarcHeader(gowarc.WarcTargetURI, uri)
	}
	b.AddWarcHeaderTime(gowarc.WarcDate, time.Date(2024, 6, 2, 3, 4, 5, 0, time.UTC))
	b.AddWarcHeader(gowarc.ContentType, contentType)
	r, _, err := b.Build()
	if err != nil {
		t.Fatalf("build %s record: %v", typ, err)
	}
	return r
}

func httpResponse(status, ctype string, body []byte) string {
	return fmt.Sprintf("HTTP/1.1 %s\r\nContent-Type: %s\r\nContent-Length: %d\r\n\r\n%s", status, ctype, len(body), body)
}

// writeWARC writes a compressed WARC like a crawler's: warcinfo, a
// request and its response per page, a metadata record, a PDF, a
// redirect, a revisit of the harbour page under another URL, and a revisit
// of a payload the file does not hold.
func writeWARC(t *testing.T, base string) string {
	t.Helper()
	dir := t.TempDir()
	fixture := func(name string) []byte {
		b, err := os.ReadFile(filepath.Join("testdata", name))
		if err != nil {
			t.Fatal(err)
		}
		return bytes.ReplaceAll(b, []byte("{{BASE}}"), []byte(base))
	}
	harbour := httpResponse("200 OK", "text/html; charset=utf-8", fixture("harbour.html"))
	const httpMsg = "application/http;msgtype=response"
	orig := warcRecord(t, gowarc.Response, base+"/news/2024/05/harbour-expansion", httpMsg, harbour)
	ref, err := orig.CreateRevisitRef(gowarc.ProfileIdenticalPayloadDigestV1_1)
	if err != nil {
		t.Fatal(err)
	}
	again := warcRecord(t, gowarc.Response, base+"/news/harbour?utm_source=feed", httpMsg, harbour)
	revisit, err := again.ToRevisitRecord(ref)
	if err != nil {
		t.Fatal(err)
	}
	lost := warcRecord(t, gowarc.Response, base+"/lost", httpMsg, httpResponse("200 OK", "text/html", []byte("<p>gone</p>")))
	lostRef, _ := lost.CreateRevisitRef(gowarc.ProfileIdenticalPayloadDigestV1_1)
	lostAgain := warcRecord(t, gowarc.Response, base+"/lost-again", httpMsg, httpResponse("200 OK", "text/html", []byte("<p>gone</p>")))
	lostRevisit, err := lostAgain.ToRevisitRecord(lostRef)
	if err != nil {
		t.Fatal(err)
	}
	records := []gowarc.WarcRecord{
		warcRecord(t, gowarc.Warcinfo, "", "application/warc-fields", "software: whosaid-test\r\nformat: WARC File Format 1.1\r\n"),
		warcRecord(t, gowarc.Request, base+"/news/2024/05/harbour-expansion", "application/http;msgtype=request",
			"GET /news/2024/05/harbour-expansion HTTP/1.1\r\nHost: example\r\n\r\n"),
		orig,
		warcRecord(t, gowarc.Metadata, base+"/news/2024/05/harbour-expansion", "application/warc-fields", "via: "+base+"/\r\n"),
		warcRecord(t, gowarc.Response, base+"/fr/marche", httpMsg, httpResponse("200 OK", "text/html; charset=utf-8", fixture("market.html"))),
		// as wget stores it: gzip content, chunked transfer
		warcRecord(t, gowarc.Response, base+"/local/new-school", httpMsg, gzipChunked(t, fixture("school.html"))),
		warcRecord(t, gowarc.Response, base+"/files/report.pdf", httpMsg, httpResponse("200 OK", "application/pdf", []byte("%PDF-1.7\n"))),
		warcRecord(t, gowarc.Response, base+"/old/harbour", httpMsg, "HTTP/1.1 301 Moved Permanently\r\nLocation: /news/2024/05/harbour-expansion\r\nContent-Length: 0\r\n\r\n"),
		revisit,
		lostRevisit,
	}
	w := gowarc.NewWarcFileWriter(
		gowarc.WithFileNameGenerator(&gowarc.PatternNameGenerator{Directory: dir, Pattern: "crawl.%{ext}s"}),
		gowarc.WithCompression(true), gowarc.WithMaxConcurrentWriters(1))
	for _, res := range w.Write(records...) {
		if res.Err != nil {
			t.Fatal(res.Err)
		}
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	files, _ := filepath.Glob(filepath.Join(dir, "*.warc.gz"))
	if len(files) != 1 {
		t.Fatalf("want one WARC file, got %q", files)
	}
	return files[0]
}

// gzipChunked is an HTTP response with a gzip-encoded body sent in chunks.
func gzipChunked(t *testing.T, body []byte) string {
	t.Helper()
	var z bytes.Buffer
	zw := gzip.NewWriter(&z)
	zw.Write(body)
	zw.Close()
	var c bytes.Buffer
	cw := httputil.NewChunkedWriter(&c)
	data := z.Bytes()
	cw.Write(data[:len(data)/2])
	cw.Write(data[len(data)/2:])
	cw.Close()
	c.WriteString("\r\n")
	return "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Encoding: gzip\r\nTransfer-Encoding: chunked\r\n\r\n" + c.String()
}

func TestWARC(t *testing.T) {
	const base = "https://news.example.org"
	path := writeWARC(t, base)
	var st Stats
	docs, errs, warns := run(t, []string{path}, Options{Stats: &st})
	if len(errs) != 0 {
		t.Fatalf("errors: %q", errs)
	}
	got := map[string]meta{}
	for k, d := range docs {
		m := metaOf(d)
		if !strings.HasPrefix(m.Path, path+"@") {
			t.Errorf("%s: path %q, want %s@OFFSET", k, m.Path, path)
		}
		m.Path = ""
		got[k] = m
	}
	want := map[string]meta{
		base + "/news/2024/05/harbour-expansion": {Title: "Harbour expansion approved after long dispute", URL: base + "/news/2024/05/harbour-expansion",
			Source: "The Coastal Ledger", Published: "2024-05-14", Authors: []string{"Mira Okafor", "Tom Lindqvist"}},
		base + "/local/new-school": {Title: "New school opens in Eastfield", URL: base + "/local/new-school", Authors: []string{"Priya Raman"}},
		base + "/fr/marche-couvert": {Title: "Le marché couvert rouvre ses portes", URL: base + "/fr/marche-couvert",
			Source: "La Gazette du Port", Authors: []string{"Camille Durand"}},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("documents (-want +got):\n%s", diff)
	}
	if len(warns) != 1 || !strings.Contains(warns[0], "revisit of "+base+"/lost-again skipped: the original record is not in this file") {
		t.Errorf("warnings: %q", warns)
	}
	if diff := cmp.Diff(Summary{Fetched: 3, NotHTML: 1, Records: 10, Revisits: 1}, st.Summary()); diff != "" {
		t.Errorf("stats (-want +got):\n%s", diff)
	}
}
