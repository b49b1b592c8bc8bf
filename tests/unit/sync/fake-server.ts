import type {
  Ack,
  Balance,
  Money,
  Op,
  RejectCode,
  ServerEntry,
  SyncRequest,
  SyncResponse,
} from '../../../utils/contract';
import { SyncError, type SyncTransport } from '../../../utils/sync';

/** A reward the fake can redeem: its price, and how many codes are left. */
export interface FakeReward {
  price: number;
  value: Money;
  partnerId: string | null;
  stock: number;
}

/**
 * An in-memory stand-in for the backend's sync semantics (idempotent ops,
 * one claim per partner+order, coupon activations once per coupon,
 * redemptions within the available points, one reward per survey and a
 * badge for the first, paged changes), with knobs for faults.
 * The real server is tested against the same contract in tests/server.
 */
export class FakeServer implements SyncTransport {
  entries: ServerEntry[] = [];
  acks = new Map<string, Ack>();
  requests: SyncRequest[] = [];
  /** Fail the next N requests with this error. */
  failNext: { count: number; error: () => SyncError } = {
    count: 0,
    error: () => new SyncError('offline', 'x'),
  };
  /** Op ids the server cannot apply: any batch holding one answers 500, before any work. */
  poison = new Set<string>();
  /** How often each op id was acked in a response the client received. */
  delivered = new Map<string, number>();
  /** Store the ops but "lose" the response, like a dropped connection. */
  dropNextResponses = 0;
  pageSize = 500;
  /** Coupons that can be activated, with the activations left. */
  coupons = new Map<string, { stock: number; partnerId: string }>();
  rewards = new Map<string, FakeReward>();
  /** Surveys that can be answered, with their reward. */
  surveys = new Map<string, { points: number }>();
  shuffleAcks = false;
  duplicateChanges = false;
  #seq = 0;

