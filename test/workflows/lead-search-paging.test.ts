/*
 * Lead › Search against a hostile server of our own: what the simulator cannot do, an API that
 * ignores `page` (the same page again and again) or `maxRows` (everything at once). The node must
 * end with an error instead of looping, or take the rows once.
 */
import * as http from 'http';
import type { AddressInfo } from 'net';

import { TestCredentialsHelper } from '../helpers/harness';
import { jsonOf } from '../helpers/leads';
import { runEngage } from '../helpers/reportRun';

const SUB = '12340001';
const rows = Array.from({ length: 250 }, (_, i) => ({ leadId: 1000 + i, externId: `x-${i}`, leadPhone: '2125550100', leadState: 'READY' }));

let server: http.Server;
let url: string;
let mode: 'ignorePage' | 'ignoreMaxRows';
let requests: Array<{ page: string | null; maxRows: string | null }>;

beforeAll(async () => {
	server = http.createServer((req, res) => {
		const u = new URL(req.url ?? '/', 'http://hostile');
		req.resume();
		req.on('end', () => {
			if (!u.pathname.endsWith(`/v1/admin/accounts/${SUB}/campaignLeads/leadSearch`)) {
				res.writeHead(404).end();
				return;
			}
			requests.push({ page: u.searchParams.get('page'), maxRows: u.searchParams.get('maxRows') });
			const size = Number(u.searchParams.get('maxRows'));
			const body = mode === 'ignorePage' ? rows.slice(0, size) : rows;
			res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body));
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => await new Promise((resolve) => server.close(resolve)));
beforeEach(() => (requests = []));

function search(options: { onError?: 'continueRegularOutput' } = {}) {
	const creds = new TestCredentialsHelper();
	creds.set('token', { host: 'customCurrent', customHost: url, apiToken: 'hostile-test-token', ignoreSslIssues: false });
	return runEngage(
		creds,
		{
			resource: 'lead',
			operation: 'search',
			subAccount: { __rl: true, mode: 'id', value: SUB },
			campaignScope: 'all',
			returnAll: true,
			options: { pageSize: 100, retryBackoffSeconds: 0 },
		},
		{ credential: 'token', ...options },
	);
}

describe('Lead › Search when the API ignores paging', () => {
	it('an API that ignores page: an error after two pages of repeats, not an endless loop; Continue On Fail keeps the first page', async () => {
		mode = 'ignorePage';
		const failed = await search();
		expect(failed.error?.message).toBe('The lead search returned the same leads again on further pages');
		expect(failed.error?.description).toMatch(/ignore the page parameter\. 100 leads were read/);
		expect(requests.map((r) => r.page)).toEqual(['0', '1', '2']);

		const kept = jsonOf((await search({ onError: 'continueRegularOutput' })).output('Engage Voice'));
		expect(kept.slice(0, 100).map((row) => row.leadId)).toEqual(rows.slice(0, 100).map((row) => row.leadId));
		expect(kept[100].error).toBe('The lead search returned the same leads again on further pages');
	});

	it('an API that ignores maxRows and sends everything: the rows are taken once, from one request', async () => {
		mode = 'ignoreMaxRows';
		const result = await search();
		expect(result.error).toBeUndefined();
		expect(jsonOf(result.output('Engage Voice')).map((row) => row.leadId)).toEqual(rows.map((row) => row.leadId));
		expect(requests).toEqual([{ page: '0', maxRows: '100' }]);
	});
});
