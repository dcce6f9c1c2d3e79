/*
 * Shared pieces of the real-n8n e2e tests: a fresh n8n per test file (copied from the template that
 * global-setup.js prepared), the simulator, credential and workflow builders, timings.
 */
import * as fs from 'fs';
import * as path from 'path';

import { CREDENTIAL_TYPES } from '../../nodes/EngageVoice/transport/credentialTypes';
import { startSimulator as startSim, type Simulator, type SimulatorOptions } from '../simulator';

// scripts/lib: CommonJS modules shared with the demo and CI (Node built-ins only, no types of their own)
const { formatMs, log } = require('../../scripts/lib/log');
const { createInstance } = require('../../scripts/lib/n8nInstance');
const workflowJson = require('../../scripts/lib/workflowJson');
const { credentialData } = require('../simulator/credentials');

export const NODE_TYPE = 'n8n-nodes-engage-voice.engageVoice';

export interface ExecuteBatchResult {
	ms: number;
	exitCode: number;
	summary: any;
	results: Record<
		string,
		{
			/** execute-batch's verdict: success | warning | error */
			status: string;
			/** execute-batch's text: the error's description if it has one, else its message */
			error?: string;
			executionTime?: number;
			/** full run data; n8n writes it for successful runs only */
			snapshot: any;
			/** the stored execution (decoded data), for failed runs too */
			execution: { id: string; status: string; data: any } | null;
			/** resultData.error of the stored execution: message, description, node, … */
			runError: { message?: string; description?: string; [key: string]: unknown } | null;
		}
	>;
}

/** What scripts/lib/n8nInstance.js's createInstance() returns (the parts the tests use). */
export interface N8n {
	userFolder: string;
	baseUrl: string;
	packageDir: string;
	nodesDir: string;
	serverStartMs?: number;
	cli(args: string[], opts?: { timeoutMs?: number; allowFail?: boolean }): Promise<{ code: number; stdout: string; stderr: string }>;
	importCredentials(list: CredentialSpec[]): Promise<CredentialSpec[]>;
	importWorkflows(list: object[]): Promise<Array<{ id: string; name: string }>>;
	executeBatch(ids: string[], opts?: { timeoutMs?: number }): Promise<ExecuteBatchResult>;
	readExecutions(opts?: { afterId?: number; workflowId?: string }): Promise<Array<{ id: string; workflowId: string; status: string; data: any }>>;
	publishWorkflow(id: string): Promise<void>;
	startServer(opts?: { timeoutMs?: number }): Promise<string>;
	stop(): Promise<void>;
	dispose(): Promise<void>;
	rest: RestClient;
}

/** What scripts/lib/restClient.js's RestClient does (the parts the tests use). */
export interface RestClient {
	setupOwner(opts?: object): Promise<any>;
	login(opts?: object): Promise<any>;
	personalProjectId(): Promise<string>;
	request(method: string, urlPath: string, body?: unknown, opts?: { expect?: number[] }): Promise<{ status: number; body: any }>;
	createCredential(c: { name: string; type: string; data: object }): Promise<{ id: string; name: string; type: string }>;
	testCredential(c: { id: string; name?: string; type: string; data?: object }): Promise<{ status: string; message: string }>;
	getWorkflow(id: string): Promise<any>;
	createWorkflow(workflow: object): Promise<any>;
	activateWorkflow(id: string): Promise<any>;
	deactivateWorkflow(id: string): Promise<any>;
	runWorkflow(id: string, opts?: { triggerName?: string }): Promise<string>;
	/** The ids of a workflow's executions, newest first. */
	executionIds(workflowId: string): Promise<string[]>;
	getExecution(id: string): Promise<any>;
	waitForExecution(id: string, opts?: { timeoutMs?: number }): Promise<any>;
	createDataTable(projectId: string, table: { name: string; columns: Array<{ name: string; type: string }> }): Promise<any>;
	dataTableRows(projectId: string, tableId: string): Promise<any[]>;
	binaryData(id: string): Promise<Buffer>;
	executionIds(workflowId: string): Promise<string[]>;
}

export interface CredentialSpec {
	id?: string;
	name: string;
	type: string;
	data: Record<string, unknown>;
}

interface State {
	dir: string;
	tarball: string;
	templateFolder: string;
	encryptionKey: string;
	n8n: { hostDir: string; n8nBin: string; nodeBinDir: string };
}

export function e2eState(): State {
	const dir = process.env.EV_E2E_DIR;
	if (!dir) throw new Error('EV_E2E_DIR is not set: run the e2e tests with `npm run test:e2e`');
	return JSON.parse(fs.readFileSync(path.join(dir, 'state.json'), 'utf8')) as State;
}

let instanceCount = 0;

/**
 * A fresh n8n user folder with the package installed (a copy of the prepared template).
 * `env` adds to n8n's environment (e.g. GENERIC_TIMEZONE).
 */
export async function newN8n(label: string, options: { env?: Record<string, string> } = {}): Promise<N8n> {
	const state = e2eState();
	const userFolder = path.join(state.dir, `${label}-${++instanceCount}`);
	fs.cpSync(state.templateFolder, userFolder, { recursive: true, verbatimSymlinks: true });
	for (const f of ['n8n-cli.log', 'n8n-server.log']) fs.rmSync(path.join(userFolder, f), { force: true });
	return (await createInstance({
		n8n: state.n8n,
		userFolder,
		encryptionKey: state.encryptionKey,
		env: options.env,
	})) as N8n;
}

