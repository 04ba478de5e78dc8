# syntax=docker/dockerfile:1
# The production image: the compiled API and web app on Node 24 (the current LTS; package.json engines:
# ^20.19.0 || ^22.13.0 || >=24.11.0), talking to the PostgreSQL in DATABASE_URL.
FROM node:24-bookworm-slim AS build
# npm 11 honours package.json "allowScripts" (only the listed install scripts run), as on our machines.
RUN npm install -g npm@11
WORKDIR /app
COPY package.json package-lock.json .npmrc ./
RUN npm ci
COPY . .
RUN npm run build && npm prune --omit=dev

FROM node:24-bookworm-slim
ENV NODE_ENV=production PORT=3000 HOST=0.0.0.0
WORKDIR /app
COPY --from=build --chown=node:node /app/package.json ./
COPY --from=build --chown=node:node /app/node_modules ./node_modules
COPY --from=build --chown=node:node /app/dist ./dist
COPY --from=build --chown=node:node /app/web/dist ./web/dist
USER node
EXPOSE 3000
HEALTHCHECK --interval=10s --timeout=3s --start-period=30s --retries=5 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:3000/health/ready').then(r => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
CMD ["node", "dist/src/main.js"]
