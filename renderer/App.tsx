import { Toasts } from './components/Toasts.js';
import { useApp } from './state/app-context.js';
import { FilingProvider } from './screens/filing/Filing.js';
import { IndexSetup } from './screens/IndexSetup.js';
import { MainWindow } from './screens/MainWindow.js';
import { Welcome } from './screens/Welcome.js';

/** No archive: the welcome screen. A new archive without a year: choose its index. Otherwise the main window. */
export function App() {
  const { archive } = useApp();
  return (
    <>
      {!archive ? (
        <Welcome />
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
