import type { IAllExecuteFunctions, IDataObject, JsonObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError, sleep } from 'n8n-workflow';

import type { LeadLoadAnswer } from '../leads/loadOutcome';
import { listFromBody } from '../reports/directoryRows';
import { apiPath, dialerAdmin, engageRequest } from '../transport';
import type { DirectoryCall } from './directory';

/*
 * The lead calls (API doc §10.4–§10.7) the Lead operations share. Each is budgeted per sub-account
 * and operation (decision 13). Loads and actions are never sent twice by the transport: a lost
 * answer may hide a load or action that happened.
 */

export interface LeadCall extends DirectoryCall {
	subAccountId: string;
}

/** The settings of a `LeadListProcessingRequest` every load sends (decision 9). */
export interface LeadLoadSettings {
	description: string;
	dialPriority: 'IMMEDIATE' | 'NORMAL';
	duplicateHandling: string;
	listState: 'ACTIVE';
	timeZoneOption: string;
}

/** `POST …/campaigns/{campaignId}/leadLoader/direct` → the answer, or undefined for a 2xx without a body. */
export async function loadLeads(
	ctx: IAllExecuteFunctions,
	call: LeadCall,
	campaignId: string,
	settings: LeadLoadSettings,
	uploadLeads: IDataObject[],
	context: string,
): Promise<LeadLoadAnswer | undefined> {
	const response = await engageRequest.call(
		ctx,
		call.connection,
		{
			method: 'POST',
			path: `${dialerAdmin(call.subAccountId)}${apiPath`/campaigns/${campaignId}/leadLoader/direct`}`,
			body: { ...settings, uploadLeads },
			endpointClass: 'leadLoad',
			budgetScope: call.subAccountId,
			idempotent: false,
			itemIndex: call.itemIndex,
			context,
		},
		call.transport,
	);
	const answer = response.body;
	if (answer === undefined || answer === null) return undefined;
	if (typeof answer !== 'object' || Array.isArray(answer)) {
		throw new NodeOperationError(
			ctx.getNode(),
			`Engage Voice answered the lead load with something other than a result object (${context})`,
			{
				itemIndex: call.itemIndex,
				description:
					'leadLoader/direct returns a JSON object with leadsSupplied, leadsInserted and rejectedRows. Check the host in the credential.',
			},
		);
	}
	return answer as LeadLoadAnswer;
}

/** Decision 9: a load the API answered 2xx but reported as failed. */
export function leadLoadFailed(
	ctx: IAllExecuteFunctions,
	answer: LeadLoadAnswer,
	failure: string,
	itemIndex: number,
	context: string,
): NodeApiError {
	const rejected = Array.isArray(answer.rejectedRows) ? answer.rejectedRows : [];
	const reasons = [...new Set(rejected.map((row) => row?.message).filter(Boolean))].slice(0, 5);
	const said = [answer.message, answer.processingResult, answer.processingStatus].filter(Boolean).join(', ');
	return new NodeApiError(ctx.getNode(), { response: answer as unknown as JsonObject } as JsonObject, {
		message: `Engage Voice did not load the leads: ${failure}${said && said !== failure ? ` (${said})` : ''} (${context})`,
		description:
			`The API answered with success status but reported a failed load, so nothing of this request is counted as loaded.` +
			(reasons.length ? ` Rejected rows: ${rejected.length} (${reasons.join('; ')}).` : '') +
			' Correct the leads (each needs a phone, and an external ID) or the campaign settings and load them again.',
		itemIndex,
	});
}

/** One page of `POST …/campaignLeads/leadSearch` (decision 10: `page`, `maxRows` in the query). */
async function searchPage(
	ctx: IAllExecuteFunctions,
	call: LeadCall,
	criteria: IDataObject,
	page: number,
	maxRows: number,
): Promise<IDataObject[]> {
	const path = `${dialerAdmin(call.subAccountId)}/campaignLeads/leadSearch`;
	const response = await engageRequest.call(
		ctx,
		call.connection,
		{
			method: 'POST',
			path,
			qs: { page, maxRows },
			body: criteria,
			endpointClass: 'leadSearch',
			budgetScope: call.subAccountId,
			// a search changes nothing: safe to send again after a dropped answer
			idempotent: true,
			itemIndex: call.itemIndex,
			context: `lead search page ${page}`,
		},
		call.transport,
	);
	// the answer's shape is undocumented: an array, or an object holding one (decision 10)
	const rows = response.body === undefined ? [] : listFromBody(response.body);
	if (!rows) {
		throw new NodeOperationError(
			ctx.getNode(),
			`Engage Voice answered the lead search with something other than a list of leads (page ${page})`,
			{
				itemIndex: call.itemIndex,
				description:
					'leadSearch returns the matching leads as a JSON array (or an object holding one). Check the host in the credential.',
			},
		);
	}
	return rows;
}

