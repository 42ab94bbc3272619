import { CAPTION_FIELDS, CAPTION_LABELS, displayTitle, effectiveCaption } from '../../../shared/domain/record.js';
import { ErrorNote } from '../../components/ui.js';
import { useApp } from '../../state/app-context.js';
import { useData } from '../../state/use-data.js';
import { FilePreview } from '../records/FilePreview.js';

/** One 件 for an inspector: its identity and caption, then every file large, one under the other. */
export function InspectRecord({ id }: { id: number }) {
  const { client } = useApp();
  const record = useData(() => client['records.get']({ id }), [id]);
  const r = record.data;
  if (record.error) return <ErrorNote text={record.error} />;
  if (!r || r.id !== id) return <p className="muted">正在打开…</p>;
  const caption = effectiveCaption(r.caption, r.inheritedCaption);
  const captionLines = CAPTION_FIELDS.filter((f) => caption[f]);
  return (
    <article className="inspect-record" aria-label={`资料：${r.title}`}>
      <h2>{displayTitle(r.title, r.titleSupplied)}</h2>
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
            <FilePreview file={file} />
            <figcaption>{file.name}</figcaption>
          </figure>
        ))}
        {r.fileList.length === 0 && <p className="muted">本件没有电子文件，请查阅纸质档案。</p>}
      </div>
    </article>
  );
}
