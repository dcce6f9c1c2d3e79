/*
 * Polls of the Engage Voice Trigger through n8n-core's real PollContext, against the simulator,
 * with the node's clock (Date) and the simulator's clock moved together.
 *
 * Date is faked with jest's modern timers for Date only (timers stay real: the transport waits
 * with n8n's sleep), so within one poll both clocks stand still; tests move them between polls.
 */
import { ExecutionLifecycleHooks } from 'n8n-core';
import type { IDataObject, INode, INodeExecutionData, IWorkflowBase } from 'n8n-workflow';
import { Workflow } from 'n8n-workflow';

import { EngageVoiceTrigger } from '../../nodes/EngageVoice/EngageVoiceTrigger.node';
import { additionalDataFor, nodeTypes, PACKAGE, PollContext, registerNodeType, TestCredentialsHelper } from './harness';
import type { Simulator } from './simulator';
import { jwtCredential } from './simulator';

// n8n's loader prepends "Poll Times" to every polling node (directory-loader applySpecialNodeParameters).
const { commonPollingParameters } = require('n8n-core/dist/nodes-loader/constants');

export const TRIGGER_TYPE = `${PACKAGE}.engageVoiceTrigger`;
export const TRIGGER_NAME = 'Engage Voice Trigger';

/** The trigger as n8n loads it: with the injected Poll Times parameter. */
export function loadedTrigger(): EngageVoiceTrigger {
	const trigger = new EngageVoiceTrigger();
	trigger.description.properties = [...commonPollingParameters, ...trigger.description.properties];
	return trigger;
}

registerNodeType(TRIGGER_TYPE, loadedTrigger());

/** jest fake timers for Date only (see the file comment). */
export const DATE_ONLY_FAKE_TIMERS = {
	doNotFake: [
		'nextTick',
		'setImmediate',
		'setTimeout',
		'setInterval',
		'clearTimeout',
		'clearInterval',
		'queueMicrotask',
		'hrtime',
		'performance',
	],
} as const;

/** Registers Date-only fake timers starting at `now` for the enclosing describe block. */
export function useFakeDate(now: number) {
	beforeAll(() => {
		jest.useFakeTimers({ ...DATE_ONLY_FAKE_TIMERS, now } as never);
	});
	afterAll(() => {
		jest.useRealTimers();
	});
}

/** Fast report limits for the simulator and the matching node options. */
export const FAST_SIM_LIMITS = { report: [{ count: 1000, windowMs: 1000 }], admin: [{ count: 1000, windowMs: 1000 }] };
export const FAST_NODE_OPTIONS = { reportRequestsPerSecond: 1000, reportRequestsPerMinute: 60000, reportRequestsPer15Minutes: 900000 };

export interface PollOutcome {
	items: IDataObject[];
	/** null when poll() returned null (nothing new). */
	raw: INodeExecutionData[][] | null;
	error?: Error & { description?: string; httpCode?: string };
}

let executions = 0;

export class TriggerRig {
	readonly credentials = new TestCredentialsHelper();

	workflow!: Workflow;

	node: INode;

	/** Called with each poll's context before the poll (a test's virtual clock watches its requests). */
	onContext?: (ctx: InstanceType<typeof PollContext>) => void;

	/** Passed to PollContext as n8n's poll budget. */
	pollBudgetMs = 5 * 60_000;

	/** What the node logged (warn and error always, info when `logInfo`), newest last. */
	readonly logs: Array<{ level: string; message: string }> = [];

	logInfo = false;

	private readonly logger = {
		info: (message: string) => {
			if (this.logInfo) this.logs.push({ level: 'info', message });
		},
		debug: () => {},
		warn: (message: string) => this.logs.push({ level: 'warn', message }),
		error: (message: string) => this.logs.push({ level: 'error', message }),
	};

