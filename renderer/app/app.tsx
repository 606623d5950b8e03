import { messages } from '../i18n/zh-cn';
import { SignInScreen } from '../features/sign-in/sign-in-screen';
import { HostStatus } from './host-status';

/** Root of the workstation UI. */
export function App() {
  return (
    <div className="app-shell">
      <header className="app-header">
        <h1>{messages.productName}</h1>
      </header>
      <main className="app-main">
        <SignInScreen />
      </main>
      <HostStatus />
    </div>
  );
}
