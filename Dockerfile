# One image for all five Klimavagt apps (ingest, recorder, evaluator, alerting, api).
# The default command runs the api; docker-compose.yml overrides the command per app:
#   node -r ./launcher/register-paths.js dist/apps/<app>/src/main.js
#
#   docker build -t klimavagt .
#   docker run --rm -p 3000:3000 -e DATABASE_URL=... -e KAFKA_BROKERS=... klimavagt

ARG NODE_IMAGE=node:20-bookworm-slim

# ---- build: all dependencies (dev included) and the TypeScript compile --------------------------
FROM ${NODE_IMAGE} AS build
WORKDIR /app
# .npmrc carries legacy-peer-deps=true, which `npm ci` needs for the PGlite alias.
COPY package.json package-lock.json .npmrc ./
RUN --mount=type=cache,target=/root/.npm npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json nest-cli.json ./
COPY scripts ./scripts
COPY launcher ./launcher
COPY libs ./libs
COPY apps ./apps
# `npm run build` = tsc, then scripts/copy-sql.js copies the .sql/.cjs files the libraries read
# from beside their compiled code at run time. Then check that every app's entry point exists.
RUN npm run build \
 && for app in ingest recorder evaluator alerting api; do \
      test -f "dist/apps/$app/src/main.js" || { echo "missing dist/apps/$app/src/main.js" >&2; exit 1; }; \
    done

# ---- prod-deps: runtime dependencies only ----------------------------------------------------
FROM ${NODE_IMAGE} AS prod-deps
WORKDIR /app
COPY package.json package-lock.json .npmrc ./
RUN --mount=type=cache,target=/root/.npm npm ci --omit=dev --no-audit --no-fund

# ---- runtime -----------------------------------------------------------------------------------
FROM ${NODE_IMAGE} AS runtime
# Inside a container the HTTP server must listen on every interface, not on loopback (the app's
# default), so that published ports and Prometheus (in another container) can reach it.
ENV NODE_ENV=production \
    HTTP_BIND_HOST=0.0.0.0 \
    KLIMAVAGT_DATA_DIR=/app/.data
WORKDIR /app
# Application files stay owned by root (read-only for the app); only the data dir is writable.
COPY package.json package-lock.json .npmrc ./
COPY tsconfig.json tsconfig.build.json ./
COPY --from=prod-deps /app/node_modules ./node_modules
COPY launcher ./launcher
COPY --from=build /app/dist ./dist
RUN test -f launcher/register-paths.js \
 && mkdir -p /app/.data && chown node:node /app/.data

# Run as the unprivileged `node` user (uid/gid 1000) that ships with the official Node image.
USER 1000:1000

# api 3000, ingest 3001, recorder 3002, evaluator 3003, alerting 3004 (PORT overrides per app).
EXPOSE 3000 3001 3002 3003 3004

# No curl in the slim image: probe readiness with Node's own fetch.
HEALTHCHECK --interval=15s --timeout=10s --start-period=30s --retries=5 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/health/ready').then(r=>process.exit(r.ok?0:1)).catch(()=>process.exit(1))"]

CMD ["node", "-r", "./launcher/register-paths.js", "dist/apps/api/src/main.js"]
