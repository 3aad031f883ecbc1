# Profilehub: the API server (bundled) and the admin UI (next build) in one image; compose.yaml runs each
# as its own container against PostgreSQL. Build: docker build -t profilehub .

FROM node:20-bookworm-slim AS build
WORKDIR /app
ENV NEXT_TELEMETRY_DISABLED=1
# Manifests first, so the dependency layer is reused while only sources change.
COPY package.json package-lock.json ./
COPY patches ./patches
COPY apps/server/package.json apps/server/
COPY apps/admin/package.json apps/admin/
COPY packages/api/package.json packages/api/
COPY packages/client/package.json packages/client/
COPY packages/db/package.json packages/db/
COPY packages/rest/package.json packages/rest/
RUN npm ci --no-audit --no-fund
COPY . .
RUN npx turbo run build --filter=@profilehub/server --filter=@profilehub/admin \
 && npm prune --omit=dev --no-audit --no-fund

FROM node:20-bookworm-slim AS runtime
WORKDIR /app
ENV NODE_ENV=production NEXT_TELEMETRY_DISABLED=1 HOST=0.0.0.0 PORT=3100 ADMIN_PORT=3000 PROFILEHUB_DATA_DIR=/data
COPY --from=build /app/package.json /app/package-lock.json ./
COPY --from=build /app/node_modules ./node_modules
# Workspace links in node_modules/@profilehub point at these folders; the server bundle needs only the
# manifests and the migrations, the admin its build output.
COPY --from=build /app/packages/api/package.json packages/api/
COPY --from=build /app/packages/client/package.json packages/client/
COPY --from=build /app/packages/rest/package.json packages/rest/
COPY --from=build /app/packages/db/package.json packages/db/
COPY --from=build /app/packages/db/drizzle packages/db/drizzle
COPY --from=build /app/apps/server/package.json apps/server/
COPY --from=build /app/apps/server/dist apps/server/dist
COPY --from=build /app/apps/admin/package.json /app/apps/admin/next.config.ts apps/admin/
COPY --from=build /app/apps/admin/.next apps/admin/.next
RUN mkdir -p /data && chown node:node /data
USER node
VOLUME ["/data"]
EXPOSE 3100 3000
# Ready = /readyz answers 200, over HTTPS when TLS_CERT_FILE is set (the server then speaks nothing else).
# A liveness probe on loopback: it checks the process answers, not the certificate's name (127.0.0.1).
HEALTHCHECK --interval=10s --timeout=3s --start-period=20s CMD ["node", "-e", "require(process.env.TLS_CERT_FILE?'https':'http').get({host:'127.0.0.1',port:process.env.PORT,path:'/readyz',rejectUnauthorized:false,timeout:2500},r=>process.exit(r.statusCode===200?0:1)).on('error',()=>process.exit(1)).on('timeout',()=>process.exit(1))"]
CMD ["node", "--enable-source-maps", "--max-old-space-size=1024", "apps/server/dist/main.js"]
