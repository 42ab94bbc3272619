import type { DomainHandlers } from '../handler-types.js';
import { attendanceOffer, cancelOcr, confirmAttendance, correctOcr, ocrStatus, recordOcrText, requestOcr, runOcrNow, setOcrSwitch } from './ocr.js';

export const ocrHandlers: DomainHandlers<
  'ocr.status' | 'ocr.run' | 'ocr.request' | 'ocr.cancel' | 'ocr.setEnabled' | 'ocr.text' | 'ocr.correct' | 'ocr.attendance' | 'ocr.confirmAttendance'
> = (archive) => ({
  'ocr.status': () => ocrStatus(archive),
  'ocr.run': (args, ctx) => runOcrNow(archive, args, ctx),
  'ocr.request': (args) => requestOcr(archive, args.recordIds),
  'ocr.cancel': (args) => cancelOcr(archive, args),
  'ocr.setEnabled': (args) => setOcrSwitch(archive, args.enabled),
  'ocr.text': (args) => recordOcrText(archive, args.recordId),
  'ocr.correct': (args) => correctOcr(archive, args),
  'ocr.attendance': (args) => attendanceOffer(archive, args.recordId),
  'ocr.confirmAttendance': (args) => confirmAttendance(archive, args.recordId, args.count),
});
