# syntax=docker/dockerfile:1
#
# whosaid in a container: the web explorer is bundled with Node, embedded
# into a static Go binary, and run as an unprivileged user on Alpine (which
# brings CA certificates for neo4j+s:// and busybox wget for health checks).
#
#   docker build -t whosaid .
#   docker run --rm -p 8080:8080 -e WHOSAID_NEO4J_URI=bolt://neo4j:7687 \
#     -e WHOSAID_NEO4J_PASSWORD_FILE=/run/secrets/neo4j_password whosaid
#
# docker-compose.yml runs it together with Neo4j.

# --- web explorer bundle (web/dist, embedded by web/embed.go) ---------------
FROM node:22-bookworm-slim AS web
WORKDIR /src/web
COPY web/package.json web/package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY web/ ./
RUN npm run build

# --- Go binary ----------------------------------------------------------------
FROM golang:1.26-bookworm AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN --mount=type=cache,target=/go/pkg/mod go mod download
COPY . .
COPY --from=web /src/web/dist/ web/dist/
ARG VERSION=dev
RUN --mount=type=cache,target=/go/pkg/mod --mount=type=cache,target=/root/.cache/go-build \
    CGO_ENABLED=0 go build -trimpath -ldflags "-s -w -X main.version=${VERSION}" \
    -o /out/whosaid ./cmd/whosaid

# --- runtime ------------------------------------------------------------------
FROM alpine:3.22
RUN apk add --no-cache ca-certificates tzdata \
 && addgroup -S -g 10001 whosaid \
 && adduser -S -D -H -u 10001 -G whosaid -h /nonexistent -s /sbin/nologin whosaid
COPY --from=build /out/whosaid /usr/local/bin/whosaid
COPY examples/ /usr/share/whosaid/examples/
WORKDIR /var/lib/whosaid
USER 10001:10001
ENV WHOSAID_HTTP_ADDR=:8080 \
    WHOSAID_LOG_FORMAT=json
EXPOSE 8080
# Liveness only: readiness (/readyz) depends on Neo4j, and a container
# whose database is down should wait, not be restarted.
HEALTHCHECK --interval=10s --timeout=3s --start-period=5s --retries=3 \
  CMD wget -q -O /dev/null http://127.0.0.1:8080/healthz || exit 1
ENTRYPOINT ["whosaid"]
CMD ["serve"]
