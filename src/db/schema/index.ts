export * from './admins';
export * from './audit-events';
export * from './jobs';
export * from './processed-slack-events';
export * from './slack-outbox';
export * from './partners';
export * from './projects';
export * from './escalations';
