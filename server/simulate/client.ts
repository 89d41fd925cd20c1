/** A small HTTP client for driving a running Balcão as a staff member would. */
export class StaffClient {
  private cookie = '';
  private csrf = '';

  constructor(
    readonly baseUrl: string,
    readonly username: string,
  ) {}

  async signIn(password: string, totpCode?: string): Promise<void> {
    let res: Response;
    for (let attempt = 0; ; attempt++) {
      res = await fetch(`${this.baseUrl}/api/session`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: this.username, password, ...(totpCode ? { totpCode } : {}) }),
      });
      // Sign-ins are rate limited per address: wait as the server says, then try again.
      if (res.status !== 429 || attempt >= 3) break;
      await new Promise((r) => setTimeout(r, 1000 * Number(res.headers.get('retry-after') ?? 10)));
    }
    if (!res.ok) throw new Error(`sign-in of ${this.username} failed: ${res.status} ${await res.text()}`);
    this.cookie = (res.headers.get('set-cookie') ?? '').split(';')[0]!;
    this.csrf = ((await res.json()) as { csrfToken: string }).csrfToken;
  }

  async call<T = unknown>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<{ status: number; data: T }> {
    const res = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers: {
        cookie: this.cookie,
        'x-csrf-token': this.csrf,
        'accept-language': 'en',
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...headers,
      },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    const text = await res.text();
    return { status: res.status, data: (text ? JSON.parse(text) : null) as T };
  }

  async ok<T = unknown>(method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<T> {
    const res = await this.call<T>(method, path, body, headers);
    if (res.status >= 400) throw new Error(`${method} ${path} → ${res.status} ${JSON.stringify(res.data)}`);
    return res.data;
  }
}
