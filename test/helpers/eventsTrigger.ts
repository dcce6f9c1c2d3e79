/*
 * The Engage Voice Events Trigger in-process, the way n8n runs it: its activation hooks through
 * n8n-core's real HookContext, and its webhook through n8n-core's real WebhookContext behind a real
 * HTTP server that stands in for n8n's webhook endpoint (body parsed as n8n parses it, the answer
 * the node writes going back on the socket, n8n's default answer when the node leaves it to n8n).
 *
 * Like n8n, every hook call and every request builds the workflow anew from the JSON form of the
 * stored static data and stores it back when the node changed it, so that nothing the node keeps
 * in process memory survives between calls.
 */
import * as http from 'http';
import * as querystring from 'querystring';

import { ExecutionLifecycleHooks, HookContext, WebhookContext } from 'n8n-core';
import type {
	IDataObject,
	INode,
	IWebhookData,
	IWebhookResponseData,
	IWorkflowBase,
	IWorkflowExecuteAdditionalData,
	WorkflowExecuteMode,
} from 'n8n-workflow';
import { Workflow } from 'n8n-workflow';

import { EngageVoiceEventsTrigger } from '../../nodes/EngageVoice/EngageVoiceEventsTrigger.node';
import { additionalDataFor, nodeTypes, PACKAGE, registerNodeType, TestCredentialsHelper } from './harness';

export const EVENTS_TRIGGER_TYPE = `${PACKAGE}.engageVoiceEventsTrigger`;
export const EVENTS_TRIGGER_NAME = 'Engage Voice Events Trigger';
export const WEBHOOK_ID = '5f0e7c4e-0d7b-4a55-9d0e-3f1a2b3c4d5e';

registerNodeType(EVENTS_TRIGGER_TYPE, new EngageVoiceEventsTrigger());

/** What the stand-in n8n endpoint saw: the node's answer and the execution it would start. */
export interface Delivery {
	method: string;
	headers: http.IncomingHttpHeaders;
	status: number;
	/** Items of the execution n8n would start; undefined = none. */
	items?: IDataObject[];
	error?: Error;
}

let counter = 0;

export class EventsRig {

	/** The workflow's static data as n8n's database holds it (JSON). */
	staticJson = '{}';

	/** "Listen for test event" has static data of its own (n8n's test webhook registration). */
	testStaticJson = '{}';

	node: INode;

	readonly deliveries: Delivery[] = [];

	readonly logs: Array<{ level: string; message: string }> = [];

	private server?: http.Server;

	/** n8n down: connections are dropped without an answer. */
	down = false;

	baseUrl = '';

	/**
	 * `credentials`: the store the node's credentials are read from (the suite's, with ids 'jwt',
	 * 'login', 'token'); `nodeCredentials`: which of them the node uses.
	 */
	constructor(
		readonly credentials: TestCredentialsHelper,
		parameters: IDataObject,
		nodeCredentials: Record<string, { id: string; name: string }> = {},
		readonly workflowId = 'wfEvents0001',
	) {
		this.node = {
			id: 'b6c0a1f2-7e1d-4c3b-9a8e-000000000001',
			name: EVENTS_TRIGGER_NAME,
			type: EVENTS_TRIGGER_TYPE,
			typeVersion: 1,
			position: [0, 0],
			webhookId: WEBHOOK_ID,
			parameters: parameters as INode['parameters'],
			credentials: nodeCredentials,
		};
	}

	/** Starts the stand-in webhook endpoint on a free port. */
	async start(): Promise<this> {
		this.server = http.createServer((req, res) => void this.handle(req, res));
		await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
		const address = this.server.address() as { port: number };
		this.baseUrl = `http://127.0.0.1:${address.port}`;
		return this;
	}

	async close() {
		const server = this.server;
		if (!server) return;
		const closed = new Promise<void>((resolve) => server.close(() => resolve()));
		server.closeAllConnections();
		await closed;
	}

