// Reads the recorder's Prometheus series (write time, rows written, batch sizes) from its GET /metrics.
export interface RecorderCounters {
  writeSeconds: number;
  writes: number;
  rowsWritten: number;
  batchMessages: number;
  batches: number;
}

/** Sum of a series over all its label sets. */
function total(text: string, name: string): number {
  const pattern = new RegExp(`^${name}(?:\\{[^}]*\\})?\\s+(\\S+)$`, 'gm');
  let sum = 0;
  for (const match of text.matchAll(pattern)) sum += Number(match[1]);
  return sum;
}

export async function scrapeRecorder(url: string): Promise<RecorderCounters> {
  const response = await fetch(`${url}/metrics`);
  if (!response.ok) throw new Error(`recorder /metrics answered ${response.status}`);
  const text = await response.text();
  return {
    writeSeconds: total(text, 'klimavagt_recorder_write_duration_seconds_sum'),
    writes: total(text, 'klimavagt_recorder_write_duration_seconds_count'),
    rowsWritten: total(text, 'klimavagt_recorder_rows_written_total'),
    batchMessages: total(text, 'klimavagt_recorder_batch_size_messages_sum'),
    batches: total(text, 'klimavagt_recorder_batch_size_messages_count'),
  };
}

export function since(before: RecorderCounters, after: RecorderCounters): RecorderCounters {
  return {
    writeSeconds: after.writeSeconds - before.writeSeconds,
    writes: after.writes - before.writes,
    rowsWritten: after.rowsWritten - before.rowsWritten,
    batchMessages: after.batchMessages - before.batchMessages,
    batches: after.batches - before.batches,
  };
}
