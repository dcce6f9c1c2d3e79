import type { IDataObject } from 'n8n-workflow';

import { headerValue } from '../../../credentials/common/errorText';

/*
 * Answers read with a bound (issue 9 item 14). n8n's request helpers (2.41) give a body only once
 * it has all arrived, and pass no size limit to axios (maxContentLength is fixed at Infinity), so
 * a request that sets a bound asks for the answer as a stream and reads it here: a declared
 * Content-Length over the bound fails before a byte is read, and reading stops as soon as the
 * bytes pass it, closing the connection instead of buffering the rest.
 */

/** An answer larger than the bound the request set. */
export class AnswerTooLargeError extends Error {
	constructor(
		readonly limitBytes: number,
		/** What the Content-Length said, when it said. */
		readonly declaredBytes: number | undefined,
		/** What had arrived when reading stopped. */
		readonly readBytes: number,
	) {
		super(`The answer is larger than ${limitBytes} bytes`);
		this.name = 'AnswerTooLargeError';
	}
}

interface AnswerStream extends AsyncIterable<Buffer | string> {
	destroy(error?: Error): void;
}

function isStream(body: unknown): body is AnswerStream {
	return (
		!!body &&
		typeof body === 'object' &&
		typeof (body as Partial<AnswerStream>)[Symbol.asyncIterator] === 'function' &&
		typeof (body as Partial<AnswerStream>).destroy === 'function'
	);
}

/**
 * The body of an answer as a Buffer, at most `maxBytes` long; a stream is read here (see above), a
 * body n8n already read is returned as it is. An error of the stream (a connection cut short)
 * is thrown as it came, so that the caller treats it like any dropped connection.
 */
export async function readAnswer(body: unknown, headers: IDataObject, maxBytes: number): Promise<Buffer> {
	if (!isStream(body)) {
		if (Buffer.isBuffer(body)) return body;
		if (body instanceof ArrayBuffer) return Buffer.from(body);
		return Buffer.from(typeof body === 'string' ? body : body === undefined || body === null ? '' : JSON.stringify(body));
	}
	const declared = Number(headerValue(headers, 'content-length')) || undefined;
	if (declared !== undefined && declared > maxBytes) {
		body.destroy();
		throw new AnswerTooLargeError(maxBytes, declared, 0);
	}
	// With a declared length the bytes go straight into one buffer of that size (no second copy).
	let whole = declared === undefined ? undefined : Buffer.allocUnsafe(declared);
	const chunks: Buffer[] = [];
	let size = 0;
	for await (const piece of body) {
		const chunk = typeof piece === 'string' ? Buffer.from(piece) : piece;
		if (size + chunk.length > maxBytes) {
			body.destroy();
			throw new AnswerTooLargeError(maxBytes, declared, size + chunk.length);
		}
		if (whole && size + chunk.length <= whole.length) {
			chunk.copy(whole, size);
		} else {
			// more than the server declared: collect the pieces instead
			if (whole) chunks.push(whole.subarray(0, size));
			whole = undefined;
			chunks.push(chunk);
		}
		size += chunk.length;
	}
	return whole ? whole.subarray(0, size) : Buffer.concat(chunks, size);
}

/** Error answers read from a thrown error's stream are kept short: only their words are shown. */
const ERROR_ANSWER_BYTES = 64 * 1024;

/**
 * n8n throws for some statuses (a 401 it could not renew) with the answer still a stream: read
 * (at most 64 KB) and put in its place, so the error mapper can quote the server's words.
 */
export async function readThrownAnswers(error: unknown): Promise<void> {
	let current = error as { response?: { data?: unknown; headers?: IDataObject }; cause?: unknown } | undefined;
	for (let depth = 0; depth < 4 && current && typeof current === 'object'; depth++) {
		const response = current.response;
		if (response && isStream(response.data)) {
			const stream = response.data;
			const chunks: Buffer[] = [];
			let size = 0;
			try {
				for await (const piece of stream) {
					const chunk = typeof piece === 'string' ? Buffer.from(piece) : piece;
					chunks.push(chunk);
					size += chunk.length;
					if (size >= ERROR_ANSWER_BYTES) break;
				}
			} catch {
				// what arrived is enough to describe the error
			}
			stream.destroy();
			response.data = Buffer.concat(chunks).subarray(0, ERROR_ANSWER_BYTES);
		}
		current = current.cause as typeof current;
	}
}
