# claimcheck GitHub App server. Build: docker build -t claimcheck-app .
# Run:   docker run --rm -p 3000:3000 -e APP_ID -e WEBHOOK_SECRET -e PRIVATE_KEY claimcheck-app
# Configuration is by environment only (docs/deployment.md); .env files are not copied in.

# --- build: all dependencies, compile src/ to dist/ ----------------------------------------------
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
# --ignore-scripts: `prepare` would build before the sources are copied; the build step is below
RUN npm ci --ignore-scripts
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
COPY scripts ./scripts
RUN npm run build

# --- run: production dependencies, dist/ and bin/ only, as the unprivileged `node` user -----------
FROM node:20-bookworm-slim
ENV NODE_ENV=production HOST=0.0.0.0 PORT=3000
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --ignore-scripts && npm cache clean --force
COPY --from=build /app/dist ./dist
COPY bin ./bin
USER node
EXPOSE 3000
# GET /health answers 200 while the server serves (no GitHub call is made; GET /ready also checks GitHub)
HEALTHCHECK --interval=30s --timeout=5s --start-period=15s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/health').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
CMD ["node", "bin/claimcheck-app.js"]
