/** What a secret's attributes mean at a glance: disabled, expired, expiring, not yet valid. */

export type SecretStateKind = 'disabled' | 'expired' | 'notYetValid' | 'expiring' | 'ok';

export interface SecretAttributes {
  readonly enabled?: boolean;
  readonly notBefore?: Date;
  readonly expiresOn?: Date;
}

export interface SecretState {
  readonly kind: SecretStateKind;
  /** Whole days until expiry (expiring) or since expiry (expired), rounded toward the nearer day. */
  readonly days?: number;
  /** A few words for a tree description: "expires in 12 days", "expired 3 days ago", "disabled". */
  readonly summary: string;
}

const DAY_MS = 86_400_000;

function plural(n: number, unit: string): string {
  return `${n} ${unit}${n === 1 ? '' : 's'}`;
}

/**
 * The state of a secret (or version) at `now`. Order: disabled, expired, not yet valid,
 * expiring within `expiringWithinDays`, ok. A secret without an expiry date never expires.
 */
export function secretState(attrs: SecretAttributes, now: Date, expiringWithinDays: number): SecretState {
  if (attrs.enabled === false) return { kind: 'disabled', summary: 'disabled' };
  const t = now.getTime();
  if (attrs.expiresOn && attrs.expiresOn.getTime() <= t) {
    const days = Math.floor((t - attrs.expiresOn.getTime()) / DAY_MS);
    return { kind: 'expired', days, summary: days === 0 ? 'expired today' : `expired ${plural(days, 'day')} ago` };
  }
  if (attrs.notBefore && attrs.notBefore.getTime() > t) {
    const days = Math.ceil((attrs.notBefore.getTime() - t) / DAY_MS);
    return { kind: 'notYetValid', days, summary: `valid from ${isoDate(attrs.notBefore)}` };
  }
  if (attrs.expiresOn) {
    const ms = attrs.expiresOn.getTime() - t;
    const days = Math.ceil(ms / DAY_MS);
    if (days <= Math.max(0, expiringWithinDays)) {
      return { kind: 'expiring', days, summary: ms < DAY_MS ? 'expires within a day' : `expires in ${plural(days, 'day')}` };
    }
  }
  return { kind: 'ok', summary: '' };
}

export function isoDate(d: Date): string {
  return d.toISOString().slice(0, 10);
}
