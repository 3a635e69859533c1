package api

import (
	"bytes"
	"encoding/json"
	"net/http"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
)

// The spec is the contract: every route of the API is in it, everything in
// it is served, and the integration tests validate their responses against
// it (see checkSpec).

const specURL = "mem://whosaid/openapi.json"

// apiRoute says whether a served route belongs in the spec: the API, the
// probes and metrics — not the web explorer's files.
func apiRoute(path string) bool {
	return strings.HasPrefix(path, "/api/") || path == "/healthz" || path == "/readyz" || path == "/metrics"
}

var ginParam = regexp.MustCompile(`:([A-Za-z_]+)`)

func loadSpec(t testing.TB) map[string]any {
	t.Helper()
	var spec map[string]any
	if err := json.Unmarshal(openAPISpec, &spec); err != nil {
		t.Fatalf("openapi.json: %v", err)
	}
	return spec
}

func TestOpenAPIRoutesMatchSpec(t *testing.T) {
	spec := loadSpec(t)
	if spec["openapi"] != "3.1.0" {
		t.Errorf("openapi = %v, want 3.1.0", spec["openapi"])
	}
	specOps := map[string]bool{}
	for p, item := range spec["paths"].(map[string]any) {
		for m := range item.(map[string]any) {
			specOps[strings.ToUpper(m)+" "+p] = true
		}
	}
	served := map[string]bool{}
	for _, r := range New(testConfig(), nil, nil).engine.Routes() {
		if !apiRoute(r.Path) {
			continue
		}
		served[r.Method+" "+ginParam.ReplaceAllString(r.Path, "{$1}")] = true
	}
	for op := range served {
		if !specOps[op] {
			t.Errorf("served but not in openapi.json: %s", op)
		}
	}
	for op := range specOps {
		if !served[op] {
			t.Errorf("in openapi.json but not served: %s", op)
		}
	}
}

func TestOpenAPIServedAndSchemasCompile(t *testing.T) {
	s := New(testConfig(), nil, nil)
	w := v1Do(s, http.MethodGet, "/api/v1/openapi.json", nil, "")
	if w.Code != 200 || !bytes.Equal(w.Body.Bytes(), openAPISpec) || w.Header().Get("Content-Type") != "application/json" {
		t.Fatalf("GET openapi.json: %d %s", w.Code, w.Header().Get("Content-Type"))
	}
	c := specCompiler(t)
	for name := range loadSpec(t)["components"].(map[string]any)["schemas"].(map[string]any) {
		if _, err := c.Compile(specURL + "#/components/schemas/" + name); err != nil {
			t.Errorf("schema %s: %v", name, err)
		}
	}
}

func specCompiler(t testing.TB) *jsonschema.Compiler {
	t.Helper()
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(openAPISpec))
	if err != nil {
		t.Fatal(err)
	}
	c := jsonschema.NewCompiler()
	c.DefaultDraft(jsonschema.Draft2020)
	if err := c.AddResource(specURL, doc); err != nil {
		t.Fatal(err)
	}
	return c
}

// specValidator validates responses against the schemas the spec gives
// for (method, path template, status, content type).
type specValidator struct {
	spec     map[string]any
	compiler *jsonschema.Compiler
	cache    map[string]*jsonschema.Schema
}

func newSpecValidator(t testing.TB) *specValidator {
	return &specValidator{spec: loadSpec(t), compiler: specCompiler(t), cache: map[string]*jsonschema.Schema{}}
}

// pointer escapes a JSON pointer token.
func pointer(s string) string {
	return strings.ReplaceAll(strings.ReplaceAll(s, "~", "~0"), "/", "~1")
}

// check validates one recorded response; template is the spec path.
func (v *specValidator) check(t testing.TB, method, template string, w response) {
	t.Helper()
	op, ok := v.spec["paths"].(map[string]any)[template].(map[string]any)[strings.ToLower(method)].(map[string]any)
	if !ok {
		t.Fatalf("no %s %s in spec", method, template)
	}
	status := strconv.Itoa(w.Code)
	resp, ok := op["responses"].(map[string]any)[status].(map[string]any)
	if !ok {
		t.Errorf("%s %s: status %d not in spec; body %.300s", method, template, w.Code, w.Body)
		return
	}
	loc := "#/paths/" + pointer(template) + "/" + strings.ToLower(method) + "/responses/" + status
	if r, ok := resp["$ref"].(string); ok {
		loc = r
		name := strings.TrimPrefix(r, "#/components/responses/")
		resp = v.spec["components"].(map[string]any)["responses"].(map[string]any)[name].(map[string]any)
	}
	ct, _, _ := strings.Cut(w.Header().Get("Content-Type"), ";")
	content, _ := resp["content"].(map[string]any)
	if _, ok := content[ct]; !ok {
		t.Errorf("%s %s %d: content type %q not in spec", method, template, w.Code, ct)
		return
	}
	if !strings.Contains(ct, "json") || method == http.MethodHead {
		return
	}
	loc = specURL + loc + "/content/" + pointer(ct) + "/schema"
	sch, ok := v.cache[loc]
	if !ok {
		var err error
		if sch, err = v.compiler.Compile(loc); err != nil {
			t.Fatalf("compile %s: %v", loc, err)
		}
		v.cache[loc] = sch
	}
	body, err := jsonschema.UnmarshalJSON(bytes.NewReader(w.Body.Bytes()))
	if err != nil {
		t.Errorf("%s %s: body is not JSON: %v", method, template, err)
		return
	}
	if err := sch.Validate(body); err != nil {
		t.Errorf("%s %s %d: response does not match the spec: %v\nbody: %.500s", method, template, w.Code, err, w.Body)
	}
}

func TestSpecValidatorCatchesMismatch(t *testing.T) {
	v := newSpecValidator(t)
	w := response{httptestRecorder(200, "application/json", `{"items": [{"id": 1}]}`)}
	ft := &fakeT{TB: t}
	v.check(ft, "GET", "/api/v1/entities", w)
	if !ft.failed {
		t.Error("a wrong body passed validation")
	}
	w = response{httptestRecorder(200, "application/json", `{"items": []}`)}
	v.check(t, "GET", "/api/v1/entities", w)
}
