# syntax=docker/dockerfile:1
# One image for the Node.js parts (API server with the built admin UI, workers, migrations, process
# deployment); docker-compose.yml picks the command. The engine has its own image (engine/Dockerfile).
# Node.js 24, a maintained LTS line, as `npm start` uses (scripts/lib/node-runtime.mjs).

# ---- manifests: what npm ci reads, so the dependency layers are rebuilt only when they change ----
FROM node:24-bookworm-slim AS manifests
WORKDIR /app
COPY package.json package-lock.json .npmrc ./
COPY common/package.json common/
COPY prisma/package.json prisma/
COPY domain/package.json domain/
COPY processes/package.json processes/
COPY workers/package.json workers/
COPY server/package.json server/
COPY admin-ui/package.json admin-ui/
COPY e2e/package.json e2e/

# ---- build: every dependency; the Prisma client, our TypeScript compiled to dist/, the admin UI ----
FROM manifests AS build
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build

# ---- run: the production dependencies of what runs here, the compiled JavaScript and the files it
# reads; no TypeScript source, no compiler, no test tool ----
FROM manifests
# --omit=optional and --omit=peer as well: npm would otherwise install devDependencies that a
# production package names as optional peers (prisma and typescript, for @prisma/client).
RUN npm ci --omit=dev --omit=optional --omit=peer --no-audit --no-fund \
      --workspace=@motcua/server --workspace=@motcua/workers --workspace=@motcua/db --workspace=@motcua/processes \
 && npm cache clean --force
COPY --from=build /app/common/dist common/dist
# A plain JavaScript module that common's package exports as it is.
COPY --from=build /app/common/src/xml/saxen.js common/src/xml/saxen.js
COPY --from=build /app/prisma/dist prisma/dist
COPY --from=build /app/domain/dist domain/dist
COPY --from=build /app/processes/dist processes/dist
COPY --from=build /app/workers/dist workers/dist
COPY --from=build /app/server/dist server/dist
COPY --from=build /app/admin-ui/dist admin-ui/dist
COPY prisma/migrations prisma/migrations
COPY processes/*.bpmn processes/
COPY server/assets server/assets
ENV ADMIN_UI_DIST=/app/admin-ui/dist
# The workers' notification log volume: a new named volume takes this folder's owner.
RUN mkdir -p /var/log/motcua && chown node:node /var/log/motcua
# The image's own unprivileged user: nothing here needs root, and /app stays read-only to it.
USER node
CMD ["node", "server/dist/server.js"]
