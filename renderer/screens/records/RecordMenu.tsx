import { useRef, useState } from 'react';
import type { IndexItem } from '../../../shared/api/index.js';
import { ContextMenu, type MenuEntry, type MenuPoint } from '../../components/ContextMenu.js';
import { FormDialog } from '../../components/FormDialog.js';
import { ItemPicker } from '../../components/ItemPicker.js';
import { Field } from '../../components/ui.js';
import type { FileLocation } from '../../../shared/api/records.js';
import { useApp } from '../../state/app-context.js';
import { FileLocations } from './FileLocations.js';
import { useDeleteRecords } from './use-delete.js';

/** What the records screen does with a selection, offered by the right-click menu and the keys. */
export interface RecordActions {
  items: readonly IndexItem[];
  /** Refiles the records under one item, as a drag onto the tree does. */
  onFile: (ids: number[], code: string) => void;
  onBulkEdit: (ids: number[]) => void;
  /** The batch rename dialog for several records; without it 重命名 renames one record at a time. */
  onBatchRename?: (ids: number[]) => void;
}

type Step = 'menu' | 'file' | 'activity' | 'where';

/**
 * The right-click menu of the record list and grid, and the small dialogs it opens (item picker, activity prompt).
 * `onRename` renames one record in place; several go to the batch rename when the screen offers one.
 */
export function RecordMenu({
  ids,
  at,
  actions,
  activities,
  onRename,
  onClose,
}: {
  ids: number[];
  at: MenuPoint;
  actions: RecordActions;
  /** The activity names already used, offered while typing. */
  activities: readonly string[];
  onRename: (id: number) => void;
  onClose: () => void;
}) {
  const { client, notify, fail } = useApp();
  const deleteRecords = useDeleteRecords();
  const [step, setStep] = useState<Step>('menu');
  const [located, setLocated] = useState<{ title: string; files: FileLocation[] } | null>(null);
  const several = ids.length > 1;
  const { onBatchRename } = actions;

  // An entry that opens a dialog names the next step; the menu closing then leads there instead of ending.
  const next = useRef<Step | null>(null);
  // The desktop shell selects the file in the file manager; where it cannot (the browser, a file gone from disk),
  // the window says where the files are.
  const reveal = async (id: number) => {
    next.current = 'where';
    try {
      const [{ shown, files }, record] = await Promise.all([client['app.showRecordFile']({ id }), client['records.get']({ id })]);
      const first = files.find((f) => f.present);
      if (shown && first) {
        notify(`已在文件夹中选中「${first.name}」的查看副本：改动副本不会改变档案里的资料`);
        onClose();
      } else if (files.length === 0) {
        notify('这件资料没有文件');
        onClose();
      } else setLocated({ title: record.title, files });
    } catch (err) {
      fail(err);
      onClose();
    }
  };
  const entries: MenuEntry[] = [
    { label: '归入项目…', run: () => (next.current = 'file'), hint: '移到另一个测评项目下（与拖到左边的测评项目上相同）' },
    { label: '批量修改…', run: () => actions.onBulkEdit(ids) },
    { label: '设为活动…', run: () => (next.current = 'activity') },
    several
      ? {
          label: '批量重命名…',
          shortcut: 'F2',
          run: () => onBatchRename?.(ids),
          disabled: !onBatchRename,
          ...(onBatchRename ? {} : { hint: '请一次选一件改名' }),
        }
      : { label: '重命名', shortcut: 'F2', run: () => onRename(ids[0] as number) },
    { label: '移到回收站', shortcut: 'Delete', run: () => deleteRecords(ids), danger: true },
    {
      label: '在文件夹中显示',
      run: () => void reveal(ids[0] as number),
      disabled: several,
      hint: several ? '请一次选一件' : '找到这件资料的原始文件',
    },
  ];
  const what = several ? ` ${ids.length} 件资料` : '这件资料';
  if (step === 'menu') {
    return (
      <ContextMenu
        at={at}
        label={`对${what}的操作`}
        entries={entries}
        onClose={() => {
          if (next.current) setStep(next.current);
          else onClose();
        }}
      />
    );
  }
  if (step === 'file') {
    return (
      <ItemPicker
        items={actions.items}
        title={`把${what}归入测评项目`}
        onClose={onClose}
        onPick={(item) => {
          onClose();
          actions.onFile(ids, item.code);
        }}
      />
    );
  }
  if (step === 'where') return located ? <FileLocations title={located.title} files={located.files} onClose={onClose} /> : null;
  return <ActivityPrompt ids={ids} activities={activities} onClose={onClose} />;
}

/** Sets one activity on every selected record: the photos, plan and sign-in sheet of one event belong together. */
function ActivityPrompt({ ids, activities, onClose }: { ids: number[]; activities: readonly string[]; onClose: () => void }) {
  const { client, notify, fail } = useApp();
  const [name, setName] = useState('');
  const apply = async () => {
    const activity = name.trim();
    const r = await client['records.bulkUpdate']({ ids, activity });
    notify(`已把 ${r.updated} 件资料设为活动「${activity}」`, { label: '撤销', run: () => void client['records.undo']({}).catch(fail) });
    onClose();
  };
  return (
    <FormDialog title={`设为活动（${ids.length} 件）`} onClose={onClose} disabled={!name.trim()} submit={{ label: '设为此活动', run: apply }}>
      <Field label="活动名称" wide hint="可以选已有的活动，也可以输入新的">
        <input
          name="activityName"
          list="record-menu-activities"
          value={name}
          maxLength={200}
          placeholder="如 学雷锋志愿服务活动"
          onChange={(e) => setName(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && name.trim()) void apply().catch(fail);
          }}
        />
      </Field>
      <datalist id="record-menu-activities">
        {activities.map((a) => (
          <option key={a} value={a} />
        ))}
      </datalist>
    </FormDialog>
  );
}
