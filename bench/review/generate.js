'use strict';
/**
 * Builds gzipped CloudTrail S3 log files for the review benchmark by multiplying the
 * Invictus dataset. Copy k contains all of its events, with eventTime moved k hours later
 * and eventID and requestID made unique by a copy number prefix. Each file contains one copy.
 */
const fs = require('node:fs');
const path = require('node:path');
const zlib = require('node:zlib');

/** Writes files into `folder` until their total gzip size reaches `targetBytes`; returns the totals. */
function generateLogFiles(datasetFolder, folder, targetBytes) {
	const records = [];
	for (const name of fs.readdirSync(datasetFolder).filter((file) => file.endsWith('.json')).sort()) {
		records.push(...JSON.parse(fs.readFileSync(path.join(datasetFolder, name), 'utf8')).Records);
	}
	const template = `{"Records":[${records.map((record) => JSON.stringify(record)).join(',')}]}`;
	fs.mkdirSync(folder, { recursive: true });

	let bytes = 0;
	let copies = 0;
	while (bytes < targetBytes) {
		const text = shiftCopy(template, copies);
		const gz = zlib.gzipSync(text, { level: 6 });
		const day = String(Math.floor(copies / 100)).padStart(4, '0');
		const dayFolder = path.join(folder, `day-${day}`);
		fs.mkdirSync(dayFolder, { recursive: true });
		fs.writeFileSync(path.join(dayFolder, `123837392027_CloudTrail_us-east-1_copy${String(copies).padStart(5, '0')}.json.gz`), gz);
		bytes += gz.length;
		copies++;
	}
	return { files: copies, gzipBytes: bytes, events: copies * records.length, eventsPerFile: records.length, jsonBytesPerFile: Buffer.byteLength(template) };
}

function shiftCopy(template, copy) {
	const prefix = copy.toString(16).padStart(8, '0');
	const shiftMs = copy * 3600_000;
	return template
		.replace(/"eventTime":"([^"]+)"/g, (_, time) => `"eventTime":"${new Date(Date.parse(time) + shiftMs).toISOString().replace('.000Z', 'Z')}"`)
		.replace(/"(eventID|requestID)":"[0-9A-Za-z]{8}/g, (_, key) => `"${key}":"${prefix}`);
}

module.exports = { generateLogFiles };
