import type { Carrier } from './api/types';

/** A tracking number as scanners and people type it: upper case, without spaces or dashes. */
export function normalizeTracking(value: string): string {
  return value.toUpperCase().replace(/[\s-]/g, '');
}

/**
 * The carrier of a tracking number, by its shape (the same rules as the server's, so the desk sees it
 * as soon as the number is typed; staff can still change it):
 * UPS `1Z` + 16; Amazon `TBA` + 12 digits; DHL 10 digits or `JD` + 18 digits; Canada Post 16 digits or
 * two letters, 9 digits, `CA`; FedEx 12, 15, 20 or 22 digits; anything else "other".
 */
export function detectCarrier(value: string): Carrier {
  const n = normalizeTracking(value);
  if (/^1Z[0-9A-Z]{16}$/.test(n)) {
    return 'ups';
  }
  if (/^TBA\d{12}$/.test(n)) {
    return 'amazon';
  }
  if (/^\d{10}$/.test(n) || /^JD\d{18}$/.test(n)) {
    return 'dhl';
  }
  if (/^\d{16}$/.test(n) || /^[A-Z]{2}\d{9}CA$/.test(n)) {
    return 'canada-post';
  }
  if (/^(\d{12}|\d{15}|\d{20}|\d{22})$/.test(n)) {
    return 'fedex';
  }
  return 'other';
}

/**
 * A pickup code as typed or scanned: 8 letters and digits, in two groups of 4 with or without the
 * dash (`K7M4-Q2XP`, `k7m4 q2xp`). Returns the 8 characters, or undefined when it is not one.
 */
export function normalizePickupCode(value: string): string | undefined {
  const n = value.toUpperCase().replace(/[\s-]/g, '');
  return /^[0-9A-Z]{8}$/.test(n) ? n : undefined;
}
