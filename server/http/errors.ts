/**
 * An error a person can act on. `code` is stable for programs; the message is looked up under
 * errors.<code> and translated for the reader at the edge: in locales/<lng>/server.json for staff,
 * in locales/<lng>/client.json for a kiosk, display or phone (see error-handler.ts).
 */
export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly vars: Record<string, string | number> = {},
    /** Field-level messages: field name → message key under errors.* */
    readonly fields: Record<string, string> = {},
  ) {
    super(code);
  }
}

export const badRequest = (code: string, vars?: Record<string, string | number>) => new AppError(400, code, vars);
export const fieldError = (field: string, code: string) => new AppError(400, 'validation', {}, { [field]: code });
export const notFound = (code = 'not_found') => new AppError(404, code);
export const conflict = (code: string, field?: string) => new AppError(409, code, {}, field ? { [field]: code } : {});
export const forbidden = (code = 'forbidden') => new AppError(403, code);
export const unauthorized = (code = 'unauthenticated') => new AppError(401, code);
