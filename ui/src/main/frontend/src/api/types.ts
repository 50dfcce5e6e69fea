import type { components, paths } from './schema';

/** The API's own schemas under the names the dashboard uses. */
type S = components['schemas'];
export type EnvironmentView = S['EnvironmentView'];
export type EnvironmentCompliance = S['EnvironmentCompliance'];
export type ComplianceReport = S['ComplianceReport'];
export type Preconditions = S['PreconditionsResponse'];
export type DrTestView = S['DrTestView'];
export type StepView = S['StepView'];
export type DrTestSummary = S['DrTestSummary'];
export type DrTestHistoryPage = S['DrTestHistoryPage'];
export type DrTestReport = S['DrTestReport'];
export type NextStepView = S['NextStepView'];
export type NextStepsView = S['NextStepsView'];
export type Trend = S['Trend'];
export type AuditVerification = S['AuditVerification'];
export type Session = S['Session'];
export type AuditTrail = S['AuditTrail'];
export type AuditEntry = S['AuditEntry'];
export type SystemAuditPage = S['SystemAuditPage'];
export type RegisterRequest = S['RegisterRequest'];
export type EnvironmentConfiguration = S['EnvironmentConfiguration'];
export type Targets = S['Targets'];
export type BackupReceipt = S['BackupReceipt'];
export type InventoryPlan = S['InventoryPlan'];
export type InventoryPlanItem = NonNullable<InventoryPlan['environments']>[number];
export type Purpose = EnvironmentView['purpose'];

export type TestStatus = NonNullable<DrTestView['status']>;
export type FailoverStep = NonNullable<StepView['step']>;
export type StepStatus = NonNullable<StepView['status']>;
export type ReportResult = 'SUCCESSFUL' | 'SUCCESSFUL_WITH_ISSUES' | 'UNSUCCESSFUL' | 'NOT_EVALUATED';
export type NextStepId = paths['/api/dr-tests/{testId}/next-steps/{stepId}']['post']['parameters']['path']['stepId'];
