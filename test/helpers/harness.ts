/*
 * In-process n8n: workflows run through n8n-core's WorkflowExecute with a credentials helper that
 * behaves like n8n's own (packages/cli credentials-helper): it runs the credential's
 * preAuthentication when the expirable field is empty, when core reports expiry (a 401) and for the
 * credential Test, writes the result back over the stored data, and applies the credential's
 * `authenticate` (a function, or generic expressions).
 */
import { ExecutionLifecycleHooks, PollContext, WorkflowExecute } from 'n8n-core';
import type {
	ICredentialDataDecryptedObject,
	ICredentialType,
	ICredentials,
	IDataObject,
	IExecuteFunctions,
	IHttpRequestHelper,
	IHttpRequestOptions,
	INode,
	INodeCredentialsDetails,
	INodeExecutionData,
	INodeParameters,
	INodeProperties,
	INodeType,
	INodeTypes,
	IRun,
	IRunExecutionData,
	IWorkflowBase,
	IWorkflowExecuteAdditionalData,
	IConnections,
} from 'n8n-workflow';
import { ICredentialsHelper, NodeConnectionTypes, Workflow, createRunExecutionData, getVersionedNodeType } from 'n8n-workflow';

import { EngageVoiceJwtApi } from '../../credentials/EngageVoiceJwtApi.credentials';
import { EngageVoiceLoginApi } from '../../credentials/EngageVoiceLoginApi.credentials';
import { EngageVoicePushReceiverApi } from '../../credentials/EngageVoicePushReceiverApi.credentials';
import { EngageVoiceTokenApi } from '../../credentials/EngageVoiceTokenApi.credentials';
import { EngageVoice } from '../../nodes/EngageVoice/EngageVoice.node';

export const PACKAGE = 'n8n-nodes-engage-voice';

/** A start node that emits the items given in its `items` parameter (JSON array). */
class TestItems implements INodeType {
	description = {
		displayName: 'Test Items',
		name: 'testItems',
		group: ['input'],
		version: 1,
		description: 'Emits fixed items',
		defaults: { name: 'Start' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		properties: [{ displayName: 'Items', name: 'items', type: 'json', default: '[{}]' }] as INodeProperties[],
	} as INodeType['description'];

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const raw = this.getNodeParameter('items', 0, '[{}]') as string | IDataObject[];
		const items = (typeof raw === 'string' ? JSON.parse(raw) : raw) as IDataObject[];
		return [items.map((json, i) => ({ json, pairedItem: { item: i } }))];
	}
}

const nodeTypeInstances: Record<string, INodeType> = {
	[`${PACKAGE}.engageVoice`]: new EngageVoice(),
	'test.items': new TestItems(),
};

export const credentialTypes: Record<string, ICredentialType> = {
	engageVoiceJwtApi: new EngageVoiceJwtApi(),
	engageVoiceLoginApi: new EngageVoiceLoginApi(),
	engageVoiceTokenApi: new EngageVoiceTokenApi(),
	engageVoicePushReceiverApi: new EngageVoicePushReceiverApi(),
};

export function registerNodeType(name: string, type: INodeType) {
	nodeTypeInstances[name] = type;
}

export const nodeTypes: INodeTypes = {
	getByName: (type: string) => nodeTypeInstances[type],
	getByNameAndVersion: (type: string, version?: number) => {
		const instance = nodeTypeInstances[type];
		if (!instance) throw new Error(`Unknown node type ${type}`);
		return getVersionedNodeType(instance, version);
	},
	getKnownTypes: () => ({}),
} as INodeTypes;

/** Credential store + the behaviour of n8n's CredentialsHelper that matters for sign-in. */
export class TestCredentialsHelper extends ICredentialsHelper {
	/** Stored (decrypted) data per credential id, as the database would hold it. */
	readonly store = new Map<string, ICredentialDataDecryptedObject>();

	/** How many times each credential ran preAuthentication (= signed in or refreshed). */
	readonly signIns = new Map<string, number>();

	set(id: string, data: Record<string, unknown>) {
		this.store.set(id, { ...data } as ICredentialDataDecryptedObject);
	}

	getParentTypes(): string[] {
		return [];
	}

