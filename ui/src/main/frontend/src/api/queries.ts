import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api, must } from './client';
import type {
  AuditTrail, AuditVerification, ComplianceReport, DrTestHistoryPage, DrTestReport, DrTestView, EnvironmentView, NextStepsView,
  Preconditions, Trend,
} from './types';

/** Query keys of the server-state cache: the stream and every change patch or invalidate exactly these. */
export const keys = {
  environments: ['environments'] as const,
  environment: (id: string) => ['environments', id] as const,
  preconditions: (id: string) => ['environments', id, 'preconditions'] as const,
  trend: (id: string) => ['environments', id, 'trend'] as const,
  compliance: (from?: string, to?: string) => ['compliance', from ?? '', to ?? ''] as const,
  history: (filter: HistoryFilter) => ['history', filter] as const,
  test: (id: string) => ['tests', id] as const,
  report: (id: string, asOf?: string) => ['tests', id, 'report', asOf ?? ''] as const,
  nextSteps: (id: string) => ['tests', id, 'next-steps'] as const,
  audit: (id: string) => ['tests', id, 'audit'] as const,
  verification: (id: string) => ['tests', id, 'verification'] as const,
};

export interface HistoryFilter {
  environmentId?: string;
  status?: string;
  result?: string;
  from?: string;
  to?: string;
  page: number;
  size: number;
}

export function useEnvironments() {
  return useQuery({
    queryKey: keys.environments,
    queryFn: () => must<EnvironmentView[]>(api.GET('/api/environments')),
    refetchInterval: 15_000,
  });
}

export function useEnvironment(id: string) {
  return useQuery({
    queryKey: keys.environment(id),
    queryFn: () => must<EnvironmentView>(api.GET('/api/environments/{envId}', { params: { path: { envId: id } } })),
  });
}

export function usePreconditions(id: string) {
  return useQuery({
    queryKey: keys.preconditions(id),
    queryFn: () => must<Preconditions>(api.GET('/api/environments/{envId}/preconditions', { params: { path: { envId: id } } })),
    // the data-loss window grows while the operator reads: keep it current
    refetchInterval: 30_000,
  });
}

export function useTrend(id: string) {
  return useQuery({
    queryKey: keys.trend(id),
    queryFn: () => must<Trend>(api.GET('/api/environments/{envId}/trend', { params: { path: { envId: id } } })),
  });
}

export function useCompliance(from?: string, to?: string) {
  return useQuery({
    queryKey: keys.compliance(from, to),
    queryFn: () => must<ComplianceReport>(api.GET('/api/reports/compliance', { params: { query: { from, to } } })),
    refetchInterval: 30_000,
  });
}

export function useHistory(filter: HistoryFilter) {
  return useQuery({
    queryKey: keys.history(filter),
    queryFn: () => must<DrTestHistoryPage>(api.GET('/api/dr-tests', { params: { query: historyQuery(filter) } })),
    placeholderData: keepPreviousData,
  });
}

/** The history filter as the API's query parameters, with empty ones left out. */
export function historyQuery(filter: Partial<HistoryFilter>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(filter).filter(([, v]) => v !== undefined && v !== '').map(([k, v]) => [k, String(v)]),
  );
}

export function useTest(id: string) {
  return useQuery({
    queryKey: keys.test(id),
    queryFn: () => must<DrTestView>(api.GET('/api/dr-tests/{testId}', { params: { path: { testId: id } } })),
  });
}

/**
 * Asks again until the answer shows at least `version` of the test (the sequence number of its last event in it):
 * each view is its own projection, so a report or its next steps may lag the progress that showed the test
 * completed by a moment. Quickly at first, then every two seconds.
 */
function untilAtLeast(version: number | undefined) {
  return (query: { state: { data?: { version?: number }; dataUpdateCount: number } }) =>
    version === undefined || showsVersion(query.state.data, version) ? false
      : query.state.dataUpdateCount < 20 ? 250 : 2_000;
}

/** Whether a view is there and shows at least `version` of its test (see untilAtLeast). */
export function showsVersion<T extends { version?: number }>(view: T | undefined, version: number | undefined): view is T {
  return view !== undefined && (version === undefined || (view.version ?? -1) >= version);
}

export function useReport(id: string, asOf?: string, atLeastVersion?: number) {
  return useQuery({
    queryKey: keys.report(id, asOf),
    queryFn: () => must<DrTestReport>(api.GET('/api/dr-tests/{testId}/report', { params: { path: { testId: id }, query: { asOf } } })),
    placeholderData: keepPreviousData,
    refetchInterval: untilAtLeast(atLeastVersion),
  });
}

export function useNextSteps(id: string, atLeastVersion?: number) {
  return useQuery({
    queryKey: keys.nextSteps(id),
    queryFn: () => must<NextStepsView>(api.GET('/api/dr-tests/{testId}/next-steps', { params: { path: { testId: id } } })),
    refetchInterval: untilAtLeast(atLeastVersion),
  });
}

export function useAudit(id: string) {
  return useQuery({
    queryKey: keys.audit(id),
    queryFn: () => must<AuditTrail>(api.GET('/api/dr-tests/{testId}/audit', { params: { path: { testId: id } } })),
  });
}

export function useVerification(id: string, enabled: boolean) {
  return useQuery({
    queryKey: keys.verification(id),
    queryFn: () => must<AuditVerification>(api.GET('/api/dr-tests/{testId}/audit/verify', { params: { path: { testId: id } } })),
    enabled,
  });
}
