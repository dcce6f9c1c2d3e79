/**
 * Builds an API path, encoding every interpolated value as one path segment, so an id can never
 * add a segment or a query string: apiPath`/accounts/${id}/agentGroups`.
 */
export function apiPath(strings: TemplateStringsArray, ...values: Array<string | number>): string {
	return strings.reduce(
		(path, part, i) => path + part + (i < values.length ? encodeURIComponent(String(values[i])) : ''),
		'',
	);
}

/** Classic integration lists (API doc §3, `{ci}`). */
export const classicAdmin = '/integration/v1/admin';

/** RingCX CX integration prefix (API doc §3, `{cx}`) for one sub-account. */
export function cxPrefix(rcAccountId: string, subAccountId: string): string {
	return apiPath`/cx/integration/v1/accounts/${rcAccountId}/sub-accounts/${subAccountId}`;
}

/** Classic report prefix (`{cr}` for v1, and the v2 interaction-metadata prefix). */
export function classicReportPrefix(version: 'v1' | 'v2', subAccountId: string): string {
	return `/integration/${version}/admin/reports/accounts/${encodeURIComponent(subAccountId)}`;
}

/** Outbound-dialer admin prefix (API doc §10, `{adm}`): the account is a RingCX sub-account. */
export function dialerAdmin(subAccountId: string): string {
	return apiPath`/v1/admin/accounts/${subAccountId}`;
}
