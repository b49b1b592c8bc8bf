export * from './expression';
export * from './localize';
export * from './questions';
export * from './steps';
export * from './streak';
export * from './summary';
export * from './validate';
