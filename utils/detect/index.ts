export { combine, PRECEDENCE, sameRef } from './combine';
export { isCommerceEntry } from './commerce';
export { detectDataLayer } from './datalayer';
export { detectPurchase } from './detect';
export { detectJsonLd } from './jsonld';
export { detectMicrodata } from './microdata';
export { type Observation, type ObserveEnd, type ObserveOptions, observePurchase } from './observe';
export { installDataLayerProbe, type ProbeOptions, toPlain } from './probe';
export { detectRules } from './rules';
export {
  type DetectionResult,
  type Finding,
  NO_CLAIM_CODES,
  type NoClaim,
  type NoClaimCode,
  type PageSnapshot,
} from './types';