/** The most pages one search reads before it stops with an error (each holds up to `pageSize` leads). */
export const MAX_SEARCH_PAGES = 1000;

export interface LeadSearchOptions {
	/** `maxRows` of every page (the same for all pages, so that pages do not overlap). */
	pageSize: number;
	/** Stop once this many rows were kept. */
	limit?: number;
	/** Client-side check of each row (decision 10: a filter the API may ignore). */
	keep?: (row: IDataObject) => boolean;
}

/**
 * Pages of a lead search, each with only the rows not seen before (by `leadId`) that `keep`
 * accepts. Paging starts at 0 and stops at a short page, at the limit, or when a page holds more
 * rows than asked for (the API ignored paging and sent everything). Because the base of `page` is
 * unconfirmed, a page that repeats earlier rows is tolerated once; two in a row mean the API ignores
 * `page`, which is an error rather than an endless loop.
 */
export async function* leadSearchPages(
	ctx: IAllExecuteFunctions,
	call: LeadCall,
	criteria: IDataObject,
	options: LeadSearchOptions,
): AsyncGenerator<IDataObject[]> {
	const seen = new Set<string>();
	let kept = 0;
	let repeatedPages = 0;
	for (let page = 0; ; page++) {
		if (page >= MAX_SEARCH_PAGES) {
			throw new NodeOperationError(
				ctx.getNode(),
				`The lead search stopped after ${MAX_SEARCH_PAGES} pages of ${options.pageSize} leads`,
				{
					itemIndex: call.itemIndex,
					description: 'Narrow the search with filters, or turn off Return All and set a Limit.',
				},
			);
		}
		const rows = await searchPage(ctx, call, criteria, page, options.pageSize);
		const fresh: IDataObject[] = [];
		let unseen = 0;
		for (const row of rows) {
			const id = row.leadId === undefined || row.leadId === null ? undefined : String(row.leadId);
			if (id !== undefined && seen.has(id)) continue;
			if (id !== undefined) seen.add(id);
			unseen++;
			if (options.keep && !options.keep(row)) continue;
			if (options.limit !== undefined && kept >= options.limit) break;
			fresh.push(row);
			kept++;
		}
		if (fresh.length) yield fresh;
		const full = rows.length >= options.pageSize;
		if (!full || rows.length > options.pageSize) return;
		if (options.limit !== undefined && kept >= options.limit) return;
		repeatedPages = unseen === 0 ? repeatedPages + 1 : 0;
		if (repeatedPages >= 2) {
			throw new NodeOperationError(ctx.getNode(), 'The lead search returned the same leads again on further pages', {
				itemIndex: call.itemIndex,
				description: `Pages ${page - 1} and ${page} held only leads already read: the API seems to ignore the page parameter. ${kept} leads were read. Narrow the search so that it fits one page (at most ${options.pageSize} leads).`,
			});
		}
	}
}

/** Every row of a search (see leadSearchPages). */
export async function searchLeads(
	ctx: IAllExecuteFunctions,
	call: LeadCall,
	criteria: IDataObject,
	options: LeadSearchOptions,
): Promise<IDataObject[]> {
	const rows: IDataObject[] = [];
	for await (const page of leadSearchPages(ctx, call, criteria, options)) rows.push(...page);
	return rows;
}

/** The longest single wait before searching again for a lead not found yet. */
export const MAX_NOT_FOUND_WAIT_MS = 30_000;

export interface FindRetry {
	/** Searches repeated after an empty result (decision 10: 2). */
	retries: number;
	/** Wait before the first repeat, doubled for each further one (decision 10: 2 s, then 4 s). */
	firstWaitMs: number;
}

/**
 * A look-up that may come too early: a lead loaded a moment ago may not be searchable yet, so an
 * empty result is searched again `retries` times (decision 10) before it counts as not found.
 */
