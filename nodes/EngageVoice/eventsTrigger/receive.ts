import type { IDataObject, INodeExecutionData, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';

import { agentStateFields } from '../events/agentState';
import { callEventFields } from '../events/callEvent';
import type { EventFilter } from '../events/filter';
import { passes } from '../events/filter';
import { decodePayload } from '../events/payload';
import { eventId, rememberEvents } from '../events/recentEvents';
import { redactSecrets } from '../events/redact';
import { nodeParameters } from '../parameters/reader';
import type { PushCredential } from './secrets';
import {
	carriesPushSecret,
	headerOf,
	pushCredentialFrom,
	pushSecretValues,
	sameSecret,
	SUBSCRIPTION_SECRET_HEADER,
} from './secrets';
import type { EventsSettings } from './settings';
import { readEventsSettings } from './settings';
import type { SubscriptionState } from './subscription';
import { renewSubscription } from './subscription';

/*
 * One request to the trigger's URL. The answer is written here, at once and small, before any
 * work that could take time (API doc §6.4: "respond quickly"), and n8n adds nothing to it
 * (`noWebhookResponse`):
 * - a RingCX validation request (a `Validation-Token` header): 200, the token echoed, empty body;
 * - a delivery without the secret: 401, nothing starts;
 * - a body that cannot be read: 400, nothing starts;
 * - otherwise 200, and one item per event that passes the filters and was not delivered before.
 *   No item left: no execution.
 */

/** A validation token we echo: RingCX sends a uuid; anything else that is header-safe and short is echoed too. */
const VALIDATION_TOKEN = /^[A-Za-z0-9._~+/=-]{1,200}$/;

type Response = ReturnType<IWebhookFunctions['getResponseObject']>;

function answer(res: Response, status: number, headers: Record<string, string> = {}) {
	if (res.headersSent) return;
	res.writeHead(status, { ...headers, 'Content-Length': '0' });
	res.end();
}

function nothingStarts(): IWebhookResponseData {
	return { noWebhookResponse: true };
}

function agentFilter(settings: EventsSettings, state: SubscriptionState): EventFilter['agents'] {
	if (!settings.agentIds.length && !settings.agentGroupIds.length) return undefined;
	const agentIds = new Set(settings.agentIds);
	const members = (state.groupAgents ?? {}) as IDataObject;
	for (const groupId of settings.agentGroupIds) {
		for (const id of (members[groupId] as string[] | undefined) ?? []) agentIds.add(String(id));
	}
	return { agentIds, agentGroupIds: new Set(settings.agentGroupIds) };
}

function itemsOf(
	settings: EventsSettings,
	state: SubscriptionState,
	events: IDataObject[],
	secrets: string[],
	dropField?: string,
): IDataObject[] {
	const filter: EventFilter = { agents: agentFilter(settings, state), states: settings.states };
	const items: IDataObject[] = [];
	for (const received of events) {
		const raw = { ...received };
		if (dropField) delete raw[dropField];
		const id = eventId(raw);
		if (settings.event === 'agentStateChanged') {
			const fields = agentStateFields(raw, settings.timeZone);
			if (!passes(filter, fields)) continue;
			items.push({ eventId: id, ...fields, subAccountId: fields.subAccountId ?? state.subAccountId ?? null, raw: redactSecrets(raw, secrets) });
		} else {
			const fields = callEventFields(raw, settings.timeZone);
			if (!passes(filter, { agentId: fields.agentId, state: fields.event })) continue;
			items.push({ eventId: id, ...fields, raw: redactSecrets(raw, secrets) });
		}
	}
	return items;
}

/** Drops events emitted before (a RingCX retry); remembers the rest in static data. */
function withoutRepeats(state: SubscriptionState, items: IDataObject[]): IDataObject[] {
	if (!items.length) return items;
	const { fresh, stored } = rememberEvents(state.recentEvents, items.map((item) => String(item.eventId)), Date.now());
	state.recentEvents = stored;
	return items.filter((_, index) => fresh[index]);
}

export async function receiveEvents(this: IWebhookFunctions): Promise<IWebhookResponseData> {
	const req = this.getRequestObject();
	const res = this.getResponseObject();
	const settings = readEventsSettings(nodeParameters(this));
	const state = this.getWorkflowStaticData('node') as SubscriptionState;
	const headers = req.headers as Record<string, unknown>;
	let secrets: string[];
	let dropField: string | undefined;

	if (settings.event === 'agentStateChanged') {
		const token = headerOf(headers, 'validation-token');
		if (token !== undefined) {
			// RingCX checks the URL while it creates the subscription, before the secret is stored
			if (!VALIDATION_TOKEN.test(token)) answer(res, 400);
			else answer(res, 200, { 'Validation-Token': token });
			return nothingStarts();
		}
		if (!sameSecret(headerOf(headers, SUBSCRIPTION_SECRET_HEADER), state.secret)) {
			answer(res, 401);
			this.logger.warn('Engage Voice Events Trigger: refused a request without the subscription secret (401)');
			return nothingStarts();
		}
		secrets = [state.secret!];
	} else if (settings.verification === 'pushReceiverCredential') {
		const credential: PushCredential = pushCredentialFrom(await this.getCredentials('engageVoicePushReceiverApi'));
		if (!carriesPushSecret(credential, { headers, body: req.body, query: req.query })) {
			answer(res, 401);
			this.logger.warn('Engage Voice Events Trigger: refused a push without the Push Receiver secret (401)');
			return nothingStarts();
		}
		secrets = pushSecretValues(credential);
		dropField = credential.verifyBy === 'parameter' ? credential.parameterName : undefined;
	} else {
		secrets = [];
	}

	const decoded = decodePayload({
		body: req.body,
		rawBody: (req as unknown as { rawBody?: Buffer }).rawBody,
		query: req.query as IDataObject,
	});
	if ('error' in decoded) {
		answer(res, 400);
		this.logger.warn(`Engage Voice Events Trigger: refused a request whose payload cannot be read: ${decoded.error} (400)`);
		return nothingStarts();
	}
	const items = withoutRepeats(state, itemsOf(settings, state, decoded.events, secrets, dropField));
	answer(res, 200);

	if (settings.event === 'agentStateChanged' && this.getMode() !== 'manual') {
		try {
			await renewSubscription(this, state);
		} catch (error) {
			this.logger.warn(`Engage Voice Events Trigger: could not renew the subscription: ${(error as Error).message}`);
		}
	}
	if (!items.length) return nothingStarts();
	const workflowData: INodeExecutionData[][] = [items.map((json) => ({ json }))];
	return { noWebhookResponse: true, workflowData };
}
