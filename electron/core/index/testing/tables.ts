/** Real .xlsx index tables for tests, written with exceljs the way cities' files look. */
import ExcelJS from 'exceljs';

export type CellInput = ExcelJS.CellValue;

export interface SheetSpec {
  name?: string;
  rows: CellInput[][];
  /** Ranges such as "A3:A5". */
  merges?: string[];
  state?: 'visible' | 'hidden';
}

export async function writeTable(file: string, sheets: SheetSpec[]): Promise<string> {
  const workbook = new ExcelJS.Workbook();
  sheets.forEach((spec, i) => {
    const sheet = workbook.addWorksheet(spec.name ?? `Sheet${i + 1}`, { state: spec.state ?? 'visible' });
    spec.rows.forEach((row, r) => {
      row.forEach((value, c) => {
        if (value !== null && value !== undefined && value !== '') sheet.getCell(r + 1, c + 1).value = value;
      });
    });
    for (const range of spec.merges ?? []) sheet.mergeCells(range);
  });
  await workbook.xlsx.writeFile(file);
  return file;
}

/**
 * A 见证材料收集分解表 as a city sends it: a title row merged across the top, a header, 测评项目 and 测评内容 merged
 * down over their rows, and a note merged across the bottom.
 */
export const CITY_TABLE: SheetSpec = {
  name: '测评细则',
  rows: [
    ['XX市2024年社区文明创建测评细则', '', '', '', '', ''],
    ['测评项目', '测评内容', '测评标准', '测评方法', '具体要求', '责任单位'],
    ['一、思想道德建设', '（一）志愿服务', '1.志愿服务站规范运行', '材料审核、实地考察', '有志愿者名册和服务记录台账；照片不少于5张', '社区志愿服务站'],
    ['', '', '2.学雷锋志愿服务活动', '材料审核', '每年不少于4次活动，有方案、签到表、照片、总结', '社区居委会'],
    ['', '（二）道德讲堂', '1.道德讲堂', '材料审核', '每季度开展1次活动', '社区党委'],
    ['二、未成年人思想道德建设', '（一）未成年人活动室', '1.少儿图书室', '实地考察', '有图书借阅登记台账', '社区居委会'],
    ['', '', '2.心理健康咨询室', '实地考察、材料审核', '有咨询记录', '社区居委会'],
    ['注：1. 本表为测评参考，以市文明办最新文件为准。2. 材料按年度整理。', '', '', '', '', ''],
  ],
  merges: ['A1:F1', 'A3:A5', 'B3:B4', 'A6:A7', 'B6:B7', 'A8:F8'],
};
