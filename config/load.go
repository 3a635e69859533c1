package config

import (
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/go-viper/mapstructure/v2"
	"github.com/spf13/pflag"
	"github.com/spf13/viper"
)

// Source says where the effective value of a key came from.
type Source string

const (
	SourceDefault Source = "default"
	SourceFile    Source = "file"
	SourceEnv     Source = "env"
	SourceFlag    Source = "flag"
)

// flagAnnotation marks a pflag as bound to a configuration key; Load finds
// bound flags through it, so commands need not pass a binding table around.
const flagAnnotation = "whosaid.config.key"

// Options says where Load looks besides the defaults and the environment.
type Options struct {
	// File is an explicit configuration file (--config); it must exist.
	// When empty, DefaultFile in Dir is read if it exists.
	File string
	// Dir is the directory of DefaultFile and of the local Neo4j password
	// file; "" means the working directory.
	Dir string
	// Flags holds the command's flags; those bound with BindFlag override
	// every other source when the user set them.
	Flags *pflag.FlagSet
}

// Loaded is an effective configuration with the origin of every value.
type Loaded struct {
	Config  Config
	File    string            // the file read, "" if none
	Sources map[string]Source // per key name
	// PasswordFrom says where the Neo4j password came from, for `whosaid
	// config`: "", "neo4j.password" or the file it was read from.
	PasswordFrom string
}

// Load builds the configuration from, in increasing precedence, Default(),
// the file, WHOSAID_* environment variables and the bound flags that were
// set. It resolves neo4j.password_file and validates the result.
func Load(opts Options) (*Loaded, error) {
	v := viper.NewWithOptions(viper.WithDecodeHook(decodeHook()))
	keys := Keys()

	// Register every key with a default and an explicit env binding: viper's
	// AutomaticEnv is only consulted for keys it already knows, so without
	// this an env-only key would be missed by Unmarshal.
	for _, k := range keys {
		v.SetDefault(k.Name, k.Default)
		if err := v.BindEnv(k.Name, k.Env); err != nil {
			return nil, fmt.Errorf("bind %s: %w", k.Env, err)
		}
	}

	l := &Loaded{Sources: make(map[string]Source, len(keys))}
	file := opts.File
	if file == "" {
		candidate := filepath.Join(opts.Dir, DefaultFile)
		if _, err := os.Stat(candidate); err == nil {
			file = candidate
		}
	}
	if file != "" {
		v.SetConfigFile(file)
		if filepath.Ext(file) == "" {
			v.SetConfigType("yaml")
		}
		if err := v.ReadInConfig(); err != nil {
			if errors.Is(err, fs.ErrNotExist) {
				return nil, fmt.Errorf("config file %s: does not exist", file)
			}
			return nil, fmt.Errorf("config file %s: %w", file, err)
		}
		l.File = file
		// A misspelt key would otherwise be ignored silently.
		for _, name := range v.AllKeys() {
			if _, ok := LookupKey(name); !ok {
				return nil, fmt.Errorf("config file %s: unknown key %q (see `whosaid config` for the keys)", file, name)
			}
		}
	}

	changed := map[string]bool{}
	if opts.Flags != nil {
		var bindErr error
		opts.Flags.VisitAll(func(f *pflag.Flag) {
			key := boundKey(f)
			if key == "" {
				return
			}
			if err := v.BindPFlag(key, f); err != nil {
				bindErr = errors.Join(bindErr, fmt.Errorf("bind --%s: %w", f.Name, err))
			}
			if f.Changed {
				changed[key] = true
			}
		})
		if bindErr != nil {
			return nil, bindErr
		}
	}

	for _, k := range keys {
		switch {
		case changed[k.Name]:
			l.Sources[k.Name] = SourceFlag
		case os.Getenv(k.Env) != "": // viper ignores empty variables too
			l.Sources[k.Name] = SourceEnv
		case l.File != "" && v.InConfig(k.Name):
			l.Sources[k.Name] = SourceFile
		default:
			l.Sources[k.Name] = SourceDefault
		}
	}

	if err := v.Unmarshal(&l.Config); err != nil {
		return nil, fmt.Errorf("invalid configuration: %w", cleanDecodeError(err))
	}
	for i, s := range l.Config.API.Keys {
		l.Config.API.Keys[i] = strings.TrimSpace(s)
	}
	if err := l.resolvePassword(opts.Dir); err != nil {
		return nil, err
	}
	if err := l.Config.Validate(); err != nil {
		return nil, err
	}
	return l, nil
}

