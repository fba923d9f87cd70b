export { buildServer, VERSION, type ServerOptions } from './app.js';
export { buildOpenApi } from './openapi.js';
export { createLogger } from './logger.js';
export { apiRoutes } from './routes/index.js';
export type { RouteSpec } from './http/route.js';
export { startServer, type RunningServer } from './start.js';
export { serveMcpStdio } from './mcp/stdio.js';
