package api

import (
	"strconv"
	"time"

	"github.com/gin-gonic/gin"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"

	"github.com/whosaid/whosaid/graph"
	"github.com/whosaid/whosaid/graph/store"
)

// metrics are the Prometheus metrics of one server. Each server has its own
// registry (no global state), exposed at /metrics.
type metrics struct {
	reg        *prometheus.Registry
	requests   *prometheus.CounterVec
	latency    *prometheus.HistogramVec
	queries    *prometheus.HistogramVec
	queryErrs  *prometheus.CounterVec
	ingested   *prometheus.CounterVec
	statements prometheus.Counter
	deleted    prometheus.Counter
}

func newMetrics() *metrics {
	m := &metrics{
		reg: prometheus.NewRegistry(),
		requests: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "whosaid_http_requests_total",
			Help: "HTTP requests by route template, method and status.",
		}, []string{"route", "method", "status"}),
		latency: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name:    "whosaid_http_request_duration_seconds",
			Help:    "HTTP request latency by route template and method.",
			Buckets: []float64{.001, .0025, .005, .01, .02, .05, .1, .25, .5, 1, 2.5, 5, 10, 30},
		}, []string{"route", "method"}),
		queries: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name:    "whosaid_neo4j_query_duration_seconds",
			Help:    "Neo4j read query latency (including fetching the records) by query name.",
			Buckets: []float64{.0005, .001, .0025, .005, .01, .02, .05, .1, .25, .5, 1, 2.5, 5, 10, 30},
		}, []string{"query"}),
		queryErrs: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "whosaid_neo4j_query_errors_total",
			Help: "Neo4j read queries that failed, by query name and error code.",
		}, []string{"query", "code"}),
		ingested: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "whosaid_ingest_documents_total",
			Help: "Documents posted to the API by outcome (written, replaced, skipped, failed).",
		}, []string{"status"}),
		statements: prometheus.NewCounter(prometheus.CounterOpts{
			Name: "whosaid_ingest_statements_total",
			Help: "Statements written by documents posted to the API.",
		}),
		deleted: prometheus.NewCounter(prometheus.CounterOpts{
			Name: "whosaid_documents_deleted_total",
			Help: "Documents deleted through the API.",
		}),
	}
	m.reg.MustRegister(m.requests, m.latency, m.queries, m.queryErrs, m.ingested, m.statements, m.deleted,
		collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	return m
}

// instrument counts requests and their latency by route template (never
// the raw path, whose ids would make unbounded label values).
func (m *metrics) instrument() gin.HandlerFunc {
	return func(c *gin.Context) {
		start := time.Now()
		c.Next()
		route := c.FullPath()
		if route == "" {
			route = "unmatched"
		}
		m.requests.WithLabelValues(route, c.Request.Method, strconv.Itoa(c.Writer.Status())).Inc()
		m.latency.WithLabelValues(route, c.Request.Method).Observe(time.Since(start).Seconds())
	}
}

// observeQuery is the queries.Options.Observe hook.
func (m *metrics) observeQuery(name string, took time.Duration, err error) {
	m.queries.WithLabelValues(name).Observe(took.Seconds())
	if err != nil {
		m.queryErrs.WithLabelValues(name, graph.ErrorCode(err)).Inc()
	}
}

func (m *metrics) observeLoad(r store.LoadResult) {
	m.ingested.WithLabelValues(string(r.Status)).Inc()
	m.statements.Add(float64(r.Statements))
}

func (m *metrics) handler() gin.HandlerFunc {
	h := promhttp.HandlerFor(m.reg, promhttp.HandlerOpts{})
	return func(c *gin.Context) { h.ServeHTTP(c.Writer, c.Request) }
}
