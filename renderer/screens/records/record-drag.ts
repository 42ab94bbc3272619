import type { DragEvent } from 'react';

/** Records dragged inside the window (onto a tree item to file them), told apart from files dragged in from outside. */
const RECORDS_TYPE = 'application/x-taizhang-records';

export function startRecordDrag(e: DragEvent, ids: readonly number[]): void {
  e.dataTransfer.setData(RECORDS_TYPE, JSON.stringify(ids));
  e.dataTransfer.setData('text/plain', `${ids.length} 件资料`);
  e.dataTransfer.effectAllowed = 'move';
}

/** During dragover only the types can be read, not the data. */
export function carriesRecords(dataTransfer: DataTransfer | null): boolean {
  return !!dataTransfer && Array.from(dataTransfer.types).includes(RECORDS_TYPE);
}

export function droppedRecords(dataTransfer: DataTransfer): number[] {
  try {
    const ids: unknown = JSON.parse(dataTransfer.getData(RECORDS_TYPE));
    return Array.isArray(ids) ? ids.filter((id): id is number => Number.isInteger(id) && id > 0) : [];
  } catch {
    return [];
  }
}
