import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { App as AntApp, ConfigProvider } from "antd";
import enUS from "antd/locale/en_US";
import zhCN from "antd/locale/zh_CN";
import { lazy, Suspense } from "react";
import { useTranslation } from "react-i18next";
import { BrowserRouter, Route, Routes } from "react-router";
import { ApiError, onSessionLost } from "./api/client.ts";
import { RequirePermission, RequireSession, SESSION_KEY } from "./auth/session.tsx";
import { usePrefersReducedMotion } from "./shell/reduced-motion.ts";
import { PageLoading } from "./shell/states.tsx";

// Each page is its own chunk, loaded when first opened: the first page stays small.
const SignInPage = lazy(() => import("./pages/sign-in.page.tsx"));
const AppShell = lazy(() => import("./shell/app-shell.tsx"));
const MyDayPage = lazy(() => import("./pages/my-day/my-day.page.tsx"));
const CustomersPage = lazy(() => import("./pages/customers.page.tsx"));
const OverviewPage = lazy(() => import("./pages/overview/overview.page.tsx"));
const GradingPage = lazy(() => import("./pages/grading/grading.page.tsx"));
const TasksPage = lazy(() => import("./pages/tasks/tasks.page.tsx"));
const SatisfactionPage = lazy(() => import("./pages/satisfaction/satisfaction.page.tsx"));
const Customer360Page = lazy(() => import("./pages/customer-360/customer-360.page.tsx"));
const ImportsPage = lazy(() => import("./pages/imports/imports.page.tsx"));
const AnalysisPage = lazy(() => import("./pages/analysis/analysis.page.tsx"));
const UsersPage = lazy(() => import("./pages/org/users.page.tsx"));
const DepartmentsPage = lazy(() => import("./pages/org/departments.page.tsx"));
const RolesPage = lazy(() => import("./pages/org/roles.page.tsx"));
const SharesPage = lazy(() => import("./pages/org/shares.page.tsx"));
const CompanyPage = lazy(() => import("./pages/system/company.page.tsx"));
const SchedulePage = lazy(() => import("./pages/system/schedule.page.tsx"));
const TokensPage = lazy(() => import("./pages/system/tokens.page.tsx"));
const AuditPage = lazy(() => import("./pages/system/audit.page.tsx"));
const NotFoundPage = lazy(() => import("./pages/not-found.page.tsx"));

const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      // A refusal (401, 403, 404) will not change on a retry; a network hiccup may.
      retry: (failures, error) => failures < 2 && !(error instanceof ApiError && error.status > 0),
      refetchOnWindowFocus: false,
      staleTime: 30_000,
    },
  },
});

// Any 401 ends the session here: RequireSession then sends the user to sign in.
onSessionLost(() => {
  queryClient.setQueryData(SESSION_KEY, null);
  queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== SESSION_KEY[0] });
});

export function App() {
  const { i18n } = useTranslation();
  const reducedMotion = usePrefersReducedMotion();
  return (
    <ConfigProvider
      locale={i18n.language === "en" ? enUS : zhCN}
      theme={{ token: { colorPrimary: "#1677ff", motion: !reducedMotion } }}
      // The click ripple fades over two seconds whatever the motion token says.
      wave={{ disabled: reducedMotion }}
    >
      <AntApp>
        <QueryClientProvider client={queryClient}>
          <BrowserRouter>
            <Suspense fallback={<PageLoading />}>
              <Routes>
                <Route path="/sign-in" element={<SignInPage />} />
                <Route
                  element={
                    <RequireSession>
                      <AppShell />
                    </RequireSession>
                  }
                >
                  <Route
                    index
                    element={
                      <RequirePermission permission="read">
                        <MyDayPage />
                      </RequirePermission>
                    }
                  />
                  <Route
                    path="customers"
                    element={
                      <RequirePermission permission="read">
                        <CustomersPage />
                      </RequirePermission>
                    }
                  />
                  <Route
                    path="overview"
                    element={
                      <RequirePermission permission="read">
                        <OverviewPage />
                      </RequirePermission>
                    }
                  />
                  <Route
                    path="customers/:code"
                    element={
                      <RequirePermission permission="read">
                        <Customer360Page />
                      </RequirePermission>
                    }
                  />
                  <Route
                    path="grading"
                    element={
                      <RequirePermission permission="read">
                        <GradingPage />
                      </RequirePermission>
                    }
                  />
                  <Route
                    path="tasks"
                    element={
                      <RequirePermission permission="read">
                        <TasksPage />
                      </RequirePermission>
                    }
                  />
                  <Route
                    path="imports"
                    element={
                      <RequirePermission permission="import">
                        <ImportsPage />
                      </RequirePermission>
                    }
                  />
                  <Route
                    path="satisfaction"
                    element={
                      <RequirePermission permission="read">
                        <SatisfactionPage />
                      </RequirePermission>
                    }
                  />
                  <Route
                    path="analysis"
                    element={
                      <RequirePermission permission="read">
                        <AnalysisPage />
                      </RequirePermission>
                    }
                  />
                  <Route
                    path="settings/users"
                    element={
                      <RequirePermission permission="manageUsers">
                        <UsersPage />
                      </RequirePermission>
                    }
                  />
                  <Route
                    path="settings/departments"
                    element={
                      <RequirePermission permission="manageUsers">
                        <DepartmentsPage />
                      </RequirePermission>
                    }
                  />
                  <Route
                    path="settings/roles"
                    element={
                      <RequirePermission permission="manageUsers">
                        <RolesPage />
                      </RequirePermission>
                    }
                  />
                  <Route
                    path="settings/shares"
                    element={
                      <RequirePermission permission="manageUsers">
                        <SharesPage />
                      </RequirePermission>
                    }
                  />
                  <Route
                    path="settings/company"
                    element={
                      <RequirePermission permission="manageUsers">
                        <CompanyPage />
                      </RequirePermission>
                    }
                  />
                  <Route
                    path="settings/schedule"
                    element={
                      <RequirePermission permission="analyze">
                        <SchedulePage />
                      </RequirePermission>
                    }
                  />
                  <Route
                    path="settings/tokens"
                    element={
                      <RequirePermission permission="export">
                        <TokensPage />
                      </RequirePermission>
                    }
                  />
                  <Route
                    path="settings/audit"
                    element={
                      <RequirePermission permission="viewAudit">
                        <AuditPage />
                      </RequirePermission>
                    }
                  />
                  <Route path="*" element={<NotFoundPage />} />
                </Route>
              </Routes>
            </Suspense>
          </BrowserRouter>
        </QueryClientProvider>
      </AntApp>
    </ConfigProvider>
  );
}
