/**
 * Bad input through the real routes, on both engines: malformed JSON, wrong types, unknown fields,
 * bodies over the limit, prototype pollution, SQL-injection and markup strings, NUL characters.
 * Each gets a 4xx problem document with a code, and the data is read back unchanged (or, for
 * hostile text that is valid, stored and returned verbatim). server.test.ts covers the error
 * handling itself on a route of its own; these go through the routes users call.
 */
import { ENGINES } from "@custra/db/testing";
import type { LightMyRequestResponse } from "fastify";
import { describe, expect, it } from "vitest";
import { form } from "./testing/multipart.ts";
import { routeTestServer } from "./testing/route-test-server.ts";
import type { SignedIn } from "./testing/sign-in.ts";

/** Text that breaks a query built by concatenation, or a page that renders it as markup. */
const HOSTILE = [
  "'; DROP TABLE customers; --",
  "<script>alert(1)</script>",
  '" OR 1=1 --',
  "Robert'); DELETE FROM users WHERE ('1'='1",
  "客户 🚀 e\u0301 \u202eRTL\u202c zero\u200bwidth \\N \\x00 %s \u0024{x} {{x}}",
] as const;

const NUL = "before\u0000after";

function expectProblem(response: LightMyRequestResponse, status: number, code: string | RegExp): void {
  expect(response.statusCode, response.body).toBe(status);
  expect(response.headers["content-type"]).toMatch(/^application\/problem\+json/);
  const problem = response.json();
  if (typeof code === "string") expect(problem.code).toBe(code);
  else expect(problem.code).toMatch(code);
  expect(problem).toMatchObject({ status, type: `urn:custra:error:${problem.code}` });
  expect(typeof problem.detail).toBe("string");
}

