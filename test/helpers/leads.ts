/* Running the lead-management operations against the simulator. */
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import type { RunResult, TestCredentialsHelper } from './harness';
import type { RunOptions } from './reportRun';
import { runEngage } from './reportRun';
import type { Simulator } from './simulator';

/** A resource locator "By ID". */
export const byId = (value: unknown) => ({ __rl: true, mode: 'id', value: String(value) });

export const campaignNamed = (sim: Simulator, name: string): any => {
	const campaign = sim.world.campaigns.find((c: any) => c.campaignName === name);
	if (!campaign) throw new Error(`no campaign ${name}`);
	return campaign;
};

/** Parameters of a Lead (or Dial Group / Campaign) operation on the simulator's main sub-account. */
export function leadParameters(sim: Simulator, operation: string, parameters: IDataObject = {}, resource = 'lead'): IDataObject {
	const { options, ...rest } = parameters;
	return {
		resource,
		operation,
		subAccount: byId(sim.world.mainSubAccountId),
		...rest,
		options: { retryBackoffSeconds: 0, ...((options as IDataObject) ?? {}) },
	};
}

export async function runLead(
	sim: Simulator,
	creds: TestCredentialsHelper,
	operation: string,
	parameters: IDataObject = {},
	options: RunOptions = {},
): Promise<RunResult> {
	return await runEngage(creds, leadParameters(sim, operation, parameters), options);
}

export const jsonOf = (items: INodeExecutionData[]) => items.map((item) => item.json);

/** Requests of the simulator's log to a lead endpoint whose path ends with `suffix`. */
export function leadRequests(sim: Simulator, suffix: string, method?: string) {
	return sim.control
		.requestLog()
		.filter((entry) => entry.path.includes('/v1/admin/accounts/') && entry.path.endsWith(suffix) && (!method || entry.method === method));
}

/** A fresh contact as a test input item. */
export function contact(n: number, overrides: IDataObject = {}): IDataObject {
	return {
		crmId: `crm-test-${n}`,
		phone: `41555${String(10000 + n).slice(-5)}`,
		firstName: `First${n}`,
		lastName: `Last${n}`,
		email: `contact${n}@example.com`,
		tier: n % 2 ? 'gold' : 'silver',
		...overrides,
	};
}

/** Lead › Load parameters that map a `contact()` item. */
export function loadFromContact(campaignId: number, extra: IDataObject = {}): IDataObject {
	const { additionalFields, ...rest } = extra;
	return {
		campaign: byId(campaignId),
		leadPhone: '={{ $json.phone }}',
		externId: '={{ $json.crmId }}',
		timeZoneOption: 'NPA_NXX',
		additionalFields: {
			firstName: '={{ $json.firstName }}',
			lastName: '={{ $json.lastName }}',
			email: '={{ $json.email }}',
			auxData1: '={{ $json.tier }}',
			...((additionalFields as IDataObject) ?? {}),
		},
		...rest,
	};
}
