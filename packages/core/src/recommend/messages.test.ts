import { describe, expect, it } from "vitest";
import { errorText } from "../errors/custra-error.ts";
import { RECOMMENDATION_REASONS } from "./codes.ts";
import { RecommendError } from "./errors.ts";
import { recommendationReasonLabel, recommendationReasonText } from "./messages.ts";

describe("recommendation reasons", () => {
  it("say why in Chinese, lift to one decimal and the share in whole percent", () => {
    expect(
      recommendationReasonText(
        { code: "bought_together", params: { anchor: "打印机", lift: 3.2149 } },
        "zh-CN",
      ),
    ).toBe("与『打印机』常一起购买（提升度 3.2）");
    expect(
      recommendationReasonText(
        {
          code: "peers_buy_category",
          params: { category: "办公耗材", share: 0.4649 },
        },
        "zh-CN",
      ),
    ).toBe("同级同行业客户中 46% 购买『办公耗材』");
  });

  it("say it in English on request, and never round a real share down to 0 %", () => {
    expect(
      recommendationReasonText({ code: "bought_together", params: { anchor: "Printer", lift: 12 } }, "en"),
    ).toBe("Often bought with “Printer” (lift 12.0)");
    expect(
      recommendationReasonText(
        { code: "peers_buy_category", params: { category: "Paper", share: 0.003 } },
        "en",
      ),
    ).toBe("1% of customers of the same grade and industry buy “Paper”");
    expect(
      recommendationReasonText(
        { code: "peers_buy_category", params: { category: "Paper", share: 0.5 } },
        "zh-CN",
      ),
    ).toBe("同级同行业客户中 50% 购买『Paper』");
  });

  it("have a distinct short label for every code in both languages", () => {
    for (const locale of ["zh-CN", "en"] as const) {
      const labels = RECOMMENDATION_REASONS.map((code) => recommendationReasonLabel(code, locale));
      expect(new Set(labels).size).toBe(RECOMMENDATION_REASONS.length);
    }
    expect(recommendationReasonLabel("bought_together", "zh-CN")).toBe("常一起购买");
  });

  it("localize errors", () => {
    const error = new RecommendError("RECOMMEND_DUPLICATE_PRODUCT", { customer: 4, product: 7, entry: 12 });
    expect(errorText(error, "zh-CN")).toBe(
      "序号为 4 的客户的商品 7 出现了两次（productIdx[12]）；每位客户每个商品只应有一条记录。",
    );
    expect(error.message).toBe(
      "Customer index 4 has the product 7 twice (productIdx[12]); each customer has one entry per product.",
    );
  });
});
