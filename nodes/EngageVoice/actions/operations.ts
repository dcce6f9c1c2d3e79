import type { BatchOperationHandler, OperationHandler } from './operationContext';
import * as agent from './agent/Agent.resource';
import * as agentGroup from './agentGroup/AgentGroup.resource';
import * as campaign from './campaign/Campaign.resource';
import * as dialGroup from './dialGroup/DialGroup.resource';
import * as lead from './lead/Lead.resource';
import * as queueGroup from './queueGroup/QueueGroup.resource';
import * as recording from './recording/Recording.resource';
import * as report from './report/Report.resource';
import * as subAccount from './subAccount/SubAccount.resource';
import * as user from './user/User.resource';

/** resource → operation → execute; the router looks operations up here. */
export const operations: Record<string, Record<string, OperationHandler>> = {
	agent: agent.operations,
	agentGroup: agentGroup.operations,
	campaign: campaign.operations,
	dialGroup: dialGroup.operations,
	lead: lead.operations,
	queueGroup: queueGroup.operations,
	recording: recording.operations,
	report: report.operations,
	subAccount: subAccount.operations,
	user: user.operations,
};

/** resource → operation → execute over all input items at once. */
export const batchOperations: Record<string, Record<string, BatchOperationHandler>> = {
	lead: lead.batchOperations,
};
