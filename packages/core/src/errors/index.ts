export { formatIssuePath, type IssueText, issueAsText, zodIssueTexts } from "../i18n/document-issues.ts";
export { CustraError, errorText, isCustraError } from "./custra-error.ts";
export { isText, renderText, type Text, type TextParam, type TextParams, text } from "./text.ts";