// resolvePassword reads neo4j.password_file when no password is set, and
// otherwise falls back to the password file that deploy/neo4j/neo4j-local
// writes for a server on this machine, so that `make demo` needs no setup.
func (l *Loaded) resolvePassword(dir string) error {
	n := &l.Config.Neo4j
	if n.Password != "" {
		l.PasswordFrom = "neo4j.password"
		return nil
	}
	if n.PasswordFile == "" {
		local := LocalPasswordFile(dir, n.URI)
		if local == "" {
			return nil
		}
		if _, err := os.Stat(local); err != nil {
			return nil
		}
		n.PasswordFile = local
	}
	b, err := os.ReadFile(n.PasswordFile)
	if err != nil {
		return fmt.Errorf("neo4j.password_file: %w", err)
	}
	n.Password = strings.TrimSpace(string(b))
	if n.Password == "" {
		return fmt.Errorf("neo4j.password_file: %s is empty", n.PasswordFile)
	}
	l.PasswordFrom = n.PasswordFile
	return nil
}

// LocalPasswordFile is where deploy/neo4j/neo4j-local keeps the password of
// the server it runs on the port of uri, relative to dir: .neo4j/<port>/password.
// It returns "" when uri is not a local Bolt address.
func LocalPasswordFile(dir, uri string) string {
	u, err := url.Parse(uri)
	if err != nil {
		return ""
	}
	switch u.Hostname() {
	case "127.0.0.1", "localhost", "::1":
	default:
		return ""
	}
	port := u.Port()
	if port == "" {
		port = "7687"
	}
	return filepath.Join(dir, ".neo4j", port, "password")
}

// BindFlag defines on fs a flag named name for the configuration key, typed
// and documented after the key, and marks it so that Load gives it the
// highest precedence when set. The flag's default shown in --help is the
// built-in default; the effective default may come from a file or the
// environment. It panics on an unknown key: that is a programming error.
func BindFlag(fs *pflag.FlagSet, key, name string) *pflag.Flag {
	k, ok := LookupKey(key)
	if !ok {
		panic("config.BindFlag: unknown key " + key)
	}
	// pflag takes the first `word` in backquotes for the value's name in
	// the flag list ("--addr whosaid serve"), so help texts written for
	// Markdown quote with double quotes there.
	usage := strings.ReplaceAll(k.Help, "`", `"`) + " [" + k.Name + ", $" + k.Env + "]"
	switch d := k.Default.(type) {
	case string:
		fs.String(name, d, usage)
	case int:
		fs.Int(name, d, usage)
	case float64:
		fs.Float64(name, d, usage)
	case bool:
		fs.Bool(name, d, usage)
	case []string:
		fs.StringSlice(name, d, usage)
	default: // durations and byte sizes: parsed by Load's decode hooks
		fs.String(name, FormatValue(d), usage)
	}
	f := fs.Lookup(name)
	// A help that states its default in words ("number of CPUs") is not
	// followed by pflag's value on this machine ("(default 2)").
	if _, ok := k.Default.(int); ok && strings.Contains(k.Help, "(default") {
		f.DefValue = "0"
	}
	if f.Annotations == nil {
		f.Annotations = map[string][]string{}
	}
	f.Annotations[flagAnnotation] = []string{key}
	return f
}

func boundKey(f *pflag.Flag) string {
	if v := f.Annotations[flagAnnotation]; len(v) == 1 {
		return v[0]
	}
	return ""
}

