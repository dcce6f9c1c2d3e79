export * from './connection';
export * from './credentialTypes';
export * from './request';
export * from './paths';
export * from './rateBudget';
export * from './errorMapper';
export * from './options';
export * from './bounds';
