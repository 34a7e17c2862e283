// The console's HTTP API as a browser uses it: one signed-in agent per client, keeping the session cookie
// and the CSRF token of its login. Works against createApp and against the handoff suite's smaller server.

export interface ApiResponse<T = unknown> {
  status: number;
  body: T;
  headers: Headers;
}

/** A console user: keeps the cookie and the CSRF token of its login. */
export class AgentClient {
  cookie?: string;
  csrf?: string;
  agentId?: string;

  constructor(private readonly baseUrl: string) {}

  async login(email: string, password: string): Promise<ApiResponse<{ agent: { id: string; name: string; role: string }; csrfToken: string }>> {
    const res = await this.request<{ agent: { id: string; name: string; role: string }; csrfToken: string }>('POST', '/api/agent/login', { email, password });
    if (res.status === 200) {
      this.cookie = (res.headers.get('set-cookie') ?? '').split(';')[0];
      this.csrf = res.body.csrfToken;
      this.agentId = res.body.agent.id;
    }
    return res;
  }

  get<T = unknown>(path: string): Promise<ApiResponse<T>> {
    return this.request<T>('GET', path);
  }

  post<T = unknown>(path: string, body?: unknown, options: { csrf?: string | null; origin?: string } = {}): Promise<ApiResponse<T>> {
    return this.request<T>('POST', path, body, options);
  }

  async request<T>(method: string, path: string, body?: unknown, options: { csrf?: string | null; origin?: string } = {}): Promise<ApiResponse<T>> {
    const headers: Record<string, string> = {};
    if (this.cookie) headers.cookie = this.cookie;
    const csrf = options.csrf === undefined ? this.csrf : options.csrf;
    if (method !== 'GET' && csrf) headers['x-csrf-token'] = csrf;
    if (options.origin) headers.origin = options.origin;
    let payload: BodyInit | undefined;
    if (body instanceof FormData) payload = body;
    else if (body !== undefined) {
      headers['content-type'] = 'application/json';
      payload = JSON.stringify(body);
    }
    const res = await fetch(`${this.baseUrl}${path}`, { method, headers, body: payload });
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = JSON.parse(text);
    } catch {
      // Not JSON (a file): keep the text.
    }
    return { status: res.status, body: parsed as T, headers: res.headers };
  }
}
