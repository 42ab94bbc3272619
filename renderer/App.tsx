import { Toasts } from './components/Toasts.js';
import { useApp } from './state/app-context.js';
import { FilingProvider } from './screens/filing/Filing.js';
import { IndexSetup } from './screens/IndexSetup.js';
import { InspectorWindow } from './screens/inspect/InspectorWindow.js';
import { MainWindow } from './screens/MainWindow.js';
import { Welcome } from './screens/Welcome.js';

/** No archive: the welcome screen. 查阅模式: the read-only window. A new archive without a year: choose its index. Otherwise the main window. */
export function App() {
  const { archive, state } = useApp();
  return (
    <>
      {!archive ? (
        <Welcome />
      ) : state.inspectMode ? (
        <InspectorWindow />
      ) : archive.years.length === 0 ? (
        <IndexSetup />
      ) : (
        <FilingProvider>
          <MainWindow />
        </FilingProvider>
      )}
      <Toasts />
    </>
  );
}