export async function findLeads(
	ctx: IAllExecuteFunctions,
	call: LeadCall,
	criteria: IDataObject,
	options: LeadSearchOptions,
	retry: FindRetry,
): Promise<{ rows: IDataObject[]; searches: number }> {
	const abortSignal = 'getExecutionCancelSignal' in ctx ? ctx.getExecutionCancelSignal() : undefined;
	for (let attempt = 0; ; attempt++) {
		const rows = await searchLeads(ctx, call, criteria, options);
		if (rows.length || attempt >= retry.retries || abortSignal?.aborted) return { rows, searches: attempt + 1 };
		const wait = Math.min(retry.firstWaitMs * 2 ** attempt, MAX_NOT_FOUND_WAIT_MS);
		ctx.logger.info(
			`Engage Voice: no lead found yet, searching again in ${Math.ceil(wait / 1000)} s (${attempt + 1} of ${retry.retries})`,
		);
		try {
			await sleep(wait, abortSignal);
		} catch {
			// the execution was cancelled: no further search
			return { rows, searches: attempt + 1 };
		}
	}
}

/** `PATCH` (only the given fields) or `PUT` (the whole lead) of `…/campaignLeads/{leadId}` (§10.6). */
export async function writeLead(
	ctx: IAllExecuteFunctions,
	call: LeadCall,
	method: 'PATCH' | 'PUT',
	leadId: string,
	query: IDataObject,
	body: IDataObject,
): Promise<IDataObject | undefined> {
	const response = await engageRequest.call(
		ctx,
		call.connection,
		{
			method,
			path: `${dialerAdmin(call.subAccountId)}${apiPath`/campaignLeads/${leadId}`}`,
			qs: query,
			body,
			endpointClass: 'leadUpdate',
			budgetScope: call.subAccountId,
			// writing the same fields again gives the same lead
			idempotent: true,
			itemIndex: call.itemIndex,
			context: `lead ${leadId}`,
		},
		call.transport,
	);
	const lead = response.body;
	if (lead === undefined || lead === null) return undefined;
	if (typeof lead !== 'object' || Array.isArray(lead)) {
		throw new NodeOperationError(
			ctx.getNode(),
			`Engage Voice answered the update of lead ${leadId} with something other than a lead`,
			{
				itemIndex: call.itemIndex,
				description: 'PATCH and PUT of a campaign lead return the lead as a JSON object, or no body.',
			},
		);
	}
	return lead as IDataObject;
}

/** `LeadActionResult` (§10.7). */
export interface LeadActionResult extends IDataObject {
	success?: boolean;
	errorMessage?: string | null;
	leadActionType?: string;
	leadUpdateCount?: number;
	leadDeleteCount?: number;
	redialDeleteCount?: number;
	dialerRefreshed?: boolean;
}

/**
 * `PUT …/campaignLeads/actions?leadAction=…`: the action hits every lead the criteria match.
 * `success: false` is an error (decision 12); a 2xx without a body is a success without counts.
 */
export async function performLeadAction(
	ctx: IAllExecuteFunctions,
	call: LeadCall,
	leadAction: string,
	criteria: IDataObject,
	paramMap: IDataObject,
): Promise<LeadActionResult | undefined> {
	const response = await engageRequest.call(
		ctx,
		call.connection,
		{
			method: 'PUT',
			path: `${dialerAdmin(call.subAccountId)}/campaignLeads/actions`,
			qs: { leadAction },
			body: { campaignLeadSearchCriteria: criteria, leadActionParams: { paramMap } },
			endpointClass: 'leadAction',
			budgetScope: call.subAccountId,
			idempotent: false,
			itemIndex: call.itemIndex,
			context: leadAction,
		},
		call.transport,
	);
	const result = response.body as LeadActionResult | undefined;
	if (result === undefined || result === null) return undefined;
	if (typeof result !== 'object' || Array.isArray(result)) {
		throw new NodeOperationError(
			ctx.getNode(),
			`Engage Voice answered the lead action ${leadAction} with something other than a result object`,
			{
				itemIndex: call.itemIndex,
				description: 'Lead actions return a JSON object with success, errorMessage and counts.',
			},
		);
	}
	if (result.success === false) {
		throw new NodeApiError(ctx.getNode(), { response: result } as unknown as JsonObject, {
			message: `Engage Voice refused the lead action ${leadAction}: ${result.errorMessage || 'no reason given'}`,
			description:
				"The API answered with success status but success: false; no lead was changed. Check the action's fields (agent, dates in the future, target campaign and list) and the filters.",
			itemIndex: call.itemIndex,
		});
	}
	return result;
}
