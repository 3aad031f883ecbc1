export * from './appgate';
export * from './audit';
export * from './flexcare';
export * from './identity';
export * from './rpdb';
export * from './soajs';
export * from './twon';
export * from './workspaces';
