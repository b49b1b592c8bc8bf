export { bundledPartners } from './catalogue';
export { expectedConfirmation, nextArrival, type PendingClaim } from './confirmation';
export { PartnerIndex, siteKey } from './match';
export { orphanOrigins, partnerOrigins, sitePattern } from './origins';
