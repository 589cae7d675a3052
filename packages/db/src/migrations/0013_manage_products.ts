import type { Migration } from "./migration.ts";

/*
 * The product catalogue is the company's, not one salesperson's: adding or changing a product
 * (its price and cost feed every margin) becomes its own action, manageProducts, which the
 * ready-made admin and manager roles get. Until now any role that could edit customers could.
 * Roles an admin made keep what they had; the admin adds the action to them where wanted.
 */
export const manageProducts: Migration = {
  version: "0013_manage_products",
  statements() {
    return [
      `UPDATE roles SET permissions = REPLACE(permissions, '"edit"', '"edit","manageProducts"')
        WHERE builtin AND code IN ('admin', 'manager')`,
    ];
  },
};
