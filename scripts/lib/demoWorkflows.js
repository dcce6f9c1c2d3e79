'use strict';
/*
 * The shipped example workflows (examples/*.json) and their demo variants: every Engage Voice node
 * on the simulator's credential and main sub-account, Google Sheets swapped for an n8n data table,
 * the CRM post sent to the local CRM sink, a note on each saying so. `npm run demo`, the e2e tests
 * and the screenshots use the same variants, so that the tests check exactly what the demo shows.
 * Also: a workflow that runs one AI tool node without a model (n8n's Tool Executor).
 */
const crypto = require('crypto');
const fs = require('fs');
const path = require('path');

const EXAMPLES_DIR = path.resolve(__dirname, '..', '..', 'examples');

/** The demo's and the tests' n8n time zone (the simulator's contact center runs on US/Eastern). */
const TIME_ZONE = 'America/New_York';
/**
 * The demo's report budget: the simulator is started with DEMO_REPORT_LIMITS, more than a real
 * account allows (2 per minute, 9 per 15 minutes), and the demo variants' report nodes ask for
 * DEMO_REPORT_REQUESTS_PER_SECOND (120 per minute, within it).
 */
const DEMO_REPORT_LIMITS = [{ count: 300, windowMs: 60_000 }];
const DEMO_REPORT_REQUESTS_PER_SECOND = 2;

const EXAMPLES = {
	queueStats: 'queue-statistics-to-google-sheets.json',
	roster: 'nightly-roster-sync-to-data-table.json',
	recordings: 'call-recording-to-crm.json',
	aiAgent: 'ai-agent-yesterdays-queues.json',
	agentStates: 'agent-state-log-and-break-alert.json',
	contactToLead: 'crm-contact-to-campaign-lead.json',
	closeLeads: 'close-leads-from-crm.json',
};

const DEMO_IDS = {
	queueStats: 'evDemoQueueStats01',
	roster: 'evDemoRoster01',
	recordings: 'evDemoRecordings01',
	aiAgent: 'evDemoAiAgent01',
	agentStates: 'evDemoAgentStates01',
	contactToLead: 'evDemoContactLead01',
	closeLeads: 'evDemoCloseLeads01',
};

/** The campaign the lead workflows use in the demo (a campaign of the simulator's main sub-account). */
const DEMO_CAMPAIGN = 'Renewal Outreach';

/** The data table the queue statistics demo writes to (instead of Google Sheets). */
const QUEUE_STATS_TABLE = {
	name: 'Engage Voice queue statistics',
	columns: [
		['rowKey', 'string'],
		['intervalStart', 'string'],
		['queue', 'number'],
		['queueName', 'string'],
		['offered', 'number'],
		['answered', 'number'],
		['abandoned', 'number'],
		['answeredWithinServiceLevel', 'number'],
		['talkSeconds', 'number'],
		['wrapUpSeconds', 'number'],
		['waitSeconds', 'number'],
		['longestWaitAnsweredSeconds', 'number'],
		['changeType', 'string'],
	].map(([name, type]) => ({ name, type })),
};

const ENGAGE_TYPES = new Set([
	'n8n-nodes-engage-voice.engageVoice',
	'n8n-nodes-engage-voice.engageVoiceTrigger',
	'n8n-nodes-engage-voice.engageVoiceEventsTrigger',
	'n8n-nodes-engage-voice.engageVoiceTool',
]);

/**
 * The data table the agent-state example logs to, as its "Create the table if missing" node
 * defines it (the demo creates it up front, so that it is there before the first event).
 */
function agentStatesTable() {
	const example = JSON.parse(fs.readFileSync(path.join(EXAMPLES_DIR, EXAMPLES.agentStates), 'utf8'));
	const create = example.nodes.find((n) => n.type === 'n8n-nodes-base.dataTable' && n.parameters.operation === 'create');
	return { name: create.parameters.tableName, columns: create.parameters.columns.column.map(({ name, type }) => ({ name, type })) };
}

