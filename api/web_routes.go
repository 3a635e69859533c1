package api

import (
	"io/fs"
	"net/http"
	"path"
	"strings"

	"github.com/gin-gonic/gin"

	"github.com/whosaid/whosaid/web"
)

// webCSP keeps the explorer to its own origin: it loads no CDN and talks
// only to this server. Inline style attributes are allowed for the
// fallback page; scripts are not.
const webCSP = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; connect-src 'self'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'"

// registerWeb serves the embedded explorer: / is its index.html and each
// file of the bundle has its own route, so unknown paths still get the
// problem+json 404 of NoRoute.
func (s *Server) registerWeb(r *gin.Engine) {
	files := web.FS()
	serve := func(name string) gin.HandlerFunc {
		return func(c *gin.Context) {
			h := c.Writer.Header()
			h.Set("Content-Security-Policy", webCSP)
			h.Set("X-Content-Type-Options", "nosniff")
			h.Set("Referrer-Policy", "no-referrer")
			// The bundle's names carry no content hash, so browsers must
			// revalidate; http.FileServer answers with 304 when unchanged.
			h.Set("Cache-Control", "no-cache")
			c.FileFromFS(name, http.FS(files))
		}
	}
	err := fs.WalkDir(files, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || strings.HasPrefix(path.Base(p), ".") {
			return err
		}
		route := "/" + p
		if p == "index.html" {
			// http.FileServer redirects /index.html to /; serve it at /.
			route, p = "/", "/"
		}
		r.GET(route, serve(p))
		r.HEAD(route, serve(p))
		return nil
	})
	if err != nil {
		s.log.Error("web explorer not served", "err", err)
	}
	if !web.Built() {
		s.log.Warn("web explorer bundle not embedded; serving the fallback page (run make web, then rebuild)")
	}
}
