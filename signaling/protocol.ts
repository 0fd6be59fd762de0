/**
 * The OnCall wire protocol: every event name, payload schema and type that crosses between the
 * signaling server and its clients. Imported by both ends; depends on zod only.
 */
export * from './protocol/common.js';
export * from './protocol/outcomes.js';
export * from './protocol/directory.js';
export * from './protocol/calls.js';
export * from './protocol/queue.js';
export * from './protocol/events.js';
export * from './protocol/http.js';
export * from './protocol/reports.js';
export * from './protocol/report-tables.js';
export * from './protocol/admin.js';