	isCredentialUsableByNode(): boolean {
		return true;
	}

	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
		requestOptions: IHttpRequestOptions,
		workflow?: Workflow,
		node?: INode,
	): Promise<IHttpRequestOptions> {
		const auth = credentialTypes[typeName]?.authenticate;
		if (!auth) return requestOptions;
		if (typeof auth === 'function') return await auth(credentials, requestOptions);
		const resolve = (value: string) =>
			workflow && node
				? String(
						workflow.expression.getSimpleParameterValue(
							node,
							value,
							'internal',
							{ $credentials: credentials } as unknown as IDataObject,
							undefined,
							'',
						),
					)
				: value;
		const headers = { ...(requestOptions.headers ?? {}) } as IDataObject;
		for (const [key, value] of Object.entries(auth.properties.headers ?? {})) {
			headers[key] = resolve(String(value));
		}
		return { ...requestOptions, headers };
	}

	private expirableField(typeName: string): string | undefined {
		return credentialTypes[typeName]?.properties.find(
			(p) => p.type === 'hidden' && p.typeOptions?.expirable === true,
		)?.name;
	}

	async preAuthentication(
		helpers: IHttpRequestHelper,
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
		node: INode,
		credentialsExpired: boolean,
	): Promise<ICredentialDataDecryptedObject | undefined> {
		const type = credentialTypes[typeName];
		const field = this.expirableField(typeName);
		if (!type?.preAuthentication || !field) return undefined;
		// n8n always signs in for the credential Test, whose request runs on a noOp node with `temp`
		const isTestingCredentials = node?.parameters?.temp === '' && node?.type === 'n8n-nodes-base.noOp';
		if (!credentialsExpired && !isTestingCredentials && credentials[field] !== '' && credentials[field] !== undefined) {
			return undefined;
		}
		const output = await type.preAuthentication.call(helpers, credentials);
		if (!output || output[field] === undefined) return undefined;
		const id = node.credentials?.[typeName]?.id;
		if (id) {
			this.store.set(id, { ...(this.store.get(id) ?? {}), ...(output as ICredentialDataDecryptedObject) });
			this.signIns.set(id, (this.signIns.get(id) ?? 0) + 1);
		}
		return output as ICredentialDataDecryptedObject;
	}

	async runPreAuthentication(
		helpers: IHttpRequestHelper,
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
	): Promise<ICredentialDataDecryptedObject | undefined> {
		const type = credentialTypes[typeName];
		if (!type?.preAuthentication) return undefined;
		return (await type.preAuthentication.call(helpers, credentials)) as ICredentialDataDecryptedObject;
	}

	async getCredentials(): Promise<ICredentials> {
		throw new Error('not used');
	}

	async getDecrypted(
		_additionalData: IWorkflowExecuteAdditionalData,
		nodeCredentials: INodeCredentialsDetails,
		type: string,
	): Promise<ICredentialDataDecryptedObject> {
		const data = this.store.get(nodeCredentials.id ?? '');
		if (!data) throw new Error(`No test credential ${nodeCredentials.id}`);
		// Like n8n (applyDefaultsAndOverwrites → getNodeParameters), only declared fields survive
		// a save and load: a value preAuthentication returns under an undeclared name is lost.
		const declared = new Set(credentialTypes[type]?.properties.map((p) => p.name) ?? Object.keys(data));
		return Object.fromEntries(Object.entries(data).filter(([key]) => declared.has(key)));
	}

	async updateCredentials(nodeCredentials: INodeCredentialsDetails, _type: string, data: ICredentialDataDecryptedObject) {
		this.store.set(nodeCredentials.id ?? '', { ...data });
	}

	async updateCredentialsOauthTokenData() {}

	getCredentialsProperties(type: string): INodeProperties[] {
		return credentialTypes[type]?.properties ?? [];
	}
}

export interface WorkflowFixture {
	name?: string;
	nodes: INode[];
	connections: IConnections;
	staticData?: IDataObject;
	settings?: IDataObject;
}

export interface RunResult {
	run: IRun;
	/** Items of each node's outputs (main[0], main[1] = error output). */
	output(nodeName: string, outputIndex?: number): INodeExecutionData[];
	error?: Error & { description?: string; httpCode?: string };
	logs: string[];
}

