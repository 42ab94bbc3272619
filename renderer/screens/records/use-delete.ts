import { useCallback } from 'react';
import { useApp } from '../../state/app-context.js';

/** Moves records to the trash, with an immediate way back: nothing is lost by one key. */
export function useDeleteRecords() {
  const { client, go, notify, fail } = useApp();
  return useCallback(
    (ids: number[]) => {
      if (ids.length === 0) return;
      client['records.delete']({ ids })
        .then((r) => {
          go({ records: [] });
          notify(`已把 ${r.deleted} 件资料移到回收站`, {
            label: '恢复',
            run: () => void client['records.restore']({ ids }).catch(fail),
          });
        })
        .catch(fail);
    },
    [client, go, notify, fail],
  );
}
