/* Running the Report and Recording operations against the simulator, with a fast rate budget. */
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import type { RunResult, TestCredentialsHelper } from './harness';
import { engageWorkflow, runWorkflow } from './harness';
import type { Simulator } from './simulator';
import { jwtCredential, loginCredential, tokenCredential } from './simulator';

/** Report requests per second allowed by the simulator and budgeted by the node in these tests. */
export const FAST_PER_SECOND = 50;

export const CREDENTIALS = {
	jwt: { type: 'engageVoiceJwtApi', id: 'jwt', authentication: 'ringCentralJwt' },
	login: { type: 'engageVoiceLoginApi', id: 'login', authentication: 'engageLogin' },
	token: { type: 'engageVoiceTokenApi', id: 'token', authentication: 'apiToken' },
} as const;

export type CredentialName = keyof typeof CREDENTIALS;

export function storeCredentials(sim: Simulator, creds: TestCredentialsHelper) {
	creds.set('jwt', jwtCredential(sim));
	creds.set('login', loginCredential(sim));
	creds.set('token', tokenCredential(sim));
}

/** A fast report limit in the simulator; the node's budget must match (`fastOptions`). */
export function useFastLimit(sim: Simulator, perSecond = FAST_PER_SECOND) {
	sim.control.setLimits({ report: [{ count: perSecond, windowMs: 1000 }] });
}

export const fastOptions = (perSecond = FAST_PER_SECOND): IDataObject => ({
	reportRequestsPerSecond: perSecond,
	retryBackoffSeconds: 0,
});

export interface RunOptions {
	credential?: CredentialName;
	items?: IDataObject[];
	onError?: 'continueRegularOutput' | 'continueErrorOutput';
	settings?: IDataObject;
}

export async function runEngage(
	creds: TestCredentialsHelper,
	parameters: IDataObject,
	options: RunOptions = {},
): Promise<RunResult> {
	const credential = CREDENTIALS[options.credential ?? 'jwt'];
	const workflow = engageWorkflow(
		{ authentication: credential.authentication, ...parameters },
		{ type: credential.type, id: credential.id },
		{ items: options.items, onError: options.onError },
	);
	if (options.settings) workflow.settings = options.settings;
	return await runWorkflow(workflow, creds);
}

/** Parameters of a Report operation: main sub-account, CX, US/Eastern, fast budget. */
export function reportParameters(sim: Simulator, operation: string, parameters: IDataObject = {}): IDataObject {
	const { options, ...rest } = parameters;
	return {
		resource: 'report',
		operation,
		subAccount: { __rl: true, mode: 'id', value: sim.world.mainSubAccountId },
		apiFamily: 'cx',
		timeZone: 'US/Eastern',
		...rest,
		options: { ...fastOptions(), ...((options as IDataObject) ?? {}) },
	};
}

/** Execution hints of the Engage Voice node (output pane notes). */
export function hintsOf(result: RunResult): string[] {
	const task = result.run.data.resultData.runData['Engage Voice']?.[0] as { hints?: Array<{ message: string }> };
	return (task?.hints ?? []).map((hint) => hint.message);
}

export const binaryItems = (items: INodeExecutionData[]) => items.filter((item) => item.binary);

export function binaryBuffer(item: INodeExecutionData, property = 'data'): Buffer {
	return Buffer.from(String(item.binary?.[property]?.data ?? ''), 'base64');
}

/** Parameters of Recording › Download (CX) of one segment. */
export function cxRecordingDownload(subAccountId: string, segment: IDataObject, options: IDataObject = {}): IDataObject {
	return {
		resource: 'recording',
		operation: 'download',
		apiFamily: 'cx',
		subAccount: { __rl: true, mode: 'id', value: subAccountId },
		dialogId: segment.dialogId,
		segmentId: segment.segmentId,
		binaryPropertyName: 'data',
		options,
	};
}
