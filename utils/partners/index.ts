export { bundledPartners } from './catalogue';
export { PartnerIndex, siteKey } from './match';
export { orphanOrigins, partnerOrigins, sitePattern } from './origins';
