import type { IDataObject, ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { apiPath, classicAdmin, engageRequest, getConnection, resolveMainAccountId } from '../transport';

function matches(filter: string | undefined, ...values: unknown[]): boolean {
	if (!filter) return true;
	const needle = filter.toLowerCase();
	return values.some((v) => String(v ?? '').toLowerCase().includes(needle));
}

export async function searchSubAccounts(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
	const connection = await getConnection(this);
	const mainAccountId = await resolveMainAccountId(this, connection);
	const { body } = await engageRequest.call(this, connection, {
		method: 'GET',
		path: `${classicAdmin}${apiPath`/accounts/${mainAccountId}/subaccounts`}`,
	});
	const results = ((body as IDataObject[]) ?? [])
		.filter((s) => matches(filter, s.subAccountName, s.subAccountId))
		.map((s) => ({ name: `${s.subAccountName} (${s.subAccountId})`, value: String(s.subAccountId) }));
	return { results };
}
