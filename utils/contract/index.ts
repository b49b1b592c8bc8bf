export * from './auth';
export * from './claim';
export * from './money';
export * from './partner';
export * from './problem';
export * from './sync';
export * from './text';
export * from './webhook';
