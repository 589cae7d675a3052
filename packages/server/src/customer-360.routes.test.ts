import { LOCAL_OPERATOR, shareCustomer, unshareCustomer } from "@custra/app";
import { ENGINES } from "@custra/db/testing";
import { describe, expect, it } from "vitest";
import { routeTestServer } from "./testing/route-test-server.ts";
import type { SignedIn } from "./testing/sign-in.ts";

/** What the 360 view's page reads beyond the records: the reader's actions, pins, forecast, timeline. */
interface View {
  actions: { logInteraction: boolean; pinGrade: boolean };
  grades: {
    scheme: string;
    grade: string;
    currentPin: {
      grade: string;
      gradeLabel: string;
      reason: string;
      until: string | null;
      inForce: boolean;
    } | null;
  }[];
  scores: { expectedPurchases: number };
  purchaseInterval: { level: number; low: number; high: number; probabilityNone: number } | null;
  timeline: {
    month: string;
    purchases: number;
    purchaseAmount: number;
    returns: number;
    returnAmount: number;
  }[];
  tasks: { reasonText: string }[];
}

const CJK = /[\u3400-\u9fff]/;

for (const engine of ENGINES) {
  describe(`the customer 360 routes on ${engine}`, () => {
    const server = routeTestServer(engine, { company: { analyse: true, records: true } });
    const { get, send } = server;
    const view = async (who: SignedIn, code: string) => {
      const response = await get(who, `/api/v1/customers/${code}`);
      expect(response.statusCode).toBe(200);
      return response.json() as View;
    };
    const logOn = (who: SignedIn, customerCode: string) =>
      send(who, "POST", "/api/v1/interactions", {
        customerCode,
        kind: "call",
        occurredAt: "2026-01-05T10:00:00+08:00",
        summary: "Quarterly check-in",
      });

    it("tells each reader what they may do on the customer, as the write routes decide it", async () => {
      const { admin, analyst, manager, salesA } = server.company;
      expect((await view(admin, "CA1")).actions).toEqual({ logInteraction: true, pinGrade: true });
      expect((await view(salesA, "CA1")).actions).toEqual({ logInteraction: true, pinGrade: false });
      expect((await view(manager, "CA1")).actions).toEqual({ logInteraction: true, pinGrade: false });
      // Analysts read everything and edit the grading (pins are part of it), but log nothing.
      expect((await view(analyst, "CA1")).actions).toEqual({ logInteraction: false, pinGrade: true });
      expect((await logOn(analyst, "CA1")).statusCode).toBe(403);
      expect((await logOn(salesA, "CA1")).statusCode).toBe(201);
      const pin = { scheme: "value", grade: (await view(admin, "CA1")).grades[0]!.grade, reason: "review" };
      expect((await send(salesA, "PUT", "/api/v1/grades/customers/CA1/pin", pin)).statusCode).toBe(403);
      expect((await send(analyst, "PUT", "/api/v1/grades/customers/CA1/pin", pin)).statusCode).toBe(200);
      expect(
        (await send(analyst, "DELETE", "/api/v1/grades/customers/CA1/pin?scheme=value")).statusCode,
      ).toBe(200);

      // A customer shared read-only is seen, not changed; shared read-write it may be logged on.
      const ctx = { handle: server.handle, actor: LOCAL_OPERATOR };
      const cb1 = server.company.ids.get("CB1")!;
      const share = await shareCustomer(ctx, { customerId: cb1, userId: manager.userId, access: "read" });
      expect((await view(manager, "CB1")).actions).toEqual({ logInteraction: false, pinGrade: false });
      expect((await logOn(manager, "CB1")).statusCode).toBe(404);
      await unshareCustomer(ctx, { customerId: cb1, shareId: share.id });
      const write = await shareCustomer(ctx, { customerId: cb1, userId: manager.userId, access: "write" });
      expect((await view(manager, "CB1")).actions).toEqual({ logInteraction: true, pinGrade: false });
      expect((await logOn(manager, "CB1")).statusCode).toBe(201);
      await unshareCustomer(ctx, { customerId: cb1, shareId: write.id });
    });

    it("shows the pin on a scheme as the customer's current pin, in force until its last day, until removed", async () => {
      const { admin, salesA } = server.company;
      const before = await view(salesA, "CA2");
      const graded = before.grades.find((grade) => grade.scheme === "value")!;
      expect(graded.currentPin).toBeNull();
      const other = graded.grade === "A" ? "B" : "A";
      const url = "/api/v1/grades/customers/CA2/pin";
      const pinned = await send(admin, "PUT", url, {
        scheme: "value",
        grade: other,
        reason: "Strategic account",
        until: "2099-12-31",
      });
      expect(pinned.statusCode).toBe(200);
      const english = await server.app.inject({
        url: "/api/v1/customers/CA2",
        headers: { ...salesA.headers, "accept-language": "en" },
      });
      const pin = (english.json() as View).grades.find((grade) => grade.scheme === "value")!.currentPin;
      expect(pin).toMatchObject({
        grade: other,
        reason: "Strategic account",
        until: "2099-12-31",
        inForce: true,
      });
      expect(pin!.gradeLabel).toMatch(/^[A-Z]/);
      expect(pin!.gradeLabel).not.toMatch(CJK);
      // The grade run's own grade is unchanged until the next grading applies the pin.
      expect((await view(salesA, "CA2")).grades.find((grade) => grade.scheme === "value")!.grade).toBe(
        graded.grade,
      );

      // A pin past its last day is kept (to renew or remove) but no longer in force.
      await send(admin, "PUT", url, {
        scheme: "value",
        grade: other,
        reason: "Old deal",
        until: "2020-01-01",
      });
      const expired = (await view(salesA, "CA2")).grades.find(
        (grade) => grade.scheme === "value",
      )!.currentPin;
      expect(expired).toMatchObject({ until: "2020-01-01", inForce: false });

      expect((await send(admin, "DELETE", `${url}?scheme=value`)).statusCode).toBe(200);
      expect(
        (await view(salesA, "CA2")).grades.find((grade) => grade.scheme === "value")!.currentPin,
      ).toBeNull();
    });

    it("gives the months' purchases, the spread of the expected purchases and the reasons as words", async () => {
      const { salesA } = server.company;
      const ca1 = await view(salesA, "CA1");
      // The fixture's orders of CA1: 100, 200 and 300 in three months, all completed.
      expect(ca1.timeline).toEqual([
        { month: "2024-03", purchases: 1, purchaseAmount: 100, returns: 0, returnAmount: 0 },
        { month: "2025-01", purchases: 1, purchaseAmount: 200, returns: 0, returnAmount: 0 },
        { month: "2025-11", purchases: 1, purchaseAmount: 300, returns: 0, returnAmount: 0 },
      ]);
      expect(ca1.purchaseInterval).not.toBeNull();
      expect(ca1.purchaseInterval!.level).toBe(0.8);
      expect(ca1.purchaseInterval!.low).toBeLessThanOrEqual(ca1.scores.expectedPurchases);
      expect(ca1.purchaseInterval!.high).toBeGreaterThanOrEqual(ca1.scores.expectedPurchases);
      expect(ca1.purchaseInterval!.probabilityNone).toBeGreaterThan(0);
      expect(ca1.purchaseInterval!.probabilityNone).toBeLessThan(1);
      expect(ca1.tasks).toHaveLength(1);
      expect(ca1.tasks[0]!.reasonText).toMatch(CJK);
      const english = await server.app.inject({
        url: "/api/v1/customers/CA1",
        headers: { ...salesA.headers, "accept-language": "en" },
      });
      const reason = (english.json() as View).tasks[0]!.reasonText;
      expect(reason).toContain("30 days ago");
      expect(reason).not.toMatch(CJK);
    });

    it("explains a grade with the score each grade starts at: the customer's score lies in its grade's band", async () => {
      const response = await get(
        server.company.salesA,
        "/api/v1/grades/customers/CA1/explanation?scheme=value",
      );
      expect(response.statusCode).toBe(200);
      const explained = response.json().grades[0] as {
        score: number;
        scoreGrade: string;
        components: { contribution: number }[];
        bands: { grade: string; label: string; minScore: number | null; share?: number }[];
      };
      const sum = explained.components.reduce((total, part) => total + part.contribution, 0);
      expect(sum).toBeCloseTo(explained.score, 6);
      const { bands } = explained;
      expect(bands.map((band) => band.grade)).toEqual(["A", "B", "C", "D"]);
      expect(bands.at(-1)!.minScore).toBeNull();
      expect(bands[0]!.share).toBe(0.1);
      const k = bands.findIndex((band) => band.grade === explained.scoreGrade);
      if (bands[k]!.minScore !== null) expect(explained.score).toBeGreaterThanOrEqual(bands[k]!.minScore!);
      const better = bands.slice(0, k).filter((band) => band.minScore !== null);
      for (const band of better) expect(explained.score).toBeLessThan(band.minScore!);
    });
  });
}
