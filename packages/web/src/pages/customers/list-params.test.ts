import { describe, expect, it } from "vitest";
import { isFiltered, listQuery, viewColumns, viewParams, viewState } from "./list-params.ts";

describe("the customer list's URL state", () => {
  it("gives the API the filters: lists repeated, days only when they are days", () => {
    const params = new URLSearchParams(
      "industry=制造&industry=零售&registeredFrom=2025-01-01&lastPurchaseTo=soon&sort=revenue&cursor=x",
    );
    expect(listQuery(params)).toEqual({ industry: ["制造", "零售"], registeredFrom: "2025-01-01" });
    expect(isFiltered(params)).toBe(true);
    expect(isFiltered(new URLSearchParams("sort=revenue&order=desc"))).toBe(false);
  });

  it("saves a view as filters, sort and columns, and opens it without the cursor or unknown names", () => {
    const params = new URLSearchParams("region=广东&tags=vip&sort=clv&order=desc&cursor=abc&limit=50");
    const state = viewState(params, ["code", "name"]);
    expect(state).toEqual({
      params: { region: ["广东"], tags: ["vip"], sort: ["clv"], order: ["desc"], limit: ["50"] },
      columns: ["code", "name"],
    });
    const opened = viewParams(
      JSON.parse(JSON.stringify({ ...state, params: { ...state.params, evil: ["1"] } })),
    );
    expect(opened.toString()).toBe(
      new URLSearchParams("region=广东&tags=vip&sort=clv&order=desc&limit=50").toString(),
    );
    expect(viewParams(null).toString()).toBe("");
    expect(viewColumns(state, ["code", "name", "phone"])).toEqual(["code", "name"]);
    expect(viewColumns({ columns: ["code", 3, "nope"] }, ["code"])).toEqual(["code"]);
    expect(viewColumns({}, ["code"])).toBeUndefined();
  });
});
