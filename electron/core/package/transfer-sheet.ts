import { formatDate, localIsoDate } from '../../../shared/text/dates.js';
import { drawNotesForm } from '../binder/pages/notes-sheet.js';
import { fontsFor, writeTo } from '../binder/print-set.js';
import { VolumeDocument } from '../binder/volume-document.js';

export interface TransferFacts {
  unit: string;
  fonds: string;
  year: number;
  records: number;
  files: number;
  archived: number;
  documents: number;
  contentHash: string;
  filer: string;
}

/**
 * 移交登记表: one A4 sheet that goes with the 上报包 on paper. It names the unit, the year and the counts, prints the
 * package's content hash (so the receiver can check the file is the one signed for), the date, and lines for 移交人
 * and 接收人 to sign.
 */
export async function writeTransferSheet(out: string, facts: TransferFacts): Promise<number> {
  const today = localIsoDate();
  const hash = facts.contentHash;
  const lines = [
    `移交单位：${facts.unit || '（未填写单位名称）'}${facts.fonds ? `（全宗号 ${facts.fonds}）` : ''}`,
    `年度：${facts.year} 年度创建文明城市软件资料上报包。`,
    `共 ${facts.records} 件（其中已归档 ${facts.archived} 件），文件 ${facts.files} 个，随附案卷、自查表、归档文件目录等文档 ${facts.documents} 份。`,
    `上报包校验值（SHA-256）：${hash.slice(0, 32)}`,
    `　　　　　　　　　　　　${hash.slice(32)}`,
    '接收方可用台账的“核对上报包”离线核对；包内任何文件被改动，校验即不通过。',
    `制表日期：${formatDate(today)}`,
  ];
  const fonts = await fontsFor([...lines, facts.filer, '移交登记表', '移交情况', '移交人', '移交日期', '接收人', '接收日期', '签名：']);
  return writeTo(out, '移交登记表', async (file) => {
    const vd = await VolumeDocument.create(file, fonts, {
      title: `${facts.unit}${facts.year}年度上报包移交登记表`, author: facts.unit, subject: '移交登记表',
      keywords: ['台账', '上报包', '移交登记表', String(facts.year)], created: new Date(),
    });
    try {
      drawNotesForm(vd, '移交登记表', '移交情况', lines, [
        { label: '移交人', typed: facts.filer, sign: 'name' },
        { label: '移交日期', typed: '', sign: 'date' },
        { label: '接收人', typed: '', sign: 'name' },
        { label: '接收日期', typed: '', sign: 'date' },
      ]);
      vd.nameDestination('transfer', 0);
      const { pages } = await vd.finish([{ title: '移交登记表', dest: 'transfer', children: [] }]);
      return pages;
    } catch (err) {
      vd.abort();
      throw err;
    }
  });
}