  async sync(req: SyncRequest): Promise<SyncResponse> {
    this.requests.push(structuredClone(req));
    if (this.failNext.count > 0) {
      this.failNext.count--;
      throw this.failNext.error();
    }
    if (req.ops.some((op) => this.poison.has(op.id))) {
      throw new SyncError('server', 'server answered 500: Internal', 500);
    }
    const acks = req.ops.map((op) => this.#apply(op));
    if (this.shuffleAcks) acks.reverse();
    if (this.dropNextResponses > 0) {
      this.dropNextResponses--;
      throw new SyncError('offline', 'connection dropped after commit');
    }
    for (const ack of acks) this.delivered.set(ack.opId, (this.delivered.get(ack.opId) ?? 0) + 1);
    const after = this.entries.filter((e) => e.seq > req.cursor);
    const page = after.slice(0, this.pageSize);
    const changes = this.duplicateChanges ? [...page, ...page] : page;
    return {
      acks,
      changes,
      cursor: page.at(-1)?.seq ?? req.cursor,
      hasMore: after.length > page.length,
      balance: this.balance(),
    };
  }

  #apply(op: Op): Ack {
    const known = this.acks.get(op.id);
    if (known) return known;
    if (op.type !== 'claim') {
      const ack =
        op.type === 'activate-coupon'
          ? this.#activate(op)
          : op.type === 'redeem'
            ? this.#redeem(op)
            : op.type === 'survey-answer'
              ? this.#answer(op)
              : // Missing-purchase reports are tested against the real server.
                {
                  opId: op.id,
                  status: 'rejected' as const,
                  code: 'invalid' as const,
                  reason: 'n/a',
                };
      this.acks.set(op.id, ack);
      return ack;
    }
    const dup = this.entries.find(
      (e) =>
        e.kind === 'claim' &&
        e.partnerId === op.claim.partnerId &&
        e.orderRef === op.claim.orderRef,
    );
    const ack: Ack = dup
      ? {
          opId: op.id,
          status: 'rejected',
          code: 'duplicate-order',
          reason: 'order already claimed',
        }
      : {
          opId: op.id,
          status: 'accepted',
          seq: this.#add({
            id: op.id,
            kind: 'claim',
            claimId: null,
            partnerId: op.claim.partnerId,
            orderRef: op.claim.orderRef,
            amount: op.claim.total,
            points: Math.floor((op.claim.total.minor * 2) / 100),
            reason: null,
          }),
        };
    this.acks.set(op.id, ack);
    return ack;
  }

  #refuse(opId: string, code: RejectCode): Ack {
    return { opId, status: 'rejected', code, reason: `refused: ${code}` };
  }

  #activate(op: Extract<Op, { type: 'activate-coupon' }>): Ack {
    const coupon = this.coupons.get(op.couponId);
    if (!coupon) return this.#refuse(op.id, 'unknown-coupon');
    if (this.entries.some((e) => e.kind === 'activate' && e.couponId === op.couponId))
      return this.#refuse(op.id, 'coupon-already-active');
    if (coupon.stock <= 0) return this.#refuse(op.id, 'coupon-sold-out');
    coupon.stock--;
    const seq = this.#add({
      id: op.id,
      kind: 'activate',
      claimId: null,
      partnerId: coupon.partnerId,
      orderRef: null,
      amount: null,
      points: 0,
      reason: null,
      couponId: op.couponId,
    });
    return { opId: op.id, status: 'accepted', seq };
  }

  #redeem(op: Extract<Op, { type: 'redeem' }>): Ack {
    const reward = this.rewards.get(op.rewardId);
    if (!reward) return this.#refuse(op.id, 'unknown-reward');
    if (reward.stock <= 0) return this.#refuse(op.id, 'reward-sold-out');
    if (this.balance().available < reward.price) return this.#refuse(op.id, 'insufficient-points');
    reward.stock--;
    const seq = this.#add({
      id: op.id,
      kind: 'spend',
      claimId: null,
      partnerId: reward.partnerId,
      orderRef: null,
      amount: null,
      points: -reward.price,
      reason: null,
      voucher: {
        rewardId: op.rewardId,
        code: `CODE-${this.#seq + 1}`,
        value: reward.value,
        partnerId: reward.partnerId,
        expiresAt: '2027-12-31T00:00:00.000Z',
      },
    });
    return { opId: op.id, status: 'accepted', seq };
  }

  #answer(op: Extract<Op, { type: 'survey-answer' }>): Ack {
    const survey = this.surveys.get(op.surveyId);
    if (!survey) return this.#refuse(op.id, 'unknown-survey');
    const answered = this.entries.filter((e) => e.kind === 'survey');
    if (answered.some((e) => e.surveyId === op.surveyId))
      return this.#refuse(op.id, 'survey-already-answered');
    const entry = { claimId: null, partnerId: null, orderRef: null, amount: null, reason: null };
    const seq = this.#add({
      ...entry,
      id: op.id,
      kind: 'survey',
      points: survey.points,
      surveyId: op.surveyId,
    });
    if (answered.length === 0)
      this.#add({
        ...entry,
        id: crypto.randomUUID(),
        kind: 'badge',
        points: 0,
        badge: 'first-survey',
      });
    return { opId: op.id, status: 'accepted', seq };
  }

  /** Points made available at once (e.g. a released bonus), so there is something to redeem. */
  bonus(points: number): void {
    this.#add({
      id: crypto.randomUUID(),
      kind: 'bonus',
      claimId: null,
      partnerId: null,
      orderRef: null,
      amount: null,
      points,
      reason: null,
    });
  }

  /** The member's tier changed (as the server posts it after a confirmation or a review). */
  tier(tierId: string, code: 'tier-up' | 'tier-down' = 'tier-up'): void {
    this.#add({
      id: crypto.randomUUID(),
      kind: 'tier',
      claimId: null,
      partnerId: null,
      orderRef: null,
      amount: null,
      points: 0,
      reason: null,
      code,
      tierId,
    });
  }

  redemptions(): number {
    return this.entries.filter((e) => e.kind === 'spend' && e.voucher).length;
  }

  #add(e: Omit<ServerEntry, 'seq' | 'at'>): number {
    const seq = ++this.#seq;
    this.entries.push({ ...e, seq, at: new Date(1_700_000_000_000 + seq).toISOString() });
    return seq;
  }

  confirm(claimId: string, points?: number): void {
    const c = this.entries.find((e) => e.id === claimId)!;
    this.#add({
      id: crypto.randomUUID(),
      kind: 'confirm',
      claimId,
      partnerId: c.partnerId,
      orderRef: c.orderRef,
      amount: c.amount,
      points: points ?? c.points,
      reason: null,
    });
  }
  cancel(claimId: string, reason: string): void {
    const c = this.entries.find((e) => e.id === claimId)!;
    this.#add({
      id: crypto.randomUUID(),
      kind: 'reject',
      claimId,
      partnerId: c.partnerId,
      orderRef: c.orderRef,
      amount: null,
      points: 0,
      reason,
    });
  }
  adjust(claimId: string, points: number): void {
    const c = this.entries.find((e) => e.id === claimId)!;
    this.#add({
      id: crypto.randomUUID(),
      kind: 'adjust',
      claimId,
      partnerId: c.partnerId,
      orderRef: c.orderRef,
      amount: null,
      points,
      reason: 'partial return',
    });
  }

  balance(): Balance {
    let available = 0;
    let pending = 0;
    for (const e of this.entries) {
      if (e.kind === 'claim') {
        const settled = this.entries.find(
          (s) => s.claimId === e.id && (s.kind === 'confirm' || s.kind === 'reject'),
        );
        if (!settled) pending += e.points;
      } else if (
        e.kind === 'confirm' ||
        e.kind === 'adjust' ||
        e.kind === 'bonus' ||
        e.kind === 'spend' ||
        e.kind === 'survey'
      ) {
        available += e.points;
      }
    }
    return { available: Math.max(0, available), pending };
  }

  claimCount(): number {
    return this.entries.filter((e) => e.kind === 'claim').length;
  }
}
