import { useState } from 'react';
import type { IndexItem } from '../../shared/api/index.js';
import { filterItems } from '../lib/tree-nodes.js';
import { Dialog } from './ui.js';

/** Chooses one index item of the year, by typing part of its code or title. */
export function ItemPicker({
  items,
  exclude = [],
  title = '选择测评项目',
  onPick,
  onClose,
}: {
  items: readonly IndexItem[];
  exclude?: readonly string[];
  title?: string;
  onPick: (item: IndexItem) => void;
  onClose: () => void;
}) {
  const [text, setText] = useState('');
  const shown = filterItems(items, text).filter((i) => !exclude.includes(i.code));
  return (
    <Dialog title={title} onClose={onClose}>
      <input
        type="search"
        className="picker-filter"
        placeholder="输入编号或名称查找，如 1.2 或 志愿"
        value={text}
        onChange={(e) => setText(e.target.value)}
        aria-label="查找测评项目"
      />
      <ul className="picker-list" role="listbox" aria-label="测评项目">
        {shown.map((item) => (
          <li key={item.code}>
            <button className={`picker-item level-${Math.min(item.level, 4)}`} onClick={() => onPick(item)} role="option" aria-selected={false}>
              <span className="code">{item.code}</span> {item.title}
            </button>
          </li>
        ))}
        {shown.length === 0 && <li className="muted">没有找到</li>}
      </ul>
    </Dialog>
  );
}
