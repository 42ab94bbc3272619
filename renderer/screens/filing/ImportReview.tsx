import { useState } from 'react';
import type { IndexItem } from '../../../shared/api/index.js';
import type { FolderPlan } from '../../../shared/api/records.js';
import { chinese } from '../../../shared/errors.js';
import { ItemPicker } from '../../components/ItemPicker.js';
import { Dialog } from '../../components/ui.js';
import { baseName } from '../../lib/format.js';
import { useApp } from '../../state/app-context.js';
import { useData } from '../../state/use-data.js';
import { otherYearNotes } from './other-years.js';

/**
 * What a folder import will do, file by file, before anything is written. Files whose item the folder names do not
 * tell can go to one item the clerk chooses here (the plan is made again with it), or wait in 待归类.
 */
export function ImportReview({
  plan,
  defaultItem,
  onDefaultItem,
  onConfirm,
  onCancel,
}: {
  plan: FolderPlan;
  defaultItem: IndexItem | null;
  onDefaultItem: (item: IndexItem | null) => void;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  const { client, year } = useApp();
  const items = useData(() => client['index.list']({ year }), [year]);
  const [picking, setPicking] = useState(false);
  const placed = plan.entries.length - plan.inbox;
  return (
    <Dialog
      title="导入前请核对"
      wide
      onClose={onCancel}
      footer={
        <>
          <button onClick={onCancel}>取消</button>
          <button className="primary" onClick={onConfirm} disabled={plan.entries.length === 0}>
            确认导入 {plan.entries.length} 个文件
          </button>
        </>
      }
    >
      <p className="lead">
        共 {plan.entries.length} 个文件：<strong className="text-ok">{placed} 个能自动归入测评项目</strong>
        {plan.inbox > 0 && (
          <>
            ，<strong className="text-missing">{plan.inbox} 个无法确定测评项目，先放入“待归类”</strong>（以后再归入具体项目）
          </>
        )}
        。
      </p>
      {otherYearNotes(plan.entries, year, '放入').map((text) => (
        <p key={text} className="note note-warn other-year">
          {text}
        </p>
      ))}
      <p className="default-item">
        无法确定项目的文件：
        {defaultItem ? (
          <>
            都归入 <span className="code">{defaultItem.code}</span> {defaultItem.title}{' '}
            <button className="link" onClick={() => onDefaultItem(null)}>
              改回放入“待归类”
            </button>
          </>
        ) : (
          <>
            放入“待归类”{' '}
            <button className="link" onClick={() => setPicking(true)}>
              或全部归入一个项目…
            </button>
          </>
        )}
      </p>
      {picking && (
        <ItemPicker
          items={items.data ?? []}
          title="无法确定项目的文件都归入"
          onClose={() => setPicking(false)}
          onPick={(item) => {
            setPicking(false);
            onDefaultItem(item);
          }}
        />
      )}
      <div className="table-wrap review-table">
        <table className="table">
          <thead>
            <tr>
              <th>文件</th>
              <th>年度</th>
              <th>归入项目</th>
              <th>活动</th>
              <th>日期</th>
              <th>类型</th>
              <th>说明</th>
            </tr>
          </thead>
          <tbody>
            {plan.entries.map((e) => (
              <tr key={e.file} className={e.problem ? 'row-problem' : ''}>
                <td title={e.file}>{baseName(e.file)}</td>
                <td>{e.year ?? '—'}</td>
                <td>{e.items.length > 0 ? e.items.join('、') : '—'}</td>
                <td>{e.activity ?? '—'}</td>
                <td>{e.date ?? '—'}</td>
                <td>{e.type}</td>
                <td className={e.inbox ? 'text-missing' : 'text-ok'}>{e.problem ? chinese(e.problem) : '可以归档'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {plan.skipped.length > 0 && (
        <details className="note note-warn skipped-list" open>
          <summary>另有 {plan.skipped.length} 项不导入（快捷方式、系统文件等），原因如下：</summary>
          <ul>
            {plan.skipped.map((s) => (
              <li key={s.path}>
                <span className="skipped-path">{s.path}</span>：{chinese(s.reason)}
              </li>
            ))}
          </ul>
        </details>
      )}
    </Dialog>
  );
}
