// Company settings: the shape, defaults and validation, and money in the company's currency.
export * from "./company.ts";
export {
  isSettingsError,
  issueText,
  SettingsError,
  type SettingsErrorCode,
  type SettingsIssue,
} from "./errors.ts";
export { allowedValuesText, businessModelLabel, registerSettingsMessages, settingName } from "./messages.ts";
export { currencySymbol, formatMoney, type MoneyFormat } from "./money.ts";
