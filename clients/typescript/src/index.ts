import createClient, { type Client, type Middleware } from "openapi-fetch";
import type { components, paths } from "./schema.js";

export type { components, operations, paths } from "./schema.js";

/** The languages the service answers problem details in; it falls back to `zh-CN`. */
export type Language = "zh-CN" | "en";

/** A bearer token, or a function asked before every request (so a refreshed token is picked up). */
export type TokenSource = string | (() => string | undefined | Promise<string | undefined>);

export interface MentorCloudClientOptions {
  /** The service's origin, e.g. `https://mentorcloud.example.edu.cn`; the typed paths already start with `/api/v1`. */
  baseUrl: string;
  token?: TokenSource;
  language?: Language;
  /** Another fetch implementation, e.g. for tests or an older runtime. */
  fetch?: (input: Request) => Promise<Response>;
}

export type MentorCloudClient = Client<paths>;

export type Schemas = components["schemas"];
export type TokenResponse = Schemas["TokenResponse"];

/**
 * An RFC 9457 problem details body as the service sends it: the document's `ProblemDetails`, plus the `errors` of a 400
 * validation problem and any other extension member (e.g. `lockedOut` on a refused sign-in).
 */
export type Problem = Schemas["ProblemDetails"] & {
  errors?: Record<string, string[]>;
  [extension: string]: unknown;
};

/** A request the service answered with a status other than 2xx. */
export class ProblemError extends Error {
  readonly status: number;
  readonly title: string | undefined;
  readonly detail: string | undefined;
  readonly traceId: string | undefined;
  /** On 400: the messages per request field. */
  readonly errors: Record<string, string[]> | undefined;
  /** On 422: the business rule (R1–R16) that refused the change. */
  readonly rule: string | undefined;
  readonly problem: Problem;
  readonly response: Response;

  constructor(response: Response, body: unknown) {
    const problem = toProblem(response, body);
    super(`${response.status} ${problem.title ?? response.statusText}${problem.detail ? `: ${problem.detail}` : ""}`);
    this.name = "ProblemError";
    this.status = response.status;
    this.title = problem.title ?? undefined;
    this.detail = problem.detail ?? undefined;
    this.traceId = problem.traceId;
    this.errors = problem.errors;
    this.rule = problem.rule;
    this.problem = problem;
    this.response = response;
  }
}

function toProblem(response: Response, body: unknown): Problem {
  if (typeof body === "object" && body !== null && !Array.isArray(body)) return body as Problem;
  // Not problem details (e.g. a proxy's error page): keep what there is.
  return {
    status: response.status,
    title: response.statusText || null,
    detail: typeof body === "string" && body.length > 0 ? body : null,
  };
}

/** What every openapi-fetch call resolves to. */
export interface ApiResult<T> {
  data?: T;
  error?: unknown;
  response: Response;
}

/** The answer's body when the status is 2xx; otherwise throws a {@link ProblemError}. */
export function unwrap<T>(result: ApiResult<T>): T {
  if (!result.response.ok) throw new ProblemError(result.response, result.error);
  return result.data as T;
}

/** `await expectOk(client.GET(...))`: {@link unwrap} for a pending call. */
export async function expectOk<T>(pending: Promise<ApiResult<T>>): Promise<T> {
  return unwrap(await pending);
}

function headersMiddleware(token: TokenSource | undefined, language: Language | undefined): Middleware {
  return {
    async onRequest({ request }) {
      // A header set on the call itself wins, e.g. another user's token for one request.
      if (token !== undefined && !request.headers.has("Authorization")) {
        const value = typeof token === "function" ? await token() : token;
        if (value) request.headers.set("Authorization", `Bearer ${value}`);
      }
      if (language !== undefined && !request.headers.has("Accept-Language")) request.headers.set("Accept-Language", language);
      return request;
    },
  };
}

/** A client whose methods are typed by the service's paths: `client.GET("/api/v1/schools/{school}/students", …)`. */
export function createMentorCloudClient(options: MentorCloudClientOptions): MentorCloudClient {
  const client = createClient<paths>({ baseUrl: options.baseUrl, ...(options.fetch ? { fetch: options.fetch } : {}) });
  client.use(headersMiddleware(options.token, options.language));
  return client;
}

/** Exchanges a username and password for a bearer token (`POST /api/v1/auth/token`); a refusal throws a {@link ProblemError}. */
export async function signIn(
  baseUrl: string,
  username: string,
  password: string,
  options: Omit<MentorCloudClientOptions, "baseUrl" | "token"> = {},
): Promise<TokenResponse> {
  const client = createMentorCloudClient({ ...options, baseUrl });
  return expectOk(client.POST("/api/v1/auth/token", { body: { username, password } }));
}
