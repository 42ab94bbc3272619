import { useEffect, useState } from 'react';
import type { RecordDetail } from '../../../shared/api/records.js';
import { CAPTION_FIELDS, CAPTION_LABELS, type Caption, type CaptionField } from '../../../shared/domain/record.js';
import type { Client } from '../../api/client.js';
import { FormDialog } from '../../components/FormDialog.js';
import { Field } from '../../components/ui.js';
import { captionPrefill, type CaptionPrefill } from '../../lib/caption-prefill.js';
import { useApp } from '../../state/app-context.js';

/** Details read at once while the dialog opens: enough to be quick, few enough to leave the archive service free. */
const PARALLEL_READS = 8;

async function readDetails(client: Client, ids: readonly number[]): Promise<RecordDetail[]> {
  const out: RecordDetail[] = [];
  for (let i = 0; i < ids.length; i += PARALLEL_READS) {
    out.push(...(await Promise.all(ids.slice(i, i + PARALLEL_READS).map((id) => client['records.get']({ id })))));
  }
  return out;
}

const WIDE: readonly CaptionField[] = ['subject', 'people', 'background'];

/**
 * One 照片说明 for many photos (事由, 时间, 地点, 人物, 背景, 摄影者). A field left blank keeps each photo's own value;
 * 时间 and 摄影者 start with what the photos themselves say when they all say the same.
 */
export function CaptionBatch({ ids, onClose }: { ids: number[]; onClose: () => void }) {
  const { client, notify, fail } = useApp();
  const [caption, setCaption] = useState<Record<CaptionField, string>>(() => Object.fromEntries(CAPTION_FIELDS.map((f) => [f, ''])) as Record<CaptionField, string>);
  const [prefill, setPrefill] = useState<CaptionPrefill | null>(null);

  useEffect(() => {
    let current = true;
    readDetails(client, ids)
      .then((details) => {
        if (!current) return;
        const offered = captionPrefill(details);
        setPrefill(offered);
        // Only into fields still empty: the clerk may have started typing while the photos were read.
        setCaption((c) => ({ ...c, time: c.time || offered.time, photographer: c.photographer || offered.photographer }));
      })
      .catch(() => current && setPrefill({ time: '', timeIsDayOnly: false, photographer: '' }));
    return () => {
      current = false;
    };
  }, [client, ids]);

  const filled: Caption = Object.fromEntries(CAPTION_FIELDS.filter((f) => caption[f].trim()).map((f) => [f, caption[f].trim()]));
  const nothing = Object.keys(filled).length === 0;

  const apply = async () => {
    const r = await client['records.bulkUpdate']({ ids, caption: filled });
    notify(`已给 ${r.updated} 张照片填写说明`, { label: '撤销', run: () => void client['records.undo']({}).catch(fail) });
    onClose();
  };

  const hint = (f: CaptionField): string | undefined => {
    if (!prefill) return f === 'time' || f === 'photographer' ? '正在读取照片的拍摄信息…' : undefined;
    if (f === 'time' && prefill.time && caption.time === prefill.time) {
      return prefill.timeIsDayOnly ? '取自照片的拍摄日期（各张时刻不同；清空此栏则保留各自的时间）' : '取自照片的拍摄时间';
    }
    if (f === 'photographer' && prefill.photographer && caption.photographer === prefill.photographer) return '取自照片里记录的作者';
    return undefined;
  };

  return (
    <FormDialog title={`批量填写 ${ids.length} 张照片的说明`} onClose={onClose} disabled={nothing} submit={{ label: `应用到 ${ids.length} 张`, run: apply }}>
      <div className="caption-batch">
        <p className="muted">填写的项目会写入每一张所选照片；空着的项目保持每张照片原来的内容。</p>
        <div className="grid-2">
          {CAPTION_FIELDS.map((f) => (
            <Field key={f} label={CAPTION_LABELS[f]} wide={WIDE.includes(f)} hint={hint(f)}>
              <input
                name={`batch-caption-${f}`}
                value={caption[f]}
                placeholder="（不改）"
                onChange={(e) => setCaption({ ...caption, [f]: e.target.value })}
              />
            </Field>
          ))}
        </div>
      </div>
    </FormDialog>
  );
}