for (const engine of ENGINES) {
  describe(`hostile input through the routes on ${engine}`, () => {
    // The default body limit (1 MiB), as a server started without CUSTRA_BODY_LIMIT has.
    const server = routeTestServer(engine, { company: { analyse: true } });

    const send = (
      who: SignedIn,
      method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE",
      url: string,
      payload?: string | object,
      headers: Record<string, string> = {},
    ) =>
      server.app.inject({
        method,
        url,
        headers: { ...who.headers, "accept-language": "en", ...headers },
        ...(payload === undefined ? {} : { payload }),
      });
    const json = { "content-type": "application/json" };
    /** Every table these requests could write to, by its row count. */
    const counts = async () => {
      const out: Record<string, number> = {};
      for (const table of [
        "customers",
        "users",
        "departments",
        "grade_pins",
        "customer_shares",
        "roles",
      ] as const)
        out[table] = Number(
          (
            await server.handle.db
              .selectFrom(table)
              .select((eb) => eb.fn.countAll().as("n"))
              .executeTakeFirstOrThrow()
          ).n,
        );
      return out;
    };
    const pinUrl = "/api/v1/grades/customers/CA1/pin";
    const gradeOf = async () =>
      (
        await send(server.company.admin, "GET", "/api/v1/grades/customers/CA1/explanation?scheme=value")
      ).json().grades[0].grade as string;

    it("refuses malformed JSON on every kind of write with 400 SERVER_INVALID_JSON, writing nothing", async () => {
      const before = await counts();
      const broken = ['{"name": "x", ', "{name: 'x'}", '{"name": "x"}}', "", "\u0000", '{"name":"\\ud800"'];
      for (const body of broken) {
        for (const [method, url] of [
          ["POST", "/api/v1/departments"],
          ["POST", "/api/v1/users"],
          ["PUT", pinUrl],
          ["POST", `/api/v1/customers/CA1/shares`],
        ] as const) {
          const response = await send(server.company.admin, method, url, body, json);
          expectProblem(response, 400, "SERVER_INVALID_JSON");
        }
      }
      expect(await counts()).toEqual(before);
    });

    it("refuses a prototype-polluting body with a 400 problem, not a crash", async () => {
      const before = await counts();
      for (const body of [
        '{"name": "x", "__proto__": {"isAdmin": true}}',
        '{"name": "x", "constructor": {"prototype": {"isAdmin": true}}}',
      ]) {
        const response = await send(server.company.admin, "POST", "/api/v1/departments", body, json);
        expectProblem(response, 400, /^(SERVER_INVALID_JSON|APP_INVALID_INPUT)$/);
      }
      expect(({} as Record<string, unknown>).isAdmin).toBeUndefined();
      expect(await counts()).toEqual(before);
    });

    it("refuses wrong types and unknown fields with 400 naming each field, writing nothing", async () => {
      const before = await counts();
      const wrongTypes = await send(server.company.admin, "POST", "/api/v1/users", {
        email: 42,
        name: ["a"],
        role: { code: "admin" },
        password: true,
      });
      expectProblem(wrongTypes, 400, "APP_INVALID_INPUT");
      for (const field of ["body.email", "body.name", "body.role", "body.password"])
        expect(wrongTypes.json().detail).toContain(field);

      const unknown = await send(server.company.admin, "POST", "/api/v1/departments", {
        name: "Finance",
        isAdmin: true,
        "'; DROP TABLE departments; --": 1,
      });
      expectProblem(unknown, 400, "APP_INVALID_INPUT");
      expect(unknown.json().detail).toContain("body.isAdmin: is not a known setting");

      const notAnObject = await send(server.company.admin, "POST", "/api/v1/departments", "[1,2,3]", json);
      expectProblem(notAnObject, 400, "APP_INVALID_INPUT");
      const nullBody = await send(server.company.admin, "POST", "/api/v1/departments", "null", json);
      expectProblem(nullBody, 400, /^(APP_INVALID_INPUT|SERVER_INVALID_JSON)$/);

      // Deeply nested values where a text belongs are a type error, not a stack overflow.
      const deep = `{"name": ${"[".repeat(50_000)}${"]".repeat(50_000)}}`;
      expectProblem(
        await send(server.company.admin, "POST", "/api/v1/departments", deep, json),
        400,
        "APP_INVALID_INPUT",
      );

      const pinTypes = await send(server.company.analyst, "PUT", pinUrl, {
        scheme: 1,
        grade: null,
        reason: 5,
      });
      expectProblem(pinTypes, 400, "APP_INVALID_INPUT");
      const badQuery = await send(server.company.admin, "GET", "/api/v1/customers?limit=lots&sort=%27;DROP");
      expectProblem(badQuery, 400, "APP_INVALID_INPUT");
      const unknownQuery = await send(server.company.admin, "GET", "/api/v1/customers?drop=1");
      expectProblem(unknownQuery, 400, "APP_INVALID_INPUT");
      expect(await counts()).toEqual(before);
    });

    it("refuses a 10 MB body over the default 1 MiB limit with 413, writing nothing", async () => {
      const before = await counts();
      const huge = "x".repeat(10 * 1024 * 1024 + 1);
      for (const [method, url, who, payload] of [
        ["POST", "/api/v1/departments", server.company.admin, { name: huge }],
        [
          "POST",
          "/api/v1/users",
          server.company.admin,
          { email: "a@example.com", name: huge, role: "sales" },
        ],
        ["PUT", pinUrl, server.company.analyst, { scheme: "value", grade: "A", reason: huge }],
      ] as const) {
        const response = await send(who, method, url, JSON.stringify(payload), json);
        expectProblem(response, 413, "SERVER_BODY_TOO_LARGE");
        expect(response.json().params).toEqual({ limit: 1024 * 1024 });
      }
      expect(await counts()).toEqual(before);
      expect((await send(server.company.admin, "GET", "/api/v1/customers")).statusCode).toBe(200);
    });

    it("stores hostile text verbatim in every text field, returns it as JSON, and leaves every table whole", async () => {
      const admin = server.company.admin;
      // Customer import: name, industry and tags.
      const quote = (cell: string) => `"${cell.replaceAll('"', '""')}"`;
      const csv = [
        "客户编号,客户名称,行业,标签",
        ...HOSTILE.map((value, i) =>
          [`H${i}`, value, value, JSON.stringify([value, "vip"])].map(quote).join(","),
        ),
      ].join("\n");
      const imported = await server.app.inject({
        method: "POST",
        url: "/api/v1/imports/customers",
        payload: form({ name: "hostile.csv", content: csv }).payload,
        headers: { ...admin.headers, "content-type": form({ name: "x", content: "" }).contentType },
      });
      expect(imported.statusCode, imported.body).toBe(200);
      expect(imported.json()).toMatchObject({ inserted: HOSTILE.length, rejected: 0 });
      for (const [i, value] of HOSTILE.entries()) {
        const detail = await send(admin, "GET", `/api/v1/customers/H${i}`);
        expect(detail.statusCode).toBe(200);
        expect(detail.headers["content-type"]).toMatch(/^application\/json/);
        const customer = detail.json().profile ?? detail.json().customer ?? detail.json();
        expect(JSON.stringify(detail.json())).toContain(JSON.stringify(value).slice(1, -1));
        expect(customer).toMatchObject({ name: value, industry: value });
        expect(customer.tags).toEqual([value, "vip"]);
        // The search query: found by its own text, as text.
        const found = await send(admin, "GET", `/api/v1/customers?search=${encodeURIComponent(value)}`);
        expect(found.statusCode).toBe(200);
        expect(found.json().items.map((c: { code: string }) => c.code)).toEqual([`H${i}`]);
      }
      // A LIKE's wildcards in the search are text: "%" finds only the name that has one, "_" none.
      const percent = await send(admin, "GET", `/api/v1/customers?search=${encodeURIComponent("%")}`);
      expect(percent.json().items.map((c: { code: string }) => c.code)).toEqual(["H4"]);
      const underscore = await send(admin, "GET", `/api/v1/customers?search=${encodeURIComponent("_")}`);
      expect(underscore.json().total).toBe(0);

      // Department name, user name and e-mail, grade pin reason, a role's names.
      const grade = await gradeOf();
      for (const [i, value] of HOSTILE.entries()) {
        const department = await send(admin, "POST", "/api/v1/departments", { name: value });
        expect(department.statusCode, department.body).toBe(201);
        expect(department.json().name).toBe(value);
        const user = await send(admin, "POST", "/api/v1/users", {
          email: `o'reilly-${i}@example.com`,
          name: value,
          role: "sales",
          department: department.json().id,
          password: "a long enough password",
        });
        expect(user.statusCode, user.body).toBe(201);
        expect(user.json()).toMatchObject({ name: value, email: `o'reilly-${i}@example.com` });
        const read = await send(admin, "GET", `/api/v1/users/${user.json().id}`);
        expect(read.json()).toMatchObject({ name: value });
        const pin = await send(server.company.analyst, "PUT", pinUrl, {
          scheme: "value",
          grade,
          reason: value,
        });
        expect(pin.statusCode, pin.body).toBe(200);
        expect(pin.json().reason).toBe(value);
        const pins = (await send(admin, "GET", "/api/v1/grades/pins")).json() as { reason: string }[];
        expect(pins.map((p) => p.reason)).toEqual([value]);
      }
      const departments = (await send(admin, "GET", "/api/v1/departments")).json() as { name: string }[];
      expect(departments.map((d) => d.name)).toEqual(expect.arrayContaining([...HOSTILE]));
      const role = await send(admin, "POST", "/api/v1/roles", {
        code: "hostile",
        names: { "zh-CN": HOSTILE[0], en: HOSTILE[1] },
        permissions: ["read"],
        dataScope: "own",
        personalFields: { list: "mask", detail: "mask" },
      });
      expect(role.statusCode, role.body).toBe(201);
      expect(JSON.stringify(role.json())).toContain(JSON.stringify(HOSTILE[1]));
      // An e-mail address is checked, not stored as whatever was sent.
      const badEmail = await send(admin, "POST", "/api/v1/users", {
        email: "<script>alert(1)</script>@example.com",
        name: "x",
        role: "sales",
        password: "a long enough password",
      });
      expectProblem(badEmail, 400, "APP_INVALID_INPUT");

      // Every table is still there and holds what it should.
      const after = await counts();
      expect(after.customers).toBe(4 + HOSTILE.length);
      expect(after.departments).toBe(3 + HOSTILE.length);
      expect(after.users).toBe(6 + HOSTILE.length);
      const pins = (await send(admin, "GET", "/api/v1/grades/pins")).json() as { reason: string }[];
      expect(pins.map((p) => p.reason)).toEqual([HOSTILE.at(-1)]);
      expect((await send(server.company.salesA, "GET", "/api/v1/customers")).json().total).toBe(2);

      // API token names; an erasure's reason, kept in the audit log; the audit chain over all of it.
      for (const value of HOSTILE) {
        const token = await send(admin, "POST", "/api/v1/tokens", { name: value });
        expect(token.statusCode, token.body).toBe(201);
      }
      const tokens = (await send(admin, "GET", "/api/v1/tokens")).json() as { name: string }[];
      expect(tokens.map((token) => token.name).sort()).toEqual([...HOSTILE].sort());
      const erased = await send(admin, "DELETE", "/api/v1/customers/H1/personal-data", {
        reason: HOSTILE[0],
      });
      expect(erased.statusCode, erased.body).toBe(200);
      const audit = await send(admin, "GET", "/api/v1/audit?limit=1000");
      expect(audit.body).toContain(JSON.stringify(HOSTILE[0]).slice(1, -1));
      expect((await send(admin, "GET", "/api/v1/audit/verify")).json()).toMatchObject({ ok: true });
    });

    it("refuses a NUL character in any text with 400 naming the field, the same on every engine", async () => {
      const before = await counts();
      const grade = await gradeOf();
      const cases = [
        [server.company.admin, "POST", "/api/v1/departments", { name: NUL }, "name"],
        [
          server.company.admin,
          "POST",
          "/api/v1/users",
          { email: "nul@example.com", name: NUL, role: "sales", password: "a long enough password" },
          "name",
        ],
        [server.company.analyst, "PUT", pinUrl, { scheme: "value", grade, reason: NUL }, "reason"],
        [
          server.company.admin,
          "POST",
          "/api/v1/roles",
          {
            code: "nul",
            names: { "zh-CN": NUL, en: "x" },
            permissions: ["read"],
            dataScope: "own",
            personalFields: { list: "mask", detail: "mask" },
          },
          "names",
        ],
        [
          server.company.admin,
          "GET",
          `/api/v1/customers?search=${encodeURIComponent(NUL)}`,
          undefined,
          "search",
        ],
      ] as const;
      for (const [who, method, url, payload, field] of cases) {
        const response = await send(who, method, url, payload);
        expectProblem(response, 400, "APP_INVALID_INPUT");
        expect(response.json().detail).toContain(field);
        expect(response.json().detail).toContain("NUL");
      }
      const nulCsv = `客户编号,客户名称\nN1,${NUL}\n`;
      const imported = await server.app.inject({
        method: "POST",
        url: "/api/v1/imports/customers",
        payload: form({ name: "nul.csv", content: nulCsv }).payload,
        headers: {
          ...server.company.admin.headers,
          "content-type": form({ name: "x", content: "" }).contentType,
          "accept-language": "en",
        },
      });
      expect(imported.statusCode).toBeGreaterThanOrEqual(400);
      expect(imported.statusCode).toBeLessThan(500);
      expect(await counts()).toEqual(before);
    });
  });
}
