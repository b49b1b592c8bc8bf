export { combine, PRECEDENCE, sameRef } from './combine';
export { detectDataLayer, isCommerceEntry } from './datalayer';
export { detectPurchase } from './detect';
export { detectJsonLd } from './jsonld';
export { detectMicrodata } from './microdata';
export { type Observation, type ObserveEnd, type ObserveOptions, observePurchase } from './observe';
export { installDataLayerProbe, type ProbeOptions, toPlain } from './probe';
export { detectRules } from './rules';
export type { DetectionResult, Finding, PageSnapshot } from './types';