	/** The production URL: base/webhook/<webhookId>/<path>, as n8n builds it. */
	productionUrl(): string {
		return `${this.baseUrl}/webhook/${WEBHOOK_ID}/engage-voice`;
	}

	testUrl(): string {
		return `${this.baseUrl}/webhook-test/${WEBHOOK_ID}/engage-voice`;
	}

	/** Changes node parameters (an edit of the workflow), keeping static data. */
	edit(parameters: IDataObject) {
		this.node = { ...this.node, parameters: { ...this.node.parameters, ...parameters } as INode['parameters'] };
	}

	nodeState(): IDataObject {
		return ((JSON.parse(this.staticJson) as IDataObject)[`node:${EVENTS_TRIGGER_NAME}`] ?? {}) as IDataObject;
	}

	private workflow(test = false): Workflow {
		return new Workflow({
			id: this.workflowId,
			name: 'events test',
			nodes: [JSON.parse(JSON.stringify(this.node)) as INode],
			connections: {},
			nodeTypes,
			active: true,
			staticData: JSON.parse(test ? this.testStaticJson : this.staticJson) as IDataObject,
			settings: { timezone: 'America/New_York' },
		});
	}

	/** n8n's saveStaticData: only when the node changed it. */
	private save(workflow: Workflow, test = false) {
		const data = workflow.staticData as IDataObject;
		if (data.__dataChanged !== true) return;
		const copy = JSON.parse(JSON.stringify(data)) as IDataObject;
		delete copy.__dataChanged;
		if (test) this.testStaticJson = JSON.stringify(copy);
		else this.staticJson = JSON.stringify(copy);
	}

	private additionalData(mode: WorkflowExecuteMode, extra: IDataObject = {}): IWorkflowExecuteAdditionalData {
		const executionId = `events-${++counter}`;
		const hooks = new ExecutionLifecycleHooks(mode, executionId, { id: this.workflowId } as IWorkflowBase);
		return {
			...additionalDataFor(this.credentials, hooks, executionId),
			webhookBaseUrl: `${this.baseUrl}/webhook`,
			webhookTestBaseUrl: `${this.baseUrl}/webhook-test`,
			...extra,
		} as IWorkflowExecuteAdditionalData;
	}

	private webhookData(workflow: Workflow, additionalData: IWorkflowExecuteAdditionalData, isTest: boolean): IWebhookData {
		const type = nodeTypes.getByNameAndVersion(EVENTS_TRIGGER_TYPE, 1);
		return {
			httpMethod: 'POST',
			node: EVENTS_TRIGGER_NAME,
			path: `${WEBHOOK_ID}/engage-voice`,
			webhookDescription: type.description.webhooks![0],
			workflowId: workflow.id,
			workflowExecuteAdditionalData: additionalData,
			isTest,
		} as IWebhookData;
	}

	private capture(ctx: object) {
		const logger = {
			info: (message: string) => this.logs.push({ level: 'info', message }),
			debug: () => {},
			warn: (message: string) => this.logs.push({ level: 'warn', message }),
			error: (message: string) => this.logs.push({ level: 'error', message }),
		};
		Object.defineProperty(ctx, 'logger', { value: logger });
	}

	/** Runs one activation hook (checkExists, create or delete) the way n8n's WebhookService does. */
	async hook(method: 'checkExists' | 'create' | 'delete', mode: 'trigger' | 'manual' = 'trigger'): Promise<boolean> {
		const workflow = this.workflow(mode === 'manual');
		const node = workflow.getNode(EVENTS_TRIGGER_NAME)!;
		const additionalData = this.additionalData(mode);
		const ctx = new HookContext(workflow, node, additionalData, mode, mode === 'manual' ? 'manual' : 'activate', this.webhookData(workflow, additionalData, mode === 'manual'));
		this.capture(ctx);
		const type = nodeTypes.getByNameAndVersion(EVENTS_TRIGGER_TYPE, 1);
		try {
			return await type.webhookMethods!.default![method].call(ctx);
		} finally {
			this.save(workflow, mode === 'manual');
		}
	}