let executionCounter = 0;

export function additionalDataFor(credentialsHelper: TestCredentialsHelper, hooks: ExecutionLifecycleHooks, executionId: string) {
	return {
		executionId,
		hooks,
		credentialsHelper,
		variables: {},
		restApiUrl: 'http://localhost:5678/rest',
		webhookBaseUrl: 'http://localhost:5678/webhook',
		webhookWaitingBaseUrl: 'http://localhost:5678/webhook-waiting',
		webhookTestBaseUrl: 'http://localhost:5678/webhook-test',
		formWaitingBaseUrl: 'http://localhost:5678/form-waiting',
		instanceBaseUrl: 'http://localhost:5678/',
		userId: 'test-user',
		currentNodeParameters: undefined,
		executeWorkflow: async () => {
			throw new Error('not supported in tests');
		},
		getRunExecutionData: async () => undefined,
		logAiEvent: () => {},
		setExecutionStatus: () => {},
		sendDataToUI: () => {},
	} as unknown as IWorkflowExecuteAdditionalData;
}

export function buildWorkflow(fixture: WorkflowFixture): Workflow {
	return new Workflow({
		id: 'test-workflow',
		name: fixture.name ?? 'test',
		nodes: fixture.nodes,
		connections: fixture.connections,
		nodeTypes,
		active: false,
		staticData: fixture.staticData ?? {},
		settings: (fixture.settings ?? { timezone: 'America/New_York' }) as IWorkflowBase['settings'],
	});
}

/** Runs a workflow from its first node with no input, the way a manual execution does. */
export async function runWorkflow(
	fixture: WorkflowFixture,
	credentialsHelper: TestCredentialsHelper,
): Promise<RunResult> {
	const workflow = buildWorkflow(fixture);
	const executionId = `test-${++executionCounter}`;
	const workflowData = { ...fixture, id: 'test-workflow', name: 'test', active: false } as unknown as IWorkflowBase;
	const hooks = new ExecutionLifecycleHooks('manual', executionId, workflowData);
	let resolveRun!: (run: IRun) => void;
	const finished = new Promise<IRun>((resolve) => (resolveRun = resolve));
	hooks.addHandler('workflowExecuteAfter', (run) => resolveRun(run));
	const additionalData = additionalDataFor(credentialsHelper, hooks, executionId);
	const start = fixture.nodes[0];
	const runExecutionData: IRunExecutionData = createRunExecutionData({
		executionData: {
			nodeExecutionStack: [{ node: workflow.getNode(start.name)!, data: { main: [[{ json: {} }]] }, source: null }],
		},
	});
	const logs: string[] = [];
	const execute = new WorkflowExecute(additionalData, 'manual', runExecutionData);
	await execute.processRunExecutionData(workflow);
	const run = await finished;
	return {
		run,
		logs,
		error: run.data.resultData.error as RunResult['error'],
		output(nodeName: string, outputIndex = 0) {
			const taskData = run.data.resultData.runData[nodeName];
			if (!taskData?.length) return [];
			return (taskData[taskData.length - 1].data?.main?.[outputIndex] ?? []) as INodeExecutionData[];
		},
	};
}

/** Builds a "Start → Engage Voice" workflow with the given parameters and credential. */
export function engageWorkflow(
	parameters: IDataObject,
	credential: { type: string; id: string },
	options: { items?: IDataObject[]; onError?: 'continueRegularOutput' | 'continueErrorOutput' } = {},
): WorkflowFixture {
	return {
		nodes: [
			{
				id: 'start',
				name: 'Start',
				type: 'test.items',
				typeVersion: 1,
				position: [0, 0],
				parameters: { items: JSON.stringify(options.items ?? [{}]) },
			},
			{
				id: 'engage',
				name: 'Engage Voice',
				type: `${PACKAGE}.engageVoice`,
				typeVersion: 1,
				position: [200, 0],
				parameters: parameters as INodeParameters,
				credentials: { [credential.type]: { id: credential.id, name: credential.id } },
				...(options.onError ? { onError: options.onError } : {}),
			},
		],
		connections: { Start: { main: [[{ node: 'Engage Voice', type: NodeConnectionTypes.Main, index: 0 }]] } },
	};
}

export { PollContext };