	constructor(
		readonly sim: Simulator,
		parameters: IDataObject,
		staticData: IDataObject = {},
		/** Two rigs on one sub-account are two triggers only with two workflow ids. */
		readonly workflowId = 'trigger-workflow',
	) {
		this.credentials.set('jwt', jwtCredential(sim));
		this.node = {
			id: 'trigger',
			name: TRIGGER_NAME,
			type: TRIGGER_TYPE,
			typeVersion: 1,
			position: [0, 0],
			parameters: { authentication: 'ringCentralJwt', subAccount: { __rl: true, mode: 'id', value: sim.world.mainSubAccountId }, ...parameters },
			credentials: { engageVoiceJwtApi: { id: 'jwt', name: 'jwt' } },
		} as INode;
		this.build(staticData);
	}

	private build(staticData: IDataObject) {
		this.workflow = new Workflow({
			id: this.workflowId,
			name: 'trigger test',
			nodes: [JSON.parse(JSON.stringify(this.node)) as INode],
			connections: {},
			nodeTypes,
			active: true,
			staticData,
			settings: { timezone: 'America/New_York' },
		});
	}

	/** How far the simulator's clock runs ahead of the node's (negative: behind). */
	serverAheadMs = 0;

	/** Moves the node's clock (Date) to `ms` and the simulator's to `ms + serverAheadMs`. */
	at(ms: number) {
		jest.setSystemTime(ms);
		this.sim.control.setClock(ms + this.serverAheadMs);
	}

	/** The node's static data as JSON (what n8n would save). */
	staticJson(): string {
		return JSON.stringify(this.workflow.staticData);
	}

	nodeState(): IDataObject {
		return (JSON.parse(this.staticJson()) as IDataObject)[`node:${TRIGGER_NAME}`] as IDataObject;
	}

	/** A restart of n8n: the workflow is built again from the JSON form of its static data. */
	restart() {
		this.build(JSON.parse(this.staticJson()) as IDataObject);
	}

	/**
	 * n8n could not save the static data of the last poll (it stopped before saving): the next poll
	 * starts from `savedJson`, what was saved before it, while its items went out.
	 */
	loseSave(savedJson: string) {
		this.build(JSON.parse(savedJson) as IDataObject);
	}

	/** Changes node parameters (as an edit of the workflow would), keeping static data. */
	edit(parameters: IDataObject) {
		this.node = { ...this.node, parameters: { ...this.node.parameters, ...parameters } } as INode;
		this.build(JSON.parse(this.staticJson()) as IDataObject);
	}

	/**
	 * Polls from `fromMs` on, each poll `gapMs()` after the one before, while the time is before
	 * `untilMs`; every poll must succeed. `afterEach` runs after each poll.
	 */
	async pollEvery(gapMs: () => number, fromMs: number, untilMs: number, afterEach?: () => void) {
		const items: IDataObject[] = [];
		let now = fromMs;
		while (now < untilMs) {
			now += gapMs();
			this.at(now);
			const outcome = await this.poll();
			expect(outcome.error).toBeUndefined();
			items.push(...outcome.items);
			afterEach?.();
		}
		return { items, nowMs: now };
	}

	async poll(mode: 'trigger' | 'manual' = 'trigger'): Promise<PollOutcome> {
		const executionId = `poll-${++executions}`;
		const hooks = new ExecutionLifecycleHooks(mode, executionId, { id: this.workflow.id } as IWorkflowBase);
		const additionalData = additionalDataFor(this.credentials, hooks, executionId);
		const node = this.workflow.getNode(TRIGGER_NAME)!;
		const ctx = new PollContext(
			this.workflow,
			node,
			additionalData,
			mode,
			mode === 'manual' ? 'manual' : 'activate',
			undefined,
			undefined,
			undefined,
			undefined,
			undefined,
			() => this.pollBudgetMs,
		);
		// the node's log goes to this rig (n8n's logger would print every window)
		Object.defineProperty(ctx, 'logger', { value: this.logger });
		this.onContext?.(ctx);
		const type = nodeTypes.getByNameAndVersion(TRIGGER_TYPE, 1);
		try {
			const raw = (await type.poll!.call(ctx)) as INodeExecutionData[][] | null;
			return { raw, items: raw ? raw[0].map((item) => item.json) : [] };
		} catch (error) {
			return { raw: null, items: [], error: error as PollOutcome['error'] };
		}
	}
}
