import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { nodeProperties } from './actions/versionDescription';
import { nodeCredentials } from './parameters/authentication';
import { listSearch, loadOptions } from './methods';

export class EngageVoice implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Engage Voice',
		name: 'engageVoice',
		icon: { light: 'file:../../icons/engage-voice.svg', dark: 'file:../../icons/engage-voice.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description:
			'Read agents, queues, interval statistics, call segments and recordings from RingCentral Engage Voice (RingCX), and load, find, update, call back and manage outbound campaign leads',
		defaults: { name: 'Engage Voice' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: nodeCredentials,
		properties: nodeProperties,
	};

	methods = { listSearch, loadOptions };

	// the router and what it runs load on the first execution, not when n8n loads the package
	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const { router } = await import('./actions/router');
		return await router.call(this);
	}
}
