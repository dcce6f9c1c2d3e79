'use strict';
/**
 * The kernel's peak resident set size of this process (VmHWM), for the benchmarks. Linux ≥ 4.0:
 * writing 5 to clear_refs resets the peak, so it measures one case alone. Elsewhere both return
 * false / undefined and the benchmarks fall back to sampling process.memoryUsage().
 */
const fs = require('fs');

function resetKernelPeak() {
	try {
		fs.writeFileSync('/proc/self/clear_refs', '5');
		return true;
	} catch {
		return false;
	}
}

function peakRssFromKernel() {
	try {
		const match = /VmHWM:\s+(\d+) kB/.exec(fs.readFileSync('/proc/self/status', 'utf8'));
		return match ? Number(match[1]) * 1024 : undefined;
	} catch {
		return undefined;
	}
}

module.exports = { resetKernelPeak, peakRssFromKernel };