/** The shipped example workflows (examples/*.json), parsed. */
function readExamples() {
	const out = {};
	for (const [key, file] of Object.entries(EXAMPLES)) {
		out[key] = JSON.parse(fs.readFileSync(path.join(EXAMPLES_DIR, file), 'utf8'));
	}
	return out;
}

function renameNode(workflow, from, to) {
	for (const node of workflow.nodes) if (node.name === from) node.name = to;
	const connections = {};
	for (const [source, outputs] of Object.entries(workflow.connections)) {
		const copy = JSON.parse(JSON.stringify(outputs));
		for (const list of Object.values(copy)) {
			for (const branch of list) for (const c of branch || []) if (c.node === from) c.node = to;
		}
		connections[source === from ? to : source] = copy;
	}
	workflow.connections = connections;
}

function nodeOfType(workflow, type) {
	const node = workflow.nodes.find((n) => n.type === type);
	if (!node) throw new Error(`${workflow.name}: no ${type} node`);
	return node;
}

function demoNote(workflow, example, text) {
	const about = workflow.nodes.find((n) => n.type === 'n8n-nodes-base.stickyNote');
	const [x, y] = about ? about.position : [-40, -400];
	const width = about ? about.parameters.width : 600;
	workflow.nodes.push({
		id: crypto.randomUUID(),
		name: 'Demo variant',
		type: 'n8n-nodes-base.stickyNote',
		typeVersion: 1,
		position: [x + width + 40, y],
		parameters: {
			content: `## Demo variant\nThis is \`examples/${example}\` adapted to the simulator:\n${text}`,
			width: 380,
			height: 300,
			color: 5,
		},
	});
}

/**
 * The demo variants of the examples: every Engage Voice node on the simulator's credential and
 * main sub-account (with the demo's report budget); (a) writes to an n8n data table instead of
 * Google Sheets; (c) posts to the local CRM sink without auth; the triggers start `startFromMs`.
 *
 * Returns { queueStats, roster, recordings, aiAgent }: one workflow each, with fixed ids.
 *
 * ctx: { credential: {id, name} (engageVoiceJwtApi), subAccount: {subAccountId, subAccountName},
 *        campaign: {campaignId, campaignName}, agent: {agentId, name} (the lead workflows' campaign and
 *        callback agent), queueStatsTable: {id, name, projectId}, sinkUrl, startFromMs?, pollMinutes?,
 *        demoBudget? (default true: raise the report budget to the simulator's demo limit; false keeps
 *        the node's defaults, 2 per minute and 9 per 15 minutes) }
 */
