import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { createMentorCloudClient, expectOk, ProblemError, signIn, unwrap } from "../src/index.js";

/** A fetch that records each request and answers with the given response. */
function fakeFetch(answer: (request: Request) => Response | Promise<Response>) {
  const requests: Request[] = [];
  const fetch = async (request: Request) => {
    requests.push(request.clone());
    return answer(request);
  };
  return { fetch, requests };
}

const json = (body: unknown, status = 200, contentType = "application/json") =>
  new Response(JSON.stringify(body), { status, headers: { "Content-Type": contentType } });

const problem = (body: Record<string, unknown>) => json(body, body.status as number, "application/problem+json");

const page = { items: [], page: 1, pageSize: 50, totalCount: 0 };

describe("createMentorCloudClient", () => {
  test("sends the token as a bearer token and the language as Accept-Language", async () => {
    const { fetch, requests } = fakeFetch(() => json(page));
    const client = createMentorCloudClient({ baseUrl: "http://mc.test", token: "abc", language: "en", fetch });

    await expectOk(client.GET("/api/v1/districts"));

    assert.equal(requests[0]?.url, "http://mc.test/api/v1/districts");
    assert.equal(requests[0]?.headers.get("Authorization"), "Bearer abc");
    assert.equal(requests[0]?.headers.get("Accept-Language"), "en");
  });

  test("asks a token function before every request, so a refreshed token is used", async () => {
    const { fetch, requests } = fakeFetch(() => json(page));
    let current = "first";
    const client = createMentorCloudClient({ baseUrl: "http://mc.test", token: async () => current, fetch });

    await expectOk(client.GET("/api/v1/districts"));
    current = "second";
    await expectOk(client.GET("/api/v1/districts"));

    assert.deepEqual(requests.map((r) => r.headers.get("Authorization")), ["Bearer first", "Bearer second"]);
  });

  test("sends no Authorization or Accept-Language header when there is no token or language", async () => {
    const { fetch, requests } = fakeFetch(() => json(page));
    const client = createMentorCloudClient({ baseUrl: "http://mc.test", token: () => undefined, fetch });

    await expectOk(client.GET("/api/v1/districts"));

    assert.equal(requests[0]?.headers.has("Authorization"), false);
    assert.equal(requests[0]?.headers.has("Accept-Language"), false);
  });

  test("fills a school path's {school} with the school code", async () => {
    const { fetch, requests } = fakeFetch(() => json(page));
    const client = createMentorCloudClient({ baseUrl: "http://mc.test/", fetch });

    await expectOk(client.GET("/api/v1/schools/{school}/students", { params: { path: { school: "demo-school" }, query: { classId: "c1" } } }));

    assert.equal(requests[0]?.url, "http://mc.test/api/v1/schools/demo-school/students?classId=c1");
  });

  test("a header given on the call wins over the client's", async () => {
    const { fetch, requests } = fakeFetch(() => json(page));
    const client = createMentorCloudClient({ baseUrl: "http://mc.test", token: "abc", language: "en", fetch });

    await expectOk(client.GET("/api/v1/districts", { headers: { Authorization: "Bearer other", "Accept-Language": "zh-CN" } }));

    assert.equal(requests[0]?.headers.get("Authorization"), "Bearer other");
    assert.equal(requests[0]?.headers.get("Accept-Language"), "zh-CN");
  });
});

describe("unwrap and expectOk", () => {
  test("return the body of a 2xx answer", async () => {
    const { fetch } = fakeFetch(() => json({ ...page, totalCount: 1, items: [{ id: "1", code: "demo", name: "Demo", createdAt: "2026-01-01T00:00:00Z" }] }));
    const client = createMentorCloudClient({ baseUrl: "http://mc.test", fetch });

    const districts = unwrap(await client.GET("/api/v1/districts"));

    assert.equal(districts.items[0]?.code, "demo");
  });

  test("throw a ProblemError carrying the problem details of a validation failure", async () => {
    const body = {
      type: "https://tools.ietf.org/html/rfc9110#section-15.5.1",
      title: "Validation failed",
      status: 400,
      errors: { label: ["'Label' must not be empty."] },
      traceId: "00-abc-01",
    };
    const { fetch } = fakeFetch(() => problem(body));
    const client = createMentorCloudClient({ baseUrl: "http://mc.test", fetch });

    const error = await expectOk(client.POST("/api/v1/schools/{school}/semesters", {
      params: { path: { school: "demo-school" } },
      body: { label: "", startsOn: "2026-09-01", endsOn: "2027-01-31" },
    })).then(() => assert.fail("expected a ProblemError"), (e: unknown) => e);

    assert.ok(error instanceof ProblemError);
    assert.ok(error instanceof Error);
    assert.equal(error.status, 400);
    assert.equal(error.title, "Validation failed");
    assert.equal(error.traceId, "00-abc-01");
    assert.deepEqual(error.errors, { label: ["'Label' must not be empty."] });
    assert.deepEqual(error.problem, body);
  });

  test("throw a ProblemError naming the rule of a 422", async () => {
    const { fetch } = fakeFetch(() => problem({ title: "Refused", status: 422, detail: "R3: the mentor is full.", rule: "R3", traceId: "t" }));
    const client = createMentorCloudClient({ baseUrl: "http://mc.test", fetch });

    await assert.rejects(expectOk(client.GET("/api/v1/districts")), (error: unknown) => {
      assert.ok(error instanceof ProblemError);
      assert.equal(error.status, 422);
      assert.equal(error.rule, "R3");
      assert.equal(error.detail, "R3: the mentor is full.");
      assert.equal(error.message, "422 Refused: R3: the mentor is full.");
      return true;
    });
  });

  test("throw a ProblemError for an error answer that is not problem details", async () => {
    const { fetch } = fakeFetch(() => new Response("upstream down", { status: 502, statusText: "Bad Gateway" }));
    const client = createMentorCloudClient({ baseUrl: "http://mc.test", fetch });

    await assert.rejects(expectOk(client.GET("/api/v1/districts")), (error: unknown) => {
      assert.ok(error instanceof ProblemError);
      assert.equal(error.status, 502);
      assert.equal(error.title, "Bad Gateway");
      assert.equal(error.detail, "upstream down");
      assert.equal(error.traceId, undefined);
      return true;
    });
  });
});

describe("signIn", () => {
  test("posts the username and password and returns the token answer", async () => {
    const { fetch, requests } = fakeFetch(() => json({ accessToken: "jwt", tokenType: "Bearer", expiresIn: 3600 }));

    const token = await signIn("http://mc.test", "demo-admin", "Demo#2026", { fetch });

    assert.equal(token.accessToken, "jwt");
    assert.equal(requests[0]?.method, "POST");
    assert.equal(requests[0]?.url, "http://mc.test/api/v1/auth/token");
    assert.equal(requests[0]?.headers.has("Authorization"), false);
    assert.deepEqual(await requests[0]?.json(), { username: "demo-admin", password: "Demo#2026" });
  });

  test("throws a ProblemError on bad credentials", async () => {
    const { fetch } = fakeFetch(() => problem({ title: "Unauthorized", status: 401, detail: "Wrong username or password.", lockedOut: false }));

    await assert.rejects(signIn("http://mc.test", "demo-admin", "wrong", { fetch, language: "en" }), (error: unknown) => {
      assert.ok(error instanceof ProblemError);
      assert.equal(error.status, 401);
      assert.equal(error.problem.lockedOut, false);
      return true;
    });
  });
});
