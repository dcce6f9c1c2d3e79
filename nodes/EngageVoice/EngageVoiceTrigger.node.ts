import type { INodeExecutionData, INodeType, INodeTypeDescription, IPollFunctions } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { listSearch, loadOptions } from './methods';
import { nodeCredentials } from './parameters/authentication';
import { triggerProperties } from './trigger/description';

export class EngageVoiceTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Engage Voice Trigger',
		name: 'engageVoiceTrigger',
		icon: { light: 'file:../../icons/engage-voice.svg', dark: 'file:../../icons/engage-voice.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle:
			'={{$parameter["event"] === "rosterChanged" ? "Roster Changed" : $parameter["event"] === "intervalStatisticsClosed" ? "Interval Statistics Closed" : "New Interaction Segments"}}',
		description:
			'Starts a workflow on new call segments, closed statistics intervals or roster changes in RingCentral Engage Voice (RingCX)',
		defaults: { name: 'Engage Voice Trigger' },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: nodeCredentials,
		properties: triggerProperties,
	};

	methods = { listSearch, loadOptions };

	// the poll code loads on the first poll, not when n8n loads the package
	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		const { poll } = await import('./trigger/poll');
		return await poll.call(this);
	}
}