function demoWorkflows(ctx) {
	const examples = readExamples();
	const startFrom = ctx.startFromMs === undefined ? undefined : new Date(ctx.startFromMs).toISOString();
	const variants = {};
	for (const [key, example] of Object.entries(examples)) {
		const workflow = JSON.parse(JSON.stringify(example));
		workflow.id = DEMO_IDS[key];
		workflow.name = `${workflow.name} (demo)`;
		workflow.settings = { ...(workflow.settings || {}), executionOrder: 'v1', timezone: TIME_ZONE };
		for (const node of workflow.nodes) {
			if (!ENGAGE_TYPES.has(node.type)) continue;
			node.parameters.authentication = 'ringCentralJwt';
			node.credentials = { engageVoiceJwtApi: { id: ctx.credential.id, name: ctx.credential.name } };
			const sub = node.parameters.subAccount;
			if (sub && sub.mode === 'list') {
				node.parameters.subAccount = {
					__rl: true,
					mode: 'list',
					value: String(ctx.subAccount.subAccountId),
					cachedResultName: ctx.subAccount.subAccountName,
				};
			}
			for (const [param, value, name] of [
				['campaign', ctx.campaign?.campaignId, ctx.campaign?.campaignName],
				['agent', ctx.agent?.agentId, ctx.agent?.name],
			]) {
				const locator = node.parameters[param];
				if (locator && locator.mode === 'list' && value !== undefined) {
					node.parameters[param] = { __rl: true, mode: 'list', value: String(value), cachedResultName: name };
				}
			}
			const reportNode =
				node.type.endsWith('engageVoiceTrigger') ||
				(node.parameters.resource === 'report' && node.parameters.operation);
			if (reportNode && ctx.demoBudget !== false) {
				node.parameters.options = {
					...(node.parameters.options || {}),
					reportRequestsPerSecond: DEMO_REPORT_REQUESTS_PER_SECOND,
				};
			}
			if (node.type.endsWith('engageVoiceTrigger')) {
				if (startFrom) node.parameters.startFrom = startFrom;
				if (ctx.pollMinutes) {
					node.parameters.pollTimes = {
						item: [ctx.pollMinutes === 1 ? { mode: 'everyMinute' } : { mode: 'everyX', value: ctx.pollMinutes, unit: 'minutes' }],
					};
				}
			}
		}
		if (key === 'queueStats') {
			const sheets = nodeOfType(workflow, 'n8n-nodes-base.googleSheets');
			const table = ctx.queueStatsTable;
			renameNode(workflow, sheets.name, 'Upsert into data table');
			Object.assign(sheets, {
				type: 'n8n-nodes-base.dataTable',
				typeVersion: 1.1,
				parameters: {
					resource: 'row',
					operation: 'upsert',
					dataTableId: {
						__rl: true,
						mode: 'list',
						value: table.id,
						cachedResultName: table.name,
						cachedResultUrl: `/projects/${table.projectId}/datatables/${table.id}`,
					},
					filters: { conditions: [{ keyName: 'rowKey', condition: 'eq', keyValue: '={{ $json.rowKey }}' }] },
					columns: { mappingMode: 'autoMapInputData', value: {}, matchingColumns: [], schema: [] },
					options: {},
				},
			});
			delete sheets.credentials;
			demoNote(
				workflow,
				EXAMPLES[key],
				`- rows go to the n8n data table **${table.name}** (Overview → Data tables) instead of Google Sheets, upserted on \`rowKey\`;\n` +
					`- the trigger starts two hours before the demo started (Start From), so the first poll fills the table;\n` +
					'- the simulator allows more report requests than a real account (Options › Report Requests per Second).',
			);
		} else if (key === 'recordings') {
			const post = nodeOfType(workflow, 'n8n-nodes-base.httpRequest');
			post.parameters.url = `${ctx.sinkUrl}/crm/recordings`;
			post.parameters.authentication = 'none';
			delete post.parameters.genericAuthType;
			delete post.credentials;
			demoNote(
				workflow,
				EXAMPLES[key],
				`- *Post to the CRM* posts to the demo's CRM sink (${ctx.sinkUrl}/crm/recordings; the demo's terminal prints each post, GET lists them);\n` +
					'- the trigger starts two hours before the demo started (Start From), so the first poll posts the recordings of that time;\n' +
					'- the simulator allows more report requests than a real account.',
			);
		} else if (key === 'contactToLead') {
			demoNote(
				workflow,
				EXAMPLES[key],
				`- every Engage Voice node uses the simulator's main sub-account and the campaign **${ctx.campaign.campaignName}**; callbacks go to agent ${ctx.agent.name};\n` +
					'- the workflow is active: post a contact to its production webhook, e.g.\n' +
					"  `curl -X POST http://localhost:5678/webhook/engage-voice-lead -H 'content-type: application/json' -d '{\"crmId\":\"crm-1\",\"phone\":\"6175550142\",\"firstName\":\"Grace\",\"lastName\":\"Hopper\",\"callbackAt\":\"2030-07-24T09:00:00\",\"timeZone\":\"America/Chicago\"}'`\n" +
					'  and open the Executions tab.',
			);
		} else if (key === 'closeLeads') {
			const deals = nodeOfType(workflow, 'n8n-nodes-base.httpRequest');
			deals.parameters.url = `${ctx.sinkUrl}/crm/deals`;
			deals.parameters.authentication = 'none';
			deals.parameters.queryParameters = { parameters: [{ name: 'status', value: 'closed' }] };
			delete deals.parameters.genericAuthType;
			delete deals.credentials;
			demoNote(
				workflow,
				EXAMPLES[key],
				`- *Deals closed in the CRM* reads the demo's CRM stand-in (${ctx.sinkUrl}/crm/deals?status=closed), which holds two won and two lost deals of leads in **${ctx.campaign.campaignName}**; POST more deals there (\`{ crmId, status: "closed", outcome: "won" | "lost" }\`);\n` +
					'- the workflow is not active: click **Execute workflow**.',
			);
		} else if (key === 'roster') {
			demoNote(
				workflow,
				EXAMPLES[key],
				'- *Get all agents* reads the simulator\'s main sub-account.\n\nClick **Execute workflow**, then open Overview → Data tables → *Engage Voice agents*.',
			);
		} else if (key === 'agentStates') {
			const slack = nodeOfType(workflow, 'n8n-nodes-base.slack');
			renameNode(workflow, slack.name, 'Break alert (Slack in the example)');
			Object.assign(slack, { type: 'n8n-nodes-base.noOp', typeVersion: 1, parameters: {} });
			delete slack.credentials;
			delete slack.webhookId;
			demoNote(
				workflow,
				EXAMPLES[key],
				'- the trigger subscribes to the agent states of the simulator\'s main sub-account (active: the simulator calls n8n on every change);\n' +
					'- agents work US/Eastern office hours on weekdays (the simulator\'s clock runs in real time): at night and at weekends few or no changes come in;\n' +
					'- the break alert goes to a *No Operation* node instead of Slack: open an execution to see which changes reached it.\n\nRows: Overview → Data tables → *Engage Voice agent states*.',
			);
		} else if (key === 'aiAgent') {
			demoNote(
				workflow,
				EXAMPLES[key],
				'- *Queue statistics* reads the simulator\'s main sub-account.\n\nNo chat model is set up: add an OpenAI credential to *OpenAI Chat Model* (or swap in another model) to chat. Without one, open *Queue statistics* and run it with **Execute step** to see what the agent would get.',
			);
		}
		variants[key] = workflow;
	}
	return variants;
}

