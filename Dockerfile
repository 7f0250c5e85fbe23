# One image for the Node.js parts (server with the built admin UI, workers, migrations, deployment);
# docker-compose.yml picks the command. The engine has its own image (engine/Dockerfile).
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json .npmrc ./
COPY common/package.json common/
COPY prisma/package.json prisma/
COPY processes/package.json processes/
COPY workers/package.json workers/
COPY server/package.json server/
COPY admin-ui/package.json admin-ui/
COPY e2e/package.json e2e/
RUN npm ci --no-audit --no-fund
COPY . .
RUN node prisma/scripts/generate.mjs && npm run build -w admin-ui

FROM node:20-bookworm-slim
WORKDIR /app
ENV ADMIN_UI_DIST=/app/admin-ui/dist
COPY --from=build /app /app
# The workers' notification log volume: a new named volume takes this folder's owner.
RUN mkdir -p /var/log/motcua && chown node:node /var/log/motcua
USER node
