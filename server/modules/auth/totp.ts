import { authenticator } from 'otplib';
import QRCode from 'qrcode';

// One step of tolerance either side absorbs clock drift between phone and server.
authenticator.options = { window: 1 };

export const newTotpSecret = (): string => authenticator.generateSecret();

/**
 * The time step (30-second period since the Unix epoch) whose code `code` is, within the window,
 * or null when it matches none. A sign-in records the step it accepted, so the same code — or an
 * older one — cannot be used again (see claimTotpStep).
 */
export function acceptedTotpStep(secret: string, code: string, epochMs = Date.now()): number | null {
  const clean = code.replace(/\s+/g, '');
  if (!/^\d{6}$/.test(clean)) return null;
  // One clock reading for both the check and the step, so a step boundary cannot fall between them.
  const at = authenticator.clone({ epoch: epochMs });
  try {
    const delta = at.checkDelta(clean, secret);
    return delta === null ? null : Math.floor(epochMs / 1000 / (at.options.step ?? 30)) + delta;
  } catch {
    return null;
  }
}

export const currentTotp = (secret: string): string => authenticator.generate(secret);

export function totpUri(username: string, secret: string, issuer = 'Balcão'): string {
  return authenticator.keyuri(username, issuer, secret);
}

export const totpQrSvg = (uri: string): Promise<string> => QRCode.toString(uri, { type: 'svg', margin: 1 });
