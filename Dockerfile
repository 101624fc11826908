# syntax=docker/dockerfile:1

# ---- build: install all dependencies, compile src/ only, bundle the CLI, then drop the dev dependencies ----
FROM node:26-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json tsconfig.json tsconfig.build.json ./
# --ignore-scripts: the "prepare" script would build before the sources are copied.
RUN npm ci --ignore-scripts
COPY src ./src
RUN npx tsc -p tsconfig.build.json
# The CLI and Fastify in one bundle (src/bundle-cli.mjs): resolving Fastify's many small files was a large part of start-up.
RUN npm run bundle
RUN npm prune --omit=dev

# ---- runtime: production dependencies, compiled JS, fixtures, the OpenAPI document, the walkthroughs ----
FROM node:26-bookworm-slim AS runtime
# In memory by default, like the CLI: every start is a fresh emulator (no volume, nothing left behind).
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=4590
WORKDIR /app
COPY --from=build /app/package.json ./package.json
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY fixtures ./fixtures
COPY openapi ./openapi
# Plain Node scripts: `docker exec <container> node examples/target-batch.mjs` runs one against the container itself.
COPY examples ./examples
# Persistence is opt-in: `-e MOCK_DATA_FILE=/data/state.json -v adobe-mock-data:/data` (the state file and the
# uploaded files beside it). /data belongs to the unprivileged user, so a new named volume does too.
# In memory, uploaded files go to a temporary folder under /tmp (with --read-only, add --tmpfs /tmp).
RUN mkdir -p /data && chown node:node /data
USER node
EXPOSE 4590
# Follows PORT when it is overridden at `docker run -e PORT=...`.
HEALTHCHECK --interval=30s --timeout=5s --start-period=10s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 4590) + '/_mock/health', { signal: AbortSignal.timeout(4000) }).then((res) => process.exit(res.ok ? 0 : 1), () => process.exit(1))"]
CMD ["node", "dist/bin/cli.js"]
