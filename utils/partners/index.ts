export { bundledPartners } from './catalogue';
export { PartnerIndex, siteKey } from './match';
export { partnerOrigins, sitePattern } from './origins';
