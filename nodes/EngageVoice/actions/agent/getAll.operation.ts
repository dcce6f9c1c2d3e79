import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { updateDisplayOptions } from '../../parameters/displayOptions';
import { agentGroupIdsOf, listAgentsOfGroups } from '../../api/onDemand';
import {
	activeOnlyFilter,
	filtersCollection,
	agentGroupLocator,
	maxRetriesOption,
	maxRetryAfterOption,
	resolveSupervisorNamesOption,
	retryBackoffOption,
	returnAllOrLimit,
	simplify,
	subAccountLocator,
	timeoutOption,
} from '../../parameters/properties';
import type { OperationContext } from '../operationContext';

const SCOPES = ['all', 'one', 'several'] as const;

export const agentTypeOptions = [
	{ name: 'Agent', value: 'AGENT' },
	{ name: 'Multi Supervisor', value: 'MULTI_SUPERVISOR' },
	{ name: 'Multi User', value: 'MULTI_USER' },
	{ name: 'Supervisor', value: 'SUPERVISOR' },
];

const properties: INodeProperties[] = [
	subAccountLocator,
	{
		displayName: 'Agent Groups',
		name: 'agentGroupScope',
		type: 'options',
		default: 'all',
		description: 'Which agent groups (teams) to read agents from; the API answers one group per request',
		options: [
			{
				name: 'All Groups',
				value: 'all',
				description: 'Every agent group of the sub-account (one request per group)',
			},
			{ name: 'One Group', value: 'one', description: 'A single agent group picked from the list or by ID' },
			{ name: 'Several Groups', value: 'several', description: 'A list of agent group IDs' },
		],
	},
	{ ...agentGroupLocator, displayOptions: { show: { agentGroupScope: ['one'] } } },
	{
		displayName: 'Agent Group IDs',
		name: 'agentGroupIds',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. 1009, 1010',
		description: 'Numeric agent group IDs separated by commas (an expression may also give an array)',
		displayOptions: { show: { agentGroupScope: ['several'] } },
	},
	...returnAllOrLimit,
	simplify,
	filtersCollection(activeOnlyFilter('agents'), {
		displayName: 'Agent Types',
		name: 'agentTypes',
		type: 'multiOptions',
		default: [],
		description: 'Return only agents of these types; none selected returns every type',
		options: agentTypeOptions,
	}),
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [maxRetriesOption, maxRetryAfterOption, resolveSupervisorNamesOption, retryBackoffOption, timeoutOption],
	},
];

export const description = updateDisplayOptions({ show: { resource: ['agent'], operation: ['getAll'] } }, properties);

/** The agent groups the user chose, validated before any request (except "all", which lists them). */
export async function chosenAgentGroupIds(
	ctx: IExecuteFunctions,
	context: OperationContext,
	subAccountId: string,
): Promise<string[]> {
	const { numericIdParameter, requireNumericIdList, requireOneOf } = await import('../../parameters/validate');
	const i = context.itemIndex;
	const scope = requireOneOf(ctx, ctx.getNodeParameter('agentGroupScope', i, 'all'), 'Agent Groups', SCOPES, i);
	if (scope === 'one') return [numericIdParameter(ctx, 'agentGroup', 'Agent Group', i)];
	if (scope === 'several') {
		return requireNumericIdList(ctx, ctx.getNodeParameter('agentGroupIds', i, ''), 'Agent Group IDs', i);
	}
	return await agentGroupIdsOf(ctx, context, subAccountId);
}

export function agentFilter(filters: IDataObject, agentTypes: readonly string[]): (agent: IDataObject) => boolean {
	const types = (Array.isArray(filters.agentTypes) ? filters.agentTypes : [])
		.map((t) => String(t).toUpperCase())
		.filter((t) => agentTypes.includes(t));
	return (agent) =>
		(!filters.activeOnly || agent.isActive !== false) &&
		(!types.length || types.includes(String(agent.agentType ?? '').toUpperCase()));
}

/** Agents of one, several or all agent groups of a sub-account (classic `getIntegrationAgentList`). */
export async function execute(this: IExecuteFunctions, context: OperationContext): Promise<INodeExecutionData[]> {
	// loaded on the first run: n8n loads this file for its description when it starts
	const { numericIdParameter } = await import('../../parameters/validate');
	const { addSupervisionNames, AGENT_TYPES, normalizeAgent, simplifyAgent } = await import(
		'../../reports/directoryRows'
	);
	const i = context.itemIndex;
	const subAccountId = numericIdParameter(this, 'subAccount', 'Sub-Account', i);
	const filters = this.getNodeParameter('filters', i, {}) as IDataObject;
	const options = this.getNodeParameter('options', i, {}) as IDataObject;
	const simple = this.getNodeParameter('simplify', i, true) as boolean;
	const returnAll = this.getNodeParameter('returnAll', i, false) as boolean;
	const limit = this.getNodeParameter('limit', i, 50) as number;
	const resolveNames = options.resolveSupervisorNames === true;
	// ids are checked here, before the first request; "all" lists the groups first
	const groupIds = await chosenAgentGroupIds(this, context, subAccountId);

	const keep = agentFilter(filters, AGENT_TYPES);
	// With a limit, stop reading groups once enough agents are in, unless names must be resolved
	// across every group the user chose.
	const enough = returnAll || resolveNames ? undefined : (agents: IDataObject[]) => agents.filter(keep).length >= limit;
	const fetched = (await listAgentsOfGroups(this, context, subAccountId, groupIds, enough)).map(normalizeAgent);

	let agents = fetched.filter(keep);
	if (resolveNames) agents = addSupervisionNames(agents, fetched);
	return context.limitItems(agents).map((agent) => ({ json: simple ? simplifyAgent(agent) : agent }));
}
