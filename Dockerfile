# Vigie: build with dev dependencies, run with production ones only, as a non-root user.
FROM node:20-slim AS build
WORKDIR /app
COPY package.json package-lock.json tsconfig.json tsconfig.build.json ./
COPY src ./src
# bin/copy-lua.js puts the Redis Lua scripts beside the compiled store during the build.
COPY bin ./bin
RUN npm ci --ignore-scripts --no-audit --no-fund \
 && npm run build \
 && npm prune --omit=dev

FROM node:20-slim
ENV NODE_ENV=production \
    PORT=3000 \
    RUNBOOKS_DIR=/app/runbooks
WORKDIR /app
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY package.json ./
COPY bin ./bin
# The seed runbooks; mount your own over /app/runbooks (read-only) to change them without a rebuild.
COPY runbooks ./runbooks
# The post-mortem template Vigie fills on resolution (POSTMORTEM_TEMPLATE).
COPY docs/compliance ./docs/compliance
# The local sandbox page (npm start without a Slack token).
COPY sandbox-ui ./sandbox-ui
USER node
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=3s --start-period=15s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
CMD ["node", "dist/main.js"]