// BoundFlags maps configuration keys to the names of the flags bound to
// them in fs, for documentation and `whosaid config`.
func BoundFlags(fs *pflag.FlagSet) map[string]string {
	m := map[string]string{}
	fs.VisitAll(func(f *pflag.Flag) {
		if k := boundKey(f); k != "" {
			m[k] = f.Name
		}
	})
	return m
}

// Redacted returns the value of key in c for display, with secrets hidden.
func (c Config) Redacted(key string) string {
	v := c.value(key)
	if !secrets[key] {
		return FormatValue(v)
	}
	switch v := v.(type) {
	case string:
		if v == "" {
			return ""
		}
		return "[redacted]"
	case []string:
		if len(v) == 0 {
			return ""
		}
		return fmt.Sprintf("[redacted: %d]", len(v))
	}
	return "[redacted]"
}

func decodeHook() mapstructure.DecodeHookFunc {
	return mapstructure.ComposeDecodeHookFunc(
		mapstructure.StringToTimeDurationHookFunc(),
		stringToSlice,
		stringToByteSize,
	)
}

// stringToSlice splits comma-separated env and flag values, trimming
// spaces and dropping empty items ("a, b," is [a b]).
func stringToSlice(from, to reflect.Type, data any) (any, error) {
	if from.Kind() != reflect.String || to.Kind() != reflect.Slice || to.Elem().Kind() != reflect.String {
		return data, nil
	}
	var out []string
	for _, s := range strings.Split(data.(string), ",") {
		if s = strings.TrimSpace(s); s != "" {
			out = append(out, s)
		}
	}
	return out, nil
}

// stringToByteSize lets int64 sizes be written as 10MiB.
func stringToByteSize(from, to reflect.Type, data any) (any, error) {
	if from.Kind() != reflect.String || to.Kind() != reflect.Int64 || to == reflect.TypeFor[time.Duration]() {
		return data, nil
	}
	return ParseByteSize(data.(string))
}

// ParseByteSize parses a byte count, optionally with a binary suffix
// (B, KiB, MiB, GiB; KB/MB/GB are read as the binary units too).
func ParseByteSize(s string) (int64, error) {
	s = strings.TrimSpace(s)
	units := []struct {
		suffixes []string
		mult     int64
	}{
		{[]string{"GiB", "GB", "G"}, 1 << 30},
		{[]string{"MiB", "MB", "M"}, 1 << 20},
		{[]string{"KiB", "KB", "K"}, 1 << 10},
		{[]string{"B"}, 1},
	}
	mult := int64(1)
	num := s
outer:
	for _, u := range units {
		for _, suf := range u.suffixes {
			if strings.HasSuffix(strings.ToLower(s), strings.ToLower(suf)) {
				num = strings.TrimSpace(s[:len(s)-len(suf)])
				mult = u.mult
				break outer
			}
		}
	}
	n, err := strconv.ParseInt(num, 10, 64)
	if err != nil || n < 0 {
		return 0, fmt.Errorf("invalid size %q (want bytes, or a number with KiB, MiB or GiB)", s)
	}
	return n * mult, nil
}

// cleanDecodeError turns mapstructure's "decoding failed due to the
// following error(s):\n\n'http.body_limit' …" into one line per key.
func cleanDecodeError(err error) error {
	msg := err.Error()
	if _, rest, ok := strings.Cut(msg, "error(s):"); ok {
		lines := slices.DeleteFunc(strings.Split(strings.TrimSpace(rest), "\n"), func(s string) bool {
			return strings.TrimSpace(s) == ""
		})
		for i, l := range lines {
			l = strings.TrimSpace(l)
			if key, rest, ok := strings.Cut(strings.TrimPrefix(l, "'"), "' "); ok && strings.HasPrefix(l, "'") {
				l = key + ": " + rest
			}
			lines[i] = l
		}
		return errors.New(strings.Join(lines, "; "))
	}
	return err
}