/** Appends a timing that test/e2e/run.js prints at the end. */
export function recordTiming(label: string, ms: number): void {
	const dir = process.env.EV_E2E_DIR;
	log(`${label}: ${formatMs(ms)}`);
	if (!dir) return;
	const file = path.join(dir, 'timings.json');
	const list = fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, 'utf8')) as object[]) : [];
	list.push({ label, ms });
	fs.writeFileSync(file, JSON.stringify(list, null, 2));
}

/** Last lines of an n8n log in the user folder, for failure messages. */
export function logTail(n8n: N8n, file = 'n8n-cli.log', lines = 60): string {
	try {
		return fs.readFileSync(path.join(n8n.userFolder, file), 'utf8').split('\n').slice(-lines).join('\n');
	} catch {
		return '';
	}
}

export type { Simulator };

export async function startSimulator(options: SimulatorOptions = {}): Promise<Simulator> {
	return await startSim({ port: 0, seed: 1, ...options });
}

function simulatorCredential(
	type: string,
	label: string,
	sim: Simulator,
	id: string,
	overrides: Record<string, unknown>,
): CredentialSpec {
	return { id, name: `Engage Voice ${label} ${id}`, type, data: { ...credentialData(sim, type), ...overrides } };
}

/** RingCentral JWT credential (the default sign-in) pointing at the simulator. */
export const jwtCredential = (sim: Simulator, id: string, overrides: Record<string, unknown> = {}) =>
	simulatorCredential('engageVoiceJwtApi', 'JWT', sim, id, overrides);

/** Engage login credential (username, password, platform id) pointing at the simulator. */
export const loginCredential = (sim: Simulator, id: string, overrides: Record<string, unknown> = {}) =>
	simulatorCredential('engageVoiceLoginApi', 'login', sim, id, overrides);

/** API token credential (current host) pointing at the simulator. */
export const tokenCredential = (sim: Simulator, id: string, overrides: Record<string, unknown> = {}) =>
	simulatorCredential('engageVoiceTokenApi', 'token', sim, id, overrides);

// the node's Authentication value for each credential type (the transport's table, inverted)
const CREDENTIAL_KEY: Record<string, string> = Object.fromEntries(
	Object.entries(CREDENTIAL_TYPES).map(([authentication, type]) => [type, authentication]),
);

/** Manual Trigger → Engage Voice with the given parameters (and the credential's authentication). */
export function engageWorkflow(
	id: string,
	credential: CredentialSpec,
	parameters: Record<string, unknown>,
	nodeName = 'Engage Voice',
): object {
	return {
		id,
		name: `e2e ${id}`,
		nodes: [
			{ name: 'Manual Trigger', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
			{
				name: nodeName,
				type: NODE_TYPE,
				typeVersion: 1,
				position: [240, 0],
				parameters: { authentication: CREDENTIAL_KEY[credential.type], ...parameters },
				credentials: { [credential.type]: { id: credential.id, name: credential.name } },
			},
		],
		connections: workflowJson.chain('Manual Trigger', nodeName),
	};
}

/** json of the items a node output: from an execute-batch snapshot or a REST execution's data. */
export function nodeItems(run: unknown, nodeName: string, options?: { output?: number; run?: number }): any[] {
	return workflowJson.nodeItems(run, nodeName, options) as any[];
}

export function pick(o: object, keys: string[]): Record<string, unknown> {
	const record = o as Record<string, unknown>;
	return Object.fromEntries(keys.filter((k) => k in record).map((k) => [k, record[k]]));
}

/**
 * A workflow of one Engage Voice Trigger (New Interaction Segments, every minute, report budget
 * open unless `options` says otherwise) with a saved JWT credential.
 */
export function segmentsTriggerWorkflow(spec: {
	id: string;
	nodeId: string;
	nodeName: string;
	credential: { id?: string; name: string };
	subAccountId: string;
	startFromMs: number;
	options?: Record<string, unknown>;
}): object {
	return {
		id: spec.id,
		name: `e2e ${spec.id}`,
		nodes: [
			{
				id: spec.nodeId,
				name: spec.nodeName,
				type: 'n8n-nodes-engage-voice.engageVoiceTrigger',
				typeVersion: 1,
				position: [0, 0],
				parameters: {
					// n8n refuses poll intervals under a minute
					pollTimes: { item: [{ mode: 'everyMinute' }] },
					authentication: 'ringCentralJwt',
					event: 'newInteractionSegments',
					subAccount: { __rl: true, mode: 'id', value: spec.subAccountId },
					startFrom: new Date(spec.startFromMs).toISOString(),
					options: { reportRequestsPerSecond: 100, reportRequestsPerMinute: 6000, reportRequestsPer15Minutes: 90000, ...spec.options },
				},
				credentials: { engageVoiceJwtApi: { id: spec.credential.id, name: spec.credential.name } },
			},
		],
		connections: {},
		settings: { executionOrder: 'v1' },
		pinData: {},
	};
}
