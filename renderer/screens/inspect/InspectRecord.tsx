import type { PrintedPlace } from '../../../shared/api/binder.js';
import type { StoredFile } from '../../../shared/api/records.js';
import { CAPTION_FIELDS, CAPTION_LABELS, displayTitle, effectiveCaption } from '../../../shared/domain/record.js';
import { ErrorNote } from '../../components/ui.js';
import { useApp } from '../../state/app-context.js';
import { useData } from '../../state/use-data.js';
import { FilePreview } from '../records/FilePreview.js';

/** "第 3–5 页", "第 3 页". */
function pageSpan(first: number, pages: number): string {
  return pages > 1 ? `第 ${first}–${first + pages - 1} 页` : `第 ${first} 页`;
}

function placeText(place: PrintedPlace): string {
  const volume = place.volumeNo !== null ? `第 ${place.volumeNo} 卷` : '草稿卷';
  return place.pages > 0 ? `${volume} ${pageSpan(place.firstPageNo, place.pages)}` : `${volume}（不编页号）`;
}

/**
 * One 件 for an inspector, opened at its printed pages: where it sits in the binder (卷号 and 页号, as the 卷内目录
 * lists them), its identity and caption, then every file large, each under the 页号 it prints at.
 */
export function InspectRecord({ id }: { id: number }) {
  const { client, year } = useApp();
  const record = useData(() => client['records.get']({ id }), [id]);
  const printed = useData(() => client['binder.pages']({ year, id }), [year, id]);
  const places = printed.data ?? [];
  const r = record.data;
  if (record.error) return <ErrorNote text={record.error} />;
  if (!r || r.id !== id) return <p className="muted">正在打开…</p>;
  const caption = effectiveCaption(r.caption, r.inheritedCaption);
  const captionLines = CAPTION_FIELDS.filter((f) => caption[f]);
  return (
    <article className="inspect-record" aria-label={`资料：${r.title}`}>
      <h2>{displayTitle(r.title, r.titleSupplied)}</h2>
      <p className="inspect-printed" aria-label="案卷页号">
        {places.length > 0 ? `印在案卷：${places.map(placeText).join('；')}` : printed.data ? '本件不在本年度案卷中（还没有归入测评项目）' : ''}
        {places.some((p) => p.estimated) && <span className="muted">（卷内有 Word/Excel 文件，页号以导出时的实际页数为准）</span>}
      </p>
      <dl className="inspect-facts">
        <dt>档号</dt>
        <dd className="code">{r.identity?.archivalCode ?? '未归档'}</dd>
        {r.identity && (
          <>
            <dt>件号</dt>
            <dd>{r.identity.piece}</dd>
            <dt>所在卷</dt>
            <dd>第 {r.identity.volumeNo} 卷</dd>
          </>
        )}
        <dt>类型</dt>
        <dd>{r.type}</dd>
        {r.date && (
          <>
            <dt>日期</dt>
            <dd>{r.date}</dd>
          </>
        )}
        {r.docNo && (
          <>
            <dt>文号</dt>
            <dd>{r.docNo}</dd>
          </>
        )}
        {r.author && (
          <>
            <dt>责任者</dt>
            <dd>{r.author}</dd>
          </>
        )}
        <dt>测评项目</dt>
        <dd>{r.items.map((i) => i.path).join('；') || '待归类'}</dd>
      </dl>
      {captionLines.length > 0 && (
        <p className="inspect-caption">{captionLines.map((f) => `${CAPTION_LABELS[f]}：${caption[f]}`).join('　')}</p>
      )}
      <div className="inspect-pages">
        {r.fileList.map((file) => (
          <figure key={file.id} className="inspect-page">
            <figcaption className="inspect-page-no">{filePlace(places, file)}</figcaption>
            {file.kind === 'pdf' ? <PdfPages file={file} /> : <FilePreview file={file} />}
            <figcaption>{file.name}</figcaption>
          </figure>
        ))}
        {r.fileList.length === 0 && <p className="muted">本件没有电子文件，请查阅纸质档案。</p>}
      </div>
    </article>
  );
}

/** The 页号 a file prints at, in each volume the 件 is in. */
function filePlace(places: readonly PrintedPlace[], file: StoredFile): string {
  return places
    .map((p) => p.files.find((f) => f.sha256 === file.sha256))
    .map((f) => (f ? (f.pages > 0 ? pageSpan(f.firstPageNo, f.pages) : '不编页号') : ''))
    .filter(Boolean)
    .join('；');
}

/**
 * A PDF in the built-in viewer, every page at the window's width, as it is printed. Without the viewer's toolbar: it
 * would show the preview address's last word ("file") as the document's name, in English.
 */
function PdfPages({ file }: { file: StoredFile }) {
  const { transport } = useApp();
  return <iframe className="inspect-pdf" title={`查看 ${file.name}`} src={`${transport.previewUrl(file.sha256, 'file')}#toolbar=0&navpanes=0&view=FitH`} />;
}
