import { useEffect, useRef, useState } from 'react';
import { Icon, Seal } from '../components/ui.js';
import { isEditable, overlayOpen } from '../lib/keys.js';
import { useApp, type Screen } from '../state/app-context.js';
import { ActivitiesScreen } from './ActivitiesScreen.js';
import { ChecklistReturnDialog } from './ChecklistReturnDialog.js';
import { SubmitDialog } from './package/SubmitDialog.js';
import { ExportDialog } from './ExportDialog.js';
import { useFiling } from './filing/Filing.js';
import { IndexScreen } from './IndexScreen.js';
import { LedgerScreen } from './LedgerScreen.js';
import { RecordsScreen } from './records/RecordsScreen.js';
import { useDeleteRecords } from './records/use-delete.js';
import { SearchBox } from './search/SearchBox.js';
import { OcrProgress } from './ocr/OcrProgress.js';
import { SettingsScreen } from './SettingsScreen.js';
import { YearsScreen } from './YearsScreen.js';
import { YearOptions } from '../components/YearOptions.js';

const TABS: { screen: Screen; label: string }[] = [
  { screen: 'records', label: '资料' },
  { screen: 'activities', label: '活动' },
  { screen: 'ledger', label: '整改台账' },
  { screen: 'index', label: '测评体系' },
  { screen: 'years', label: '年度结转' },
  { screen: 'settings', label: '设置' },
];

export function MainWindow() {
  const { client, archive, year, setYear, nav, go, exportDialog, openExport, notify, fail } = useApp();
  const [returning, setReturning] = useState(false);
  const [submitting, setSubmitting] = useState(false);
  const search = useRef<HTMLInputElement>(null);
  const deleteRecords = useDeleteRecords();
  const filing = useFiling();

  const undo = () =>
    client['records.undo']({})
      .then((r) => {
        notify(r.undone ? `已撤销：${r.undone}` : '没有可以撤销的修改');
      })
      .catch(fail);

  // Keyboard: Ctrl/⌘+F finds, Delete moves the selection to the trash, Ctrl/⌘+Z undoes the last edit.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const mod = e.ctrlKey || e.metaKey;
      if (mod && e.key.toLowerCase() === 'f') {
        e.preventDefault();
        search.current?.focus();
        search.current?.select();
      } else if (overlayOpen()) {
        return;
      } else if (e.key === 'Delete' && !isEditable(e.target) && nav.screen === 'records' && nav.records.length > 0) {
        e.preventDefault();
        deleteRecords(nav.records);
      } else if (mod && !e.shiftKey && e.key.toLowerCase() === 'z' && !isEditable(e.target)) {
        e.preventDefault();
        void undo();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  });

  const { transport, refresh } = useApp();
  const enterInspectMode = () => void client['app.setInspectMode']({ on: true }).catch(fail);
  useEffect(
    () =>
      transport.onMenu((command) => {
        if (command === 'find') search.current?.focus();
        else if (command === 'export-binder') openExport('binder');
        else if (command === 'export-checklist') openExport('checklist');
        else if (command === 'add-files') filing.addFiles(nav.item);
        else if (command === 'import-folder') filing.importFolder();
        else if (command === 'undo') void undo();
        else if (command === 'settings') go({ screen: 'settings' });
        else if (command === 'inspect-mode') enterInspectMode();
        else if (command === 'close-archive' || command === 'new-archive' || command === 'open-archive') {
          void client['app.close']({}).then(refresh).catch(fail);
        }
      }),
  );

  const years = archive?.years ?? [];
  return (
    <div className="main-window">
      <header className="topbar">
        <Seal small />
        <div className="unit">
          <div className="unit-name">{archive?.unit.name || '（未填单位名称）'}</div>
          <div className="unit-path" title={archive?.path}>
            {archive?.path}
          </div>
        </div>
        <label className="year-switch">
          <span>年度</span>
          <select value={year} onChange={(e) => setYear(Number(e.target.value))} aria-label="年度">
            <YearOptions years={years} />
          </select>
        </label>
        <SearchBox ref={search} />
        <div className="topbar-actions">
          <OcrProgress />
          <button className="export-button" onClick={() => openExport('binder')}>
            <Icon name="book" /> 导出案卷
          </button>
          <button className="export-button" onClick={() => openExport('checklist')}>
            <Icon name="sheet" /> 导出自查表
          </button>
          <button className="export-button" onClick={() => setReturning(true)}>
            <Icon name="sheet" /> 读回自查表
          </button>
          <button className="export-button" onClick={() => setSubmitting(true)} title="生成本年度的上报包，保存为文件或发送到街道、区的汇总平台">
            <Icon name="upload" /> 上报
          </button>
          <button className="export-button" onClick={enterInspectMode} title="给检查组查看：只能浏览和搜索，不能修改">
            查阅模式
          </button>
        </div>
      </header>
      <nav className="tabs" aria-label="功能">
        {TABS.map((t) => (
          <button key={t.screen} className={nav.screen === t.screen ? 'on' : ''} aria-current={nav.screen === t.screen ? 'page' : undefined} onClick={() => go({ screen: t.screen })}>
            {t.label}
          </button>
        ))}
        <span className="spacer" />
        <span className="tabs-hint">拖入文件即可归档 · Delete 移到回收站 · Ctrl+Z 撤销</span>
      </nav>
      <main className="screen">
        {nav.screen === 'records' && <RecordsScreen />}
        {nav.screen === 'activities' && <ActivitiesScreen />}
        {nav.screen === 'ledger' && <LedgerScreen />}
        {nav.screen === 'index' && <IndexScreen />}
        {nav.screen === 'years' && <YearsScreen />}
        {nav.screen === 'settings' && <SettingsScreen />}
      </main>
      {exportDialog && <ExportDialog kind={exportDialog} onClose={() => openExport(null)} />}
      {returning && <ChecklistReturnDialog onClose={() => setReturning(false)} />}
      {submitting && <SubmitDialog year={year} onClose={() => setSubmitting(false)} />}
    </div>
  );
}
