import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { CallSession } from '../../../../shared/ipc/channels/recording';
import { ReviewScreen } from '../../../../renderer/features/review/review-screen';
import { QA, installReviewHost, stubObjectUrls } from './fixtures';

/** QA opens `session` from the replay list, by keyboard, on the replay screen. */
export async function openForReplay(session: CallSession): Promise<void> {
  installReviewHost({ session });
  stubObjectUrls();
  const user = userEvent.setup();
  render(<ReviewScreen user={QA} exit={{ label: '退出登录', run: () => undefined }} escapeExits={false} />);
  await screen.findByRole('option', { name: /P2026000123/ });
  await user.keyboard('{ArrowDown}{ArrowDown}{Enter}');
}

/** QA opens `session` for replay; the texts of the player's list named `name` (holds, coaching …). */
export async function replayListTexts(session: CallSession, name: string): Promise<(string | null)[]> {
  await openForReplay(session);
  return within(await screen.findByRole('list', { name }))
    .getAllByRole('listitem')
    .map((li) => li.textContent);
}