/**
 * A workflow that runs one tool node of a workflow without a model: Manual Trigger → n8n's own Tool
 * Executor (the node the editor uses for "Execute step" on a tool), with the tool's $fromAI()
 * arguments given in `args`.
 */
function toolExecutorWorkflow({ id, name, toolNode, args }) {
	const tool = JSON.parse(JSON.stringify(toolNode));
	tool.position = [220, 220];
	const toolName = tool.name.replace(/[^A-Za-z0-9_-]/g, '_');
	return {
		id,
		name,
		nodes: [
			{ id: crypto.randomUUID(), name: 'Manual Trigger', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
			{
				id: crypto.randomUUID(),
				name: 'Tool Executor',
				type: '@n8n/n8n-nodes-langchain.toolExecutor',
				typeVersion: 1,
				position: [220, 0],
				parameters: { query: JSON.stringify({ [toolName]: args }), toolName: '', node: tool.name },
			},
			tool,
		],
		connections: {
			'Manual Trigger': { main: [[{ node: 'Tool Executor', type: 'main', index: 0 }]] },
			[tool.name]: { ai_tool: [[{ node: 'Tool Executor', type: 'ai_tool', index: 0 }]] },
		},
		settings: { executionOrder: 'v1', timezone: TIME_ZONE },
		pinData: {},
	};
}

module.exports = {
	TIME_ZONE,
	DEMO_CAMPAIGN,
	DEMO_REPORT_LIMITS,
	DEMO_REPORT_REQUESTS_PER_SECOND,
	QUEUE_STATS_TABLE,
	agentStatesTable,
	readExamples,
	demoWorkflows,
	toolExecutorWorkflow,
};