	/** n8n's createWebhookIfNotExists: checkExists, then create when it said false. Returns whether create ran. */
	async activate(mode: 'trigger' | 'manual' = 'trigger'): Promise<boolean> {
		if (await this.hook('checkExists', mode)) return false;
		await this.hook('create', mode);
		return true;
	}

	async deactivate(mode: 'trigger' | 'manual' = 'trigger') {
		await this.hook('delete', mode);
	}

	/** The stand-in for n8n's webhook endpoint. */
	private async handle(req: http.IncomingMessage, res: http.ServerResponse) {
		if (this.down) {
			req.socket.destroy();
			return;
		}
		const delivery: Delivery = { method: req.method ?? '', headers: req.headers, status: 0 };
		this.deliveries.push(delivery);
		const isTest = (req.url ?? '').startsWith('/webhook-test/');
		try {
			const chunks: Buffer[] = [];
			for await (const chunk of req) chunks.push(chunk as Buffer);
			const rawBody = Buffer.concat(chunks);
			const url = new URL(req.url ?? '/', 'http://localhost');
			const contentType = String(req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
			// n8n's body parser (packages/cli middlewares/body-parser): JSON, form fields, text
			let body: unknown = {};
			if (rawBody.length) {
				if (contentType === 'application/json') body = JSON.parse(rawBody.toString('utf8'));
				else if (contentType === 'application/x-www-form-urlencoded') body = { ...querystring.parse(rawBody.toString('utf8')) };
				else if (contentType === 'text/plain') body = rawBody.toString('utf8');
			}
			Object.assign(req, { body, rawBody, query: Object.fromEntries(url.searchParams), params: {}, contentType });

			const workflow = this.workflow(isTest);
			const node = workflow.getNode(EVENTS_TRIGGER_NAME)!;
			const mode = isTest ? 'manual' : 'webhook';
			const additionalData = this.additionalData(mode, { httpRequest: req, httpResponse: res });
			const ctx = new WebhookContext(workflow, node, additionalData, mode, this.webhookData(workflow, additionalData, isTest), [], null);
			this.capture(ctx);
			const type = nodeTypes.getByNameAndVersion(EVENTS_TRIGGER_TYPE, 1);
			const result = (await type.webhook!.call(ctx)) as IWebhookResponseData;
			this.save(workflow, isTest);
			if (result.noWebhookResponse !== true && !res.headersSent) {
				// n8n's answer in responseMode onReceived
				res.writeHead(200, { 'Content-Type': 'application/json' });
				res.end(JSON.stringify({ message: 'Workflow was started' }));
			}
			if (result.workflowData) delivery.items = result.workflowData[0].map((item) => item.json);
		} catch (error) {
			delivery.error = error as Error;
			if (!res.headersSent) {
				res.writeHead(500, { 'Content-Type': 'application/json' });
				res.end(JSON.stringify({ code: 0, message: 'Workflow Webhook Error: Workflow could not be started!' }));
			}
		}
		delivery.status = res.statusCode;
	}

	/** Every item of every execution the deliveries started, in order. */
	items(): IDataObject[] {
		return this.deliveries.flatMap((d) => d.items ?? []);
	}

	/** Executions started (deliveries with items). */
	executions(): Delivery[] {
		return this.deliveries.filter((d) => d.items !== undefined);
	}
}

const { createOutbound } = require('../simulator/outbound');
const outbound = createOutbound();

/**
 * One HTTP request from outside (a forged delivery, a handshake by hand), with the bytes of the
 * answer counted on the socket: the simulator's own client, which its validation uses too.
 */
export async function sendRequest(
	url: string,
	options: { method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<{ status: number | null; headers: http.IncomingHttpHeaders; body: string; bytes: number; error: string | null }> {
	const res = await outbound.request(url, { method: options.method ?? 'POST', headers: options.headers ?? {}, body: options.body ?? '', timeoutMs: 10_000 });
	return { status: res.status, headers: res.headers, body: res.body.toString('utf8'), bytes: res.bytes, error: res.error };
}
