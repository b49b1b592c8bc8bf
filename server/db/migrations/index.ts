import { initial } from './001_initial';
import { program } from './002_program';
import { trust } from './003_trust';
import { history } from './004_history';
import { programRules } from './005_program';
import { surveys } from './006_surveys';
import { missingClaims } from './007_missing_claims';
import { expiry } from './008_expiry';
import { donations } from './009_donations';
import { referralsPlans } from './010_referrals_plans';
import { distributable } from './011_distributable';
import type { Migration } from './types';

export type { Migration } from './types';

/** In version order. Never edit a released migration: add the next one. */
export const migrations: Migration[] = [
  initial,
  program,
  trust,
  history,
  programRules,
  surveys,
  missingClaims,
  expiry,
  donations,
  referralsPlans,
  distributable,
];
