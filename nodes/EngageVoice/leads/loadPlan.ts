/*
 * How input items become `leadLoader/direct` requests (API doc §10.4, decision 9). Items that share
 * everything a request carries besides its leads (sub-account, campaign, duplicate handling, time
 * zone option, dial priority, list description) share requests; each request holds at most
 * `batchSize` leads. Leads with the same primary phone go into the same request (while the group
 * fits), because the API compares duplicates within one request (REMOVE_FROM_LIST) or against what
 * existed before it (REMOVE_ALL_EXISTING): splitting them would make the outcome depend on the batch
 * size.
 */

export interface PlannedLead<T> {
	itemIndex: number;
	/** Everything of the request besides the leads, as a string; equal keys may share a request. */
	requestKey: string;
	/** phoneKey() of the lead's primary phone. */
	phone: string;
	lead: T;
}

export function planLoadRequests<T>(leads: Array<PlannedLead<T>>, batchSize: number): Array<Array<PlannedLead<T>>> {
	const size = Math.max(1, Math.floor(batchSize));
	const byRequest = new Map<string, Map<string, Array<PlannedLead<T>>>>();
	for (const lead of leads) {
		let groups = byRequest.get(lead.requestKey);
		if (!groups) byRequest.set(lead.requestKey, (groups = new Map()));
		// a lead without a phone is its own group (the API rejects it; it must not pull others along)
		const groupKey = lead.phone || `#${lead.itemIndex}`;
		const group = groups.get(groupKey);
		if (group) group.push(lead);
		else groups.set(groupKey, [lead]);
	}

	const requests: Array<Array<PlannedLead<T>>> = [];
	for (const groups of byRequest.values()) {
		let current: Array<PlannedLead<T>> = [];
		const close = () => {
			if (current.length) requests.push(current.sort((a, b) => a.itemIndex - b.itemIndex));
			current = [];
		};
		for (const group of groups.values()) {
			if (current.length && current.length + group.length > size) close();
			// a group larger than a request is split; only then do same-phone leads travel apart
			for (let start = 0; start < group.length; start += size) {
				const part = group.slice(start, start + size);
				if (current.length && current.length + part.length > size) close();
				current.push(...part);
			}
		}
		close();
	}
	return requests;
}
