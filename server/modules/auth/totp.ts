import { authenticator } from 'otplib';
import QRCode from 'qrcode';

// One step of tolerance either side absorbs clock drift between phone and server.
authenticator.options = { window: 1 };

export const newTotpSecret = (): string => authenticator.generateSecret();

export function checkTotp(secret: string, code: string): boolean {
  const clean = code.replace(/\s+/g, '');
  if (!/^\d{6}$/.test(clean)) return false;
  try {
    return authenticator.check(clean, secret);
  } catch {
    return false;
  }
}

export const currentTotp = (secret: string): string => authenticator.generate(secret);

export function totpUri(username: string, secret: string, issuer = 'Balcão'): string {
  return authenticator.keyuri(username, issuer, secret);
}

export const totpQrSvg = (uri: string): Promise<string> => QRCode.toString(uri, { type: 'svg', margin: 1 });
